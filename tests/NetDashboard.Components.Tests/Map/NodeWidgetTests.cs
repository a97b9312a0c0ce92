using System.Collections.Immutable;
using NetDashboard.Components.Map;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Tests.Map;

/// <summary>The node widgets of the map: each network mode's labels, classes and warnings.</summary>
public sealed class NodeWidgetTests
{
    private static MapNode NodeFor(TopologyGraph graph, string label, MapNodeKind kind = MapNodeKind.Container) =>
        graph.Nodes.Single(n => n.Kind == kind && n.Label == label);

    private static IRenderedComponent<ContainerNodeWidget> RenderContainer(NetDashboardTestContext ctx, MapNode node) =>
        ctx.Render<ContainerNodeWidget>(p => p.Add(w => w.Node, new ContainerNodeModel(node, new MapPoint(0, 0))));

    [Fact]
    public async Task A_running_container_shows_name_image_state_and_mode()
    {
        await using var ctx = new NetDashboardTestContext();
        var node = NodeFor(MapTestSupport.Graph(TestTopology.Connected()), "web");

        var root = RenderContainer(ctx, node).Find(".nd-node");

        Assert.Equal("web", root.GetAttribute("data-container-name"));
        Assert.Equal("web", root.QuerySelector(".nd-node-name")!.TextContent);
        Assert.Equal("nginx:1.27", root.QuerySelector(".nd-node-detail")!.TextContent);
        Assert.Contains("nd-container", root.ClassList);
        Assert.Contains("nd-state-running", root.ClassList);
        Assert.Contains("nd-mode-network", root.ClassList);
        Assert.DoesNotContain("nd-dimmed", root.ClassList);
        Assert.Null(root.QuerySelector(".nd-warning-badge"));
        Assert.Equal("net", root.QuerySelector(".nd-mode-badge")!.TextContent);
        Assert.Equal("width:210px;height:64px", root.GetAttribute("style"));
    }

    [Fact]
    public async Task A_stopped_container_is_dimmed()
    {
        await using var ctx = new NetDashboardTestContext();
        var node = NodeFor(MapTestSupport.Graph(TestTopology.Connected()), "old-job");

        var root = RenderContainer(ctx, node).Find(".nd-node");

        Assert.Contains("nd-dimmed", root.ClassList);
        Assert.Contains("nd-state-exited", root.ClassList);
        Assert.Contains("nd-mode-bridge", root.ClassList);
        Assert.Equal("exited", root.QuerySelector(".nd-node-state")!.TextContent);
    }

