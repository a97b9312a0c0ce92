using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace NetDashboard.Web.Tests.Access;

/// <summary>
/// Who may read. By default everyone, as before sign-in existed. With <c>RequireSignInToView</c>: pages send strangers to
/// /login, the API and the hub answer 401 with <c>WWW-Authenticate: Bearer</c>, tokens and signed-in users read, the
/// embed token still opens /embed and the export URLs for wikis, and /healthz stays open for the container's probe.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class ViewAccessTests
{
    public static TheoryData<string> Reads => new() { "/api/topology", "/api/reachability/matrix", "/api/history", "/api/topology/export?format=json" };

    [Fact]
    public async Task By_default_everyone_reads_and_the_app_bar_offers_sign_in()
    {
        await using var app = new AccessApp(requireSignInToView: false);
        using var client = app.Client();
        foreach (var path in new[] { "/api/topology", "/networks", "/containers", "/healthz" })
        {
            using var answer = await client.GetAsync(path);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)answer.StatusCode}");
        }
        var page = await client.GetStringAsync("/networks");
        Assert.Contains("data-sign-in", page);
        Assert.DoesNotContain("data-user-name", page);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task With_sign_in_required_a_stranger_gets_401_and_a_sentence_from_the_api(string path)
    {
        await using var app = new AccessApp(requireSignInToView: true);
        using var client = app.Client();
        using var answer = await client.GetAsync(path.Replace("format=json", "format=json&token=wrong-token-0123456789", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        if (!path.Contains("export", StringComparison.Ordinal))
        {
            Assert.Equal("Bearer", answer.Headers.WwwAuthenticate.ToString());
        }
        using var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.EndsWith(".", problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/networks")]
    [InlineData("/reachability?from=a&to=b")]
    [InlineData("/history")]
    public async Task With_sign_in_required_a_page_sends_a_stranger_to_login_and_back(string path)
    {
        await using var app = new AccessApp(requireSignInToView: true);
        using var client = app.Client();
        using var answer = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/login?returnUrl=" + Uri.EscapeDataString(path), answer.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task With_sign_in_required_tokens_and_the_embed_token_read_and_a_wrong_token_does_not()
    {
        await using var app = new AccessApp(requireSignInToView: true);
        using var client = app.Client();
        foreach (var token in new[] { AccessApp.ViewerToken, AccessApp.OperatorToken })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/topology") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/topology") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token") } })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/topology/export?format=svg&token={AccessApp.EmbedToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/embed?token={AccessApp.EmbedToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/embed")).StatusCode);
        // The embed token opens its two doors only.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/topology?token={AccessApp.EmbedToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task With_sign_in_required_and_no_embed_token_the_embed_needs_a_signed_in_user()
    {
        await using var app = new AccessApp(true, new Dictionary<string, string?> { ["NetDashboard:Embed:Token"] = null });
        using var client = app.Client();
        using var answer = await client.GetAsync("/embed?network=bridge");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("/login", answer.Headers.Location?.OriginalString);

        using (var _ = await AccessApp.SignInAsync(client, "victor", AccessApp.Password)) { }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/embed?network=bridge")).StatusCode);
    }

    [Fact]
    public async Task With_sign_in_required_the_hub_refuses_a_stranger()
    {
        await using var app = new AccessApp(requireSignInToView: true);
        using var client = app.Client();
        using var answer = await client.PostAsync("/hubs/topology/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/topology/negotiate?negotiateVersion=1")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", AccessApp.ViewerToken) },
        };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_audit_page_opens_for_operators_and_sends_a_viewer_to_sign_in_as_one()
    {
        await using var app = new AccessApp(false, new Dictionary<string, string?> { ["NetDashboard:Features:Write"] = "true" });
        using var viewer = app.Client();
        using (var _ = await AccessApp.SignInAsync(viewer, "victor", AccessApp.Password)) { }
        using var refused = await viewer.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/login?error=denied", refused.Headers.Location?.OriginalString);

        using var op = app.Client();
        using (var _ = await AccessApp.SignInAsync(op, "olga", AccessApp.Password)) { }
        var page = await op.GetStringAsync("/audit");
        Assert.Contains("data-table=\"audit\"", page);
        Assert.Contains("data-nav-audit", page);
    }
}
