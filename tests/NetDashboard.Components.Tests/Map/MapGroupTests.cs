using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Components.Map;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Map;

namespace NetDashboard.Components.Tests.Map;

/// <summary>A large map with compose projects: groups drawn collapsed, expanded by click or Enter/Space, found by the search.</summary>
public sealed class MapGroupTests
{
    private const string Monitoring = "project:monitoring";

    private static IRenderedComponent<NetworkMap> RenderLarge(NetDashboardTestContext ctx, int containers = 300)
    {
        ctx.SetupDiagram();
        ctx.Publish(DemoDaemon.Synthetic(containers).Observe());
        return ctx.Render<NetworkMap>();
    }

    private static string GroupId(string key) => MapGroups.GroupNodeId("synthetic", key);

    [Fact]
    public async Task Above_the_limit_a_project_is_one_collapsed_node_with_its_count_states_and_networks()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderLarge(ctx);

        var monitoring = cut.Find($"[data-group='{Monitoring}']");
        Assert.Equal("15", monitoring.GetAttribute("data-count")); // every 20th of 300 is a host-mode exporter
        Assert.Contains("monitoring · 15 containers", monitoring.TextContent);
        Assert.Contains("host network stack", monitoring.QuerySelector("[data-group-networks]")!.TextContent);
        Assert.Contains("15 running", monitoring.QuerySelector("[data-group-states]")!.TextContent);
        Assert.Equal("button", monitoring.GetAttribute("role"));
        Assert.Equal("0", monitoring.GetAttribute("tabindex"));
        Assert.Empty(cut.FindAll("[data-container-name='svc-0007']"));
        Assert.Contains("compose projects and services are drawn as one node each", cut.Find("[data-large-note]").TextContent);

        // One link from the group to the host's stack stands for its 15 containers' links.
        Assert.Single(cut.FindAll($"g.diagram-link[data-link-id^='agg:{GroupId(Monitoring)}>']"));
    }

    [Fact]
    public async Task A_click_on_a_group_expands_it()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderLarge(ctx);
        var drawn = cut.RootCount("data-container-count");

        cut.NodeWrapper(GroupId(Monitoring)).ClickOnDiagram();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-container-name='svc-0007']")), NetDashboardTestContext.LiveTimeout);
        Assert.Empty(cut.FindAll($"[data-group='{Monitoring}']"));
        Assert.Equal(drawn + 15, cut.RootCount("data-container-count"));

        // A member's panel collapses its project again.
        cut.NodeWrapper(TopologyGraphBuilder.ContainerNodeId("synthetic", ctx.Store.Current.Container("svc-0007").Id)).ClickOnDiagram();
        cut.Find($"[data-panel-collapse-group='{Monitoring}']").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll($"[data-group='{Monitoring}']")), NetDashboardTestContext.LiveTimeout);
        Assert.Empty(cut.FindAll("[data-container-name='svc-0007']"));
        Assert.Empty(cut.FindAll("[data-panel]"));
    }

    [Fact]
    public async Task Activating_a_focused_group_as_map_js_does_for_Enter_or_Space_expands_it()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderLarge(ctx);
        var node = cut.Find($"[data-group='{Monitoring}']");
        // map.js turns Enter and Space on a node with data-activate into OnActivate(that id).
        Assert.Equal(GroupId(Monitoring), node.GetAttribute("data-activate"));

        await cut.InvokeAsync(() => cut.Instance.OnActivate(node.GetAttribute("data-activate")!));

        Assert.Single(cut.FindAll("[data-container-name='svc-0027']"));
        Assert.Empty(cut.FindAll($"[data-group='{Monitoring}']"));
    }

    [Fact]
    public async Task The_search_counts_matches_inside_a_group_and_Enter_focuses_the_first_expanding_what_hides_it()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderLarge(ctx);
        var search = cut.Find("[data-map-search] input");

        search.Input("svc-0027");
        cut.WaitForAssertion(() => Assert.Contains("1 match inside", cut.Find($"[data-group='{Monitoring}']").TextContent), NetDashboardTestContext.LiveTimeout);

        // svc-0001 is hidden twice: in its collapsed network, and in its project's group inside it.
        var target = ctx.Store.Current.Container("svc-0001");
        var key = MapGroups.KeyOf(target)!;
        search.Input("svc-0001");
        search.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        cut.WaitForAssertion(() =>
        {
            var node = cut.Find("[data-container-name='svc-0001']");
            Assert.Contains("nd-selected", node.ClassName);
        }, NetDashboardTestContext.LiveTimeout);
        Assert.Empty(cut.FindAll($"[data-group='{key}']"));
        Assert.Contains("focus=svc-0001", ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }
}
