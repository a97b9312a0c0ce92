using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Components.Controls;
using NetDashboard.Components.Pages;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Tests.Pages;

public sealed class ContainersPageTests
{
    private static IRenderedComponent<Containers> RenderWithTopology(NetDashboardTestContext ctx)
    {
        ctx.Publish(TestTopology.Connected());
        return ctx.Render<Containers>();
    }

    [Fact]
    public async Task Shows_each_network_mode_with_its_text_and_links()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);

        var api = cut.Row("api");
        Assert.Equal("bridge", api.Cell("mode").Text());
        Assert.Contains("172.17.0.2/16", api.Cell("ips").Text());
        Assert.Contains("bridge", api.Cell("ips").Text());

        var web = cut.Row("web");
        Assert.Equal("network:appnet", web.Cell("mode").Text());
        Assert.Equal("172.18.0.2/16 appnet", web.Cell("ips").Text());
        Assert.Contains(web.Cell("mode").QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith("/networks/appnet?host=local"));

        var metrics = cut.Row("metrics");
        Assert.Equal("host", metrics.Cell("mode").Text());
        Assert.Equal("the host's own addresses", metrics.Cell("ips").Text());

        var isolated = cut.Row("isolated");
        Assert.Equal("none", isolated.Cell("mode").Text());
        Assert.Equal("—", isolated.Cell("ips").Text());

        var sidecar = cut.Row("sidecar");
        Assert.Equal("container:web", sidecar.Cell("mode").Text());
        var ownerLink = sidecar.Cell("mode").QuerySelector("a")!;
        Assert.Equal($"/containers/{TestTopology.WebId}?host=local", ownerLink.GetAttribute("href"));
        Assert.Contains("via web:", sidecar.Cell("ips").Text());
        Assert.Contains("172.18.0.2/16", sidecar.Cell("ips").Text());
    }

    [Fact]
    public async Task Published_ports_are_written_host_ip_port_to_container_port()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);

        Assert.Equal("0.0.0.0:8080→80/tcp", cut.Row("web").Cell("ports").Text());
        Assert.Equal("127.0.0.1:5000→5000/tcp", cut.Row("api").Cell("ports").Text());
        Assert.Empty(cut.Row("web").Cell("ports").QuerySelectorAll(".nd-discarded"));
    }

    [Fact]
    public async Task A_port_discarded_in_host_mode_is_struck_through_with_a_warning()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);

        var metrics = cut.Row("metrics");
        var struck = metrics.Cell("ports").QuerySelector(".nd-discarded");
        Assert.NotNull(struck);
        Assert.Equal("9100→9100/tcp", struck.Text());
        Assert.NotNull(metrics.Cell("ports").QuerySelector($"[aria-label='{PortLabel.DiscardedText}']"));
        Assert.NotNull(metrics.Cell("ports").QuerySelector($"svg title"));

        var warning = metrics.Cell("warnings").QuerySelector($"[data-warning='{WarningCodes.PortsDiscardedHostMode}']");
        Assert.NotNull(warning);
        Assert.Contains("Published ports are discarded when using host network mode", warning.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task A_container_that_is_not_running_has_a_dimmed_state_chip()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);

        var stopped = cut.Row("old-job").Cell("state").QuerySelector("[data-state]")!;
        Assert.Equal("exited", stopped.Text());
        Assert.Contains("nd-dimmed", stopped.ClassList);
        var running = cut.Row("web").Cell("state").QuerySelector("[data-state]")!;
        Assert.DoesNotContain("nd-dimmed", running.ClassList);
        Assert.Contains("mud-chip-color-success", running.ClassList);
    }

    [Theory]
    [InlineData("172.18", new[] { "web" })]
    [InlineData("frontend", new[] { "web" })]
    [InlineData("alpine", new[] { "isolated", "old-job" })]
    [InlineData("appnet", new[] { "web" })]
    [InlineData("deadbeef", new[] { "old-job" })]
    [InlineData("ALPINE old", new[] { "old-job" })]
    public async Task The_search_filters_rows_by_name_id_image_ip_network_and_label(string query, string[] expected)
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);
        Assert.Equal(6, cut.Rows().Count);

        cut.Find("input[data-search]").Input(query);

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Names()), NetDashboardTestContext.LiveTimeout);
    }

    [Fact]
    public async Task A_search_without_matches_shows_the_empty_text()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);

        cut.Find("input[data-search]").Input("no-such-thing");

        cut.WaitForAssertion(() => Assert.Equal("No container matches the search and filters.", cut.Find("[data-empty]").Text()),
            NetDashboardTestContext.LiveTimeout);
    }

    [Fact]
    public async Task Without_any_host_the_table_says_so()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = ctx.Render<Containers>();

        Assert.Empty(cut.Rows());
        Assert.Contains("no Docker host is connected", cut.Find("[data-empty]").Text());
    }

    [Fact]
    public async Task A_connected_host_without_containers_says_it_has_none()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(TestTopology.Connected(TestTopology.Containers().Select(c => c.Id).ToArray()));
        var cut = ctx.Render<Containers>();

        Assert.Empty(cut.Rows());
        Assert.Contains("the connected Docker hosts have none", cut.Find("[data-empty]").Text());
    }

    [Fact]
    public async Task The_state_query_preselects_stopped_containers()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(TestTopology.Connected());

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/containers?state=stopped");

        var cut = ctx.Render<Containers>();

        Assert.Equal(["old-job"], cut.Names());
        Assert.Equal("stopped", cut.Find("[data-filter='state']").Text());
    }

    [Fact]
    public async Task Sorting_by_a_header_button_orders_and_reverses_the_rows()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);
        Assert.Equal(["api", "isolated", "metrics", "old-job", "sidecar", "web"], cut.Names());
        Assert.Equal("ascending", cut.Find("button[data-sort='name']").ParentElement!.GetAttribute("aria-sort"));

        cut.Find("button[data-sort='name']").Click();
        Assert.Equal(["web", "sidecar", "old-job", "metrics", "isolated", "api"], cut.Names());

        cut.Find("button[data-sort='state']").Click();
        Assert.Equal("old-job", cut.Names()[0]);
        Assert.Equal("ascending", cut.Find("button[data-sort='state']").ParentElement!.GetAttribute("aria-sort"));
        Assert.Equal("none", cut.Find("button[data-sort='name']").ParentElement!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Rows_follow_the_store_live()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderWithTopology(ctx);
        Assert.Contains("web", cut.Names());

        ctx.Publish(TestTopology.Connected(withoutContainers: [TestTopology.WebId]));

        cut.WaitForAssertion(() =>
        {
            Assert.DoesNotContain("web", cut.Names());
            Assert.Equal("container:0e1d2c3b4a59 (missing)", cut.Row("sidecar").Cell("mode").Text());
        }, NetDashboardTestContext.LiveTimeout);
    }
}
