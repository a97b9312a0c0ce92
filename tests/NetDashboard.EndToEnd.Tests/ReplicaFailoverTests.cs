using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>
/// The map in Chromium through ONE address in front of two replicas (two real processes, one real Redis, Debian's
/// haproxy running the shipped <c>deploy/haproxy-replicas.cfg</c>, reached from the browser's namespace through a
/// <see cref="NamespaceBridge"/> on the same port). The leader is killed: a page on the surviving replica stays live
/// without a reload and shows a container started after the failover; a page whose circuit was on the killed replica
/// reloads itself through the same address onto the survivor (a Blazor circuit lives in one process) and shows it too.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReplicaFailoverTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private static ILocator ContainerNode(IPage page, string name) => page.Locator($"[data-container-name=\"{name}\"]");

    [Fact]
    public async Task The_map_through_one_haproxy_address_stays_live_across_a_leader_failover()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var docker = new DockerCli();
        // The pages' static web assets are served from the build output only in Development (as the benches run it).
        var development = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" };
        await using var pair = await ReplicaPair.StartAsync(redis, development);
        var (first, second) = (pair.First, pair.Second);
        using var bridge = new NamespaceBridge(fixture.BrowserNamespace!);
        await using var proxy = await HaproxyServer.StartAsync([("replica1", first.BaseAddress), ("replica2", second.BaseAddress)], bridge.Port);
        await docker.RunAsync("before");
        var before = docker.Name("before");
        var after = docker.Name("after");

        await using var onLeader = await fixture.NewContextAsync(Theme.Dark, proxy.BaseAddress);
        await using var onFollower = await fixture.NewContextAsync(Theme.Light, proxy.BaseAddress);
        await onLeader.AddCookiesAsync([new Cookie { Name = HaproxyServer.CookieName, Value = "replica1", Url = proxy.BaseAddress.ToString() }]);
        await onFollower.AddCookiesAsync([new Cookie { Name = HaproxyServer.CookieName, Value = "replica2", Url = proxy.BaseAddress.ToString() }]);
        await onLeader.OnPageAsync(Theme.Dark, async leaderPage => await onFollower.OnPageAsync(Theme.Light, async followerPage =>
        {
            foreach (var (page, theme) in new[] { (leaderPage, Theme.Dark), (followerPage, Theme.Light) })
            {
                await page.GotoInteractiveAsync("/", theme);
                await page.WaitForMapAsync();
                await ContainerNode(page, before).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
                await page.EvaluateAsync("() => { window.__ndMarker = 'still here'; }");
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            first.Kill();
            await second.WaitForRoleAsync("leader", TimeSpan.FromSeconds(15));
            await docker.RunAsync("after");

            await ContainerNode(followerPage, after).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            output.WriteLine($"the survivor's page showed the new container {clock.ElapsedMilliseconds} ms after the kill");
            Assert.True(await followerPage.EvaluateAsync<bool>("() => window.__ndMarker === 'still here'"), "the survivor's page was reloaded");
            await Expect(ContainerNode(followerPage, before)).ToHaveCountAsync(1);

            await ContainerNode(leaderPage, after).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            output.WriteLine($"the killed replica's page showed it {clock.ElapsedMilliseconds} ms after the kill");
            await leaderPage.WaitForInteractiveAsync(Theme.Dark);
            Assert.False(await leaderPage.EvaluateAsync<bool>("() => window.__ndMarker === 'still here'"), "the killed replica's page shows the new container without having reloaded");
            await Expect(ContainerNode(leaderPage, before)).ToHaveCountAsync(1);
            output.WriteLine($"{await followerPage.ScreenshotAsync(Theme.Light, "survivor")} {await leaderPage.ScreenshotAsync(Theme.Dark, "reloaded")}");
        }));
        output.WriteLine(proxy.Output);
    }
}
