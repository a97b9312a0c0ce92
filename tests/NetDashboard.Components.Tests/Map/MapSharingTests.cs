using System.Collections.Immutable;
using NetDashboard.Components.Map;
using NetDashboard.Core.Map;

namespace NetDashboard.Components.Tests.Map;

/// <summary>
/// The graph and layout of one view of a revision are computed once and shared by every circuit (<see cref="MapProjectionCache"/>);
/// each circuit keeps only its own view and diagram.
/// </summary>
public sealed class MapSharingTests
{
    [Fact]
    public async Task Two_open_maps_of_the_same_view_share_one_graph_and_one_layout_per_revision()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());
        var first = ctx.Render<NetworkMap>();
        var second = ctx.Render<NetworkMap>();
        Assert.Equal(first.DrawnNodes().Keys.Order(), second.DrawnNodes().Keys.Order());
        var (graphs, layouts) = (ctx.Projections.GraphsBuilt, ctx.Projections.LayoutsComputed);

        ctx.Publish(MapTestSupport.Seed().WithExtraContainer("worker", "newcomer"));

        first.WaitForAssertion(() => Assert.Single(first.FindAll("[data-container-name='newcomer']")), NetDashboardTestContext.LiveTimeout);
        second.WaitForAssertion(() => Assert.Single(second.FindAll("[data-container-name='newcomer']")), NetDashboardTestContext.LiveTimeout);
        Assert.Equal(graphs + 1, ctx.Projections.GraphsBuilt);
        Assert.Equal(layouts + 1, ctx.Projections.LayoutsComputed);
        // Both circuits drew the same layout: every node in the same place.
        Assert.Equal(first.DrawnNodes().OrderBy(kv => kv.Key).Select(kv => (kv.Value.X, kv.Value.Y)), second.DrawnNodes().OrderBy(kv => kv.Key).Select(kv => (kv.Value.X, kv.Value.Y)));
    }

    [Fact]
    public void A_view_of_a_snapshot_is_computed_once_another_view_separately_and_only_the_newest_pairs_are_kept()
    {
        var cache = new MapProjectionCache();
        var snapshot = MapTestSupport.Snapshot(MapTestSupport.Seed());
        var plain = new MapViewState();
        var graph = cache.Graph(snapshot, snapshot, plain);
        Assert.Same(graph, cache.Graph(snapshot, snapshot, new MapViewState()));
        Assert.Same(cache.Layout(snapshot, snapshot, plain, 2), cache.Layout(snapshot, snapshot, new MapViewState(), 2));
        Assert.Equal(1, cache.LayoutsComputed);

        var collapsed = new MapViewState { Collapsed = ImmutableHashSet.Create(snapshot.Networks.First(n => n.Driver == "bridge").Id) };
        var other = cache.Graph(snapshot, snapshot, collapsed);
        Assert.NotSame(graph, other);
        Assert.Equal(2, cache.GraphsBuilt);
        Assert.Contains(other.Nodes, n => n.Kind == MapNodeKind.CollapsedNetwork);

        // Past its capacity the oldest pair is computed again when asked for.
        for (var i = 0; i < MapProjectionCache.Capacity; i++)
        {
            var later = snapshot with { Revision = snapshot.Revision + i + 1 };
            cache.Graph(later, later, plain);
        }
        var built = cache.GraphsBuilt;
        Assert.NotSame(graph, cache.Graph(snapshot, snapshot, plain));
        Assert.Equal(built + 1, cache.GraphsBuilt);
    }
}
