using NetDashboard.Components.Map;

namespace NetDashboard.Components.Tests.Map;

/// <summary>The map's Export menu: export URLs and the embed snippet follow the view's network and host.</summary>
public sealed class MapExportMenuTests
{
    [Fact]
    public async Task Export_links_and_the_embed_snippet_narrow_to_the_selected_network()
    {
        await using var ctx = new NetDashboardTestContext();
        var snapshot = MapTestSupport.Snapshot(MapTestSupport.Seed());
        var appNet = snapshot.FindNetwork("app-net")!;
        var view = new MapViewState { Networks = [appNet.Id] };

        var cut = ctx.Render<MapExportMenu>(p => p.Add(x => x.View, view).Add(x => x.Snapshot, snapshot));

        Assert.Equal("api/topology/export?network=app-net&format=svg&download=1", cut.Instance.ExportUrl("svg", download: true));
        Assert.Equal("api/topology/export?network=app-net&format=mermaid", cut.Instance.ExportUrl("mermaid", download: false));
        Assert.Equal(
            "<iframe src=\"http://localhost/embed?network=app-net&theme=light&legend=1\" width=\"100%\" height=\"600\" style=\"border:0\" title=\"Docker network map\"></iframe>",
            cut.Instance.EmbedSnippet);
    }

    [Fact]
    public async Task Without_a_single_network_the_whole_topology_is_exported()
    {
        await using var ctx = new NetDashboardTestContext();
        var snapshot = MapTestSupport.Snapshot(MapTestSupport.Seed());
        var cut = ctx.Render<MapExportMenu>(p => p.Add(x => x.View, new MapViewState()).Add(x => x.Snapshot, snapshot));

        Assert.Equal("api/topology/export?format=dot&download=1", cut.Instance.ExportUrl("dot", download: true));
        Assert.Contains("embed?theme=light&legend=1", cut.Instance.EmbedSnippet);
    }
}
