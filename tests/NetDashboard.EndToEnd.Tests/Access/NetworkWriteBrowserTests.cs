using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NetDashboard.Access;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests.Access;

/// <summary>
/// An operator changes networks from the browser, against the real dockerd: the create dialog checks as they type and
/// shows the docker command; create → connect (network page) → disconnect (row button) → connect (container page) →
/// remove, offered to disconnect the attached container first. Each step shows up live, is in the daemon, and is on
/// the audit page. A viewer sees none of the buttons.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class NetworkWriteBrowserTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_signed_in_operator_creates_connects_disconnects_and_removes_a_network_in_the_browser()
    {
        await using var docker = new DockerCli();
        var network = docker.TrackNetwork("ui-made");
        var guest = docker.Name("ui-guest");
        await docker.RunAsync("ui-guest");
        await using var app = await fixture.StartAppAsync(Settings());
        await app.WaitForAsync(t => t.FindContainer(guest) is { State: "running" }, TimeSpan.FromSeconds(20), "the test's container");

        await using var context = await fixture.NewContextAsync(Theme.Light, app);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            await SignInAsync(page, "olga", "/networks");

            // Create: live checks while typing, the docker command, then the daemon.
            await page.Locator("[data-action=create-network]").ClickAsync();
            var dialog = page.Locator("[data-dialog=network-create]");
            await Expect(dialog).ToBeVisibleAsync();
            await dialog.Locator("[data-input=name]").FillAsync(network);
            await dialog.Locator("[data-input=subnet]").FillAsync("10.300.0.0/16");
            await Expect(dialog).ToContainTextAsync("'10.300.0.0/16' is not a subnet");
            await dialog.Locator("[data-input=gateway]").FillAsync("192.0.2.1");
            await Expect(dialog.Locator("[data-problem-count]")).ToHaveTextAsync("1 problem to fix.");
            await dialog.Locator("[data-input=subnet]").FillAsync("");
            await dialog.Locator("[data-input=gateway]").FillAsync("");
            await dialog.Locator("[data-input=labels]").FillAsync(DockerCli.TestLabel);
            await Expect(dialog.Locator("[data-problem-count]")).ToHaveTextAsync("No problem found so far.");
            await Expect(dialog.Locator("[data-command] code")).ToHaveTextAsync($"docker network create --label {DockerCli.TestLabel} {network}");
            await page.ScreenshotAsync(Theme.Light, "create-dialog");
            await AssertAccessibleAsync(page, "the create dialog");
            await page.Locator("[data-action=create]").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/networks/[0-9a-f]{64}$"));
            await Expect(page.Locator("h1")).ToHaveTextAsync("Network " + network);
            var inspected = await docker.InspectAsync(network, network: true);
            Assert.Equal("1", inspected.GetProperty("Labels").GetProperty("netdashboard.test").GetString());

            // Connect from the network page, with an alias.
            await page.Locator("[data-action=connect]").ClickAsync();
            var connect = page.Locator("[data-dialog=network-connect]");
            await ChooseAsync(page, connect.Locator("[data-input=container]"), guest);
            await connect.Locator("[data-input=aliases]").FillAsync("ui-alias");
            await Expect(connect.Locator("[data-command] code")).ToHaveTextAsync($"docker network connect --alias ui-alias {network} {guest}");
            await page.Locator("[data-action=connect-confirm]").ClickAsync();
            var row = page.Locator($"[data-section=attached] tr[data-container=\"{guest}\"]");
            await Expect(row).ToContainTextAsync("ui-alias");
            Assert.True(Endpoints(await docker.InspectAsync(guest)).Contains(network), "the daemon shows the container connected");

            // Disconnect from the row, after the confirmation.
            await row.Locator("[data-action=disconnect]").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect", Exact = true }).ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
            Assert.False(Endpoints(await docker.InspectAsync(guest)).Contains(network), "the daemon shows the container disconnected");

            // Connect again, from the container's page this time.
            await page.GotoInteractiveAsync("/containers/" + guest, Theme.Light);
            await page.Locator("[data-action=connect]").ClickAsync();
            connect = page.Locator("[data-dialog=network-connect]");
            await ChooseAsync(page, connect.Locator("[data-input=network]"), network);
            await page.Locator("[data-action=connect-confirm]").ClickAsync();
            await Expect(page.Locator($"[data-endpoint=\"{network}\"]")).ToBeVisibleAsync();

            // Remove: the attached container is named, and disconnected first on request.
            await page.GotoInteractiveAsync("/networks/" + network, Theme.Light);
            await page.Locator("[data-action=remove-network]").ClickAsync();
            var remove = page.Locator("[data-dialog=network-remove]");
            await Expect(remove.Locator("[data-section=attached-list]")).ToHaveTextAsync(guest);
            await page.ScreenshotAsync(Theme.Light, "remove-dialog");
            await AssertAccessibleAsync(page, "the remove dialog");
            await page.Locator("[data-action=remove-confirm]").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/networks$"));
            await Expect(page.Locator($"[data-table=networks] td[data-col=name]").GetByText(network, new() { Exact = true })).ToHaveCountAsync(0);
            var (code, _, _) = await DockerCli.RunProcessAsync("docker", ["network", "inspect", network], TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, code);

            // Every step is on the audit page.
            await page.GotoInteractiveAsync("/audit", Theme.Light);
            foreach (var action in new[] { "network-create", "network-connect", "network-disconnect", "network-remove" })
            {
                await Expect(page.Locator("tr", new() { HasText = action }).First).ToBeVisibleAsync();
            }
            output.WriteLine(await page.ScreenshotAsync(Theme.Light, "audit"));
        });
    }

    [Fact]
    public async Task A_viewer_sees_no_write_button_and_is_told_that_changes_are_for_operators()
    {
        await using var docker = new DockerCli();
        await docker.CreateNetworkAsync("ui-viewed");
        await using var app = await fixture.StartAppAsync(Settings());
        await app.WaitForAsync(t => t.Networks.Any(n => n.Name == docker.Name("ui-viewed")), TimeSpan.FromSeconds(20), "the test's network");
        await using var context = await fixture.NewContextAsync(Theme.Dark, app);
        await context.OnPageAsync(Theme.Dark, async page =>
        {
            await SignInAsync(page, "vera", "/networks/" + docker.Name("ui-viewed"), Theme.Dark);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Network " + docker.Name("ui-viewed"));
            await Expect(page.Locator("[data-user-role]")).ToContainTextAsync("viewer");
            await Expect(page.Locator("[data-action]")).ToHaveCountAsync(0);
            await page.GotoInteractiveAsync("/networks", Theme.Dark);
            await Expect(page.Locator("[data-action=create-network]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-writes-off]")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-writes-need-operator]")).ToContainTextAsync("sign in as one");
        });
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["NetDashboard:Features:Write"] = "true",
        ["NetDashboard:Auth:Users:0:Name"] = "olga",
        ["NetDashboard:Auth:Users:0:PasswordHash"] = PasswordHashes.Hash(Password),
        ["NetDashboard:Auth:Users:0:Role"] = "operator",
        ["NetDashboard:Auth:Users:1:Name"] = "vera",
        ["NetDashboard:Auth:Users:1:PasswordHash"] = PasswordHashes.Hash(Password),
        ["NetDashboard:Auth:Users:1:Role"] = "viewer",
    };

    private static async Task SignInAsync(IPage page, string user, string returnUrl, Theme theme = Theme.Light)
    {
        await page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
        await page.WaitForInteractiveAsync(theme);
    }

    /// <summary>Opens a MudSelect and picks the option with that text, by keyboard-free clicks as a person does.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(option, new() { Exact = true }).ClickAsync();
    }

    /// <summary>axe-core's WCAG 2.1 A and AA rules pass on the page as it is (an open dialog included).</summary>
    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(result.Violations.Length == 0,
            $"{what}: " + string.Join(" | ", result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target))}")));
    }

    private static HashSet<string> Endpoints(System.Text.Json.JsonElement container) =>
        [.. container.GetProperty("NetworkSettings").GetProperty("Networks").EnumerateObject().Select(p => p.Name)];
}
