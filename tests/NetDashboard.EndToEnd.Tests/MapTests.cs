using System.Diagnostics;
using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>The live network map (the home page) in Chromium, against the real dockerd.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MapTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private static ILocator ContainerNode(IPage page, string name) => page.Locator($"[data-container-name=\"{name}\"]");

    private static async Task OpenMapAsync(IPage page, Theme theme, string path = "/")
    {
        await page.GotoInteractiveAsync(path, theme);
        // Drawn, and its keyboard shortcuts attached (a key pressed before that would go nowhere).
        await page.WaitForFunctionAsync("() => { const m = document.querySelector('[data-map]'); return m && +m.dataset.renderedAt > 0 && +m.dataset.nodeCount > 0 && m.dataset.shortcuts === 'ready'; }");
    }

    [Fact]
    public async Task The_map_draws_every_container_and_network_of_a_scenario_with_its_addresses()
    {
        await using var docker = new DockerCli();
        var appId = await docker.CreateNetworkAsync("app", "--subnet", "172.31.77.0/24", "--gateway", "172.31.77.1");
        await docker.RunAsync("web", "-p", "8080");
        await docker.RunAsync("db", "--network", docker.Name("app"), "--network-alias", "database");
        await docker.RunAsync("none", "--network", "none");
        await docker.RunAsync("sharer", "--network", "container:" + docker.Name("web"));
        await docker.RunAsync("hostmode", "--network", "host");
        string[] names = [docker.Name("web"), docker.Name("db"), docker.Name("none"), docker.Name("sharer"), docker.Name("hostmode")];
        var topology = await fixture.App.WaitForAsync(
            t => names.All(n => t.FindContainer(n)?.State == "running") && t.FindContainer(docker.Name("db"))!.Endpoints.Any(e => e.Ipv4 is not null),
            TimeSpan.FromSeconds(20), "the scenario running");

        foreach (var theme in new[] { Theme.Light, Theme.Dark })
        {
            await using var context = await fixture.NewContextAsync(theme);
            await context.OnPageAsync(theme, async page =>
            {
                await OpenMapAsync(page, theme);
                foreach (var name in names)
                {
                    var c = topology.FindContainer(name)!;
                    var node = ContainerNode(page, name);
                    await Expect(node).ToHaveCountAsync(1);
                    await Expect(node).ToHaveAttributeAsync("data-mode", c.NetworkMode.Kind.ToString().ToLowerInvariant());
                    foreach (var e in c.Endpoints.Where(e => e.Ipv4 is not null))
                    {
                        // The endpoint's link carries "IP/prefix" and the veth pair.
                        await Expect(page.GetByText($"{e.Ipv4}/{e.Ipv4PrefixLength}", new() { Exact = true }).First).ToBeAttachedAsync();
                        if (e.HostInterface is not null)
                        {
                            await Expect(page.GetByText(e.HostInterface, new() { Exact = false }).First).ToBeAttachedAsync();
                        }
                    }
                }
                await Expect(page.Locator($"[data-bridge=\"br-{appId[..12]}\"]")).ToHaveCountAsync(1);
                await Expect(page.Locator("[data-bridge=docker0]")).ToHaveCountAsync(1);
                output.WriteLine($"{theme}: {await page.ScreenshotAsync(theme)}");
            });
        }
    }

    [Fact]
    public async Task A_started_container_appears_on_the_open_map_without_reload()
    {
        await using var docker = new DockerCli();
        var name = docker.Name("late");
        await using var context = await fixture.NewContextAsync(Theme.Light);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            await OpenMapAsync(page, Theme.Light);
            await Expect(ContainerNode(page, name)).ToHaveCountAsync(0);
            await page.EvaluateAsync("""
                (name) => {
                  window.__ndMarker = 'still here';
                  new MutationObserver(() => {
                    if (document.querySelector(`[data-container-name="${name}"]`)) { window.__ndAppearedAt ??= Date.now(); }
                  }).observe(document.body, { childList: true, subtree: true });
                }
                """, name);

            var run = Stopwatch.StartNew();
            await docker.RunAsync("late");
            var returnedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await ContainerNode(page, name).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
            var appearedAt = await page.EvaluateAsync<double>("() => window.__ndAppearedAt");
            var latency = appearedAt - returnedAt;
            output.WriteLine($"docker run -d took {run.ElapsedMilliseconds} ms; the node was on the map {latency:0} ms after it returned");
            Assert.True(await page.EvaluateAsync<bool>("() => window.__ndMarker === 'still here'"), "the page was reloaded");
            Assert.True(latency < 1000, $"the node took {latency:0} ms to appear (target: within 1 s of the daemon event)");
        });
    }

    [Fact]
    public async Task Search_highlights_the_match_and_a_click_opens_the_panel_with_the_docker_command()
    {
        await using var docker = new DockerCli();
        await docker.RunAsync("alpha");
        await docker.RunAsync("beta");
        var alpha = docker.Name("alpha");
        var beta = docker.Name("beta");
        await fixture.App.WaitForAsync(t => t.FindContainer(alpha)?.State == "running" && t.FindContainer(beta)?.State == "running", TimeSpan.FromSeconds(20));

        await using var context = await fixture.NewContextAsync(Theme.Light);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            await OpenMapAsync(page, Theme.Light);
            await page.Keyboard.PressAsync("/");
            await page.Keyboard.TypeAsync(alpha);
            await Expect(ContainerNode(page, alpha)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bnd-match\b"));
            await Expect(ContainerNode(page, beta)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bnd-match\b"));
            await page.ScreenshotAsync(Theme.Light, "search");

            await page.Keyboard.PressAsync("Escape");
            await ContainerNode(page, beta).ClickAsync();
            var panel = page.Locator("[data-panel]");
            await Expect(panel.Locator("[data-panel-title]")).ToHaveTextAsync(beta);
            await Expect(panel).ToContainTextAsync($"docker inspect {beta}");
            await page.ScreenshotAsync(Theme.Light, "panel");
        });
    }

    [Fact]
    public async Task A_focus_deep_link_selects_and_opens_the_container()
    {
        await using var docker = new DockerCli();
        await docker.RunAsync("target");
        var target = docker.Name("target");
        await fixture.App.WaitForAsync(t => t.FindContainer(target)?.State == "running", TimeSpan.FromSeconds(20));

        await using var context = await fixture.NewContextAsync(Theme.Dark);
        await context.OnPageAsync(Theme.Dark, async page =>
        {
            await OpenMapAsync(page, Theme.Dark, "/?focus=" + Uri.EscapeDataString(target));
            await Expect(page.Locator("[data-panel] [data-panel-title]")).ToHaveTextAsync(target);
            await Expect(ContainerNode(page, target)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bnd-selected\b"));
        });
    }
}
