using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests.Security;

/// <summary>
/// Every page of the app works under its Content-Security-Policy in Chromium: no violation reported, no console
/// error, the Blazor circuit on its WebSocket (connect-src 'self'), the map drawn and interactive.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ContentSecurityPolicyTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_page_runs_under_the_policy_without_a_violation()
    {
        await using var docker = new DockerCli();
        await docker.CreateNetworkAsync("csp");
        await docker.RunAsync("csp-web", "--network", docker.Name("csp"));
        var name = docker.Name("csp-web");
        var network = docker.Name("csp");
        await fixture.App.WaitForAsync(t => t.FindContainer(name)?.State == "running", TimeSpan.FromSeconds(20), "the container running");
        var revision = (await ApiTopology.GetAsync(fixture.App)).Root.GetProperty("revision").GetInt64();

        await using var context = await fixture.NewContextAsync(Theme.Light);
        await context.AddInitScriptAsync(PageWatch.InitScript);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            var watch = new PageWatch(page);
            string[] paths = ["/", "/networks", "/containers", "/containers/" + name, "/networks/" + network, "/reachability", "/history"];
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                Assert.True(response is { Ok: true }, $"GET {path} answered {response?.Status}");
                var policy = await response!.HeaderValueAsync("content-security-policy");
                output.WriteLine($"{path}: {policy}");
                Assert.Contains("script-src 'self' 'nonce-", policy);
                Assert.Contains("default-src 'self'", policy);
                Assert.Contains("frame-ancestors 'self'", policy);
                Assert.Equal("nosniff", await response.HeaderValueAsync("x-content-type-options"));
                Assert.Equal("no-referrer", await response.HeaderValueAsync("referrer-policy"));
                await page.WaitForInteractiveAsync(Theme.Light);
                if (path == "/")
                {
                    await page.Locator("[data-map]").First.WaitForAsync();
                    await page.MainFrame.WaitForMapRevisionAsync(revision);
                    var node = page.Locator($"[data-container-name=\"{name}\"]");
                    await Expect(node).ToHaveCountAsync(1);
                    await node.ClickAsync();
                    await Expect(page.Locator("[data-panel] [data-panel-title]")).ToHaveTextAsync(name);
                }
                await watch.AssertCleanAsync(path);
            }
            Assert.Contains(watch.WebSockets, u => u.StartsWith("ws://", StringComparison.Ordinal) && u.Contains("/_blazor", StringComparison.Ordinal));
            output.WriteLine("websockets: " + string.Join(", ", watch.WebSockets));
        });

        // The embed, on its own (no chrome, so no theme toggle: the map drawing is the sign it is interactive).
        await using var embedContext = await fixture.NewContextAsync(Theme.Light);
        await embedContext.AddInitScriptAsync(PageWatch.InitScript);
        await embedContext.OnPageAsync(Theme.Light, async page =>
        {
            var watch = new PageWatch(page);
            var response = await page.GotoAsync($"/embed?network={network}", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            Assert.True(response is { Ok: true });
            Assert.Contains("script-src 'self' 'nonce-", await response!.HeaderValueAsync("content-security-policy"));
            await page.MainFrame.WaitForMapRevisionAsync(revision);
            await Expect(page.Locator($"[data-container-name=\"{name}\"]")).ToHaveCountAsync(1);
            await watch.AssertCleanAsync("/embed");
            Assert.Contains(watch.WebSockets, u => u.Contains("/_blazor", StringComparison.Ordinal));
        });
    }
}
