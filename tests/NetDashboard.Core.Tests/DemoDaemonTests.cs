using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Tests;

public class DemoDaemonTests
{
    [Fact]
    public void The_seed_topology_shows_every_network_mode()
    {
        var model = TopologyBuilder.Build([DemoDaemon.Seed().Observe()], 1, DateTimeOffset.UnixEpoch);
        Assert.Equal(
            [NetworkModeKind.Bridge, NetworkModeKind.Host, NetworkModeKind.None, NetworkModeKind.Container, NetworkModeKind.Network],
            model.Containers.Select(c => c.NetworkMode.Kind).Distinct().Order().ToArray());

        var bridge = model.FindNetwork("bridge")!;
        Assert.Equal(("docker0", "172.17.0.1", false), (bridge.Bridge!, bridge.Subnets[0].Gateway!, bridge.Dns));
        var web = model.FindContainer("web")!;
        Assert.Contains(web.Ports, p => p is { HostPort: 8081, ContainerPort: 8080, HostIp: "0.0.0.0" });
        Assert.StartsWith("veth", web.Endpoints[0].HostInterface);
        Assert.Contains("database", model.FindContainer("db")!.Endpoints.Single(e => e.NetworkName == "app-net").Aliases);
        Assert.Contains(model.FindContainer("monitor")!.Ports, p => p.Discarded);
        Assert.Equal(web.Id, model.FindContainer("web-sidecar")!.NetworkMode.SharesWith);
    }

    [Fact]
    public void A_restart_gives_the_worker_a_new_address()
    {
        var daemon = DemoDaemon.Seed();
        string? Ip() => TopologyBuilder.Build([daemon.Observe()], 1, DateTimeOffset.UnixEpoch).FindContainer("worker")!.Endpoints.FirstOrDefault()?.Ipv4;
        var before = Ip();
        daemon.Step(); // stops
        Assert.Null(Ip());
        daemon.Step(); // starts again
        Assert.NotNull(Ip());
        Assert.NotEqual(before, Ip());
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    public void Synthetic_topologies_have_the_requested_size(int n)
    {
        var model = TopologyBuilder.Build([DemoDaemon.Synthetic(n).Observe()], 1, DateTimeOffset.UnixEpoch);
        Assert.Equal(n, model.Containers.Length);
        Assert.Equal(3 + n / 25, model.Networks.Length);
        Assert.All(model.Containers.Where(c => c.IsRunning && c.NetworkMode.Kind is NetworkModeKind.Network or NetworkModeKind.Bridge),
            c => Assert.All(c.Endpoints, e => Assert.NotNull(e.HostInterface)));
    }
}
