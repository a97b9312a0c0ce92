using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Components.Tests.Insight;
using NetDashboard.Components.Tests.Map;
using NetDashboard.Core.Demo;

namespace NetDashboard.Components.Tests.Reachability;

/// <summary>The /reachability page: the matrix on the seed's topology (row S11), selection, deep links, filters, live updates.</summary>
public sealed class ReachabilityPageTests
{
    [Theory]
    // default bridge: by IP, not by name (no embedded DNS)
    [InlineData("web", "web2", "yes", "no")]
    // user-defined network: both
    [InlineData("api", "db", "yes", "yes")]
    [InlineData("worker", "api", "yes", "yes")]
    // none: isolated both ways
    [InlineData("batch", "web", "no", "no")]
    [InlineData("api", "batch", "no", "no")]
    // host stack: by IP (the target's bridge address, or the gateway), never by name
    [InlineData("monitor", "api", "yes", "no")]
    [InlineData("api", "monitor", "yes", "no")]
    // container: a sharer is its owner's stack (localhost), and reaches what the owner reaches
    [InlineData("web-sidecar", "web", "yes", "yes")]
    [InlineData("web-sidecar", "web2", "yes", "no")]
    // different bridge networks: isolated
    [InlineData("db", "web", "no", "no")]
    public async Task Each_cell_shows_both_verdicts_as_marks_and_in_words(string from, string to, string byIp, string byName)
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(ReachabilityTestData.Seed());
        var cut = ctx.RenderPage();

