using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>
/// A 1,000-container demo in Chromium: the map page opens as a virtualized table; "Show the map anyway" draws the
/// compose projects as groups; Enter on a focused group expands it; the search finds a container hidden in a collapsed
/// group (inside a collapsed network) and focuses it; the table page passes axe in light and dark.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LargeMapTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private const int Containers = 1000;

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private static Task<int> RenderedRowsAsync(IPage page) =>
        page.Locator("[data-table='map'] tbody tr [data-row-link]").CountAsync();

    [Fact]
    public async Task A_thousand_containers_open_as_a_table_of_the_rows_in_view_and_the_map_anyway_draws_groups()
    {
        await using var app = await fixture.StartDemoAsync(containers: Containers);
        await using var context = await fixture.NewContextAsync(Theme.Light, app);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            await page.GotoInteractiveAsync("/", Theme.Light);
            var table = page.Locator("[data-map-table]");
            await Expect(table).ToHaveAttributeAsync("data-container-count", "1000");
            await Expect(page.Locator("[data-map]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-table='map'] tbody tr [data-row-link]").First).ToBeVisibleAsync();
            var rows = await RenderedRowsAsync(page);
            output.WriteLine($"{Containers} containers: {rows} rows rendered");
            Assert.InRange(rows, 5, 60); // only what fits in the 900-px viewport, and the overscan

            // Scrolled to the end: the last rows are rendered, still only a few.
            await page.Locator("[data-map-table] .nd-map-table-scroll").EvaluateAsync("e => e.scrollTop = e.scrollHeight");
            await Expect(page.Locator("[data-table='map'] tbody tr [data-row-link]", new() { HasText = "svc-0999" })).ToHaveCountAsync(1);
            Assert.InRange(await RenderedRowsAsync(page), 5, 60);

            // The filter and a row's link.
            await page.Locator("input[data-table-filter]").FillAsync("monitoring");
            await Expect(table).ToHaveAttributeAsync("data-row-count", "50");
            await page.ScreenshotAsync(Theme.Light, "table");
            var href = await page.Locator("[data-table='map'] tbody tr [data-row-link]").First.GetAttributeAsync("href");
            Assert.StartsWith("/containers/", href);

            // The map anyway: the compose projects are groups; Enter on a focused one expands it.
            await page.Locator("[data-show-map]").ClickAsync();
            await page.WaitForURLAsync("**/?view=map");
            await page.WaitForMapAsync();
            var monitoring = page.Locator("[data-group='project:monitoring']");
            await Expect(monitoring).ToHaveAttributeAsync("data-count", "50");
            output.WriteLine($"map anyway: {await page.Locator("[data-map]").GetAttributeAsync("data-node-count")} nodes, " +
                             $"{await page.Locator("[data-map]").GetAttributeAsync("data-link-count")} links, {await page.Locator(".nd-group").CountAsync()} groups drawn");
            await page.ScreenshotAsync(Theme.Light, "grouped-map");
            await Expect(page.Locator("[data-container-name='svc-0007']")).ToHaveCountAsync(0);
            await monitoring.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(monitoring).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-container-name='svc-0007']")).ToHaveCountAsync(1);

            // And back to the table from the map's controls.
            await page.Locator("[data-show-table]").ClickAsync();
            await Expect(page.Locator("[data-map-table]")).ToHaveCountAsync(1);
        });
    }

    [Fact]
    public async Task The_search_finds_a_container_inside_a_collapsed_group_and_Enter_focuses_it()
    {
        await using var app = await fixture.StartDemoAsync(containers: Containers);
        await using var context = await fixture.NewContextAsync(Theme.Dark, app);
        await context.OnPageAsync(Theme.Dark, async page =>
        {
            await page.GotoInteractiveAsync("/?view=map", Theme.Dark);
            await page.WaitForMapAsync();
            await Expect(page.Locator("[data-container-name='svc-0001']")).ToHaveCountAsync(0); // in stack-NNN, in its collapsed network

            var search = page.Locator("[data-map-search] input");
            await search.FillAsync("svc-0001");
            await Expect(page.Locator("[data-search-summary]")).ToContainTextAsync("1 match");
            await search.PressAsync("Enter");

            var node = page.Locator("[data-container-name='svc-0001']");
            await Expect(node).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bnd-selected\b"));
            await Expect(node).ToBeInViewportAsync();
            await Expect(page.Locator("[data-panel] [data-panel-title]")).ToHaveTextAsync("svc-0001");
            Assert.Contains("focus=svc-0001", page.Url);
            await page.ScreenshotAsync(Theme.Dark, "focused");
        });
    }

    [Theory]
    [InlineData(Theme.Light)]
    [InlineData(Theme.Dark)]
    public async Task The_table_page_has_no_wcag_21_aa_violation(Theme theme)
    {
        await using var app = await fixture.StartDemoAsync(containers: Containers);
        await using var context = await fixture.NewContextAsync(theme, app);
        await context.OnPageAsync(theme, async page =>
        {
            await page.GotoInteractiveAsync("/", theme);
            await page.Locator("[data-table='map'] tbody tr [data-row-link]").First.WaitForAsync();
            var result = await page.RunAxe(Wcag21AA);
            var violations = result.Violations
                .Select(v => $"{v.Id} [{v.Impact}] {v.Help} — {string.Join(" | ", v.Nodes.Take(6).Select(n => $"{n.Target} {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))}")
                .ToList();
            output.WriteLine($"/ as a table ({theme}): {violations.Count} violation(s), {result.Passes.Length} rule(s) passed");
            Assert.True(violations.Count == 0, string.Join("\n", violations));
        });
    }
}
