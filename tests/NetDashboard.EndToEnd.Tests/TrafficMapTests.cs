using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetDashboard.Core.Traffic;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using NetDashboard.Traffic;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>Observed traffic on the map in Chromium: two real containers talking become an edge, and the panel lists it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class TrafficMapTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_containers_that_talk_are_an_edge_on_the_map_and_a_connection_in_the_side_panel()
    {
        await using var docker = new DockerCli();
        await docker.CreateNetworkAsync("talk");
        var server = await docker.RunCommandAsync("srv", ["--network", docker.Name("talk")], "sh", "-c", "sleep 600 | nc -l -p 8080");
        await fixture.App.WaitForAsync(t => t.FindContainer(server) is { State: "running" } c && c.Endpoints.Any(e => e.Ipv4 is not null),
            TimeSpan.FromSeconds(20), "the server with its address");
        var client = await docker.RunCommandAsync("cli", ["--network", docker.Name("talk")], "sh", "-c", $"sleep 600 | nc {docker.Name("srv")} 8080");
        await WaitForFlowAsync(f => f.Source.ContainerId == client && f.Destination.ContainerId == server);

        await using var context = await fixture.NewContextAsync(Theme.Dark);
        await context.OnPageAsync(Theme.Dark, async page =>
        {
            await page.GotoInteractiveAsync("/?expand=all", Theme.Dark);
            await page.WaitForFunctionAsync("() => { const m = document.querySelector('[data-map]'); return m && +m.dataset.renderedAt > 0 && +m.dataset.nodeCount > 0; }");
            var edge = page.Locator($"g.nd-traffic[data-source-container='{client}'][data-target-container='{server}']");
            await Expect(edge).ToHaveCountAsync(0); // off until asked for

            await page.GetByLabel("Draw the connections the kernel observes between containers").CheckAsync();
            await Expect(edge).ToHaveCountAsync(1);
            await Expect(edge).ToHaveAttributeAsync("data-live", "true");
            await Expect(edge).ToHaveAttributeAsync("aria-label", $"Traffic: {docker.Name("cli")} to {docker.Name("srv")}, 1 live connection to 8080/tcp (bridge)");
            var line = edge.Locator("path");
            Assert.Equal("nd-traffic-flow", await line.EvaluateAsync<string>("p => getComputedStyle(p).animationName"));
            await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
            Assert.Equal("none", await line.EvaluateAsync<string>("p => getComputedStyle(p).animationName"));
            output.WriteLine(await page.ScreenshotAsync(Theme.Dark, "traffic"));

            await page.Locator($"[data-container-name=\"{docker.Name("srv")}\"]").ClickAsync();
            var flow = page.Locator("[data-panel] [data-section='traffic'] [data-traffic-flow]");
            await Expect(flow).ToContainTextAsync($"← {docker.Name("cli")} (");
            await Expect(flow).ToContainTextAsync("via bridge, ESTABLISHED");
            output.WriteLine(await page.ScreenshotAsync(Theme.Dark, "traffic-panel"));
        });
    }

    private async Task WaitForFlowAsync(Func<TrafficFlow, bool> match)
    {
        var feed = fixture.App.Services.GetRequiredService<TrafficFeed>();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = feed.Subscribe(d =>
        {
            if (d.Flows.Any(match)) seen.TrySetResult();
        });
        if (!feed.Current.Flows.Any(match))
        {
            await seen.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }
}
