using NetDashboard.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>
/// The history in a real browser, on the demo daemon (its worker restarts on a new IP every few steps): the map's
/// "IP changed after restart" badge, the timeline page in both themes, and the IP question asked from the keyboard.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HistoryTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_map_badges_the_worker_whose_ip_changed_and_its_timeline_lists_its_addresses_in_both_themes()
    {
        await using var app = await fixture.StartDemoAsync(0.5);
        foreach (var theme in new[] { Theme.Light, Theme.Dark })
        {
            await using var context = await fixture.NewContextAsync(theme, app);
            await context.OnPageAsync(theme, async page =>
            {
                await page.GotoInteractiveAsync("/", theme);
                var badge = page.Locator("[data-container-name=worker] .nd-ipchange-badge");
                await Expect(badge).ToBeVisibleAsync();
                output.WriteLine($"{theme} map badge: {await badge.GetAttributeAsync("title")} {await page.ScreenshotAsync(theme, "map")}");

                await page.GotoInteractiveAsync("/history?container=worker", theme);
                var rows = page.Locator("[data-container-history] [data-table=assignments] tbody tr");
                await Expect(rows.Nth(1)).ToBeVisibleAsync();
                await Expect(page.Locator("[data-container-history] [data-table=events]")).ToContainTextAsync("container-start");
                output.WriteLine($"{theme}: {await page.ScreenshotAsync(theme)}");
            });
        }
    }

    [Fact]
    public async Task Who_had_an_ip_is_asked_from_the_keyboard_and_becomes_a_deep_link()
    {
        await using var app = await fixture.StartDemoAsync(0.5);
        await using var context = await fixture.NewContextAsync(Theme.Light, app);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            await page.GotoInteractiveAsync("/history", Theme.Light);
            await page.Locator("#history-ip").FocusAsync();
            await page.Keyboard.TypeAsync("172.18.0.2");
            await page.Keyboard.PressAsync("Enter");

            await Expect(page).ToHaveURLAsync(new Uri(app.BrowserAddress, "history?ip=172.18.0.2").ToString());
            var result = page.Locator("[data-section=ip-result]");
            await Expect(result.Locator("h2")).ToHaveTextAsync("Every holder of 172.18.0.2");
            await Expect(result.Locator("tbody tr").First).ToContainTextAsync("db"); // the seed's db holds .2 on app-net
            output.WriteLine(await page.ScreenshotAsync(Theme.Light));
        });
    }
}
