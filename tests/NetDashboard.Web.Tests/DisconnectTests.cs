using NetDashboard.Core.Model;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests;

/// <summary>
/// A test-owned second dockerd, in its own network namespace and socket, is stopped and started again under the
/// dashboard: the host goes disconnected with the reason and comes back with the right topology by itself.
/// (The shared daemon is never stopped mid-suite.)
/// </summary>
[Collection(RealDockerCollection.Name)]
public class DisconnectTests
{
    [Fact]
    public async Task A_stopped_daemon_is_disconnected_with_a_reason_and_recovers_by_itself()
    {
        await using var daemon = await SecondDaemon.StartAsync("ndtest", "10.231.37.1/24");
        var docker = new DockerCli(daemon.Endpoint);
        var id = await docker.RunAsync("survivor", "--restart", "always");
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Hosts:0:Id"] = "second",
            ["NetDashboard:Hosts:0:Endpoint"] = daemon.Endpoint,
            ["NetDashboard:MaxRetrySeconds"] = "1",
        });

        var connected = await app.WaitForAsync(t => t.FindContainer(id)?.State == "running", TimeSpan.FromSeconds(20), "the survivor running on the second daemon");
        var survivor = connected.FindContainer(id)!;
        Assert.Equal("second", survivor.HostId);
        Assert.StartsWith("10.231.37.", Assert.Single(survivor.Endpoints).Ipv4);
        Assert.Null(survivor.Endpoints[0].HostInterface); // its veth lives in the other namespace: null, never a wrong name
        Assert.Equal(("10.231.37.1", "docker0"), (connected.FindNetwork("bridge")!.Subnets[0].Gateway!, connected.FindNetwork("bridge")!.Bridge!));

        await daemon.StopAsync();
        var down = await app.WaitForAsync(t => t.Hosts.Single().Status == HostStatus.Disconnected, TimeSpan.FromSeconds(20), "the host disconnected");
        var host = down.Hosts.Single();
        Assert.Contains(daemon.Endpoint, host.Error);
        Assert.DoesNotContain("   at ", host.Error);
        // Its last topology stays, marked stale (contract: "A host that is not answering").
        Assert.True(host.Stale);
        Assert.NotNull(host.LastSeenAt);
        Assert.Equal(id, Assert.Single(down.Containers).Id);
        using (var client = app.CreateClient())
        {
            var health = await client.GetStringAsync("/healthz");
            Assert.Contains("\"reachable\":false", health);
        }

        await daemon.StartAgainAsync();
        var back = await app.WaitForAsync(t => t.Hosts.Single().Status == HostStatus.Connected && t.FindContainer(id)?.State == "running",
            TimeSpan.FromSeconds(30), "the host connected again with the survivor running");
        var inspect = await docker.InspectAsync(id);
        var endpoint = Assert.Single(back.FindContainer(id)!.Endpoints);
        Assert.Equal(inspect.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty("bridge").GetProperty("IPAddress").GetString(), endpoint.Ipv4);
        Assert.Null(back.Hosts.Single().Error);
        await docker.DisposeAsync();
    }
}
