using System.Net;
using Microsoft.Playwright;
using NetDashboard.EndToEnd.Tests.Infrastructure;
using NetDashboard.Security;
using NetDashboard.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NetDashboard.EndToEnd.Tests;

/// <summary>
/// /embed inside an iframe of a wiki page. The wiki pages are served by Playwright's router under made-up origins
/// (http://localhost:9 allowed, http://127.0.0.1:9 not), so Chromium applies the app's frame-ancestors policy to real
/// cross-origin framing without any other server.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EmbedTests(EndToEndFixture fixture, ITestOutputHelper output)
{
    private const string Token = "wiki-embed-token-0123456789";

    /// <summary>
    /// Pages fulfilled by Playwright's router count as public to Chromium, whose local-network rules would refuse
    /// their iframe of a loopback app before the app's own policy is read; real wikis sit on the same private
    /// network as the dashboard. This browser leaves those rules out so the test exercises frame-ancestors alone.
    /// </summary>
    private Task<IBrowser> WikiBrowserAsync() => fixture.LaunchBrowserAsync(
        "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessForNavigations,PrivateNetworkAccessForIframes,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests");

    /// <summary>Opens the wiki page; returns it once the app has answered its iframe (that answer, for its headers).</summary>
    private static async Task<(IPage Page, IResponse Framed)> WikiPageAsync(IBrowserContext context, string origin, string embedUrl)
    {
        var page = await context.NewPageAsync();
        await page.RouteAsync($"{origin}/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = "text/html",
            Body = $"<!doctype html><html><body><h1>Runbook</h1><iframe id=\"map\" src=\"{embedUrl}\" width=\"1200\" height=\"700\"></iframe></body></html>",
        }));
        var framed = page.WaitForResponseAsync(embedUrl, new PageWaitForResponseOptions { Timeout = 20_000 });
        await page.GotoAsync($"{origin}/runbook");
        return (page, await framed);
    }

    [Fact]
    public async Task An_allowed_origin_frames_the_live_map_and_a_disallowed_one_is_refused()
    {
        await using var app = await fixture.StartAppAsync(new Dictionary<string, string?>
        {
            ["NetDashboard:Embed:AllowedOrigins:0"] = "http://localhost:9",
            ["NetDashboard:Embed:Token"] = Token,
        });
        await using var docker = new DockerCli();
        var netId = await docker.CreateNetworkAsync("wiki");
        await docker.RunAsync("shown", "--network", docker.Name("wiki"));
        await docker.RunAsync("elsewhere");
        await app.WaitForAsync(t => t.FindContainer(docker.Name("shown"))?.State == "running" && t.FindContainer(docker.Name("elsewhere"))?.State == "running", TimeSpan.FromSeconds(20));
        var revision = (await ApiTopology.GetAsync(app)).Root.GetProperty("revision").GetInt64(); // both containers in it

        var embed = new Uri(app.BrowserAddress, $"embed?network={docker.Name("wiki")}&theme=dark&legend=1&token={Token}").ToString();
        await using var browser = await WikiBrowserAsync();
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1300, Height = 800 } });

        var (allowed, _) = await WikiPageAsync(context, "http://localhost:9", embed);
        var frame = allowed.FrameLocator("#map");
        await Expect(frame.Locator("[data-map]")).ToBeAttachedAsync(new() { Timeout = 20_000 });
        await allowed.Child().WaitForMapRevisionAsync(revision); // what is absent below is absent from a map that knows it
        await Expect(frame.Locator($"[data-container-name=\"{docker.Name("shown")}\"]")).ToHaveCountAsync(1);
        await Expect(frame.Locator($"[data-container-name=\"{docker.Name("elsewhere")}\"]")).ToHaveCountAsync(0); // narrowed to the network
        await Expect(frame.Locator("[data-map-search]")).ToHaveCountAsync(0); // chrome-less
        await Expect(frame.Locator("[data-legend]")).ToHaveCountAsync(1);

        // Live: a container joining the network appears in the embed without reload.
        await docker.RunAsync("joiner", "--network", docker.Name("wiki"));
        await Expect(frame.Locator($"[data-container-name=\"{docker.Name("joiner")}\"]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await allowed.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathFor(nameof(An_allowed_origin_frames_the_live_map_and_a_disallowed_one_is_refused), Theme.Dark, "wiki") });

        // The app answers the disallowed wiki's iframe too, with a policy that leaves that origin out, and Chromium
        // puts its error page in the frame instead of the map.
        var (disallowed, refusedAnswer) = await WikiPageAsync(context, "http://127.0.0.1:9", embed);
        Assert.Equal(200, refusedAnswer.Status);
        Assert.Equal("frame-ancestors 'self' http://localhost:9", ContentSecurityPolicy.Directive(await refusedAnswer.HeaderValueAsync("content-security-policy") ?? "", "frame-ancestors"));
        var child = await disallowed.WaitForRefusedFrameAsync();
        var framedMap = await child.Locator("[data-map]").CountAsync();
        output.WriteLine($"127.0.0.1:9 iframe url: {child.Url}; map elements: {framedMap}");
        Assert.Equal(0, framedMap);
    }

    [Fact]
    public async Task The_token_is_enforced_and_the_rest_of_the_app_refuses_framing()
    {
        await using var app = await fixture.StartAppAsync(new Dictionary<string, string?>
        {
            ["NetDashboard:Embed:AllowedOrigins:0"] = "http://localhost:9",
            ["NetDashboard:Embed:Token"] = Token,
        });
        var noToken = await app.Api.GetAsync("embed");
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal("application/problem+json", noToken.Content.Headers.ContentType?.MediaType);
        var wrongToken = await app.Api.GetAsync("embed?token=wiki-embed-token-0123456780");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        var exportNoToken = await app.Api.GetAsync("api/topology/export?format=json");
        Assert.Equal(HttpStatusCode.Unauthorized, exportNoToken.StatusCode);

        var ok = await app.Api.GetAsync($"embed?token={Token}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("frame-ancestors 'self' http://localhost:9", ContentSecurityPolicy.Directive(ok.Headers.GetValues("Content-Security-Policy").Single(), "frame-ancestors"));

        var home = await app.Api.GetAsync("/");
        Assert.Equal("frame-ancestors 'self'", ContentSecurityPolicy.Directive(home.Headers.GetValues("Content-Security-Policy").Single(), "frame-ancestors"));
        Assert.Equal("SAMEORIGIN", home.Headers.GetValues("X-Frame-Options").Single());

        // The main app in an iframe of the allowed wiki is refused too: only /embed may be framed.
        await using var browser = await WikiBrowserAsync();
        await using var context = await browser.NewContextAsync();
        var (wiki, framedApp) = await WikiPageAsync(context, "http://localhost:9", new Uri(app.BrowserAddress, "containers").ToString());
        Assert.Equal(200, framedApp.Status); // the page was served; the browser refused to frame it
        var child = await wiki.WaitForRefusedFrameAsync();
        Assert.Equal(0, await child.Locator("[data-dark-mode-toggle]").CountAsync());
    }
}
