using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Components.Pages;

namespace NetDashboard.Components.Tests.Pages;

public sealed class NetworksPageTests
{
    private static IRenderedComponent<Networks> RenderWithTopology(NetDashboardTestContext ctx)
    {
        ctx.Publish(TestTopology.Connected());
        return ctx.Render<Networks>();
    }

    [Fact]
    public async Task With_writes_off_one_line_says_how_an_administrator_turns_them_on()
    {
        await using (var off = new NetDashboardTestContext())
        {
            var line = RenderWithTopology(off).Find("[data-writes-off]");
            Assert.Contains("NetDashboard:Features:Write=true", line.TextContent);
        }
        await using var on = new NetDashboardTestContext();
        on.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<NetDashboard.Configuration.FeaturesOptions>>().CurrentValue.Write = true;
        Assert.Empty(RenderWithTopology(on).FindAll("[data-writes-off]"));
    }

    [Fact]
    public async Task Shows_bridge_names_subnets_and_the_dns_and_icc_flags()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);
        Assert.Equal(["appnet", "bridge", "host", "none"], cut.Names());

        var bridge = cut.Row("bridge");
        Assert.Equal("docker0", bridge.Cell("bridge").Text());
        Assert.Equal("172.17.0.0/16 → 172.17.0.1", bridge.Cell("subnets").Text());
        Assert.Equal("no", bridge.Cell("dns").Text());
        Assert.Equal("yes", bridge.Cell("icc").Text());
        Assert.Equal("2", bridge.Cell("containers").Text());

        var app = cut.Row("appnet");
        Assert.Equal(TestTopology.AppBridge, app.Cell("bridge").Text());
        Assert.Equal("172.18.0.0/16 → 172.18.0.1", app.Cell("subnets").Text());
        Assert.Equal("yes", app.Cell("dns").Text());
        Assert.Equal("no", app.Cell("icc").Text());
        Assert.Equal("yes", app.Cell("attachable").Text());
        Assert.Equal("1", app.Cell("containers").Text());
        Assert.Equal(TestTopology.HostName, app.Cell("host").Text());
        Assert.Equal($"/networks/{TestTopology.AppNetworkId}?host=local", app.Cell("name").QuerySelector("a")!.GetAttribute("href"));

        var host = cut.Row("host");
        Assert.Equal("—", host.Cell("bridge").Text());
        Assert.Equal("no", host.Cell("dns").Text());
        Assert.Equal("no", host.Cell("icc").Text());
    }

    [Theory]
    [InlineData("br-a9f3", new[] { "appnet" })]
    [InlineData("docker0", new[] { "bridge" })]
    [InlineData("payments", new[] { "appnet" })]
    [InlineData("172.17", new[] { "bridge" })]
    [InlineData("null", new[] { "none" })]
    [InlineData("4a5b6c7d", new[] { "host" })]
    public async Task The_search_filters_rows_by_name_id_driver_subnet_bridge_and_label(string query, string[] expected)
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);

        cut.Find("input[data-search]").Input(query);

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Names()), NetDashboardTestContext.LiveTimeout);
    }

    [Fact]
    public async Task Sorting_by_the_container_count_puts_the_busiest_network_last_then_first()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);

        cut.Find("button[data-sort='containers']").Click();
        Assert.Equal("bridge", cut.Names()[^1]);

        cut.Find("button[data-sort='containers']").Click();
        Assert.Equal("bridge", cut.Names()[0]);
        Assert.Equal("descending", cut.Find("button[data-sort='containers']").ParentElement!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task The_host_query_narrows_the_list_to_one_host()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(TestTopology.Connected());
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/networks?host=elsewhere");

        var cut = ctx.Render<Networks>();

        Assert.Empty(cut.Rows());
        Assert.Equal("host: elsewhere", cut.Find("[data-host-filter]").Text());
        Assert.Equal("No network matches the search.", cut.Find("[data-empty]").Text());
    }

    [Fact]
    public async Task A_new_network_appears_without_reload()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);

        var observation = TestTopology.Connected();
        ctx.Publish(observation with
        {
            Networks = observation.Networks.Add(new() { Id = new string('c', 64), Name = "late", Driver = "bridge", Scope = "local" }),
        });

        cut.WaitForAssertion(() => Assert.Equal("br-cccccccccccc", cut.Row("late").Cell("bridge").Text()), NetDashboardTestContext.LiveTimeout);
    }
}
