using System.Text.Json;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Faults;

/// <summary>
/// A test-owned second dockerd is killed with SIGKILL under the dashboard: its last topology stays in the document,
/// marked stale with when it was last confirmed, and the first answer after its restart replaces it within 5 s.
/// </summary>
[Collection(RealDockerCollection.Name)]
public class StaleTopologyTests
{
    [Fact]
    public async Task A_killed_daemon_keeps_its_topology_marked_stale_and_is_back_within_5_s_of_answering()
    {
        await using var daemon = await SecondDaemon.StartAsync("ndstale", "10.231.38.1/24");
        var docker = new DockerCli(daemon.Endpoint);
        var id = await docker.RunAsync("keeper", "--restart", "always");
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Hosts:0:Id"] = "second",
            ["NetDashboard:Hosts:0:Endpoint"] = daemon.Endpoint,
        });
        var live = await app.WaitForAsync(t => t.FindContainer(id)?.State == "running", TimeSpan.FromSeconds(20), "the keeper running on the second daemon");
        Assert.False(live.Hosts.Single().Stale);
        Assert.Null(live.Hosts.Single().LastSeenAt);
        var networks = live.Networks.Select(n => n.Id).Order().ToList();

        await daemon.KillAsync(); // returns once the process is gone
        var killed = System.Diagnostics.Stopwatch.StartNew();
        var down = await app.WaitForAsync(t => t.Hosts.Single().Status == HostStatus.Disconnected, TimeSpan.FromSeconds(20), "the host disconnected");
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(2), $"reported {killed.Elapsed} after the kill");
        var host = down.Hosts.Single();
        Assert.True(host.Stale);
        Assert.InRange(host.LastSeenAt!.Value, live.GeneratedAt, down.GeneratedAt);
        Assert.Contains(daemon.Endpoint, host.Error);
        Assert.Equal(networks, down.Networks.Select(n => n.Id).Order().ToList());
        Assert.Equal(JsonSerializer.Serialize(live.FindContainer(id), TopologyJson.Options), JsonSerializer.Serialize(down.FindContainer(id), TopologyJson.Options));
        using (var client = app.CreateClient())
        {
            var json = await client.GetStringAsync("/api/topology");
            ContractSchema.AssertValid(json);
            using var doc = JsonDocument.Parse(json);
            var wire = doc.RootElement.GetProperty("hosts")[0];
            Assert.True(wire.GetProperty("stale").GetBoolean());
            Assert.Equal(JsonValueKind.String, wire.GetProperty("lastSeenAt").ValueKind);
            Assert.Contains(doc.RootElement.GetProperty("containers").EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        }

        await daemon.StartAgainAsync(); // returns once the daemon answers
        var back = await app.WaitForAsync(t => t.Hosts.Single().Status == HostStatus.Connected, TimeSpan.FromSeconds(5), "the host connected within 5 s of answering");
        Assert.False(back.Hosts.Single().Stale);
        Assert.Null(back.Hosts.Single().LastSeenAt);
        Assert.Null(back.Hosts.Single().Error);

        // Fresh contents: what the restarted daemon says now.
        var fresh = await app.WaitForAsync(t => t.FindContainer(id)?.State == "running", TimeSpan.FromSeconds(30), "the keeper running again");
        var inspect = await docker.InspectAsync(id);
        Assert.Equal(inspect.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty("bridge").GetProperty("IPAddress").GetString(),
            Assert.Single(fresh.FindContainer(id)!.Endpoints).Ipv4);
        Assert.False(fresh.Hosts.Single().Stale);
        await docker.DisposeAsync();
    }
}
