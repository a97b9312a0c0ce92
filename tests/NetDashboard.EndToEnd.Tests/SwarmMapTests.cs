using NetDashboard.Core.Model;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>
/// A real 3-node swarm on the map in Chromium: the overlay drawn once, one region spanning the three hosts (saying so),
/// the plain containers and the service's tasks of every node, the two same-name local networks; the service filter
/// leaves only the tasks.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SwarmMapTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_map_shows_the_overlay_across_the_three_nodes_every_container_and_the_service_tasks()
    {
        await using var lab = await SwarmLab.StartAsync("swe");
        var scenario = await SwarmScenario.CreateAsync(lab);
        await using var app = await fixture.StartAppAsync(SwarmScenario.DashboardSettings(lab));
        await app.WaitForAsync(t => t.Hosts.Length == 3 && t.Hosts.All(h => h.Status == HostStatus.Connected)
                                    && t.Containers.Count(c => c.State == "running") == 6 && t.Services.Length == 1,
            TimeSpan.FromSeconds(30), "three nodes with six running containers and the service");

        foreach (var theme in new[] { Theme.Light, Theme.Dark })
        {
            await using var context = await fixture.NewContextAsync(theme, app);
            await context.OnPageAsync(theme, async page =>
            {
                await page.GotoInteractiveAsync("/", theme);
                await page.WaitForFunctionAsync("() => { const m = document.querySelector('[data-map]'); return m && +m.dataset.renderedAt > 0 && +m.dataset.nodeCount > 0; }");
                for (var n = 1; n <= 3; n++)
                {
                    await Expect(page.Locator($"[data-container-name=\"plain{n}\"]")).ToHaveCountAsync(1);
                }
                await Expect(page.Locator($"[data-service=\"{SwarmScenario.Service}\"]")).ToHaveCountAsync(3);
                // The overlay drawn once, one region across the three hosts (ingress too: 2 in all).
                await Expect(page.Locator(".nd-region-detail", new() { HasText = "swarm network across sw1, sw2, sw3" })).ToHaveCountAsync(2);
                await Expect(page.Locator(".nd-region-detail", new() { HasText = SwarmScenario.OverlaySubnet })
                    .Filter(new() { HasText = "swarm network across sw1, sw2, sw3" })).ToHaveCountAsync(1);
                output.WriteLine($"{theme}: {await page.ScreenshotAsync(theme)}");

                // The service filter: only the three tasks stay drawn.
                await page.Locator("[data-filter=service] .mud-select").First.ClickAsync();
                await page.Locator(".mud-popover-open .mud-list-item").GetByText(SwarmScenario.Service, new() { Exact = true }).ClickAsync();
                await page.Keyboard.PressAsync("Escape");
                await Expect(page.Locator("[data-container-name=\"plain1\"]")).ToHaveCountAsync(0);
                await Expect(page.Locator($"[data-service=\"{SwarmScenario.Service}\"]")).ToHaveCountAsync(3);
            });
        }
        Assert.NotEmpty(scenario.OverlayId);
    }
}
