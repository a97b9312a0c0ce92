using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Components.Pages;

namespace NetDashboard.Components.Tests.Pages;

public sealed class NetworkDetailTests
{
    private static IRenderedComponent<NetworkDetail> RenderDetail(NetDashboardTestContext ctx, string id)
    {
        ctx.Publish(TestTopology.Connected());
        return ctx.Render<NetworkDetail>(p => p.Add(c => c.Id, id));
    }

    [Fact]
    public async Task Shows_every_field_and_the_attached_containers_with_their_endpoint()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, "appnet");

        Assert.Equal("Network appnet", cut.Find("h1").Text());
        Assert.Equal(TestTopology.AppBridge, cut.Find("[data-field='bridge']").Text());
        Assert.Equal("172.18.0.0/16 → 172.18.0.1", cut.Find("[data-field='subnets']").Text());
        Assert.Equal("yes", cut.Find("[data-field='dns']").Text());
        Assert.Equal("no", cut.Find("[data-field='icc']").Text());
        var summary = cut.Find("[data-section='summary']").Text();
        Assert.Contains(TestTopology.AppNetworkId, summary);
        Assert.Contains("2026-11-27 09:00:00 UTC", summary);
        Assert.Contains("com.docker.network.bridge.enable_icc", cut.Markup);
        Assert.Contains("com.example.team", cut.Markup);

        var web = cut.Find("[data-section='attached'] tr[data-container='web']").Text();
        Assert.Contains("172.18.0.2/16", web);
        Assert.Contains(TestTopology.WebMac, web);
        Assert.Contains("web, frontend", web);
        Assert.Contains("eth0 ⇄ veth5e6f7a8 (ifindex 12)", web);
        Assert.Contains("sidecar", cut.Find("[data-section='sharers']").Text());

        var commands = cut.FindAll("[data-command] code").Select(c => c.TextContent).ToList();
        Assert.Contains("docker network inspect appnet", commands);
        Assert.Contains($"ip -o link show master {TestTopology.AppBridge}", commands);
    }

    [Fact]
    public async Task A_derived_gateway_is_marked()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, "bridge");

        Assert.Equal("docker0", cut.Find("[data-field='bridge']").Text());
        Assert.Contains("172.17.0.0/16 → 172.17.0.1", cut.Find("[data-field='subnets']").Text());
        Assert.NotNull(cut.Find("[data-field='subnets'] [data-derived]"));
        Assert.Equal("no", cut.Find("[data-field='dns']").Text());
    }

    [Fact]
    public async Task A_network_removed_while_its_page_is_open_is_reported_as_removed()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, TestTopology.AppNetworkId);
        var observation = TestTopology.Connected(withoutContainers: [TestTopology.WebId, TestTopology.SidecarId]);

        ctx.Publish(observation with { Networks = observation.Networks.RemoveAll(n => n.Name == "appnet") });

        cut.WaitForAssertion(() =>
            Assert.Equal("The network appnet was removed. Below is its last known state.", cut.Find("[data-gone]").Text()),
            NetDashboardTestContext.LiveTimeout);
    }

    [Fact]
    public async Task An_unknown_network_gets_a_friendly_not_found_message()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, "nope");

        Assert.Equal("Network not found", cut.Find("h1").Text());
        Assert.Contains("No network called “nope” is known", cut.Find("[data-not-found]").Text());
    }

    [Fact]
    public async Task A_name_on_two_hosts_lists_both_and_the_host_query_picks_one()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(TestTopology.Connected());
        ctx.Publish(TestTopology.Connected() with { Host = TestTopology.Host() with { Id = "second", Name = "second" } });

        var cut = ctx.Render<NetworkDetail>(p => p.Add(c => c.Id, "appnet"));

        Assert.Equal("Which network?", cut.Find("h1").Text());
        var links = cut.FindAll("[data-ambiguous] li a");
        Assert.Equal([$"appnet ({TestTopology.AppNetworkId[..12]}) on {TestTopology.HostName}", $"appnet ({TestTopology.AppNetworkId[..12]}) on second"],
            links.Select(a => a.Text()).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(links, a => a.GetAttribute("href")!.EndsWith("?host=second", StringComparison.Ordinal));

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/networks/appnet?host=second");
        var narrowed = ctx.Render<NetworkDetail>(p => p.Add(c => c.Id, "appnet"));
        Assert.Equal("Network appnet", narrowed.Find("h1").Text());
    }
}
