using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Tests;

public class MapGraphTests
{
    private static TopologySnapshot Seed() => TopologyBuilder.Build([DemoDaemon.Seed().Observe()], 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Every_mode_is_drawn_with_its_own_edge()
    {
        var snapshot = Seed();
        var graph = TopologyGraphBuilder.Build(snapshot);
        string Node(string name) => TopologyGraphBuilder.ContainerNodeId("demo", snapshot.FindContainer(name)!.Id);

        Assert.Equal(snapshot.Containers.Length, graph.Nodes.Count(n => n.Kind == MapNodeKind.Container));
        Assert.Contains(graph.Nodes, n => n is { Kind: MapNodeKind.Bridge, Label: "docker0", Detail: "172.17.0.0/16 gw 172.17.0.1" });

        var web = snapshot.FindContainer("web")!;
        var endpoint = graph.Edges.Single(e => e.Kind == MapEdgeKind.Endpoint && e.SourceId == Node("web"));
        Assert.Equal($"{web.Endpoints[0].Ipv4}/16", endpoint.Label);
        Assert.Equal($"eth0 ⇄ {web.Endpoints[0].HostInterface}", endpoint.Detail);
        var published = graph.Edges.Single(e => e.Kind == MapEdgeKind.PublishedPort && e.TargetId == Node("web"));
        Assert.Equal("0.0.0.0:8081, [::]:8081 → 8080/tcp", published.Label);
        Assert.Equal($"DNAT → {web.Endpoints[0].Ipv4} on docker0", published.Detail); // the NAT path, on the map

        var hostStack = graph.Edges.Single(e => e.Kind == MapEdgeKind.HostStack);
        Assert.Equal((Node("monitor"), "host:demo", true), (hostStack.SourceId, hostStack.TargetId, hostStack.Warning));

        var sharing = graph.Edges.Single(e => e.Kind == MapEdgeKind.SharesNamespace);
        Assert.Equal((Node("web-sidecar"), Node("web"), false), (sharing.SourceId, sharing.TargetId, sharing.Warning));

        Assert.DoesNotContain(graph.Edges, e => e.SourceId == Node("batch") || e.TargetId == Node("batch"));
        Assert.Equal(TopologyGraphBuilder.IsolatedRegionId("demo"), graph.Nodes.Single(n => n.Id == Node("batch")).RegionId);

        // db is on two networks: one home region, two endpoint edges.
        Assert.Equal(2, graph.Edges.Count(e => e.Kind == MapEdgeKind.Endpoint && e.SourceId == Node("db")));
        Assert.Equal(3, graph.Edges.Count(e => e.Kind == MapEdgeKind.Uplink)); // docker0, app-net and the internal backend
    }

    [Fact]
    public void A_collapsed_network_is_one_node_with_a_count_and_keeps_the_edges()
    {
        var snapshot = Seed();
        var appNet = snapshot.FindNetwork("app-net")!;
        var graph = TopologyGraphBuilder.Build(snapshot, new MapOptions { Collapsed = [appNet.Id] });
        var collapsed = graph.Nodes.Single(n => n.Kind == MapNodeKind.CollapsedNetwork);
        var home = snapshot.Containers.Count(c => c.NetworkMode.Raw == "app-net");
        Assert.Equal(home, collapsed.Count);
        Assert.DoesNotContain(graph.Nodes, n => n.Kind == MapNodeKind.Container && n.RegionId == TopologyGraphBuilder.NetworkRegionId("demo", appNet.Id));
        // db lives in app-net and is also on backend: the collapsed node carries that link.
        Assert.Contains(graph.Edges, e => e.SourceId == collapsed.Id && e.Kind == MapEdgeKind.Endpoint);
        Assert.All(graph.Edges, e => Assert.Contains(graph.Nodes, n => n.Id == e.SourceId));
    }

    [Fact]
    public void Large_maps_start_with_their_big_networks_collapsed()
    {
        Assert.Empty(TopologyGraphBuilder.DefaultCollapsed(Seed()));
        var big = TopologyBuilder.Build([DemoDaemon.Synthetic(300).Observe()], 1, DateTimeOffset.UnixEpoch);
        Assert.NotEmpty(TopologyGraphBuilder.DefaultCollapsed(big));
    }

    [Fact]
    public void Hidden_stopped_containers_leave_no_dangling_edge()
    {
        var daemon = DemoDaemon.Seed();
        daemon.Step(); // worker stops
        var snapshot = TopologyBuilder.Build([daemon.Observe()], 1, DateTimeOffset.UnixEpoch);
        var graph = TopologyGraphBuilder.Build(snapshot, new MapOptions { HideStopped = true });
        Assert.DoesNotContain(graph.Nodes, n => n.Label == "worker");
        var ids = graph.Nodes.Select(n => n.Id).ToHashSet();
        Assert.All(graph.Edges, e => Assert.True(ids.Contains(e.SourceId) && ids.Contains(e.TargetId)));
    }
}
