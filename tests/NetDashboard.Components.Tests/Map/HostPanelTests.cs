using NetDashboard.Components.Map;
using NetDashboard.Core.Map;
using NetDashboard.Core.Observation;

namespace NetDashboard.Components.Tests.Map;

/// <summary>The map's side panel for a host names its firewall backend and what its engine does not report.</summary>
public sealed class HostPanelTests
{
    [Fact]
    public async Task A_Podman_host_says_what_Podman_does_not_report_and_a_Docker_28_host_names_its_firewall_backend()
    {
        await using var ctx = new NetDashboardTestContext();
        var podman = TestTopology.Connected() with { Host = TestTopology.Host() with { Product = Products.Podman, ApiVersion = "1.41", EngineVersion = "4.3.1" } };
        var snapshot = MapTestSupport.Snapshot(podman);
        var node = TopologyGraphBuilder.Build(snapshot).Nodes.Single(n => n.Kind == MapNodeKind.Host);
        Assert.Equal("Podman 4.3.1 · API 1.41", node.Detail);

        var cut = ctx.Render<MapSidePanel>(p => p.Add(x => x.Snapshot, snapshot).Add(x => x.Node, node));
        Assert.Equal("not reported by this engine", cut.Find("[data-field='firewall-backend']").TextContent);
        var gaps = cut.FindAll("[data-section='not-reported'] li").Select(li => li.TextContent).ToList();
        Assert.Contains(gaps, g => g.StartsWith("Podman does not report the Linux bridge", StringComparison.Ordinal));
        Assert.Contains(gaps, g => g.Contains("no DNSNames", StringComparison.Ordinal));

        var docker = TestTopology.Connected() with { Host = TestTopology.Host() with { ApiVersion = "1.51", EngineVersion = "28.5.2", FirewallBackend = "iptables" } };
        var d28 = MapTestSupport.Snapshot(docker);
        var hostNode = TopologyGraphBuilder.Build(d28).Nodes.Single(n => n.Kind == MapNodeKind.Host);
        Assert.Equal("Docker 28.5.2 · API 1.51 · iptables", hostNode.Detail);
        var panel = ctx.Render<MapSidePanel>(p => p.Add(x => x.Snapshot, d28).Add(x => x.Node, hostNode));
        Assert.Equal("iptables", panel.Find("[data-field='firewall-backend']").TextContent);
        // Docker 28 reports every field of its time; only Engine 29's address use per subnet is missing.
        Assert.Equal("API 1.51 has no address use per subnet (API 1.52+, Engine 29): the network pages show the address pool as not reported.",
            Assert.Single(panel.FindAll("[data-section='not-reported'] li")).TextContent);
    }
}
