using System.Collections.Immutable;
using NetDashboard.Components.Map;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Tests.Map;

/// <summary>The map's filters and search, on the component tests' small topology.</summary>
public sealed class MapViewStateTests
{
    private static readonly TopologySnapshot Snapshot = MapTestSupport.Snapshot(TestTopology.Connected());

    private static List<string> Names(TopologySnapshot s) => s.Containers.Select(c => c.Name).Order().ToList();

    [Fact]
    public void Without_filters_the_snapshot_is_drawn_as_it_is()
    {
        Assert.Same(Snapshot, new MapViewState().Filter(Snapshot));
    }

    [Fact]
    public void A_network_filter_keeps_its_containers_and_those_sharing_their_namespace()
    {
        var view = new MapViewState { Networks = [TestTopology.AppNetworkId] };

        var filtered = view.Filter(Snapshot);

        Assert.Equal(["sidecar", "web"], Names(filtered));
        Assert.DoesNotContain(filtered.Networks, n => n.Id == TestTopology.BridgeNetworkId);
    }

    [Fact]
    public void State_and_mode_filters_combine()
    {
        Assert.Equal(["old-job"], Names(new MapViewState { StateFilter = ["exited"] }.Filter(Snapshot)));
        Assert.Equal(["metrics"], Names(new MapViewState { Modes = [NetworkModeKind.Host] }.Filter(Snapshot)));
        Assert.Empty(new MapViewState { Modes = [NetworkModeKind.Host], StateFilter = ["exited"] }.Filter(Snapshot).Containers);
        Assert.Empty(new MapViewState { HostId = "elsewhere" }.Filter(Snapshot).Containers);
    }

    [Theory]
    [InlineData("172.18.0.2", "web")]
    [InlineData("nginx", "web")]
    [InlineData("frontend", "web")] // a label value
    [InlineData("node-exporter", "metrics")]
    [InlineData("old", "old-job")]
    public void The_search_matches_name_image_ip_and_label(string query, string expected)
    {
        var view = new MapViewState { Search = query };
        var graph = TopologyGraphBuilder.Build(Snapshot);

        var result = view.Match(Snapshot, graph);

        var containers = result.Matches.Where(id => id.StartsWith("ctr:", StringComparison.Ordinal)).ToList();
        Assert.Equal([TopologyGraphBuilder.ContainerNodeId(TestTopology.HostId, Snapshot.Container(expected).Id)], containers);
    }

    [Fact]
    public void The_search_finds_networks_by_subnet_and_counts_matches_hidden_in_a_collapsed_network()
    {
        var view = new MapViewState { Search = "172.18.0", Collapsed = [TestTopology.AppNetworkId] };
        var graph = TopologyGraphBuilder.Build(Snapshot, view.Options);

        var result = view.Match(Snapshot, graph);

        Assert.Contains(TopologyGraphBuilder.NetworkNodeId(TestTopology.HostId, TestTopology.AppNetworkId), result.Matches);
        var collapsed = TopologyGraphBuilder.CollapsedNodeId(TestTopology.HostId, TestTopology.AppNetworkId);
        Assert.Contains(collapsed, result.Matches);
        Assert.Equal(1, result.HiddenMatches[collapsed]); // web, 172.18.0.2
    }

    [Fact]
    public void A_large_map_starts_with_its_big_networks_collapsed_once()
    {
        var large = MapTestSupport.Snapshot(NetDashboard.Core.Demo.DemoDaemon.Synthetic(300).Observe());
        var view = new MapViewState();

        view.ApplyDefaults(large);
        var first = view.Collapsed;
        view.ToggleCollapsed(first.First());
        view.ApplyDefaults(large);

        Assert.Equal(TopologyGraphBuilder.DefaultCollapsed(large), first);
        Assert.Equal(first.Count, view.AutoCollapsedCount);
        Assert.Equal(first.Count - 1, view.Collapsed.Count); // the user's expand is not undone
    }

    [Fact]
    public void Expand_all_keeps_every_network_of_a_large_map_open()
    {
        var large = MapTestSupport.Snapshot(NetDashboard.Core.Demo.DemoDaemon.Synthetic(300).Observe());
        var view = new MapViewState { ExpandAll = true };

        view.ApplyDefaults(large);

        Assert.Empty(view.Collapsed);
        Assert.Equal(0, view.AutoCollapsedCount);
        Assert.True(view.DefaultsApplied);
    }
}
