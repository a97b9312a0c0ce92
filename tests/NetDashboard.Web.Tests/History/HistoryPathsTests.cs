using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.History;

namespace NetDashboard.Web.Tests.History;

/// <summary>Where the history database goes by default, when configured, and where it falls back to.</summary>
public sealed class HistoryPathsTests
{
    private static HistoryPaths Paths(string? dataDirectory = null, string? databasePath = null, TopologySource source = TopologySource.Docker) => new(
        Options.Create(new NetDashboardOptions { DataDirectory = dataDirectory, Source = source }),
        Options.Create(new HistoryOptions { DatabasePath = databasePath }),
        new HostingEnvironment { ContentRootPath = "/srv/netdashboard" });

    [Fact]
    public void By_default_it_is_history_db_in_a_NetDashboard_folder_of_local_app_data_with_the_content_root_as_fallback()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        var paths = Paths();

        Assert.Equal(Path.Combine(local, "NetDashboard", "history.db"), paths.DatabasePath);
        Assert.Equal([Path.Combine(local, "NetDashboard", "history.db"), "/srv/netdashboard/data/history.db"], paths.DatabasePathCandidates);
        Assert.Equal(Path.Combine(local, "NetDashboard", "history-demo.db"), Paths(source: TopologySource.Demo).DatabasePath);
    }

    [Fact]
    public void A_configured_folder_or_file_is_used_alone_relative_paths_from_the_content_root_and_the_data_folder()
    {
        Assert.Equal(["/data/history.db"], Paths(dataDirectory: "/data").DatabasePathCandidates);
        Assert.Equal("/srv/netdashboard/state/history.db", Paths(dataDirectory: "state").DatabasePath);
        Assert.Equal("/data/sub/h.db", Paths(dataDirectory: "/data", databasePath: "sub/h.db").DatabasePath);
        Assert.Equal(["/var/lib/nd.db"], Paths(databasePath: "/var/lib/nd.db").DatabasePathCandidates);
    }
}
