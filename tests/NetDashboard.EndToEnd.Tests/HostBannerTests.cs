using NetDashboard.Core.Model;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>A watched host whose daemon cannot be reached gets a banner naming it and saying why.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class HostBannerTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private const string GhostSocket = "/tmp/nd-ghost-does-not-exist.sock";

    [Fact]
    public async Task A_host_whose_socket_does_not_exist_gets_a_banner_naming_it_and_the_reason()
    {
        Assert.False(File.Exists(GhostSocket), $"{GhostSocket} exists; this test needs it absent");
        await using var app = await fixture.StartAppAsync(new Dictionary<string, string?>
        {
            ["NetDashboard:Hosts:0:Id"] = "local",
            ["NetDashboard:Hosts:1:Id"] = "ghost",
            ["NetDashboard:Hosts:1:Endpoint"] = "unix://" + GhostSocket,
        });
        var topology = await app.WaitForAsync(
            t => t.Hosts.Any(h => h.Id == "ghost" && h.Status == HostStatus.Disconnected && h.Error is not null)
                 && t.Hosts.Any(h => h.Id == "local" && h.Status == HostStatus.Connected),
            TimeSpan.FromSeconds(20), "ghost disconnected with an error, local connected");
        var ghost = topology.Hosts.Single(h => h.Id == "ghost");

        foreach (var theme in new[] { Theme.Light, Theme.Dark })
        {
            await using var context = await fixture.NewContextAsync(theme, app);
            await context.OnPageAsync(theme, async page =>
            {
                await page.GotoInteractiveAsync("/containers", theme);
                var banner = page.Locator("[data-host-banner=ghost]");
                await Expect(banner).ToBeVisibleAsync();
                await Expect(banner).ToContainTextAsync(ghost.Name);
                await Expect(banner).ToContainTextAsync("is disconnected");
                await Expect(banner).ToContainTextAsync("unix://" + GhostSocket);
                await Expect(banner).ToContainTextAsync("the socket does not exist");
                await Expect(banner).ToContainTextAsync(ghost.Error!);
                await Expect(page.Locator("[data-host-banner]")).ToHaveCountAsync(1); // none for the connected local host
                output.WriteLine($"{theme}: {await page.ScreenshotAsync(theme)}");
                output.WriteLine("banner: " + await banner.InnerTextAsync());
            });
        }
    }
}
