using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests.Accessibility;

/// <summary>The map without a mouse, and what a screen reader is told, on the demo daemon.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MapKeyboardTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/>; fails after a full cycle.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        var limit = await page.EvaluateAsync<int>("() => document.querySelectorAll('a[href], button, input, [tabindex]:not([tabindex=\"-1\"])').length") + 2;
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("(s) => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
        }
        throw new Xunit.Sdk.XunitException($"{limit} presses of Tab never focused {selector}");
    }

    [Fact]
    public async Task Nodes_and_links_are_named_focusable_with_a_visible_ring_and_Enter_opens_their_panel()
    {
        await using var app = await fixture.StartDemoAsync();
        await using var context = await fixture.NewContextAsync(Theme.Dark, app);
        await context.OnPageAsync(Theme.Dark, async page =>
        {
            await page.GotoInteractiveAsync("/", Theme.Dark);
            await page.WaitForMapAsync();

            var web = page.Locator("[data-container-name=web]");
            await Expect(web).ToHaveAttributeAsync("role", "button");
            await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Container web ") })).ToHaveCountAsync(1);
            await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Bridge docker0 ") })).ToHaveCountAsync(1);

            await TabToAsync(page, "[data-container-name=web]");
            var ring = await page.EvaluateAsync<string>("() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
            output.WriteLine($"focus ring on web: {ring}");
            Assert.Equal("solid 3px", ring);
            await page.ScreenshotAsync(Theme.Dark, "focus");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("[data-panel] [data-panel-title]")).ToHaveTextAsync("web");

            // A link: named by its kind, its two ends and its label; Enter opens its panel too.
            var endpoint = page.Locator("g.nd-link-endpoint .nd-link-target[aria-label^='Endpoint from api']");
            await Expect(endpoint).ToHaveCountAsync(1);
            await Expect(endpoint).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"^Endpoint from api to br-[0-9a-f]{12}: 172\.18\.0\.\d+/16"));
            await endpoint.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("[data-panel=link-endpoint]")).ToHaveCountAsync(1);
        });
    }

    [Fact]
    public async Task Live_changes_are_announced_in_one_polite_region_at_most_every_five_seconds()
    {
        // A change every 0.7 s: never in step with the 5 s interval, so two announcements never compare the same state.
        await using var app = await fixture.StartDemoAsync(0.7);
        await using var context = await fixture.NewContextAsync(Theme.Light, app);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            await page.GotoInteractiveAsync("/", Theme.Light);
            await page.WaitForMapAsync();
            await Expect(page.Locator("[aria-live=polite][data-live-announcer]")).ToHaveCountAsync(1);
            await page.EvaluateAsync("""
                () => {
                  window.__ndSaid = []; window.__ndRevisions = 0;
                  const region = document.querySelector('[data-live-announcer]');
                  new MutationObserver(() => window.__ndSaid.push({ at: performance.now(), text: region.textContent.trim() }))
                    .observe(region, { childList: true, characterData: true, subtree: true });
                  new MutationObserver(() => window.__ndRevisions++)
                    .observe(document.querySelector('[data-map]'), { attributes: true, attributeFilter: ['data-revision'] });
                }
                """);
            await page.WaitForFunctionAsync("() => window.__ndSaid.filter(s => s.text).length >= 2", null, new() { Timeout = 60_000 });
            var said = await page.EvaluateAsync<Said[]>("() => window.__ndSaid.filter(s => s.text)");
            var revisions = await page.EvaluateAsync<int>("() => window.__ndRevisions");
            foreach (var s in said)
            {
                output.WriteLine($"{s.At:0} ms: {s.Text}");
            }
            output.WriteLine($"{revisions} map revisions meanwhile");
            var gaps = said.Zip(said.Skip(1), (a, b) => b.At - a.At).ToList();
            Assert.All(gaps, gap => Assert.True(gap >= 4900, $"two announcements {gap:0} ms apart"));
            Assert.True(revisions > said.Length, $"{revisions} revisions, {said.Length} announcements: not one per change");
        });
    }

    private sealed class Said
    {
        public double At { get; set; }

        public string Text { get; set; } = "";
    }
}
