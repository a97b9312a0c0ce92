using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.EndToEnd.Tests.Accessibility;

/// <summary>
/// Every page passes axe-core's WCAG 2.1 A and AA rules in the light and the dark theme, on the demo daemon's seed
/// topology (frozen: one change an hour, so the pages hold still while axe reads them).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AccessibilityTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    /// <summary>The pages, and what each shows once it has drawn its content.</summary>
    private static readonly (string Path, string Ready)[] Pages =
    [
        ("/", "[data-map][data-node-count]:not([data-node-count='0'])"),
        ("/overview", "h1"),
        ("/networks", "table tbody tr"),
        ("/networks/app-net", "h1"),
        ("/containers", "table tbody tr"),
        ("/containers/web", "h1"),
        ("/reachability", "[data-matrix]"),
        ("/reachability?from=web&to=db", "[data-details]"),
        ("/history", "h1"),
        ("/history?container=worker", "[data-container-history]"),
        ("/not-found", "h1"),
    ];

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private static string Describe(string page, Theme theme, AxeResultItem v) =>
        $"{page} ({theme}): {v.Id} [{v.Impact}] {v.Help} — "
        + string.Join(" | ", v.Nodes.Take(6).Select(n => $"{n.Target} {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))
        + (v.Nodes.Length > 6 ? $" … and {v.Nodes.Length - 6} more" : "");

    [Theory]
    [InlineData(Theme.Light)]
    [InlineData(Theme.Dark)]
    public async Task The_sign_in_page_has_no_wcag_21_aa_violation(Theme theme)
    {
        // A static page (it sets a cookie): its theme is the system's, which the context emulates.
        await using var app = await fixture.StartAppAsync(new Dictionary<string, string?>
        {
            ["NetDashboard:Source"] = "Demo",
            ["NetDashboard:Auth:Users:0:Name"] = "olga",
            ["NetDashboard:Auth:Users:0:PasswordHash"] = NetDashboard.Access.PasswordHashes.Hash("correct horse battery staple"),
            ["NetDashboard:Auth:Users:0:Role"] = "viewer",
        });
        await using var context = await fixture.NewContextAsync(theme, app);
        await context.OnPageAsync(theme, async page =>
        {
            foreach (var path in new[] { "/login", "/login?error=wrong" })
            {
                var response = await page.GotoAsync(path);
                Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}");
                await page.Locator("form.nd-login-form").WaitForAsync();
                var result = await page.RunAxe(Wcag21AA);
                var violations = result.Violations.Select(v => Describe(path, theme, v)).ToList();
                output.WriteLine($"{path}: {violations.Count} violation(s), {result.Passes.Length} rule(s) passed");
                Assert.True(violations.Count == 0, string.Join("\n", violations));
            }
        });
    }

    [Theory]
    [InlineData(Theme.Light)]
    [InlineData(Theme.Dark)]
    public async Task Every_page_has_no_wcag_21_aa_violation(Theme theme)
    {
        await using var app = await fixture.StartDemoAsync();
        await using var context = await fixture.NewContextAsync(theme, app);
        var violations = new List<string>();
        await context.OnPageAsync(theme, async page =>
        {
            foreach (var (path, ready) in Pages)
            {
                await page.GotoInteractiveAsync(path, theme);
                await page.Locator(ready).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
                var result = await page.RunAxe(Wcag21AA);
                violations.AddRange(result.Violations.Select(v => Describe(path, theme, v)));
                output.WriteLine($"{path}: {result.Violations.Length} violation(s), {result.Passes.Length} rule(s) passed");
            }

            var embed = $"/embed?theme={theme.ToString().ToLowerInvariant()}&legend=1";
            await page.GotoAsync(embed);
            await page.WaitForMapAsync();
            var embedResult = await page.RunAxe(Wcag21AA);
            violations.AddRange(embedResult.Violations.Select(v => Describe(embed, theme, v)));
            output.WriteLine($"{embed}: {embedResult.Violations.Length} violation(s)");
        });
        foreach (var v in violations)
        {
            output.WriteLine(v);
        }
        Assert.True(violations.Count == 0, $"{violations.Count} WCAG 2.1 AA violation(s):\n{string.Join("\n", violations)}");
    }
}
