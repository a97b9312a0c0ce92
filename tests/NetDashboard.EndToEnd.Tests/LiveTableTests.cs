using System.Diagnostics;
using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>The Containers table follows the daemon live: no reload, no resync (it is 300 s here).</summary>
[Collection(EndToEndCollection.Name)]
public sealed class LiveTableTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_container_started_while_the_page_is_open_appears_and_disappears_without_reload()
    {
        await using var docker = new DockerCli();
        var name = docker.Name("live");
        await using var context = await fixture.NewContextAsync(Theme.Light);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            var navigations = 0;
            page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };
            await page.GotoInteractiveAsync("/containers", Theme.Light);
            var row = ContainersPageTests.ContainerRow(page, name);
            await Expect(row).ToHaveCountAsync(0);

            // A marker that a reload would wipe, and a MutationObserver noting (page clock = wall clock) when the row lands.
            await page.EvaluateAsync(Watcher, name);
            var navigationsBefore = navigations;

            var run = Stopwatch.StartNew();
            await docker.RunAsync("live");
            var runTook = run.Elapsed;
            var returnedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var visible = Stopwatch.StartNew();
            await row.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 15_000 });
            var playwrightSaw = visible.Elapsed;
            // The observer's time (no polling delay); Playwright's own wait polls, so it is only an upper bound.
            var appearedAt = await page.EvaluateAsync<double?>("() => window.__ndAppearedAt");
            // (negative: the row was there before the CLI returned)
            var appeared = appearedAt is { } at ? TimeSpan.FromMilliseconds(at - returnedAt) : playwrightSaw;
            await Expect(row.Locator("td[data-col=state]")).ToHaveTextAsync("running");

            var removeStartedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await docker.DockerAsync("rm", "-f", name);
            var removedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await row.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = 15_000 });
            var goneAt = await page.EvaluateAsync<double?>("() => window.__ndGoneAt");
            var gone = goneAt is { } g ? $"{g - removeStartedAt:0} ms after docker rm -f started ({g - removedAt:0} ms after it returned, which took {removedAt - removeStartedAt} ms)" : "(not observed)";

            Assert.True(await page.EvaluateAsync<bool>("() => window.__ndMarker === 'still here'"), "the page was reloaded");
            Assert.Equal(navigationsBefore, navigations);

            output.WriteLine($"docker run -d took {runTook.TotalMilliseconds:0} ms; the row was in the DOM {appeared.TotalMilliseconds:0} ms after it returned " +
                             $"(Playwright saw it visible after {playwrightSaw.TotalMilliseconds:0} ms)");
            output.WriteLine($"the row left the DOM {gone}");
            Assert.True(appeared < TimeSpan.FromSeconds(5), $"the row took {appeared.TotalMilliseconds:0} ms to appear");
        });
    }

    private const string Watcher = """
        (name) => {
          window.__ndMarker = 'still here';
          window.__ndAppearedAt = null;
          window.__ndGoneAt = null;
          const present = () => [...document.querySelectorAll('[data-table=containers] td[data-col=name] a')]
            .some(a => a.textContent.trim() === name);
          new MutationObserver(() => {
            const now = Date.now();
            if (present()) { window.__ndAppearedAt ??= now; }
            else if (window.__ndAppearedAt !== null) { window.__ndGoneAt ??= now; }
          }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """;
}