    [Fact]
    public async Task A_host_mode_container_whose_ports_were_discarded_carries_the_warning_badge()
    {
        await using var ctx = new NetDashboardTestContext();
        var snapshot = MapTestSupport.Snapshot(TestTopology.Connected());
        var warning = snapshot.Container("metrics").Warnings.Single(w => w.Code == WarningCodes.PortsDiscardedHostMode);
        var node = NodeFor(TopologyGraphBuilder.Build(snapshot), "metrics");

        var root = RenderContainer(ctx, node).Find(".nd-node");

        Assert.Contains("nd-mode-host", root.ClassList);
        Assert.Contains("nd-has-warning", root.ClassList);
        var badge = root.QuerySelector(".nd-warning-badge")!;
        Assert.Equal(warning.Message, badge.GetAttribute("title"));
        Assert.Equal(WarningCodes.PortsDiscardedHostMode, badge.GetAttribute("data-warning"));
        Assert.Equal("Warning: " + warning.Message, badge.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task A_sharer_whose_owner_is_down_carries_the_warning_badge()
    {
        await using var ctx = new NetDashboardTestContext();
        var observation = TestTopology.Connected();
        observation = observation with
        {
            Containers = observation.Containers.Select(c => c.Id == TestTopology.WebId ? c with { State = "exited", Status = "Exited (0)" } : c).ToImmutableArray(),
        };
        var snapshot = MapTestSupport.Snapshot(observation);
        var warning = snapshot.Container("sidecar").Warnings.Single(w => w.Code == WarningCodes.SharedNamespaceOwnerDown);
        var node = NodeFor(TopologyGraphBuilder.Build(snapshot), "sidecar");

        var root = RenderContainer(ctx, node).Find(".nd-node");

        Assert.Contains("nd-mode-container", root.ClassList);
        Assert.Equal("shared", root.QuerySelector(".nd-mode-badge")!.TextContent);
        var badge = root.QuerySelector(".nd-warning-badge")!;
        Assert.Equal(warning.Message, badge.GetAttribute("title"));
        Assert.Equal(WarningCodes.SharedNamespaceOwnerDown, badge.GetAttribute("data-warning"));
        Assert.Contains("web", warning.Message);
    }

    [Fact]
    public async Task A_running_sharer_of_a_running_owner_has_no_badge()
    {
        await using var ctx = new NetDashboardTestContext();
        var node = NodeFor(MapTestSupport.Graph(TestTopology.Connected()), "sidecar");

        var root = RenderContainer(ctx, node).Find(".nd-node");

        Assert.Null(root.QuerySelector(".nd-warning-badge"));
        Assert.Contains("nd-mode-container", root.ClassList);
    }

    [Fact]
    public async Task The_bridge_node_shows_the_bridge_name_and_its_subnet_and_gateway()
    {
        await using var ctx = new NetDashboardTestContext();
        var node = NodeFor(MapTestSupport.Graph(TestTopology.Connected()), TestTopology.AppBridge, MapNodeKind.Bridge);

        var root = ctx.Render<BridgeNodeWidget>(p => p.Add(w => w.Node, new BridgeNodeModel(node, new MapPoint(0, 0)))).Find(".nd-node");

        Assert.Contains("nd-bridge", root.ClassList);
        Assert.Equal(TestTopology.AppBridge, root.GetAttribute("data-bridge"));
        Assert.Equal(TestTopology.AppNetworkId, root.GetAttribute("data-network-id"));
        Assert.Equal(TestTopology.AppBridge, root.QuerySelector(".nd-node-name")!.TextContent);
        Assert.Equal("172.18.0.0/16 gw 172.18.0.1", root.QuerySelector("[data-subnet]")!.TextContent);
    }

    [Fact]
    public async Task The_default_bridge_shows_docker0_with_its_derived_gateway()
    {
        await using var ctx = new NetDashboardTestContext();
        var node = NodeFor(MapTestSupport.Graph(TestTopology.Connected()), "docker0", MapNodeKind.Bridge);

        var root = ctx.Render<BridgeNodeWidget>(p => p.Add(w => w.Node, new BridgeNodeModel(node, new MapPoint(0, 0)))).Find(".nd-node");

        Assert.Equal("172.17.0.0/16 gw 172.17.0.1", root.QuerySelector("[data-subnet]")!.TextContent);
    }

    [Fact]
    public async Task The_collapsed_node_shows_the_count_and_says_how_to_expand()
    {
        await using var ctx = new NetDashboardTestContext();
        var graph = MapTestSupport.Graph(TestTopology.Connected(), new MapOptions { Collapsed = [TestTopology.BridgeNetworkId] });
        var node = graph.Nodes.Single(n => n.Kind == MapNodeKind.CollapsedNetwork);

        var root = ctx.Render<CollapsedNodeWidget>(p => p.Add(w => w.Node, new CollapsedNodeModel(node, new MapPoint(0, 0)))).Find(".nd-node");

        Assert.Equal("2", root.GetAttribute("data-count")); // api and old-job live on the default bridge
        Assert.Equal("2", root.QuerySelector(".nd-count")!.TextContent);
        Assert.Contains("click to expand", root.TextContent);
    }

    [Fact]
    public async Task The_host_node_shows_its_name_engine_and_status()
    {
        await using var ctx = new NetDashboardTestContext();
        var node = NodeFor(MapTestSupport.Graph(TestTopology.Connected()), TestTopology.HostName, MapNodeKind.Host);

        var root = ctx.Render<HostNodeWidget>(p => p.Add(w => w.Node, new HostNodeModel(node, new MapPoint(0, 0)))).Find(".nd-node");

        Assert.Equal(TestTopology.HostName, root.QuerySelector(".nd-node-name")!.TextContent);
        Assert.Contains("Docker 29.1.0 · API 1.52", root.QuerySelector(".nd-node-detail")!.TextContent);
        Assert.Equal("connected", root.QuerySelector("[data-status]")!.TextContent);
    }

    [Theory]
    [InlineData(MapRegionKind.BridgeNetwork, "nd-region-bridge")]
    [InlineData(MapRegionKind.OtherNetwork, "nd-region-other")]
    [InlineData(MapRegionKind.HostStack, "nd-region-host-stack")]
    [InlineData(MapRegionKind.Isolated, "nd-region-isolated")]
    public async Task Each_region_kind_has_its_own_style_and_a_label(MapRegionKind kind, string css)
    {
        await using var ctx = new NetDashboardTestContext();
        var group = new MapRegion { Id = "grp:x", Kind = kind, HostId = "x", Label = "appnet (bridge)", Detail = "172.18.0.0/16", SortKey = "1", NetworkId = "n1", ContainerCount = 4 };

        var root = ctx.Render<RegionWidget>(p => p.Add(w => w.Node, new RegionNodeModel(group, new MapRect(0, 0, 700, 300)))).Find("g.nd-region");

        Assert.Contains(css, root.ClassList);
        Assert.Equal("700", root.QuerySelector("rect")!.GetAttribute("width"));
        Assert.Contains("appnet (bridge)", root.QuerySelector(".nd-region-label")!.TextContent);
        Assert.Equal("172.18.0.0/16", root.QuerySelector(".nd-region-detail")!.TextContent);
        // Only networks collapse.
        Assert.Equal(kind is MapRegionKind.BridgeNetwork or MapRegionKind.OtherNetwork, root.QuerySelector("[data-collapse-toggle]") is not null);
    }

    [Fact]
    public void Published_port_labels_are_two_short_lines()
    {
        Assert.Equal(("0.0.0.0:8081 +[::]", "→ 8080/tcp"), MapText.PortLabel("0.0.0.0:8081, [::]:8081 → 8080/tcp"));
        Assert.Equal(("127.0.0.1:5000", "→ 5000/tcp +1 more"), MapText.PortLabel("127.0.0.1:5000 → 5000/tcp; 127.0.0.1:5001 → 5001/udp"));
        Assert.Equal((null, null), MapText.PortLabel(null));
    }
}
