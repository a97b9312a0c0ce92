using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Components.Map;
using NetDashboard.Components.Pages;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Tests.Map;

/// <summary>The map page on a real store fed with the demo daemon's topology.</summary>
public sealed class NetworkMapTests
{
    private static async Task<(NetDashboardTestContext Ctx, IRenderedComponent<NetworkMap> Cut, TopologySnapshot Snapshot)> RenderSeed()
    {
        var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());
        var cut = ctx.Render<NetworkMap>();
        await Task.CompletedTask;
        return (ctx, cut, ctx.Store.Current);
    }

    private static string Ctr(TopologySnapshot s, string name) => TopologyGraphBuilder.ContainerNodeId("demo", s.Container(name).Id);

    private static string Net(TopologySnapshot s, string name) => TopologyGraphBuilder.NetworkNodeId("demo", s.Networks.Single(n => n.Name == name).Id);

    [Fact]
    public async Task Each_container_of_the_demo_is_one_node_and_the_regions_are_drawn()
    {
        var (ctx, cut, snapshot) = await RenderSeed();
        await using var _ = ctx;

        var names = cut.FindAll(".nd-container").Select(e => e.GetAttribute("data-container-name")!).Order().ToList();
        Assert.Equal(snapshot.Containers.Select(c => c.Name).Order().ToList(), names);
        Assert.Equal(7, names.Count);
        Assert.Single(cut.FindAll(".nd-host"));
        Assert.Equal(["br-", "br-", "docker0"], cut.FindAll(".nd-bridge").Select(b => b.GetAttribute("data-bridge")![..Math.Min(3, b.GetAttribute("data-bridge")!.Length)]).Order().Select(s => s.StartsWith("br-") ? "br-" : "docker0").ToList());
        Assert.Single(cut.FindAll("g.nd-region-host-stack"));
        Assert.Single(cut.FindAll("g.nd-region-isolated"));
        Assert.Equal(3, cut.FindAll("g.nd-region-bridge").Count);
        var root = cut.Find("[data-map]");
        Assert.Equal(snapshot.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), root.GetAttribute("data-revision"));
        Assert.True(long.Parse(root.GetAttribute("data-rendered-at")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("7", root.GetAttribute("data-container-count"));
    }

    [Fact]
    public async Task Every_mode_is_linked_with_its_own_edge_and_label()
    {
        var (ctx, cut, s) = await RenderSeed();
        await using var _ = ctx;
        var web = s.Container("web");
        var webEndpoint = web.Endpoints.Single();

        // web ⇄ docker0: the endpoint, labelled with its IP/prefix and the veth pair.
        var endpoint = cut.Find($"g.nd-link[data-edge-id='ep:demo:{web.Id}:{webEndpoint.NetworkId}']");
        Assert.Contains("nd-link-endpoint", endpoint.ClassList);
        Assert.Equal($"{webEndpoint.Ipv4}/{webEndpoint.Ipv4PrefixLength}", endpoint.QuerySelector(".nd-link-label-main")!.TextContent);
        Assert.Equal($"eth0 ⇄ {webEndpoint.HostInterface}", endpoint.QuerySelector(".nd-link-label-detail")!.TextContent);
        Assert.StartsWith("veth", webEndpoint.HostInterface);
        Assert.Equal(172, int.Parse(webEndpoint.Ipv4!.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture));

        // db is on two networks: two endpoint links, each with its own address — in its name for assistive technology,
        // and on its label; the label on its home network in full, the other (no room beside it) a marker whose
        // tooltip is the label.
        var db = s.Container("db");
        Assert.Equal(2, db.Endpoints.Length);
        foreach (var e in db.Endpoints)
        {
            var link = cut.Find($"g.nd-link[data-edge-id='ep:demo:{db.Id}:{e.NetworkId}']");
            // A container on several networks: the endpoint that carries its default route (its egress) says so.
            var address = $"{e.Ipv4}/{e.Ipv4PrefixLength}{(e.DefaultRoute == true ? " · default route" : "")}";
            var target = link.QuerySelector(".nd-link-target")!;
            Assert.Contains($"{e.Ipv4}/{e.Ipv4PrefixLength}", target.GetAttribute("aria-label"));
            Assert.Equal("button", target.GetAttribute("role"));
            if (e.NetworkName == "app-net")
            {
                Assert.Equal(address, link.QuerySelector(".nd-link-label-main")!.TextContent);
            }
            else
            {
                Assert.Contains(address, link.QuerySelector("[data-label-marker]")!.GetAttribute("title"));
            }
        }
        Assert.Single(db.Endpoints, e => e.DefaultRoute == true);

        // web-sidecar shares web's namespace: a dashed "shares" link to web.
        var shares = cut.Find($"g.nd-link[data-edge-id='ns:demo:{s.Container("web-sidecar").Id}']");
        Assert.Equal("shares", shares.GetAttribute("data-edge-kind"));
        Assert.Equal("shares network namespace", shares.QuerySelector(".nd-link-label-main")!.TextContent);
        Assert.DoesNotContain("nd-link-warning", shares.ClassList);

        // monitor uses the host stack, and its -p 9100 was discarded: a warning link.
        var hostStack = cut.Find($"g.nd-link[data-edge-id='hs:demo:{s.Container("monitor").Id}']");
        Assert.Equal("host-stack", hostStack.GetAttribute("data-edge-kind"));
        Assert.Contains("nd-link-warning", hostStack.ClassList);
        Assert.Equal("host stack", hostStack.QuerySelector(".nd-link-label-main")!.TextContent);
        Assert.Contains("-p discarded: 9100 → 9100/tcp", hostStack.QuerySelector(".nd-link-label-detail")!.TextContent);

        // web publishes 8081 → 8080/tcp: a dotted link from the host with the DNAT port label.
        var published = cut.Find($"g.nd-link[data-edge-id='pp:demo:{web.Id}']");
        Assert.Equal("published", published.GetAttribute("data-edge-kind"));
        Assert.Equal("0.0.0.0:8081 +[::]", published.QuerySelector(".nd-link-label-main")!.TextContent);
        Assert.Equal("→ 8080/tcp", published.QuerySelector(".nd-link-label-detail")!.TextContent);
        Assert.Contains("0.0.0.0:8081, [::]:8081 → 8080/tcp", published.QuerySelector(".nd-link-label")!.GetAttribute("title"));

        // Every bridge hangs off the host; batch (none) has no link at all.
        Assert.Equal(3, cut.FindAll("g.nd-link[data-edge-kind='uplink']").Count);
        Assert.Empty(cut.FindAll($"g.nd-link[data-edge-id*='{s.Container("batch").Id}']"));
        Assert.All(cut.FindAll("g.nd-link .nd-link-line"), path => Assert.StartsWith("M", path.GetAttribute("d")));
    }

    [Fact]
    public async Task A_new_container_adds_exactly_one_node_and_nothing_else_moves_or_is_recreated()
    {
        var (ctx, cut, _) = await RenderSeed();
        await using var __ = ctx;
        var before = cut.DrawnNodes();
        var regionsBefore = cut.DrawnRegions();
        var batchId = Ctr(ctx.Store.Current, "batch");
        Assert.Equal(before.Count, cut.RootCount("data-node-count"));

        ctx.Publish(MapTestSupport.Seed().WithExtraContainer("worker", "newcomer"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-container-name='newcomer']")), NetDashboardTestContext.LiveTimeout);
        var after = cut.DrawnNodes();
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(before.Count + 1, cut.RootCount("data-node-count"));
        foreach (var (id, old) in before)
        {
            // The same model (not re-created), where it was.
            Assert.Equal(old, after[id]);
        }
        var regionsAfter = cut.DrawnRegions();
        foreach (var (id, region) in regionsBefore)
        {
            Assert.Equal(region.Instance, regionsAfter[id].Instance);
        }
        Assert.Equal(8, cut.FindAll(".nd-container").Count);
        Assert.Equal(ctx.Store.Current.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-map]").GetAttribute("data-revision"));

        ctx.Publish(MapTestSupport.Seed().WithExtraContainer("worker", "newcomer").Without("batch"));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-container-name='batch']")), NetDashboardTestContext.LiveTimeout);
        var last = cut.DrawnNodes();
        Assert.Equal(before.Count, last.Count);
        Assert.Equal(before.Count, cut.RootCount("data-node-count"));
        foreach (var (id, old) in before.Where(b => b.Key != batchId))
        {
            Assert.Equal(old, last[id]);
        }
    }

    [Fact]
    public async Task A_state_change_updates_the_node_in_place()
    {
        var (ctx, cut, s) = await RenderSeed();
        await using var _ = ctx;
        var workerId = Ctr(s, "worker");
        var model = cut.DrawnNodes()[workerId];
        var nodes = cut.RootCount("data-node-count");
        var observation = MapTestSupport.Seed();

        ctx.Publish(observation with
        {
            Containers = observation.Containers.Select(c => c.Names.Contains("/worker") ? c with { State = "exited", Status = "Exited (0)", Endpoints = [] } : c).ToImmutableArray(),
        });

        cut.WaitForAssertion(() => Assert.Contains("nd-dimmed", cut.Find("[data-container-name='worker']").ClassList), NetDashboardTestContext.LiveTimeout);
        Assert.Equal(model.Instance, cut.DrawnNodes()[workerId].Instance); // the same model, refreshed in place
        Assert.Contains("nd-state-exited", cut.Find("[data-container-name='worker']").ClassList);
        Assert.Equal(nodes, cut.RootCount("data-node-count"));
    }

    [Fact]
    public async Task The_search_highlights_the_matching_node_and_fades_the_rest()
    {
        var (ctx, cut, s) = await RenderSeed();
        await using var _ = ctx;
        var api = s.Container("api");

        cut.Find("[data-map-search] input").Input(api.Endpoints.Single().Ipv4!);

        cut.WaitForAssertion(() => Assert.Equal(["api"], cut.FindAll(".nd-node.nd-match").Select(n => n.GetAttribute("data-container-name")).ToList()),
            NetDashboardTestContext.LiveTimeout);
        Assert.Contains("nd-faded", cut.Find("[data-container-name='db']").ClassList);
        Assert.DoesNotContain("nd-faded", cut.Find("[data-container-name='api']").ClassList);
        Assert.Equal("1 match", cut.Find("[data-search-summary]").TextContent);

        cut.Find("[data-map-search] input").Input("postgres");
        cut.WaitForAssertion(() => Assert.Equal(["db"], cut.FindAll(".nd-node.nd-match").Select(n => n.GetAttribute("data-container-name")).ToList()),
            NetDashboardTestContext.LiveTimeout);

        // Esc clears the search (and closes the panel).
        await cut.InvokeAsync(() => cut.Instance.OnShortcut("Escape"));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".nd-match, .nd-faded")), NetDashboardTestContext.LiveTimeout);
    }

    [Fact]
    public async Task Clicking_a_container_opens_the_panel_with_the_docker_command_and_puts_it_in_the_url()
    {
        var (ctx, cut, s) = await RenderSeed();
        await using var _ = ctx;

        cut.NodeWrapper(Ctr(s, "web")).ClickOnDiagram();

        var panel = cut.Find("[data-panel='container']");
        Assert.Equal("web", panel.QuerySelector("[data-panel-title]")!.TextContent);
        Assert.Contains(panel.QuerySelectorAll("[data-command] code"), c => c.TextContent == "docker inspect web");
        Assert.Contains("nd-selected", cut.Find("[data-container-name='web']").ClassList);
        Assert.EndsWith("/?focus=web", ctx.Services.GetRequiredService<NavigationManager>().Uri);
        // The links of the selected node stand out.
        Assert.Contains("nd-selected", cut.Find($"g.nd-link[data-edge-id='pp:demo:{s.Container("web").Id}']").ClassList);

        cut.Find("[data-panel-close]").Click();
        Assert.Empty(cut.FindAll("[data-panel]"));
        Assert.DoesNotContain("focus=", ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Clicking_a_published_port_link_shows_its_DNAT_path()
    {
        var (ctx, cut, s) = await RenderSeed();
        await using var _ = ctx;
        var web = s.Container("web");

        cut.LinkWrapper($"pp:demo:{web.Id}").ClickOnDiagram();

        var panel = cut.Find("[data-panel='link-published']");
        var ip = web.Endpoints.Single().Ipv4;
        Assert.Equal([$"0.0.0.0:8081 → {ip}:8080/tcp", $"[::]:8081 → {ip}:8080/tcp"], panel.QuerySelectorAll("[data-dnat]").Select(e => e.TextContent).ToArray());
        Assert.Contains(panel.QuerySelectorAll("[data-command] code"), c => c.TextContent == "docker port web");
    }

    [Fact]
    public async Task Clicking_an_endpoint_link_shows_the_veth_pair()
    {
        var (ctx, cut, s) = await RenderSeed();
        await using var _ = ctx;
        var db = s.Container("db");
        var endpoint = db.Endpoints.Single(e => e.NetworkName == "backend");

        cut.LinkWrapper($"ep:demo:{db.Id}:{endpoint.NetworkId}").ClickOnDiagram();

        var panel = cut.Find("[data-panel='link-endpoint']");
        Assert.Equal("db ⇄ backend", panel.QuerySelector("[data-panel-title]")!.TextContent);
        Assert.Contains(endpoint.HostInterface!, panel.QuerySelector("[data-veth]")!.TextContent);
        Assert.Contains(endpoint.Mac!, panel.TextContent);
        Assert.Contains(panel.QuerySelectorAll("[data-command] code"), c => c.TextContent == $"ip -o link show dev {endpoint.HostInterface}");
    }

    [Fact]
    public async Task A_focus_link_selects_and_centres_the_container()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/?focus=db");

        var page = ctx.Render<Home>();

        var cut = page.FindComponent<NetworkMap>();
        cut.WaitForAssertion(() => Assert.Equal("db", cut.Find("[data-panel-title]").TextContent), NetDashboardTestContext.LiveTimeout);
        Assert.Equal(["db"], cut.FindAll(".nd-container.nd-selected").Select(n => n.GetAttribute("data-container-name")).ToList());
        // Centred in the part of the canvas the panel leaves free.
        var (zoom, panX, panY) = cut.ViewOf();
        var center = cut.DrawnNodes()[Ctr(ctx.Store.Current, "db")].Center;
        Assert.Equal((MapTestSupport.CanvasWidth - 460) / 2, center.X * zoom + panX, 1);
        Assert.Equal(MapTestSupport.CanvasHeight / 2, center.Y * zoom + panY, 1);
    }

    [Fact]
    public async Task A_focus_link_to_a_network_selects_its_bridge()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(MapTestSupport.Seed());

        var cut = ctx.Render<NetworkMap>(p => p.Add(m => m.Focus, "app-net"));

        Assert.Contains("nd-selected", cut.Find($".nd-bridge[data-node-id='{Net(ctx.Store.Current, "app-net")}']").ClassList);
        Assert.Equal("app-net", cut.Find("[data-panel='bridge'] [data-panel-title]").TextContent);
    }

    [Fact]
    public async Task Collapsing_a_network_replaces_its_containers_by_one_node_and_expanding_brings_them_back()
    {
        var (ctx, cut, s) = await RenderSeed();
        await using var _ = ctx;
        var appNet = s.Networks.Single(n => n.Name == "app-net");
        var models = cut.DrawnNodes();

        cut.Find($"[data-collapse-toggle='{appNet.Id}']").Click();

        Assert.Empty(cut.FindAll("[data-container-name='api'], [data-container-name='db'], [data-container-name='worker']"));
        var collapsed = cut.Find($".nd-collapsed[data-network-id='{appNet.Id}']");
        Assert.Equal("3", collapsed.GetAttribute("data-count"));
        Assert.Equal(4, cut.FindAll(".nd-container").Count);
        // The others are the same models, where they were.
        Assert.All(cut.DrawnNodes().Where(kv => models.ContainsKey(kv.Key)), kv => Assert.Equal(models[kv.Key].Instance, kv.Value.Instance));

        cut.NodeWrapper(TopologyGraphBuilder.CollapsedNodeId("demo", appNet.Id)).ClickOnDiagram();

        Assert.Equal(7, cut.FindAll(".nd-container").Count);
        Assert.Empty(cut.FindAll(".nd-collapsed"));
        Assert.Equal("app-net", cut.Find("[data-panel='bridge'] [data-panel-title]").TextContent);
    }

    [Fact]
    public async Task Hide_stopped_and_the_state_filter_change_what_is_drawn()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        var observation = MapTestSupport.Seed();
        ctx.Publish(observation with
        {
            Containers = observation.Containers.Select(c => c.Names.Contains("/batch") ? c with { State = "exited" } : c).ToImmutableArray(),
        });
        var cut = ctx.Render<NetworkMap>();
        Assert.Single(cut.FindAll("[data-container-name='batch']"));

        cut.Find("[data-hide-stopped] input").Change(true);

        Assert.Empty(cut.FindAll("[data-container-name='batch']"));
        Assert.Equal(6, cut.FindAll(".nd-container").Count);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    public async Task A_large_topology_starts_collapsed_and_says_so(int containers)
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();
        ctx.Publish(DemoDaemon.Synthetic(containers, compose: false).Observe()); // no compose projects: networks only (MapGroupTests has both)
        var expected = TopologyGraphBuilder.DefaultCollapsed(ctx.Store.Current);
        Assert.NotEmpty(expected);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var cut = ctx.Render<NetworkMap>();
        var elapsed = started.Elapsed;

        Assert.Contains($"Large topology: {expected.Count} networks start collapsed — click to expand", cut.Find("[data-large-note]").TextContent);
        Assert.Equal(expected.Count, cut.FindAll(".nd-collapsed").Count);
        var drawn = cut.RootCount("data-container-count");
        Assert.InRange(drawn, 1, containers - 1);
        // Every container is either drawn or counted in a collapsed node.
        var counted = cut.FindAll(".nd-collapsed").Sum(c => int.Parse(c.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(containers, drawn + counted);
        Console.WriteLine($"map of {containers} synthetic containers: built, laid out and rendered in {elapsed.TotalMilliseconds:F0} ms " +
                          $"({cut.RootCount("data-node-count")} nodes, {cut.RootCount("data-link-count")} links)");

        // Expanding one collapsed network draws its containers.
        var network = expected.First();
        cut.Find($"[data-collapse-toggle='{network}']").Click();
        Assert.Equal(expected.Count - 1, cut.FindAll(".nd-collapsed").Count);
        Assert.True(cut.RootCount("data-container-count") > drawn);
    }

    [Fact]
    public async Task Before_any_host_reports_the_map_says_it_is_waiting()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.SetupDiagram();

        var cut = ctx.Render<NetworkMap>();

        Assert.Contains("No Docker host has reported yet", cut.Find("[data-empty]").TextContent);

        ctx.Publish(MapTestSupport.Seed());
        cut.WaitForAssertion(() => Assert.Equal(7, cut.FindAll(".nd-container").Count), NetDashboardTestContext.LiveTimeout);
        Assert.Empty(cut.FindAll("[data-empty]").Select(e => e.OuterHtml));
    }
}