        var cell = cut.Cell(from, to);
        var label = $"{from} → {to}: by IP {byIp}, by name {byName}";
        Assert.Equal(label, cell.GetAttribute("aria-label"));
        Assert.Equal(label, cell.GetAttribute("title"));
        // The two marks (✓/✗, drawn by the stylesheet) come from these classes.
        Assert.Contains($"nd-ip-{byIp}", cell.ClassList);
        Assert.Contains($"nd-name-{byName}", cell.ClassList);
    }

    [Fact]
    public async Task The_matrix_is_every_container_by_every_container_with_the_diagonal_left_out()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(ReachabilityTestData.Seed());
        var cut = ctx.RenderPage();

        var names = ctx.Store.Current.Containers.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, cut.FindAll("tbody th[scope='row']").Select(th => th.TextContent).ToList());
        Assert.Equal(names, cut.FindAll("thead th.nd-matrix-col").Select(th => th.TextContent).ToList());
        Assert.Equal(names.Count * (names.Count - 1), cut.Cells().Count);
        Assert.Equal(names.Count, cut.FindAll("td.nd-matrix-self").Count);
        Assert.NotNull(cut.Find("[data-no-selection]"));
    }

    [Fact]
    public async Task Cells_are_buttons_in_the_tab_order_and_selecting_one_shows_the_details_and_writes_the_url()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(ReachabilityTestData.Seed());
        var cut = ctx.RenderPage();

        var cells = cut.Cells();
        // Native buttons: Tab reaches each, Enter and Space activate it (the browser test presses them).
        Assert.All(cells, c => Assert.Equal("BUTTON", c.TagName));
        Assert.All(cells, c => Assert.Null(c.GetAttribute("tabindex")));
        Assert.All(cells, c => Assert.Null(c.GetAttribute("aria-pressed")));

        cut.Cell("web", "web2").Click();

        Assert.Equal("true", cut.Cell("web", "web2").GetAttribute("aria-pressed"));
        Assert.Contains("nd-cell-selected", cut.Cell("web", "web2").ClassList);
        Assert.Single(cut.FindAll("td > button[aria-pressed='true']"));
        var details = cut.Find("[data-details]");
        Assert.Equal("web → web2", details.QuerySelector("[data-details-title]")!.TextContent);
        var ip = details.QuerySelector("[data-verdict='ip']")!;
        Assert.Equal("yes", ip.QuerySelector("[data-verdict-value]")!.TextContent);
        Assert.Contains("172.17.0.9", ip.QuerySelector("[data-address]")!.TextContent);
        var name = details.QuerySelector("[data-verdict='name']")!;
        Assert.Equal("no", name.QuerySelector("[data-verdict-value]")!.TextContent);
        Assert.Contains("default bridge, which has no embedded DNS", name.QuerySelector("[data-reason]")!.TextContent);
        Assert.Contains("No name resolves to web2 from web.", name.TextContent);
        var shared = details.QuerySelector("[data-shared-network='bridge']")!;
        Assert.Contains("(default bridge)", shared.TextContent);
        Assert.Contains("172.17.0.9", shared.TextContent);
        Assert.Equal(("no", "yes", "no"), (shared.QuerySelector("[data-dns]")!.TextContent, shared.QuerySelector("[data-icc]")!.TextContent, shared.QuerySelector("[data-internal]")!.TextContent));
        Assert.Contains("MASQUERADE of 172.17.0.0/16", details.QuerySelector("[data-verdict='egress'] [data-reason]")!.TextContent);
        var web = ctx.Store.Current.Container("web");
        Assert.Equal($"/?from={web.Id}&to={ReachabilityTestData.Web2Id}", details.QuerySelector("a[data-show-path]")!.GetAttribute("href"));

        var uri = new Uri(ctx.Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Equal("?from=web&to=web2", uri.Query);
    }

    [Fact]
    public async Task A_user_network_pair_lists_the_names_that_resolve_with_dns_on()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(ReachabilityTestData.Seed());
        var cut = ctx.RenderPage("?from=api&to=db");

        var name = cut.Find("[data-details] [data-verdict='name']");
        var chips = name.QuerySelectorAll("[data-name-chip]").Select(c => c.GetAttribute("data-name-chip")).ToList();
        Assert.Contains("db", chips);
        Assert.Contains("database", chips);
        Assert.Contains(ctx.Store.Current.Container("db").Id[..12], chips);
        Assert.Contains("embedded DNS", name.TextContent);
        var shared = cut.Find("[data-shared-network='app-net']");
        Assert.Equal(("yes", "yes", "no"), (shared.QuerySelector("[data-dns]")!.TextContent, shared.QuerySelector("[data-icc]")!.TextContent, shared.QuerySelector("[data-internal]")!.TextContent));
    }

    [Fact]
    public async Task A_deep_link_narrows_to_a_network_and_selects_the_pair()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(ReachabilityTestData.Seed());
        var cut = ctx.RenderPage("?network=app-net&from=api&to=db");

        // app-net: api, db, worker — and nobody else.
        Assert.Equal(["api", "db", "worker"], cut.FindAll("tbody th[scope='row']").Select(th => th.TextContent).ToArray());
        Assert.Equal("true", cut.Cell("api", "db").GetAttribute("aria-pressed"));
        Assert.Equal("api → db", cut.Find("[data-details-title]").TextContent);
        Assert.Equal("yes", cut.Find("[data-verdict='ip'] [data-verdict-value]").TextContent);
        Assert.Equal("yes", cut.Find("[data-verdict='name'] [data-verdict-value]").TextContent);
    }

    [Fact]
    public async Task A_deep_link_to_an_unknown_container_says_so_in_one_sentence()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(ReachabilityTestData.Seed());
        var cut = ctx.RenderPage("?from=api&to=nosuch");

        Assert.Equal("No container is named or has the id “nosuch”.", cut.Find("[data-pair-problem]").TextContent);
        Assert.Empty(cut.FindAll("[data-details]"));
    }

    [Fact]
    public async Task Running_only_drops_stopped_containers_and_an_unknown_network_is_named()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(TestTopology.Connected());
        var all = ctx.RenderPage();
        Assert.Contains("old-job", all.FindAll("tbody th[scope='row']").Select(th => th.TextContent));

        await using var ctx2 = new NetDashboardTestContext();
        ctx2.Publish(TestTopology.Connected());
        var running = ctx2.RenderPage("?running=1");
        Assert.DoesNotContain("old-job", running.FindAll("tbody th[scope='row']").Select(th => th.TextContent));
        Assert.Contains("web", running.FindAll("tbody th[scope='row']").Select(th => th.TextContent));

        await using var ctx3 = new NetDashboardTestContext();
        ctx3.Publish(TestTopology.Connected());
        var missing = ctx3.RenderPage("?network=nope");
        Assert.Contains("No network is named or has the id “nope”", missing.Find("[data-network-missing]").TextContent);
        Assert.Empty(missing.Cells());
    }

    [Fact]
    public async Task More_than_100_containers_ask_to_narrow_the_matrix_instead_of_drawing_it()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(DemoDaemon.Synthetic(260).Observe());
        var cut = ctx.RenderPage();

        var note = cut.Find("[data-too-large]").TextContent;
        Assert.Contains("260 containers match: the matrix shows at most 100", note);
        Assert.Contains("Narrow it by network", note);
        Assert.Empty(cut.FindAll("[data-matrix]"));

        await using var ctx2 = new NetDashboardTestContext();
        ctx2.Publish(DemoDaemon.Synthetic(260).Observe());
        var narrowed = ctx2.RenderPage("?network=net-000");
        Assert.Empty(narrowed.FindAll("[data-too-large]"));
        Assert.InRange(narrowed.FindAll("tbody tr").Count, 1, 100);
    }

    [Fact]
    public async Task Exactly_100_containers_are_still_drawn()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(DemoDaemon.Synthetic(100).Observe());

        var started = System.Diagnostics.Stopwatch.StartNew();
        var cut = ctx.RenderPage();
        var elapsed = started.Elapsed;

        Assert.Empty(cut.FindAll("[data-too-large]"));
        Assert.Equal("100", cut.Find("[data-matrix]").GetAttribute("data-size"));
        Assert.Equal(100 * 99, cut.Cells().Count);
        Console.WriteLine($"reachability matrix of 100 containers: analysed and rendered in {elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_topology_change_updates_the_matrix_and_keeps_the_selection()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(ReachabilityTestData.Seed());
        var cut = ctx.RenderPage("?from=api&to=db");
        Assert.Equal("api → db", cut.Find("[data-details-title]").TextContent);

        ctx.Publish(ReachabilityTestData.Seed().WithExtraContainer("worker", "newcomer"));

        cut.WaitForAssertion(() => Assert.Contains("newcomer", cut.FindAll("tbody th[scope='row']").Select(th => th.TextContent)), NetDashboardTestContext.LiveTimeout);
        Assert.Contains("nd-name-yes", cut.Cell("newcomer", "api").ClassList);
        Assert.Equal("true", cut.Cell("api", "db").GetAttribute("aria-pressed"));
        Assert.Equal("api → db", cut.Find("[data-details-title]").TextContent);
    }

    [Fact]
    public async Task Without_live_verification_there_is_no_verify_button_and_the_page_says_how_to_turn_it_on()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(ReachabilityTestData.Seed());
        var cut = ctx.RenderPage("?from=api&to=db");

        Assert.Empty(cut.FindAll("[data-verify]"));
        Assert.Contains("NetDashboard:Insight:LiveVerification=true", cut.Find("[data-live-off]").TextContent);
        Assert.Empty(ctx.Services.GetRequiredService<FakeContainerExec>().Calls);
    }
}
