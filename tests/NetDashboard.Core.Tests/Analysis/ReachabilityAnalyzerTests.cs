using NetDashboard.Core.Analysis;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Model;
using static NetDashboard.Core.Tests.Observations;

namespace NetDashboard.Core.Tests.Analysis;

/// <summary>Docker's reachability rules (seed row S11) on the seed topology and on hand-made observations.</summary>
public class ReachabilityAnalyzerTests
{
    private static readonly TopologySnapshot Seed = TopologyBuilder.Build([DemoDaemon.Seed().Observe()], 1, DateTimeOffset.UnixEpoch);

    private static ReachabilityReport Analyze(TopologySnapshot t, string from, string to) =>
        ReachabilityAnalyzer.Analyze(t, t.FindContainer(from)!, t.FindContainer(to)!);

    [Fact]
    public void On_a_user_network_by_IP_and_by_name_with_aliases_and_short_id()
    {
        var r = Analyze(Seed, "api", "db");
        var db = Seed.FindContainer("db")!;
        var dbOnApp = db.Endpoints.Single(e => e.NetworkName == "app-net");
        Assert.True(r.ByIp.Reachable);
        Assert.Equal(dbOnApp.Ipv4, r.ByIp.Address);
        Assert.Contains("app-net", r.ByIp.Reason);
        Assert.True(r.ByName.Reachable);
        Assert.Equal("embedded-dns", r.ByName.Resolver);
        Assert.Contains("db", r.ByName.Names);
        Assert.Contains("database", r.ByName.Names);
        Assert.Contains(db.Id[..12], r.ByName.Names);
        Assert.Equal("app-net", Assert.Single(r.SharedNetworks).Name);
        Assert.Equal("network", r.Relation);
        Assert.Equal(
            [$"ctr:demo:{Seed.FindContainer("api")!.Id}", $"ep:demo:{Seed.FindContainer("api")!.Id}:{dbOnApp.NetworkId}", $"net:demo:{dbOnApp.NetworkId}",
             $"ep:demo:{db.Id}:{dbOnApp.NetworkId}", $"ctr:demo:{db.Id}"],
            r.Path.ToArray());
    }

    [Fact]
    public void On_the_default_bridge_by_IP_but_not_by_name()
    {
        var t = TopologyBuilder.Build([Daemon([DefaultBridge("172.17.0.1")],
        [
            Container("a1", "alpha", "default", Endpoint("bridge", BridgeId, "172.17.0.2", 16, "172.17.0.1", "02:42:ac:11:00:02")),
            Container("b1", "beta", "default", Endpoint("bridge", BridgeId, "172.17.0.3", 16, "172.17.0.1", "02:42:ac:11:00:03")),
        ])], 1, DateTimeOffset.UnixEpoch);
        var r = Analyze(t, "alpha", "beta");
        Assert.True(r.ByIp.Reachable);
        Assert.Equal("172.17.0.3", r.ByIp.Address);
        Assert.False(r.ByName.Reachable);
        Assert.Empty(r.ByName.Names);
        Assert.Contains("no embedded DNS", r.ByName.Reason);
        Assert.True(Assert.Single(r.SharedNetworks).DefaultBridge);
        Assert.True(r.Egress.Reachable);
        Assert.Contains("MASQUERADE of 172.17.0.0/16", r.Egress.Reason);
    }

    [Fact]
    public void Different_networks_have_no_route_but_published_ports_are_named_as_the_way_through_the_host()
    {
        var r = Analyze(Seed, "db", "web");
        Assert.False(r.ByIp.Reachable);
        Assert.Contains("no network in common", r.ByIp.Reason);
        Assert.Contains("172.18.0.1:8081/tcp", r.ByIp.ViaHost);
        Assert.False(r.ByName.Reachable);
        Assert.Empty(r.Path);
    }

    [Fact]
    public void Icc_disabled_drops_traffic_while_the_name_still_resolves()
    {
        var options = new Dictionary<string, string> { ["com.docker.network.bridge.enable_icc"] = "false" };
        var t = TopologyBuilder.Build([Daemon([UserNetwork(options: options)],
        [
            Container("a1", "alpha", "app", Endpoint("app", AppId, "172.28.0.2", 16, "172.28.0.1", "02:42:ac:1c:00:02")),
            Container("b1", "beta", "app", Endpoint("app", AppId, "172.28.0.3", 16, "172.28.0.1", "02:42:ac:1c:00:03")),
        ])], 1, DateTimeOffset.UnixEpoch);
        var r = Analyze(t, "alpha", "beta");
        Assert.False(r.ByIp.Reachable);
        Assert.Contains("enable_icc=false", r.ByIp.Reason);
        Assert.False(r.ByName.Reachable);
        Assert.Contains("beta", r.ByName.Names);
        Assert.Equal("embedded-dns", r.ByName.Resolver);
        Assert.Contains("connections are dropped", r.ByName.Reason);
    }

