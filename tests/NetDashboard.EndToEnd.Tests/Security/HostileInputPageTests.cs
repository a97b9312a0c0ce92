using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests.Security;

/// <summary>
/// Hostile text from the real dockerd — a network named with markup, labels and aliases with markup, quotes, newlines,
/// control and bidi characters, a 100 KB label, network options with script tags — never runs, never opens a dialog
/// and never breaks a page: the map (with the hostile container's panel open), the tables and the detail pages.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HostileInputPageTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private const string Img = "<img src=x onerror=alert(1)>";
    private const string Script = "<script>alert(2)</script>";
    private static readonly string Mixed = $"q\"uote' {Img} line1\nline2\r\u0001\u001B[31m \u202Eevil\u202C `x` $(id)";
    private static readonly string Huge = string.Concat(Enumerable.Repeat(Img + Script + " \u202E ", 1850));

    [Fact]
    public async Task Hostile_names_labels_aliases_and_options_never_run_or_break_a_page()
    {
        Assert.True(Huge.Length >= 100 * 1024);
        await using var docker = new DockerCli();
        await docker.CreateNetworkAsync(Img,
            "--label", "evil=" + Mixed, "--label", "huge=" + Huge, "-o", "com.example.evil=" + Script);
        var network = docker.Name(Img);
        // (docker run --network reads name=value syntax into a name with '='; network connect takes it as it is.)
        await docker.RunAsync("hostile", "--network", "none",
            "--label", "evil=" + Mixed, "--label", "k<img/src=x/onerror=alert(3)>=" + Script, "--label", "huge=" + Huge);
        var name = docker.Name("hostile");
        await docker.DockerAsync("network", "disconnect", "none", name);
        await docker.DockerAsync("network", "connect", "--alias", Img, "--alias", "\"a\"\"b'c\"", network, name); // CSV-quoted: a"b'c
        var topology = await fixture.App.WaitForAsync(t => t.FindContainer(name)?.State == "running" && t.Networks.Any(n => n.Name == network),
            TimeSpan.FromSeconds(20), "the hostile container running");
        Assert.Equal(Huge, topology.FindContainer(name)!.Labels["huge"]);
        var revision = topology.Revision;

        await using var context = await fixture.NewContextAsync(Theme.Light);
        await context.AddInitScriptAsync(PageWatch.InitScript);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            var watch = new PageWatch(page);
            await page.GotoInteractiveAsync("/", Theme.Light);
            await page.MainFrame.WaitForMapRevisionAsync(revision);
            var node = page.Locator($"[data-container-name=\"{name}\"]");
            await Expect(node).ToHaveCountAsync(1);
            await node.ClickAsync();
            var panel = page.Locator("[data-panel]");
            await Expect(panel.Locator("[data-panel-title]")).ToHaveTextAsync(name);
            await Expect(panel).ToContainTextAsync(Img); // shown as text
            await AssertNoInjectedElementsAsync(page);
            await watch.AssertCleanAsync("/ with the panel open");

            foreach (var path in new[] { "/containers", "/networks", "/containers/" + name, "/networks/" + Uri.EscapeDataString(network) })
            {
                await page.GotoInteractiveAsync(path, Theme.Light);
                await Expect(page.GetByText(name).Or(page.GetByText(Img)).First).ToBeVisibleAsync();
                await AssertNoInjectedElementsAsync(page);
                await watch.AssertCleanAsync(path);
            }
            output.WriteLine("websockets: " + string.Join(", ", watch.WebSockets));
        });
    }

    /// <summary>No element the hostile text would have made: an img with src=x, a script with alert in it.</summary>
    private static async Task AssertNoInjectedElementsAsync(IPage page)
    {
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => [...document.scripts].some(s => s.textContent.includes('alert('))"));
    }
}
