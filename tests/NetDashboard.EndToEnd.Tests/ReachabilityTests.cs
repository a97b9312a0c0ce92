using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>
/// Reachability (seed row S11) and the NAT path (S6) in Chromium, for a scenario the test creates on the real dockerd:
/// three containers on a user network (one publishing a port) and two on the default bridge.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReachabilityTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private static readonly Regex PathClass = new(@"\bnd-path\b");

    private static ILocator Cell(IPage page, string from, string to) => page.Locator($"td > button[aria-label^=\"{from} → {to}:\"]");

    private static async Task<DockerCli> ScenarioAsync(EndToEndFixture fixture)
    {
        var docker = new DockerCli();
        try
        {
            await docker.CreateNetworkAsync("app", "--subnet", $"172.31.{Random.Shared.Next(100, 250)}.0/24");
            await docker.RunAsync("a1", "--network", docker.Name("app"), "-p", "80");
            await docker.RunAsync("a2", "--network", docker.Name("app"), "--network-alias", "a2-alias");
            await docker.RunAsync("a3", "--network", docker.Name("app"));
            await docker.RunAsync("b1");
            await docker.RunAsync("b2");
            string[] names = [docker.Name("a1"), docker.Name("a2"), docker.Name("a3"), docker.Name("b1"), docker.Name("b2")];
            await fixture.App.WaitForAsync(t => names.All(n => t.FindContainer(n) is { State: "running" } c && c.Endpoints.Any(e => e.Ipv4 is not null)),
                TimeSpan.FromSeconds(30), "the reachability scenario running");
            return docker;
        }
        catch
        {
            await docker.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task The_reachability_page_shows_each_verdict_in_words_and_the_keyboard_selects_a_cell()
    {
        await using var docker = await ScenarioAsync(fixture);
        var (a1, a2, a3, b1, b2) = (docker.Name("a1"), docker.Name("a2"), docker.Name("a3"), docker.Name("b1"), docker.Name("b2"));

        foreach (var theme in new[] { Theme.Light, Theme.Dark })
        {
            await using var context = await fixture.NewContextAsync(theme);
            await context.OnPageAsync(theme, async page =>
            {
                // The user network: by IP and by name, both ways.
                await page.GotoInteractiveAsync($"/reachability?network={docker.Name("app")}", theme);
                await Expect(page.Locator("tbody th[scope=row]")).ToHaveTextAsync([a1, a2, a3]);
                await Expect(Cell(page, a1, a2)).ToHaveAttributeAsync("aria-label", $"{a1} → {a2}: by IP yes, by name yes");
                await Expect(Cell(page, a3, a1)).ToHaveAttributeAsync("aria-label", $"{a3} → {a1}: by IP yes, by name yes");

                // Keyboard: focus a1 → a2, ArrowDown skips the diagonal to a3 → a2, Enter selects it.
                await Cell(page, a1, a2).FocusAsync();
                await page.Keyboard.PressAsync("ArrowDown");
                await Expect(Cell(page, a3, a2)).ToBeFocusedAsync();
                await page.Keyboard.PressAsync("Enter");
                await Expect(page.Locator("[data-details-title]")).ToHaveTextAsync($"{a3} → {a2}");
                await Expect(Cell(page, a3, a2)).ToHaveAttributeAsync("aria-pressed", "true");
                await Expect(page.Locator("[data-verdict=name] [data-name-chip=\"a2-alias\"]")).ToBeVisibleAsync();
                await Expect(page.Locator("[data-shared-network]")).ToHaveAttributeAsync("data-shared-network", docker.Name("app"));
                Assert.Contains($"from={a3}&to={a2}", page.Url);
                output.WriteLine($"{theme}: {await page.ScreenshotAsync(theme)}");

                // The default bridge, through a deep link with the pair: by IP, not by name.
                await page.GotoInteractiveAsync($"/reachability?running=1&from={b1}&to={b2}", theme);
                await Expect(Cell(page, b1, b2)).ToHaveAttributeAsync("aria-label", $"{b1} → {b2}: by IP yes, by name no");
                await Expect(Cell(page, b1, a1)).ToHaveAttributeAsync("aria-label", $"{b1} → {a1}: by IP no, by name no");
                await Expect(page.Locator("[data-verdict=name] [data-reason]")).ToContainTextAsync("no embedded DNS");
                await Expect(page.Locator("a[data-show-path]")).ToHaveAttributeAsync("href", new Regex(@"^/\?from=[0-9a-f]{64}&to=[0-9a-f]{64}$"));
            });
        }
    }

    [Fact]
    public async Task A_from_to_link_highlights_the_path_on_the_map_and_the_panel_shows_the_NAT_path_checked_against_the_kernel()
    {
        await using var docker = await ScenarioAsync(fixture);
        var (a1, a2) = (docker.Name("a1"), docker.Name("a2"));
        var topology = fixture.App.Store.Current;
        var (c1, c2) = (topology.FindContainer(a1)!, topology.FindContainer(a2)!);
        var appId = topology.FindNetwork(docker.Name("app"))!.Id;

        foreach (var theme in new[] { Theme.Light, Theme.Dark })
        {
            await using var context = await fixture.NewContextAsync(theme);
            await context.OnPageAsync(theme, async page =>
            {
                await page.GotoInteractiveAsync($"/?from={a1}&to={a2}", theme);
                var banner = page.Locator("[data-reach-banner]");
                await Expect(banner.Locator("[data-reach-pair]")).ToHaveTextAsync($"{a1} → {a2}");
                await Expect(banner.Locator("[data-reach-verdict=ip]")).ToContainTextAsync("by IP: yes");
                await Expect(banner.Locator("[data-reach-verdict=name]")).ToContainTextAsync("by name: yes");
                await Expect(page.Locator($"[data-container-name=\"{a1}\"]")).ToHaveClassAsync(new Regex(@"\bnd-path-from\b"));
                await Expect(page.Locator($"[data-container-name=\"{a2}\"]")).ToHaveClassAsync(new Regex(@"\bnd-path-to\b"));
                await Expect(page.Locator($".nd-node[data-node-id=\"net:local:{appId}\"]")).ToHaveClassAsync(PathClass);
                await Expect(page.Locator($"g.nd-link[data-edge-id=\"ep:local:{c1.Id}:{appId}\"]")).ToHaveClassAsync(PathClass);
                await Expect(page.Locator($"g.nd-link[data-edge-id=\"ep:local:{c2.Id}:{appId}\"]")).ToHaveClassAsync(PathClass);
                await Expect(page.Locator($"[data-container-name=\"{docker.Name("b1")}\"]")).ToHaveClassAsync(new Regex(@"\bnd-faded\b"));
                output.WriteLine($"{theme}: {await page.ScreenshotAsync(theme)}");

                // a1's panel: its NAT path, compared with the kernel's nat table (the app runs on the host).
                await page.Locator($"[data-container-name=\"{a1}\"]").ClickAsync();
                var nat = page.Locator("[data-panel] [data-section=nat]");
                await Expect(nat.Locator("[data-nat-source]")).ToHaveTextAsync("checked against the kernel");
                var port = nat.Locator("[data-nat-port^=\"0.0.0.0:\"]");
                await Expect(port.Locator("[data-summary]")).ToContainTextAsync($"→ DNAT → {c1.Endpoints.Single().Ipv4}:80/tcp on br-{appId[..12]}");
                await Expect(port.Locator("[data-nat-chip]")).ToHaveTextAsync("match");
                await Expect(nat.Locator($"[data-nat-masq] [data-nat-chip]")).ToHaveTextAsync("match");
                await nat.ScrollIntoViewIfNeededAsync();
                await page.ScreenshotAsync(theme, "nat");

                // Esc clears the path.
                await page.Keyboard.PressAsync("Escape");
                await Expect(banner).ToHaveCountAsync(0);
                await Expect(page.Locator(".nd-path")).ToHaveCountAsync(0);
                Assert.DoesNotContain("from=", page.Url);
            });
        }
    }
}
