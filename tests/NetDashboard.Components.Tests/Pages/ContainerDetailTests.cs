using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Components.Controls;
using NetDashboard.Components.Details;
using NetDashboard.Components.Pages;

namespace NetDashboard.Components.Tests.Pages;

public sealed class ContainerDetailTests
{
    private static IRenderedComponent<ContainerDetail> RenderDetail(NetDashboardTestContext ctx, string id)
    {
        ctx.Publish(TestTopology.Connected());
        return ctx.Render<ContainerDetail>(p => p.Add(c => c.Id, id));
    }

    [Fact]
    public async Task Shows_the_fields_and_the_veth_pair_of_each_endpoint()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, "web");

        Assert.Equal("Container web", cut.Find("h1").Text());
        var summary = cut.Find("[data-section='summary']").Text();
        Assert.Contains(TestTopology.WebId, summary);
        Assert.Contains("nginx:1.27", summary);
        Assert.Contains("running Up 3 minutes", summary);
        Assert.Contains("network:appnet", summary);
        Assert.Contains("2026-11-27 10:00:00 UTC", summary);
        Assert.Contains("4242", summary);

        var endpoint = cut.Find("[data-endpoint='appnet']");
        Assert.Equal("eth0 ⇄ veth5e6f7a8 (ifindex 12)", endpoint.QuerySelector("[data-veth]")!.Text());
        var text = endpoint.Text();
        Assert.Contains("172.18.0.2/16", text);
        Assert.Contains("172.18.0.1", text);
        Assert.Contains(TestTopology.WebMac, text);
        Assert.Contains("web, frontend", text);
        Assert.Contains("web, 0e1d2c3b4a59", text);
        Assert.Equal($"/networks/{TestTopology.AppNetworkId}?host=local", endpoint.QuerySelector("a")!.GetAttribute("href"));

        Assert.Equal("0.0.0.0:8080→80/tcp", cut.Find("[data-section='ports']").Text());
        Assert.Contains("sidecar", cut.Find("[data-section='sharers']").Text());
        Assert.Contains("com.example.role", cut.Markup);
    }

    [Fact]
    public async Task Shows_the_docker_commands_that_reproduce_the_page()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, "web");

        var commands = cut.FindAll("[data-reproduce] [data-command] code").Select(c => c.TextContent).ToList();
        Assert.Contains("docker inspect web", commands);
        Assert.Contains("docker port web", commands);
        Assert.Contains("nsenter --net=$(docker inspect -f '{{.NetworkSettings.SandboxKey}}' web) ip -o link", commands);
        Assert.Contains("ip -o link show dev veth5e6f7a8", commands);
    }

    [Fact]
    public async Task The_copy_button_hands_the_command_to_the_browser_module()
    {
        await using var ctx = new NetDashboardTestContext();
        var module = ctx.JSInterop.SetupModule(BrowserModule.Path);
        var copy = module.Setup<bool>("copyText", "docker port web").SetResult(true);
        var cut = RenderDetail(ctx, "web");

        cut.Find("button[aria-label='Copy the command: docker port web']").Click();

        cut.WaitForAssertion(() => Assert.Single(copy.Invocations));
    }

    [Fact]
    public async Task An_endpoint_without_a_visible_veth_says_so()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, "api");

        Assert.Equal(EndpointDetails.NotVisible, cut.Find("[data-endpoint='bridge'] [data-veth]").Text());
        Assert.Equal("not visible from the dashboard's namespace", EndpointDetails.NotVisible);
    }

    [Fact]
    public async Task A_host_mode_container_shows_its_discarded_port_and_the_warning()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, "metrics");

        Assert.NotNull(cut.Find("[data-section='ports'] .nd-discarded"));
        Assert.Contains("Published ports are discarded when using host network mode", cut.Find("[data-warning='ports-discarded-host-mode']").Text());
        Assert.DoesNotContain(cut.FindAll("[data-command] code"), c => c.TextContent.StartsWith("nsenter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sidecar_links_the_owner_of_the_namespace_it_shares()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, "sidecar");

        var shared = cut.Find("[data-section='shared']");
        Assert.Contains("Shares the network namespace of web", shared.Text());
        Assert.Equal($"/containers/{TestTopology.WebId}?host=local", shared.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_unique_id_prefix_and_the_host_query_find_the_container()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/containers/deadbe?host=local");

        var cut = RenderDetail(ctx, "deadbe");

        Assert.Equal("Container old-job", cut.Find("h1").Text());
    }

    [Fact]
    public async Task An_unknown_container_gets_a_friendly_not_found_message()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, "nope");

        Assert.Equal("Container not found", cut.Find("h1").Text());
        Assert.Contains("No container called “nope” is known", cut.Find("[data-not-found]").Text());
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "/containers");
    }

    [Fact]
    public async Task An_ambiguous_prefix_lists_the_candidates()
    {
        await using var ctx = new NetDashboardTestContext();
        var observation = TestTopology.Connected();
        ctx.Publish(observation with
        {
            Containers = observation.Containers
                .Add(new() { Id = "deadbeef99" + new string('0', 54), Names = ["/twin"], Image = "alpine", State = "created" }),
        });

        var cut = ctx.Render<ContainerDetail>(p => p.Add(c => c.Id, "deadbeef"));

        Assert.Equal("Which container?", cut.Find("h1").Text());
        Assert.Equal(2, cut.FindAll("[data-ambiguous] li a").Count);
    }

    [Fact]
    public async Task A_container_removed_while_its_page_is_open_is_reported_as_removed()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, "web");
        Assert.Empty(cut.FindAll("[data-gone]"));

        ctx.Publish(TestTopology.Connected(withoutContainers: [TestTopology.WebId]));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("The container web was removed. Below is its last known state.", cut.Find("[data-gone]").Text());
            Assert.Equal("Container web", cut.Find("h1").Text());
            Assert.NotNull(cut.Find(".nd-dimmed [data-endpoint='appnet']"));
        }, NetDashboardTestContext.LiveTimeout);

        ctx.Publish(TestTopology.Connected());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-gone]")), NetDashboardTestContext.LiveTimeout);
    }

    [Fact]
    public async Task A_container_whose_host_disconnects_says_the_host_is_gone()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderDetail(ctx, "web");

        ctx.Publish(TestTopology.Disconnected("The daemon stopped answering."));

        cut.WaitForAssertion(() =>
            Assert.Equal($"{TestTopology.HostName} is disconnected, so the container web can't be seen right now. Below is its last known state.",
                cut.Find("[data-gone]").Text()), NetDashboardTestContext.LiveTimeout);
    }
}
