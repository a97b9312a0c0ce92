using NetDashboard.Components.Map;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Components.Tests.Map;

/// <summary>
/// The map of a real 3-node swarm (recorded: sw1 manager, sw2 and sw3 workers, overlay ndov, dnsrr service ndweb with a
/// task per node, plainN per node, ndlocal on sw1 and sw2): the overlay is drawn once, spanning the hosts, and says so, the
/// tasks carry their service, and the host and service filters keep the overlay.
/// </summary>
public sealed class SwarmMapTests
{
    private static DaemonObservation Recorded(string node) =>
        TopologyJson.Deserialize<DaemonObservation>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recordings", "swarm-3node", node + ".json")))!;

    private static readonly DaemonObservation[] Nodes = [Recorded("sw1"), Recorded("sw2"), Recorded("sw3")];

    [Fact]
    public void The_host_filter_keeps_the_overlay_it_carries_and_the_service_filter_keeps_only_its_tasks()
    {
        var snapshot = MapTestSupport.Snapshot(Nodes);
        var overlay = snapshot.Networks.Single(n => n.Name == "ndov");

        var sw2 = new MapViewState { HostId = "sw2" }.Filter(snapshot);
        Assert.Contains(sw2.Networks, n => n.Id == overlay.Id); // its hostId is sw1, but sw2 carries it
        Assert.All(sw2.Containers, c => Assert.Equal("sw2", c.HostId));
        Assert.Equal(["ndlocal"], sw2.Networks.Where(n => n.Name == "ndlocal").Select(n => n.Name));

        var web = new MapViewState { Services = ["ndweb"] }.Filter(snapshot);
        Assert.Equal(["sw1", "sw2", "sw3"], web.Containers.Select(c => c.HostId).Order());
        Assert.All(web.Containers, c => Assert.Equal("ndweb", c.Service!.Name));
        Assert.Contains(web.Networks, n => n.Id == overlay.Id);
        Assert.True(new MapViewState { Services = ["ndweb"] }.HasFilters);
    }

    [Fact]
    public async Task The_map_draws_every_node_with_the_overlay_once_across_them_and_offers_the_service_filter()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        foreach (var node in Nodes)
        {
            ctx.Publish(node);
        }
        var cut = ctx.Render<NetworkMap>();
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(6, cut.FindAll(".nd-container").Count);
            Assert.Equal(3, cut.FindAll("[data-service='ndweb']").Count);
            // The overlay's one region, saying it is one network across the three hosts.
            var overlayRegion = Assert.Single(cut.FindAll(".nd-region-detail"), d => d.TextContent.Contains("10.231.60.0/24", StringComparison.Ordinal));
            Assert.Contains("swarm network across sw1, sw2, sw3", overlayRegion.TextContent);
            Assert.NotNull(cut.Find("[data-filter='service']"));
        }, NetDashboardTestContext.LiveTimeout);
    }
}
