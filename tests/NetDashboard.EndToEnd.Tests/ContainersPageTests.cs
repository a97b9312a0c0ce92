using System.Text.Json;
using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>The Containers page against the real dockerd: what it shows is what the public API reports.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ContainersPageTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Containers_page_shows_every_scenario_container_with_the_addresses_the_API_reports()
    {
        await using var docker = new DockerCli();
        await docker.CreateNetworkAsync("app");
        await docker.RunAsync("web", "-p", "8080");
        await docker.RunAsync("db", "--network", docker.Name("app"), "--network-alias", "database");
        await docker.RunAsync("none", "--network", "none");
        string[] names = [docker.Name("web"), docker.Name("db"), docker.Name("none")];

        await fixture.App.WaitForAsync(
            t => names.All(n => t.FindContainer(n)?.State == "running")
                 && t.FindContainer(docker.Name("web"))!.Endpoints.Any(e => e.Ipv4 is not null)
                 && t.FindContainer(docker.Name("db"))!.Endpoints.Any(e => e.Ipv4 is not null),
            TimeSpan.FromSeconds(20), "the three scenario containers running with their addresses");
        var api = await ApiTopology.GetAsync(fixture.App);

        // The API itself says what the scenario is (so the page assertions below compare with something real).
        var web = api.Container(docker.Name("web"));
        Assert.Equal("bridge", web.GetProperty("networkMode").GetProperty("kind").GetString());
        Assert.Contains(web.GetProperty("ports").EnumerateArray(), p => p.GetProperty("containerPort").GetInt32() == 8080 && p.GetProperty("hostPort").ValueKind == JsonValueKind.Number);
        var db = api.Container(docker.Name("db"));
        Assert.Contains(ApiTopology.Endpoints(db), e => e.GetProperty("networkName").GetString() == docker.Name("app")
                                                       && e.GetProperty("aliases").EnumerateArray().Any(a => a.GetString() == "database"));
        var none = api.Container(docker.Name("none"));
        Assert.Equal("none", none.GetProperty("networkMode").GetProperty("kind").GetString());
        Assert.All(ApiTopology.Endpoints(none), e => Assert.Null(ApiTopology.Text(e, "ipv4")));

        foreach (var theme in new[] { Theme.Light, Theme.Dark })
        {
            await using var context = await fixture.NewContextAsync(theme);
            await context.OnPageAsync(theme, async page =>
            {
                await page.GotoInteractiveAsync("/containers", theme);
                foreach (var name in names)
                {
                    await AssertRowMatchesApiAsync(page, api.Container(name));
                }
                output.WriteLine($"{theme}: {await page.ScreenshotAsync(theme)}");
            });
        }
    }

    /// <summary>The row of <paramref name="container"/> shows its state, mode, every IPv4 address (with prefix and
    /// network) and every published port exactly as the API document has them.</summary>
    internal static async Task AssertRowMatchesApiAsync(IPage page, JsonElement container)
    {
        var name = container.GetProperty("name").GetString()!;
        var row = ContainerRow(page, name);
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("td[data-col=state]")).ToHaveTextAsync(container.GetProperty("state").GetString()!);

        var mode = container.GetProperty("networkMode");
        var modeText = mode.GetProperty("kind").GetString() switch
        {
            "network" => "network:" + mode.GetProperty("raw").GetString(),
            { } kind => kind,
            null => throw new InvalidOperationException("networkMode.kind is null"),
        };
        await Expect(row.Locator("td[data-col=mode]")).ToHaveTextAsync(modeText);

        var ips = row.Locator("td[data-col=ips]");
        var addressed = ApiTopology.Endpoints(container).Where(e => ApiTopology.Text(e, "ipv4") is not null).ToList();
        if (addressed.Count == 0)
        {
            await Expect(ips).ToHaveTextAsync("—");
        }
        foreach (var endpoint in addressed)
        {
            var ip = ApiTopology.Text(endpoint, "ipv4")!;
            var prefix = endpoint.GetProperty("ipv4PrefixLength");
            var network = endpoint.GetProperty("networkName").GetString()!;
            var shown = ips.Locator($"[data-ip=\"{network}\"]");
            await Expect(shown).ToContainTextAsync(prefix.ValueKind == JsonValueKind.Number ? $"{ip}/{prefix.GetInt32()}" : ip);
            await Expect(shown).ToContainTextAsync(network);
        }

        var ports = row.Locator("td[data-col=ports]");
        foreach (var port in container.GetProperty("ports").EnumerateArray())
        {
            var target = $"{port.GetProperty("containerPort").GetInt32()}/{port.GetProperty("protocol").GetString()}";
            var hostPort = port.GetProperty("hostPort");
            await Expect(ports).ToContainTextAsync(hostPort.ValueKind == JsonValueKind.Number ? $":{hostPort.GetInt32()}→{target}" : target);
        }
    }

    /// <summary>The table row whose name cell links to exactly <paramref name="name"/>.</summary>
    internal static ILocator ContainerRow(IPage page, string name) =>
        page.Locator("[data-table=containers] tbody tr").Filter(new LocatorFilterOptions
        {
            Has = page.Locator("td[data-col=name]").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = name, Exact = true }),
        });
}
