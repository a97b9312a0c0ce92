using System.Text.RegularExpressions;
using NetDashboard.Security;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Security;

/// <summary>
/// The security headers of every kind of response (pages, the embed, the API, exports, health), on the demo source so
/// no daemon is needed. What Chromium makes of the page policy is checked in the browser tests.
/// </summary>
public sealed partial class SecurityHeadersTests
{
    private static DashboardFactory Demo() => new(new Dictionary<string, string?>
    {
        ["NetDashboard:Source"] = "Demo",
        ["NetDashboard:Embed:AllowedOrigins:0"] = "https://wiki.example.com/",
    });

    private static string Header(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var v) ? v : response.Content.Headers.TryGetValues(name, out var c) ? c : []);

    [Fact]
    public async Task A_page_gets_the_strict_policy_with_a_fresh_nonce_that_its_import_map_carries()
    {
        await using var app = Demo();
        using var client = app.CreateClient();
        var nonces = new List<string>();
        foreach (var path in new[] { "/", "/networks", "/containers", "/reachability", "/history", "/" })
        {
            using var response = await client.GetAsync(path);
            response.EnsureSuccessStatusCode();
            var policy = Header(response, "Content-Security-Policy");
            var nonce = Assert.Single(NonceOf().Matches(policy)).Groups[1].Value;
            Assert.Equal(ContentSecurityPolicy.ForPage(nonce, "'self'"), policy);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Equal("SAMEORIGIN", Header(response, "X-Frame-Options"));
            var html = await response.Content.ReadAsStringAsync();
            // Every inline script of the page carries the nonce (the import map is the one there is).
            var inline = InlineScript().Matches(html);
            Assert.NotEmpty(inline);
            Assert.All(inline, m => Assert.Contains($"nonce=\"{nonce}\"", System.Net.WebUtility.HtmlDecode(m.Value)));
            nonces.Add(nonce);
        }
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
        Assert.All(nonces, n => Assert.True(Convert.FromBase64String(n).Length >= 16));
    }

    [Fact]
    public async Task The_embed_may_be_framed_by_the_configured_origins_only()
    {
        await using var app = Demo();
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/embed");
        response.EnsureSuccessStatusCode();
        var policy = Header(response, "Content-Security-Policy");
        Assert.Equal("frame-ancestors 'self' https://wiki.example.com", ContentSecurityPolicy.Directive(policy, "frame-ancestors"));
        Assert.Contains("script-src 'self' 'nonce-", policy);
        // (Antiforgery adds X-Frame-Options SAMEORIGIN to a page, as before; Chromium obeys frame-ancestors over it.)
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Theory]
    [InlineData("/api/topology")]
    [InlineData("/healthz")]
    [InlineData("/api/topology/export?format=json")]
    [InlineData("/api/topology/export?format=mermaid")]
    [InlineData("/api/topology/export?format=dot")]
    [InlineData("/api/topology/nope")]
    public async Task The_api_and_exports_load_nothing(string path)
    {
        await using var app = Demo();
        using var client = app.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(ContentSecurityPolicy.ForResource("'self'"), Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("SAMEORIGIN", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task The_svg_export_keeps_its_own_policy_and_the_framing_rule()
    {
        await using var app = Demo();
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/topology/export?format=svg");
        response.EnsureSuccessStatusCode();
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'", Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex NonceOf();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
