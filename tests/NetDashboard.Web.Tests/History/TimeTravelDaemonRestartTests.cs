using System.Text.Json;
using System.Text.Json.Nodes;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.History;

/// <summary>
/// A test-owned second dockerd is stopped and started again under the dashboard: <c>?at=</c> gives the document
/// of each moment (connected, not answering with its last topology marked stale, back), and the changes say when the
/// host stopped answering and when it answered again. (The shared daemon is never stopped.)
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class TimeTravelDaemonRestartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nd-timetravel-daemon-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_daemon_restart_is_in_the_timeline_and_each_moment_is_answered_as_it_was_served()
    {
        await using var daemon = await SecondDaemon.StartAsync("ndtt", "10.231.61.1/24");
        var docker = new DockerCli(daemon.Endpoint);
        var id = await docker.RunAsync("survivor", "--restart", "always");
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Hosts:0:Id"] = "second",
            ["NetDashboard:Hosts:0:Endpoint"] = daemon.Endpoint,
            ["NetDashboard:MaxRetrySeconds"] = "1",
            ["NetDashboard:History:DatabasePath"] = Path.Combine(_folder, "history.db"),
        });
        var http = app.CreateClient();
        var recorded = new List<string>();

        await app.WaitForAsync(t => t.FindContainer(id)?.State == "running", TimeSpan.FromSeconds(20), "the survivor running");
        recorded.Add(await http.GetStringAsync("/api/topology"));
        await daemon.StopAsync();
        await app.WaitForAsync(t => t.Hosts.Single().Status == HostStatus.Disconnected, TimeSpan.FromSeconds(20), "the host disconnected");
        recorded.Add(await http.GetStringAsync("/api/topology"));
        await daemon.StartAgainAsync();
        await app.WaitForAsync(t => t.Hosts.Single().Status == HostStatus.Connected && t.FindContainer(id)?.State == "running", TimeSpan.FromSeconds(30), "back");
        recorded.Add(await http.GetStringAsync("/api/topology"));

        var snapshots = recorded.Select(r => TopologyJson.Deserialize<TopologySnapshot>(r)!).ToList();
        Assert.True(snapshots[1].Hosts.Single().Stale);
        foreach (var (json, snapshot) in recorded.Zip(snapshots))
        {
            var then = JsonNode.Parse(await http.GetStringAsync("/api/topology?at=" + Uri.EscapeDataString(snapshot.GeneratedAt.ToString("O"))))!.AsObject();
            then.Remove("at");
            then.Remove("unobserved");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), then), $"revision {snapshot.Revision}:\n{json}\n{then.ToJsonString()}");
        }

        using var changes = JsonDocument.Parse(await http.GetStringAsync(
            $"/api/topology/changes?from={Uri.EscapeDataString(snapshots[0].GeneratedAt.ToString("O"))}&to={Uri.EscapeDataString(snapshots[2].GeneratedAt.ToString("O"))}"));
        var hostChanges = changes.RootElement.GetProperty("changes").EnumerateArray()
            .Where(c => c.GetProperty("kind").GetString() == "host-changed").Select(c => c.GetProperty("summary").GetString()!).ToList();
        Assert.StartsWith("Host second: stopped answering", hostChanges[0]);
        Assert.Equal("Host second: answers again.", hostChanges[^1]);
        await docker.DisposeAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
