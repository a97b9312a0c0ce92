using System.Text.Json;
using Microsoft.Playwright;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>
/// The map at an earlier time in Chromium, on the real dockerd: a container created, renamed, reconnected to another
/// network and removed; the deep link <c>/?at=</c> draws the moment it was created (pinned, with the banner), the
/// timeline's buttons and the slider's arrow keys step through every stored revision up to live, and at each revision
/// the test recorded the map shows the container as <c>GET /api/topology</c> did then.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TimeTravelTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private sealed record Step(string What, long Revision, DateTimeOffset GeneratedAt, string? Name, string? NetworkName);

    private static async Task<Step> RecordAsync(DashboardApp app, string what, string id)
    {
        var snapshot = TopologyJson.Deserialize<TopologySnapshot>(await app.Api.GetStringAsync("/api/topology"))!;
        var c = snapshot.Containers.FirstOrDefault(x => x.Id == id);
        return new Step(what, snapshot.Revision, snapshot.GeneratedAt, c?.Name, c?.Endpoints.SingleOrDefault()?.NetworkName);
    }

    private static async Task<(long Revision, bool Live, IReadOnlyList<string> Names)> ShownAsync(IPage page) =>
        (long.Parse((await page.Locator("[data-map]").GetAttributeAsync("data-revision"))!, System.Globalization.CultureInfo.InvariantCulture),
         await page.Locator("[data-map]").GetAttributeAsync("data-live") == "true",
         await page.Locator(".nd-container").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.containerName)"));

    [Fact]
    public async Task The_timeline_steps_through_a_containers_life_and_the_map_shows_it_as_it_was()
    {
        var app = fixture.App;
        await using var docker = new DockerCli();
        var netA = await docker.CreateNetworkAsync("tta");
        var netB = await docker.CreateNetworkAsync("ttb");
        var (name, renamed) = (docker.Name("ttc"), docker.Name("ttc-renamed"));
        await app.WaitForAsync(t => t.Networks.Any(n => n.Id == netB), TimeSpan.FromSeconds(20), "both networks");
        var steps = new List<Step>();
        string? id = null;
        try
        {
            id = await docker.RunAsync("ttc", "--network", docker.Name("tta"));
            await app.WaitForAsync(t => t.Containers.Any(c => c.Id == id && c.Endpoints.Any(e => e.NetworkId == netA && e.Ipv4 is not null)), TimeSpan.FromSeconds(20), "created");
            steps.Add(await RecordAsync(app, "created", id));
            await docker.DockerAsync("rename", name, renamed);
            await app.WaitForAsync(t => t.Containers.Any(c => c.Id == id && c.Name == renamed), TimeSpan.FromSeconds(20), "renamed");
            steps.Add(await RecordAsync(app, "renamed", id));
            await docker.DockerAsync("network", "disconnect", docker.Name("tta"), renamed);
            await docker.DockerAsync("network", "connect", docker.Name("ttb"), renamed);
            await app.WaitForAsync(t => t.Containers.Any(c => c.Id == id && c.Endpoints.Length == 1 && c.Endpoints[0].NetworkId == netB && c.Endpoints[0].Ipv4 is not null),
                TimeSpan.FromSeconds(20), "reconnected");
            steps.Add(await RecordAsync(app, "reconnected", id));
            await docker.DockerAsync("rm", "-f", renamed);
            await app.WaitForAsync(t => t.Containers.All(c => c.Id != id), TimeSpan.FromSeconds(20), "removed");
            steps.Add(await RecordAsync(app, "removed", id));
            output.WriteLine(string.Join("\n", steps.Select(s => $"{s.What}: revision {s.Revision} at {s.GeneratedAt:O}: {s.Name} on {s.NetworkName}")));

            await using var context = await fixture.NewContextAsync(Theme.Light);
            await context.OnPageAsync(Theme.Light, async page =>
            {
                // The deep link: the moment it was created, pinned, with the banner.
                var at = steps[0].GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
                await page.GotoInteractiveAsync("/?at=" + Uri.EscapeDataString(at), Theme.Light);
                await Expect(page.Locator("[data-map]")).ToHaveAttributeAsync("data-revision", steps[0].Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await Expect(page.Locator("[data-past-banner]")).ToContainTextAsync($"(revision {steps[0].Revision})");
                await Expect(page.Locator($"[data-container-name=\"{name}\"]")).ToHaveCountAsync(1);
                output.WriteLine(await page.ScreenshotAsync(Theme.Light, "created"));

                // The slider from the keyboard: one arrow, one revision.
                var slider = page.Locator("[data-timeline] input[type=range]");
                var index = int.Parse((await page.Locator("[data-timeline]").GetAttributeAsync("data-index"))!, System.Globalization.CultureInfo.InvariantCulture);
                await slider.FocusAsync();
                await page.Keyboard.PressAsync("ArrowRight");
                await Expect(page.Locator("[data-timeline]")).ToHaveAttributeAsync("data-index", (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                await page.Keyboard.PressAsync("ArrowLeft");
                await Expect(page.Locator("[data-map]")).ToHaveAttributeAsync("data-revision", steps[0].Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));

                // "Next change" through every stored revision up to live: each recorded step is shown as it was.
                var seen = new Dictionary<long, IReadOnlyList<string>>();
                for (var i = 0; i < 500; i++)
                {
                    var (revision, live, names) = await ShownAsync(page);
                    seen[revision] = names;
                    if (live)
                    {
                        break;
                    }
                    await page.Locator("[data-timeline-next]").ClickAsync();
                    await page.WaitForFunctionAsync("(r) => { const m = document.querySelector('[data-map]'); return m.dataset.revision !== r || m.dataset.live === 'true'; }", revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                Assert.Equal("true", await page.Locator("[data-map]").GetAttributeAsync("data-live"));
                await Expect(page.Locator("[data-past-banner]")).ToHaveCountAsync(0);
                foreach (var step in steps)
                {
                    Assert.True(seen.TryGetValue(step.Revision, out var names), $"{step.What}: revision {step.Revision} was never shown; seen {string.Join(", ", seen.Keys)}");
                    Assert.Equal(step.Name is null ? 0 : 1, names.Count(n => n == step.Name));
                    Assert.Equal(step.What == "removed" ? 0 : 1, names.Count(n => n == name || n == renamed));
                }
                output.WriteLine($"stepped through {seen.Count} revisions: {string.Join(", ", seen.Keys)}");
            });

            // "What changed since": after the removal, compared with the moment it was created — it is drawn dashed, marked removed.
            await using var dark = await fixture.NewContextAsync(Theme.Dark);
            await dark.OnPageAsync(Theme.Dark, async page =>
            {
                string Url(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
                await page.GotoInteractiveAsync($"/?at={Url(steps[3].GeneratedAt)}&since={Url(steps[0].GeneratedAt)}", Theme.Dark);
                await Expect(page.Locator("[data-map]")).ToHaveAttributeAsync("data-revision", steps[3].Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var node = page.Locator($"[data-container-name=\"{name}\"]");
                await Expect(node).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bnd-change-removed\b"));
                await Expect(page.Locator("[data-timeline-changes]")).ToHaveAttributeAsync("data-removed", new System.Text.RegularExpressions.Regex("^[1-9]"));
                output.WriteLine(await page.ScreenshotAsync(Theme.Dark, "changes-since"));
            });
        }
        finally
        {
            if (id is not null)
            {
                await DockerCli.RunProcessAsync("docker", ["rm", "-f", id], TimeSpan.FromSeconds(30));
            }
        }
    }
}