    [Fact]
    public void Internal_network_members_reach_each_other_but_have_no_egress()
    {
        var t = TopologyBuilder.Build([Daemon([UserNetwork(@internal: true)],
        [
            Container("a1", "alpha", "app", Endpoint("app", AppId, "172.28.0.2", 16, "172.28.0.1", "02:42:ac:1c:00:02")),
            Container("b1", "beta", "app", Endpoint("app", AppId, "172.28.0.3", 16, "172.28.0.1", "02:42:ac:1c:00:03")),
        ])], 1, DateTimeOffset.UnixEpoch);
        var r = Analyze(t, "alpha", "beta");
        Assert.True(r.ByIp.Reachable);
        Assert.True(r.ByName.Reachable);
        Assert.False(r.Egress.Reachable);
        Assert.Contains("--internal", r.Egress.Reason);
    }

    [Fact]
    public void A_container_sharer_and_its_owner_are_one_stack_on_localhost()
    {
        var r = Analyze(Seed, "web-sidecar", "web");
        Assert.Equal("same-stack", r.Relation);
        Assert.True(r.ByIp.Reachable);
        Assert.Equal("127.0.0.1", r.ByIp.Address);
        Assert.Equal(["localhost"], r.ByName.Names.ToArray());
        Assert.Equal("web", r.From.StackOwner);
        // The sharer reaches others with its owner's networks: here, only the default bridge.
        var out_ = Analyze(Seed, "web-sidecar", "api");
        Assert.False(out_.ByIp.Reachable);
        Assert.Contains("in web's stack", out_.ByIp.Reason);
    }

    [Fact]
    public void None_reaches_no_one_and_no_one_reaches_it()
    {
        Assert.False(Analyze(Seed, "batch", "web").ByIp.Reachable);
        var into = Analyze(Seed, "web", "batch");
        Assert.False(into.ByIp.Reachable);
        Assert.Contains("--network none", into.ByIp.Reason);
        Assert.False(Analyze(Seed, "batch", "web").Egress.Reachable);
    }

    [Fact]
    public void Host_mode_reaches_containers_by_IP_only_and_containers_reach_it_at_their_gateway()
    {
        var fromHost = Analyze(Seed, "monitor", "api");
        Assert.True(fromHost.ByIp.Reachable);
        Assert.Equal(Seed.FindContainer("api")!.Endpoints[0].Ipv4, fromHost.ByIp.Address);
        Assert.False(fromHost.ByName.Reachable);
        Assert.Contains("host's resolver", fromHost.ByName.Reason);

        var toHost = Analyze(Seed, "api", "monitor");
        Assert.True(toHost.ByIp.Reachable);
        Assert.Equal("172.18.0.1", toHost.ByIp.Address);
        Assert.False(toHost.ByName.Reachable);
        Assert.Contains($"hs:demo:{Seed.FindContainer("monitor")!.Id}", toHost.Path);
    }

    [Fact]
    public void A_stopped_container_or_a_sharer_of_a_stopped_owner_has_no_network()
    {
        var t = Seed with { Containers = [.. Seed.Containers.Select(c => c.Name == "web" ? c with { State = "exited" } : c)] };
        var r = Analyze(t, "web-sidecar", "api");
        Assert.False(r.ByIp.Reachable);
        Assert.Contains("web is not running (exited)", r.ByIp.Reason);
        Assert.False(Analyze(t, "api", "web").ByIp.Reachable);
    }

    [Fact]
    public void The_matrix_has_a_cell_per_ordered_pair_and_filters_by_network()
    {
        var members = ReachabilityMatrix.Select(Seed, network: "app-net");
        Assert.Equal(["api", "db", "worker"], members.Select(c => c.Name));
        var m = ReachabilityMatrix.Build(Seed, members);
        Assert.Equal(3, m.Cells.Length);
        Assert.All(m.Cells, row => Assert.All(row, cell => Assert.True(cell.ByIp && cell.ByName)));
        // web-sidecar is on the default bridge through web's stack.
        Assert.Contains("web-sidecar", ReachabilityMatrix.Select(Seed, network: "bridge").Select(c => c.Name));
    }
}

/// <summary>The matrix's fast cells and the analyzer's full answers must never disagree.</summary>
public class ReachabilityMatrixConsistencyTests
{
    public static TheoryData<string> Topologies => ["seed", "synthetic-150"];

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Every_cell_equals_the_analyzers_verdict_for_that_pair(string which)
    {
        var daemon = which == "seed" ? DemoDaemon.Seed() : DemoDaemon.Synthetic(150);
        for (var i = 0; i < 5; i++) daemon.Step(); // some stopped containers, moved addresses
        var t = TopologyBuilder.Build([daemon.Observe()], 1, DateTimeOffset.UnixEpoch);
        var containers = t.Containers.ToArray();
        var matrix = ReachabilityMatrix.Build(t, containers);
        for (var row = 0; row < containers.Length; row++)
        {
            for (var col = 0; col < containers.Length; col++)
            {
                var full = ReachabilityAnalyzer.Analyze(t, containers[row], containers[col]);
                var cell = matrix.Cells[row][col];
                Assert.True((full.ByIp.Reachable, full.ByName.Reachable, full.Relation) == (cell.ByIp, cell.ByName, cell.Relation),
                    $"{containers[row].Name} → {containers[col].Name}: analyzer ({full.ByIp.Reachable}, {full.ByName.Reachable}, {full.Relation}) vs cell ({cell.ByIp}, {cell.ByName}, {cell.Relation})");
            }
        }
    }
}
