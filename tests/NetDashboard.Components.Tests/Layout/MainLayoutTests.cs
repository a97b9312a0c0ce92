using NetDashboard.Components.Controls;
using NetDashboard.Components.Layout;

namespace NetDashboard.Components.Tests.Layout;

public sealed class MainLayoutTests
{
    private const string Reason = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock: permission denied.";

    private static IRenderedComponent<MainLayout> RenderLayout(NetDashboardTestContext ctx) =>
        ctx.Render<MainLayout>(p => p.Add(l => l.Body, "<p id=\"page\">page body</p>"));

    [Fact]
    public async Task Shows_the_product_name_the_navigation_and_the_page()
    {
        await using var ctx = new NetDashboardTestContext();
        var cut = RenderLayout(ctx);

        Assert.Contains("NetDashboard", cut.Find(".mud-appbar").TextContent);
        var links = cut.FindAll("nav a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Equal([("/", "Map"), ("/overview", "Overview"), ("/networks", "Networks"), ("/containers", "Containers"), ("/reachability", "Reachability"), ("/history", "History")], links);
        Assert.Equal("page body", cut.Find("#page").TextContent);
        Assert.NotNull(cut.Find("#blazor-error-ui"));
        Assert.Empty(cut.FindAll("[data-host-banner]"));
    }

    [Fact]
    public async Task A_disconnected_host_gets_a_banner_with_its_reason_that_goes_when_it_reconnects()
    {
        await using var ctx = new NetDashboardTestContext();
        ctx.Publish(TestTopology.Connected());
        var cut = RenderLayout(ctx);
        Assert.Empty(cut.FindAll("[data-host-banner]"));

        ctx.Publish(TestTopology.Disconnected(Reason));

        cut.WaitForAssertion(() =>
        {
            var banner = cut.Find($"[data-host-banner='{TestTopology.HostId}']");
            Assert.Contains("mud-alert-filled-error", banner.ClassList);
            var text = banner.Text();
            Assert.Contains(TestTopology.HostName, text);
            Assert.Contains(TestTopology.Endpoint, text);
            Assert.Contains(Reason, text);
            Assert.Contains(HostBanner.DemoCommand, text);
        }, NetDashboardTestContext.LiveTimeout);

        ctx.Publish(TestTopology.Connected());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-host-banner]")), NetDashboardTestContext.LiveTimeout);
    }

    [Fact]
    public async Task The_dark_mode_toggle_switches_and_remembers_the_choice()
    {
        await using var ctx = new NetDashboardTestContext();
        var module = ctx.JSInterop.SetupModule(BrowserModule.Path);
        module.Setup<string?>("getThemePreference").SetResult(null);
        module.SetupVoid("setThemePreference", "dark").SetVoidResult();
        var cut = RenderLayout(ctx);
        var toggle = cut.Find("button[data-dark-mode-toggle]");
        Assert.Equal("Switch to dark mode", toggle.GetAttribute("aria-label"));

        toggle.Click();

        cut.WaitForAssertion(() =>
            Assert.Equal("Switch to light mode", cut.Find("button[data-dark-mode-toggle]").GetAttribute("aria-label")));
        module.VerifyInvoke("setThemePreference");
    }

    [Fact]
    public async Task A_stored_dark_choice_wins_over_the_system_preference()
    {
        await using var ctx = new NetDashboardTestContext();
        var module = ctx.JSInterop.SetupModule(BrowserModule.Path);
        module.Setup<string?>("getThemePreference").SetResult("dark");

        var cut = RenderLayout(ctx);

        cut.WaitForAssertion(() =>
            Assert.Equal("Switch to light mode", cut.Find("button[data-dark-mode-toggle]").GetAttribute("aria-label")));
    }
}
