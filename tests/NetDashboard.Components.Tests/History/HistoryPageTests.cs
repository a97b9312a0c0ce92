using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Components.Pages;
using NetDashboard.History;
using NetDashboard.History.Model;
using NetDashboard.History.Reconciling;
using static NetDashboard.Components.Tests.History.HistoryFixture;

namespace NetDashboard.Components.Tests.History;

/// <summary>The timeline page: the IP question, a container's addresses over time, deep links, live refresh, unavailability.</summary>
public sealed class HistoryPageTests
{
    private static IRenderedComponent<HistoryPage> RenderAt(NetDashboardTestContext ctx, string url)
    {
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return ctx.Render<HistoryPage>();
    }

    [Fact]
    public async Task A_deep_link_answers_who_had_an_ip_at_a_time()
    {
        await using var ctx = new NetDashboardTestContext();
        using var history = new HistoryFixture(ctx);

        var cut = RenderAt(ctx, "/history?ip=172.18.0.2&at=2026-11-28T14:00:05");

        var section = cut.Find("[data-section='ip-result']");
        Assert.Equal("Who had 172.18.0.2 at 2026-11-28 14:00:05 UTC", section.QuerySelector("h2")!.TextContent);
        Assert.StartsWith("web held 172.18.0.2 on appnet (host local) from 2026-11-28 14:00:00 UTC to 2026-11-28 14:00:10 UTC",
            section.QuerySelector("[data-answer='holder']")!.TextContent);
        var row = Assert.Single(section.QuerySelectorAll("tbody tr"));
        Assert.Equal("false", row.GetAttribute("data-current"));
        Assert.Equal("172.18.0.2", cut.Find("#history-ip").GetAttribute("value")); // the form shows the question
    }

    [Fact]
    public async Task Asking_for_a_time_when_nobody_held_it_says_so_and_without_a_time_lists_every_holder()
    {
        await using var ctx = new NetDashboardTestContext();
        using var history = new HistoryFixture(ctx);

        var nobody = RenderAt(ctx, "/history?ip=172.18.0.2&at=2026-11-28T14:00:15Z");
        Assert.Contains("No container held 172.18.0.2 at 2026-11-28 14:00:15 UTC", nobody.Find("[data-answer='nobody']").TextContent);

        var every = RenderAt(ctx, "/history?ip=172.18.0.2");
        var rows = every.FindAll("[data-section='ip-result'] tbody tr");
        Assert.Equal(["web", "api"], rows.Select(r => r.QuerySelector("a")!.TextContent));
        Assert.Equal("still held", rows[1].QuerySelector("[data-col='to']")!.TextContent);
        Assert.NotNull(rows[1].QuerySelector("[data-chip='resync']"));
        Assert.NotNull(rows[1].QuerySelector("[data-chip='current']"));
    }

    [Fact]
    public async Task A_container_deep_link_shows_its_addresses_over_time_its_events_and_that_it_is_gone()
    {
        await using var ctx = new NetDashboardTestContext();
        using var history = new HistoryFixture(ctx);

        var cut = RenderAt(ctx, "/history?container=web");

        var section = cut.Find($"[data-container-history='{TestTopology.WebId}']");
        Assert.Contains("web", section.QuerySelector("h2")!.TextContent);
        var rows = section.QuerySelectorAll("[data-table='assignments'] tbody tr");
        Assert.Equal(["172.18.0.2/16", "172.18.0.3/16"], rows.Select(r => r.QuerySelector("[data-col='ipv4']")!.TextContent));
        Assert.Null(rows[0].QuerySelector("[data-col='ipv6']")); // no IPv6 on this network: no column
        Assert.Equal(["2026-11-28 14:00:10 UTC", "still held"], rows.Select(r => r.QuerySelector("[data-col='to']")!.TextContent));
        Assert.Equal("eth0 ⇄ veth2abcdef", rows[0].QuerySelector("[data-col='veth']")!.TextContent);
        Assert.Equal(["container-die", "ip-changed"], section.QuerySelectorAll("[data-table='events'] tbody tr").Select(r => r.GetAttribute("data-event")));
        Assert.NotNull(section.QuerySelector("[data-removed]")); // the store holds no topology in this test
    }

