using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>The container detail page: the veth of every endpoint, and the docker commands that show the same.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ContainerDetailTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Detail_page_shows_the_veth_of_every_endpoint_as_the_API_reports_it_and_the_docker_inspect_command()
    {
        await using var docker = new DockerCli();
        await docker.CreateNetworkAsync("back");
        await docker.RunAsync("detail", "--network", docker.Name("back"));
        await docker.DockerAsync("network", "connect", "bridge", docker.Name("detail"));
        var name = docker.Name("detail");

        await fixture.App.WaitForAsync(
            t => t.FindContainer(name) is { State: "running", Endpoints.Length: 2 } c && c.Endpoints.All(e => e.HostInterface is not null),
            TimeSpan.FromSeconds(20), "the container on two networks with both veths resolved");
        var container = (await ApiTopology.GetAsync(fixture.App)).Container(name);
        var endpoints = ApiTopology.Endpoints(container).ToList();
        Assert.Equal(2, endpoints.Count);

        await using var context = await fixture.NewContextAsync(Theme.Light);
        await context.OnPageAsync(Theme.Light, async page =>
        {
            await page.GotoInteractiveAsync("/containers/" + name, Theme.Light);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Container " + name);
            foreach (var endpoint in endpoints)
            {
                var network = endpoint.GetProperty("networkName").GetString()!;
                var veth = ApiTopology.Text(endpoint, "hostInterface");
                Assert.False(veth is null, $"GET /api/topology names no host veth for {name} on {network}: is the dashboard outside the host's network namespace?");
                Assert.StartsWith("veth", veth);
                var index = endpoint.GetProperty("hostInterfaceIndex").GetInt32();
                var cell = page.Locator($"[data-endpoint=\"{network}\"] [data-veth]");
                await Expect(cell).ToContainTextAsync($"⇄ {veth} (ifindex {index})");
                output.WriteLine($"{network}: {await cell.InnerTextAsync()}");
                // and the command that shows that veth on the host
                await Expect(page.Locator("[data-command] code").GetByText($"ip -o link show dev {veth}", new() { Exact = true })).ToBeVisibleAsync();
            }
            await Expect(page.Locator("[data-reproduce] [data-command] code").GetByText($"docker inspect {name}", new() { Exact = true })).ToBeVisibleAsync();
            output.WriteLine(await page.ScreenshotAsync(Theme.Light));
        });
    }
}
