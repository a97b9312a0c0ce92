using NetDashboard.Components.Map;
using NetDashboard.Core.Map;

namespace NetDashboard.Components.Tests.Map;

/// <summary>The map's view controls on the demo seed: zoom, fit, the legend.</summary>
public sealed class MapViewControlsTests
{
    private static (NetDashboardTestContext Ctx, IRenderedComponent<NetworkMap> Cut) RenderSeed()
    {
        var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());
        return (ctx, ctx.Render<NetworkMap>());
    }

    [Fact]
    public async Task Zoom_buttons_zoom_and_f_fits_the_whole_map_again()
    {
        var (ctx, cut) = RenderSeed();
        await using var __ = ctx;
        var fitted = cut.ViewOf().Zoom;
        Assert.InRange(fitted, 0.2, 1.2);

        cut.Find("[data-zoom-in]").Click();
        Assert.Equal(fitted * 1.25, cut.ViewOf().Zoom, 3);

        // "f" as map.js sends it.
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("f"));
        cut.WaitForAssertion(() => Assert.Equal(fitted, cut.ViewOf().Zoom, 3), NetDashboardTestContext.LiveTimeout);
        // Everything is in view: every node's box lies inside the canvas.
        var (zoom, panX, panY) = cut.ViewOf();
        var nodes = cut.DrawnNodes();
        Assert.Equal(cut.RootCount("data-node-count"), nodes.Count);
        Assert.All(nodes.Values, n =>
        {
            Assert.InRange(n.X * zoom + panX, 0, MapTestSupport.CanvasWidth);
            Assert.InRange((n.Y + n.Height) * zoom + panY, 0, MapTestSupport.CanvasHeight);
        });
    }

    [Fact]
    public async Task The_legend_lists_every_edge_style_and_node_shape()
    {
        var (ctx, cut) = RenderSeed();
        await using var __ = ctx;

        cut.Find("[data-legend-toggle]").Click();

        var legend = cut.Find("[data-legend]");
        foreach (var kind in Enum.GetValues<MapEdgeKind>())
        {
            Assert.NotNull(legend.QuerySelector($".nd-link-{MapText.EdgeClass(kind)}"));
        }
        foreach (var text in new[] { "Docker host", "Linux bridge", "Container", "Collapsed network", "Warning", "Bridge network", "Other network (dashed)", "Host network stack", "Isolated" })
        {
            Assert.Contains(text, legend.TextContent);
        }
    }
}
