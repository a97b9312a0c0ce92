using System.Net.Http.Json;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.History.Model;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.History;

/// <summary>
/// The real dockerd, reached through a relay the test cuts and restores three times: the history keeps the
/// container's one row open through every outage (nothing closed, reopened or doubled) and records one dated
/// <c>host-not-answering</c> event per outage, shown by the API and the /history page.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class OutageHistoryTests
{
    [Fact]
    public async Task Each_daemon_outage_is_one_dated_gap_event_and_the_containers_row_stays_the_only_open_one()
    {
        await using var relay = SocketRelay.Start();
        await using var docker = new DockerCli();
        var id = await docker.RunAsync("steady");
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Hosts:0:Id"] = "relayed",
            ["NetDashboard:Hosts:0:Endpoint"] = relay.Endpoint,
        });
        var history = new HistoryClient(app.CreateClient());
        await app.WaitForAsync(t => t.FindContainer(id)?.State == "running", TimeSpan.FromSeconds(30), "the container running");
        await history.WaitForContainerAsync(id, h => h.Assignments.Count == 1, "its address recorded");

        const int outages = 3;
        for (var i = 0; i < outages; i++)
        {
            await relay.RemoveAsync();
            await app.WaitForAsync(t => t.Hosts.Single().Status == HostStatus.Disconnected, TimeSpan.FromSeconds(20), $"outage {i + 1}");
            relay.Restore();
            await app.WaitForAsync(t => t.Hosts.Single().Status == HostStatus.Connected, TimeSpan.FromSeconds(20), $"back after outage {i + 1}");
        }

        List<HistoryEvent>? gaps = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var events = await history.Http.GetFromJsonAsync<List<HistoryEvent>>("/api/history/events?limit=5000&host=relayed", TopologyJson.Options);
            gaps = events!.Where(e => e.Kind == HistoryEventKinds.HostNotAnswering).OrderBy(e => e.Time).ToList();
            return gaps.Count >= outages;
        }, "one gap event per outage", describe: () => TopologyJson.Serialize(gaps));
        Assert.Equal(outages, gaps!.Count);
        Assert.All(gaps, g => Assert.Matches("^relayed did not answer from .* UTC to .* UTC \\(\\d+ (ms|s)\\).*; its addresses stayed recorded", g.Detail));
        Assert.Equal(gaps.Count, gaps.Select(g => g.Time).Distinct().Count());

        var steady = await history.ContainerAsync(id);
        var row = Assert.Single(steady!.Assignments); // never closed and reopened
        Assert.Null(row.To);

        var page = await history.Http.GetStringAsync("/history?host=relayed");
        Assert.Contains("host-not-answering", page);
        Assert.Contains("relayed did not answer from", page);
    }
}