    [Fact]
    public async Task A_container_still_in_the_topology_links_to_its_live_page()
    {
        await using var ctx = new NetDashboardTestContext();
        using var history = new HistoryFixture(ctx);
        ctx.Publish(TestTopology.Connected());

        var cut = RenderAt(ctx, "/history?container=" + TestTopology.WebId[..12]);

        Assert.Equal($"/containers/{TestTopology.WebId}?host=local", cut.Find("[data-live-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_forms_turn_the_question_into_a_deep_link()
    {
        await using var ctx = new NetDashboardTestContext();
        using var history = new HistoryFixture(ctx);
        var navigation = ctx.Services.GetRequiredService<BunitNavigationManager>();
        var cut = RenderAt(ctx, "/history");

        cut.Find("#history-ip").Input("172.18.0.2");
        cut.Find("#history-at").Input("2026-11-28T14:00:05");
        cut.Find("form[data-form='ip']").Submit();
        Assert.EndsWith("/history?ip=172.18.0.2&at=2026-11-28T14%3A00%3A05", navigation.Uri);
        cut.WaitForAssertion(() => Assert.Equal("web", cut.Find("[data-section='ip-result'] tbody tr a").TextContent));

        cut.Find("#history-container").Input("api");
        cut.Find("form[data-form='container']").Submit();
        Assert.EndsWith("/history?container=api", navigation.Uri);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"[data-container-history='{TestTopology.ApiId}']")));
    }

    [Fact]
    public async Task Bad_input_and_unknown_containers_get_a_sentence()
    {
        await using var ctx = new NetDashboardTestContext();
        using var history = new HistoryFixture(ctx);

        Assert.Contains("“nope” is not an IP address", RenderAt(ctx, "/history?ip=nope").Find("[data-input-error]").TextContent);
        Assert.Contains("is not a time", RenderAt(ctx, "/history?ip=172.18.0.2&at=later").Find("[data-input-error]").TextContent);
        Assert.Contains("knows no container called or with the id “ghost”", RenderAt(ctx, "/history?container=ghost").Find("[data-not-found]").TextContent);
    }

    [Fact]
    public async Task Without_a_question_it_lists_recent_events_and_ip_changes_and_refreshes_after_each_write()
    {
        await using var ctx = new NetDashboardTestContext();
        using var history = new HistoryFixture(ctx);
        ctx.Badges.Replace([new IpChange
        {
            HostId = TestTopology.HostId, ContainerId = TestTopology.WebId, ContainerName = "web", NetworkId = TestTopology.AppNetworkId,
            NetworkName = "appnet", PreviousIpv4 = "172.18.0.2", CurrentIpv4 = "172.18.0.3", Since = T0.AddSeconds(30),
        }]);
        var cut = RenderAt(ctx, "/history");

        Assert.Equal(["ip-changed", "container-die"], cut.FindAll("[data-section='recent'] tbody tr").Select(r => r.GetAttribute("data-event")));
        Assert.Contains("172.18.0.2 → 172.18.0.3 on appnet", cut.Find("[data-section='ip-changes']").TextContent);

        history.Store.Write([new RecordEvent(Event("container-start", TestTopology.WebId, "web", T0.AddMinutes(1)))]);
        history.Access.NotifyWritten();

        cut.WaitForAssertion(() => Assert.Equal("container-start", cut.Find("[data-section='recent'] tbody tr").GetAttribute("data-event")),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task When_history_is_unavailable_the_page_says_why()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.History.SetUnavailable("/nowhere/history.db", "The history database '/nowhere/history.db' cannot be opened: disk I/O error");

        var cut = RenderAt(ctx, "/history?ip=172.18.0.2");

        var alert = cut.Find("[data-history-unavailable='unavailable']");
        Assert.Contains("History is unavailable: The history database '/nowhere/history.db' cannot be opened", alert.TextContent);
        Assert.Empty(cut.FindAll("form"));
    }
}
