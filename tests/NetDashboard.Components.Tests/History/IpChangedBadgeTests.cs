using NetDashboard.Components.Map;
using NetDashboard.Components.Pages;
using NetDashboard.Core.Map;
using NetDashboard.History.Model;

namespace NetDashboard.Components.Tests.History;

/// <summary>The "IP changed after restart" badge: on the map's node, on the detail page (and so the side panel), live.</summary>
public sealed class IpChangedBadgeTests
{
    private static IpChange WebChanged() => new()
    {
        HostId = TestTopology.HostId,
        ContainerId = TestTopology.WebId,
        ContainerName = "web",
        NetworkId = TestTopology.AppNetworkId,
        NetworkName = "appnet",
        PreviousIpv4 = "172.18.0.5",
        CurrentIpv4 = "172.18.0.2",
        Since = new DateTimeOffset(2026, 11, 28, 14, 0, 30, TimeSpan.Zero),
    };

    private static IRenderedComponent<ContainerNodeWidget> RenderNode(NetDashboardTestContext ctx, string name)
    {
        var node = Map.MapTestSupport.Graph(TestTopology.Connected()).Nodes.Single(n => n.Kind == MapNodeKind.Container && n.Label == name);
        return ctx.Render<ContainerNodeWidget>(p => p.Add(w => w.Node, new ContainerNodeModel(node, new MapPoint(0, 0))));
    }

    [Fact]
    public async Task The_map_node_of_a_container_whose_ip_changed_carries_the_badge_and_the_others_do_not()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Badges.Replace([WebChanged()]);

        var badge = RenderNode(ctx, "web").Find(".nd-ipchange-badge");
        Assert.Equal("IP changed after restart: 172.18.0.5 → 172.18.0.2 on appnet", badge.GetAttribute("title"));
        Assert.Equal(TestTopology.WebId, badge.GetAttribute("data-ip-changed"));
        Assert.Empty(RenderNode(ctx, "api").FindAll(".nd-ipchange-badge"));
    }

    [Fact]
    public async Task The_badge_appears_and_goes_live_when_the_set_changes()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderNode(ctx, "web");
        Assert.Empty(cut.FindAll(".nd-ipchange-badge"));

        ctx.Badges.Replace([WebChanged()]);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".nd-ipchange-badge")));

        ctx.Badges.Replace([]);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".nd-ipchange-badge")));
    }

    [Fact]
    public async Task The_detail_page_says_so_with_a_link_to_the_history_and_every_container_links_to_its_history()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Badges.Replace([WebChanged()]);
        ctx.Publish(TestTopology.Connected());

        var web = ctx.Render<ContainerDetail>(p => p.Add(c => c.Id, "web"));
        var note = web.Find($"[data-ip-changed='{TestTopology.WebId}']");
        Assert.Contains("IP changed after restart:", note.TextContent);
        Assert.Equal("172.18.0.5 → 172.18.0.2 on appnet", note.QuerySelector("[data-ip-change='appnet']")!.TextContent);
        var expected = $"/history?container={TestTopology.WebId}&host=local";
        Assert.Equal(expected, note.QuerySelector("[data-history-link]")!.GetAttribute("href"));

        var api = ctx.Render<ContainerDetail>(p => p.Add(c => c.Id, "api"));
        Assert.Empty(api.FindAll("[data-ip-changed]"));
        Assert.Equal($"/history?container={TestTopology.ApiId}&host=local", api.Find("[data-section='summary'] [data-history-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task Badges_unsubscribe_when_disposed()
    {
        await using var ctx = new NetDashboardTestContext();
        RenderNode(ctx, "web");
        Assert.Equal(1, ctx.Badges.SubscriberCount);

        await ctx.DisposeComponentsAsync();

        Assert.Equal(0, ctx.Badges.SubscriberCount);
    }
}
