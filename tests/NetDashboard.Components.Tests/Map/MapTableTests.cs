using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetDashboard.Components.Map;
using NetDashboard.Components.Pages;
using NetDashboard.Configuration;
using NetDashboard.Core.Demo;

namespace NetDashboard.Components.Tests.Map;

/// <summary>The map page of a large topology: a virtualized table, the switch to the map and back.</summary>
public sealed class MapTableTests
{
    private static NetDashboardTestContext Context()
    {
        var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        return ctx;
    }

    /// <summary>The rendered rows of containers (not Virtualize's spacer rows).</summary>
    private static List<AngleSharp.Dom.IElement> Rows(IRenderedComponent<Home> cut) =>
        [.. cut.FindAll("[data-table='map'] tbody tr").Where(r => r.QuerySelector("[data-row-link]") is not null)];

    private static void Navigate(NetDashboardTestContext ctx, string uri) => ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(uri);

    [Fact]
    public async Task Above_the_limit_the_page_opens_as_a_table_that_renders_only_a_few_rows()
    {
        await using var ctx = Context();
        ctx.Publish(DemoDaemon.Synthetic(1000).Observe());

        var cut = ctx.Render<Home>();

        var table = cut.Find("[data-map-table]");
        Assert.Equal("1000", table.GetAttribute("data-container-count"));
        Assert.Equal("1000", table.GetAttribute("data-row-count"));
        Assert.Empty(cut.FindAll("[data-map]")); // no diagram in this circuit
        // Virtualized: without a browser to measure the viewport, Blazor's Virtualize renders its first page (about 100
        // rows); in Chromium only the rows in view are (MapTableTests in the end-to-end tests). Never all 1,000.
        var rendered = Rows(cut);
        Assert.InRange(rendered.Count, 1, 120);
        Assert.Contains("more than 400 are shown as a table", cut.Find("[data-table-note]").TextContent);
        Assert.Equal("?view=map", cut.Find("[data-show-map]").GetAttribute("href"));
        var first = rendered[0];
        Assert.StartsWith("/containers/", first.QuerySelector("[data-row-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_table_filters_and_sorts_and_shows_each_containers_project_networks_and_host()
    {
        await using var ctx = Context();
        ctx.Publish(DemoDaemon.Synthetic(1000).Observe());
        var cut = ctx.Render<Home>();

        cut.Find("input[data-table-filter]").Input("monitoring");
        cut.WaitForAssertion(() => Assert.Equal("50", cut.Find("[data-map-table]").GetAttribute("data-row-count")), NetDashboardTestContext.LiveTimeout);
        Assert.Equal("50 of 1000 containers", cut.Find("[data-table-shown]").TextContent);
        var row = Rows(cut)[0];
        Assert.Equal("monitoring", row.QuerySelector("[data-col='project']")!.TextContent);
        Assert.Equal("running", row.QuerySelector("[data-col='state'] [data-state]")!.TextContent);
        Assert.Equal("ascending", cut.Find("th:has(button[data-sort='name'])").GetAttribute("aria-sort"));
        Assert.Equal("host", row.QuerySelector("[data-col='networks']")!.TextContent);
        Assert.Equal("synthetic", row.QuerySelector("[data-col='host']")!.TextContent.Trim());
        Assert.Equal("svc-0007", row.QuerySelector("[data-col='name']")!.TextContent);

        cut.Find("button[data-sort='name']").Click(); // descending
        cut.WaitForAssertion(() => Assert.Equal("descending", cut.Find("th:has(button[data-sort='name'])").GetAttribute("aria-sort")),
            NetDashboardTestContext.LiveTimeout);
        cut.WaitForAssertion(() => Assert.Equal("svc-0987", Rows(cut)[0].QuerySelector("[data-col='name']")!.TextContent),
            NetDashboardTestContext.LiveTimeout);
    }

    [Fact]
    public async Task View_map_shows_the_grouped_map_anyway_and_view_table_shows_a_small_topology_as_a_table()
    {
        await using var ctx = Context();
        ctx.Publish(DemoDaemon.Synthetic(1000).Observe());
        Navigate(ctx, "/?view=map");
        var map = ctx.Render<Home>();
        Assert.Empty(map.FindAll("[data-map-table]"));
        Assert.NotEmpty(map.FindAll("[data-map]"));
        Assert.NotEmpty(map.FindAll(".nd-group"));
        Assert.Equal("?view=table", map.Find("[data-show-table]").GetAttribute("href"));

        await using var small = Context();
        small.Publish(MapTestSupport.Seed());
        Assert.NotEmpty(small.Render<Home>().FindAll("[data-map]"));
        Navigate(small, "/?view=table");
        var table = small.Render<Home>();
        Assert.Equal("7", table.Find("[data-map-table]").GetAttribute("data-row-count"));
        Assert.Contains("shown as a table, as asked", table.Find("[data-table-note]").TextContent);
    }

    [Fact]
    public async Task A_map_deep_link_keeps_the_map_and_the_limit_is_configurable()
    {
        await using var ctx = Context();
        ctx.Publish(DemoDaemon.Synthetic(1000).Observe());
        Navigate(ctx, "/?focus=svc-0001");
        Assert.NotEmpty(ctx.Render<Home>().FindAll("[data-map]"));

        await using var configured = new NetDashboardTestContext();
        configured.Services.GetRequiredService<IOptions<MapSizeOptions>>().Value.TableAbove = 5; // NetDashboard:Map:TableAbove=5
        configured.SetupDiagram();
        configured.Publish(MapTestSupport.Seed());
        Assert.NotEmpty(configured.Render<Home>().FindAll("[data-map-table]"));
    }

    [Fact]
    public async Task Before_a_host_reports_the_page_waits_on_the_map_and_then_decides_once()
    {
        await using var ctx = Context();
        var cut = ctx.Render<Home>();
        Assert.NotEmpty(cut.FindAll("[data-map]"));

        ctx.Publish(DemoDaemon.Synthetic(1000).Observe());

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-map-table]")), NetDashboardTestContext.LiveTimeout);
    }

    [Theory]
    [InlineData("table", 0, "Table")]
    [InlineData("MAP", 5000, "Map")]
    [InlineData(null, 401, "Table")]
    [InlineData(null, 400, "Map")]
    [InlineData("other", 401, "Table")]
    public void The_view_is_the_query_else_the_size(string? query, int containers, string expected)
    {
        var snapshot = MapTestSupport.Snapshot(DemoDaemon.Synthetic(containers).Observe());
        Assert.Equal(expected, MapPageViews.Choose(query, mapLink: false, snapshot, 400)?.ToString());
        Assert.Equal(MapPageView.Map, MapPageViews.Choose(null, mapLink: true, snapshot, 400));
        Assert.Null(MapPageViews.Choose(null, mapLink: false, NetDashboard.Core.Model.TopologySnapshot.Empty, 400));
    }
}
