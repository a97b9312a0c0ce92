using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>The main navigation works from the keyboard alone.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class KeyboardTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_nav_link_is_reachable_with_Tab_and_Enter_follows_it()
    {
        await using var context = await fixture.NewContextAsync(Theme.Light);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            await page.GotoInteractiveAsync("/containers", Theme.Light);

            var path = await TabToNavLinkAsync(page, "/networks");
            output.WriteLine("Tab order to Networks: " + string.Join(" → ", path));
            Assert.Contains("nav:/", path); // the Map link came first, also by Tab
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Uri(fixture.App.BrowserAddress, "networks").ToString());
            await Expect(page.Locator("h1")).ToHaveTextAsync("Networks");

            path = await TabToNavLinkAsync(page, "/containers");
            output.WriteLine("Tab order to Containers: " + string.Join(" → ", path));
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Uri(fixture.App.BrowserAddress, "containers").ToString());
            await Expect(page.Locator("h1")).ToHaveTextAsync("Containers");
        });
    }

    /// <summary>Presses Tab until the main navigation's link to <paramref name="href"/> has the focus; returns what
    /// got the focus on the way (<c>nav:/href</c> for the nav links).</summary>
    private static async Task<List<string>> TabToNavLinkAsync(IPage page, string href)
    {
        // One full cycle through everything tabbable on the page (plus the document itself) must reach the link.
        var limit = await page.EvaluateAsync<int>(
            "() => document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])').length") + 2;
        var seen = new List<string>();
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("""
                () => {
                  const e = document.activeElement;
                  if (!e || e === document.body) return 'body';
                  const nav = e.closest('nav[aria-label="Main"]');
                  if (nav && e.tagName === 'A') return 'nav:' + new URL(e.href).pathname;
                  return (e.tagName + ' ' + (e.getAttribute('aria-label') ?? e.textContent ?? '')).trim().slice(0, 40);
                }
                """);
            seen.Add(focused);
            if (focused == "nav:" + href)
            {
                return seen;
            }
        }
        throw new Xunit.Sdk.XunitException($"{limit} presses of Tab never focused the nav link {href}; focus went: {string.Join(" → ", seen)}");
    }
}
