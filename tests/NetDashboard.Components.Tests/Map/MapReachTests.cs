using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using NetDashboard.Components.Map;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Tests.Map;

/// <summary>The reachability path on the map: <c>/?from=&amp;to=</c>, the side panel's picker, the banner, Esc.</summary>
public sealed class MapReachTests
{
    private static string Ctr(TopologySnapshot s, string name) => TopologyGraphBuilder.ContainerNodeId(s.Container(name).HostId, s.Container(name).Id);

    private static string Net(TopologySnapshot s, string name) =>
        TopologyGraphBuilder.NetworkNodeId(s.Networks.Single(n => n.Name == name).HostId, s.Networks.Single(n => n.Name == name).Id);

    private static string Text(AngleSharp.Dom.IElement e) => System.Text.RegularExpressions.Regex.Replace(e.TextContent, @"\s+", " ").Trim();

    private static AngleSharp.Dom.IElement Node(IRenderedComponent<NetworkMap> cut, string id) => cut.Find($".nd-node[data-node-id='{id}']");

    private static AngleSharp.Dom.IElement Link(IRenderedComponent<NetworkMap> cut, string id) => cut.Find($"g.nd-link[data-edge-id='{id}']");

    [Fact]
    public async Task A_deep_link_highlights_the_path_dims_the_rest_and_the_banner_says_why()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());
        var s = ctx.Store.Current;
        var cut = ctx.Render<NetworkMap>(p => p.Add(m => m.ReachFrom, "api").Add(m => m.ReachTo, "db"));
        var (api, db, appNet) = (s.Container("api"), s.Container("db"), s.Networks.Single(n => n.Name == "app-net"));

        cut.WaitForAssertion(() => Assert.Contains("nd-path", Node(cut, Ctr(s, "api")).ClassList));
        // On the path: api → its veth on app-net → the app-net bridge → db's veth → db.
        Assert.Contains("nd-path-from", Node(cut, Ctr(s, "api")).ClassList);
        Assert.Contains("nd-path", Node(cut, Ctr(s, "db")).ClassList);
        Assert.Contains("nd-path-to", Node(cut, Ctr(s, "db")).ClassList);
        Assert.Contains("nd-path", Node(cut, Net(s, "app-net")).ClassList);
        Assert.Contains("nd-path", Link(cut, $"ep:demo:{api.Id}:{appNet.Id}").ClassList);
        Assert.Contains("nd-path", Link(cut, $"ep:demo:{db.Id}:{appNet.Id}").ClassList);
        // Everything else fades: other containers, other bridges, db's other endpoint, the regions off the path.
        foreach (var other in new[] { "web", "worker", "monitor", "batch", "web-sidecar" })
        {
            Assert.Contains("nd-faded", Node(cut, Ctr(s, other)).ClassList);
        }
        Assert.Contains("nd-faded", Node(cut, Net(s, "backend")).ClassList);
        var dbOnBackend = db.Endpoints.Single(e => e.NetworkName == "backend").NetworkId;
        Assert.Contains("nd-faded", Link(cut, $"ep:demo:{db.Id}:{dbOnBackend}").ClassList);
        Assert.Contains("nd-faded", cut.Find($"g.nd-region[data-network-id='{s.Networks.Single(n => n.Name == "bridge").Id}']").ClassList);
        Assert.DoesNotContain("nd-faded", cut.Find($"g.nd-region[data-network-id='{appNet.Id}']").ClassList);
        // The highlight is a mark on the existing models: nothing was rebuilt for it.
        Assert.Equal(cut.RootCount("data-node-count"), cut.FindAll(".nd-node").Count);
        Assert.Equal(cut.RootCount("data-node-count"), cut.DrawnNodes().Count);

        var banner = cut.Find("[data-reach-banner]");
        Assert.Equal("api → db", banner.QuerySelector("[data-reach-pair]")!.TextContent);
        Assert.Equal(("yes", "yes"), (banner.GetAttribute("data-ip"), banner.GetAttribute("data-name")));
        Assert.StartsWith("by IP: yes — both are on app-net", Text(banner.QuerySelector("[data-reach-verdict='ip']")!));
        Assert.StartsWith("by name: yes — app-net is a user-defined network", Text(banner.QuerySelector("[data-reach-verdict='name']")!));
        Assert.Equal($"/reachability?from={api.Id}&to={db.Id}", banner.QuerySelector("a[data-reach-details]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_clear_button_and_Esc_drop_the_path_and_its_url()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());
        var s = ctx.Store.Current;
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/?from=web&to=web-sidecar");
        var cut = ctx.Render<NetworkMap>(p => p.Add(m => m.ReachFrom, "web").Add(m => m.ReachTo, "web-sidecar"));
        cut.WaitForAssertion(() => Assert.Contains("nd-path", Node(cut, Ctr(s, "web-sidecar")).ClassList));
        // A sharer's path is the shared-namespace link to its owner.
        Assert.Contains("nd-path", Link(cut, $"ns:demo:{s.Container("web-sidecar").Id}").ClassList);

        cut.Find("[data-reach-clear]").Click();

        Assert.Empty(cut.FindAll("[data-reach-banner]"));
        Assert.Empty(cut.FindAll(".nd-path"));
        Assert.Empty(cut.FindAll(".nd-faded"));
        Assert.DoesNotContain("from=", nav.Uri);

        // Esc does the same.
        var again = ctx.Render<NetworkMap>(p => p.Add(m => m.ReachFrom, "api").Add(m => m.ReachTo, "monitor"));
        again.WaitForAssertion(() => Assert.NotEmpty(again.FindAll(".nd-path")));
        Assert.Contains("nd-path", again.Find($"g.nd-link[data-edge-id='hs:demo:{s.Container("monitor").Id}']").ClassList);
        await again.InvokeAsync(() => again.Instance.OnShortcut("Escape"));
        Assert.Empty(again.FindAll("[data-reach-banner]"));
        Assert.Empty(again.FindAll(".nd-path"));
    }

    [Fact]
    public async Task An_unreachable_pair_marks_both_ends_and_says_why()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());
        var s = ctx.Store.Current;
        var cut = ctx.Render<NetworkMap>(p => p.Add(m => m.ReachFrom, "batch").Add(m => m.ReachTo, "web"));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-reach-nopath]")));
        Assert.Equal(("no", "no"), (cut.Find("[data-reach-banner]").GetAttribute("data-ip"), cut.Find("[data-reach-banner]").GetAttribute("data-name")));
        Assert.Contains("--network none", cut.Find("[data-reach-verdict='ip']").TextContent);
        var marked = cut.FindAll(".nd-node.nd-path").Select(n => n.GetAttribute("data-node-id")!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { Ctr(s, "batch"), Ctr(s, "web") }.Order(StringComparer.Ordinal).ToArray(), marked);
        Assert.Empty(cut.FindAll("g.nd-link.nd-path"));
    }

    [Fact]
    public async Task An_unknown_container_is_named_in_the_banner_and_the_map_stays_as_it_was()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());
        var cut = ctx.Render<NetworkMap>(p => p.Add(m => m.ReachFrom, "api").Add(m => m.ReachTo, "ghost"));

        cut.WaitForAssertion(() => Assert.Equal("No container is named or has the id “ghost”.", cut.Find("[data-reach-problem]").TextContent));
        Assert.Empty(cut.FindAll(".nd-path"));
        Assert.Empty(cut.FindAll(".nd-faded"));
    }

    [Fact]
    public async Task Collapsed_networks_on_the_path_are_expanded()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(DemoDaemon.Synthetic(300).Observe());
        var s = ctx.Store.Current;
        var collapsed = TopologyGraphBuilder.DefaultCollapsed(s);
        // Two running containers whose only network starts collapsed.
        var pair = s.Containers
            .Where(c => c.IsRunning && c.Endpoints.Length == 1 && collapsed.Contains(c.Endpoints[0].NetworkId))
            .Where(c => c.Endpoints[0].NetworkName != "bridge") // a user network: by name too
            .GroupBy(c => c.Endpoints[0].NetworkId).First(g => g.Count() >= 2).Take(2).ToArray();
        var cut = ctx.Render<NetworkMap>(p => p.Add(m => m.ReachFrom, pair[0].Name).Add(m => m.ReachTo, pair[1].Name));

        cut.WaitForAssertion(() => Assert.Contains("nd-path", Node(cut, TopologyGraphBuilder.ContainerNodeId(pair[0].HostId, pair[0].Id)).ClassList));
        Assert.Contains("nd-path", Node(cut, TopologyGraphBuilder.ContainerNodeId(pair[1].HostId, pair[1].Id)).ClassList);
        Assert.Contains("nd-path", Node(cut, TopologyGraphBuilder.NetworkNodeId(pair[0].HostId, pair[0].Endpoints[0].NetworkId)).ClassList);
        var network = pair[0].Endpoints[0].NetworkId;
        Assert.DoesNotContain("nd-region-collapsed", cut.Find($"g.nd-region[data-network-id='{network}']").ClassList);
        Assert.Empty(cut.FindAll($".nd-collapsed[data-network-id='{network}']"));
        Assert.InRange(cut.RootCount("data-collapsed-count"), 1, collapsed.Count - 1); // the other networks stay collapsed
        Assert.Equal(("yes", "yes"), (cut.Find("[data-reach-banner]").GetAttribute("data-ip"), cut.Find("[data-reach-banner]").GetAttribute("data-name")));
    }

    [Fact]
    public async Task The_side_panel_picker_highlights_the_path_from_the_selected_container()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());
        var s = ctx.Store.Current;
        var popovers = ctx.Render<MudPopoverProvider>();
        var cut = ctx.Render<NetworkMap>();

        cut.NodeWrapper(Ctr(s, "api")).ClickOnDiagram();
        var input = cut.WaitForElement("[data-panel] [data-reach-picker] input", NetDashboardTestContext.LiveTimeout);
        await cut.InvokeAsync(() => input.Input("wor"));
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Contains("worker")), NetDashboardTestContext.LiveTimeout);
        // Only the other containers of the host are offered, by name.
        Assert.DoesNotContain(popovers.FindAll(".mud-list-item"), i => i.TextContent.Trim() == "api");
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains("worker")).Click();

        cut.WaitForAssertion(() => Assert.Contains("nd-path", Node(cut, Ctr(s, "worker")).ClassList), NetDashboardTestContext.LiveTimeout);
        Assert.Contains("nd-path-from", Node(cut, Ctr(s, "api")).ClassList);
        Assert.Equal("api → worker", cut.Find("[data-reach-pair]").TextContent);
        Assert.Contains("from=api&to=worker", ctx.Services.GetRequiredService<NavigationManager>().Uri);
        // The panel stays on api.
        Assert.Equal("api", cut.Find("[data-panel-title]").TextContent);
    }
}
