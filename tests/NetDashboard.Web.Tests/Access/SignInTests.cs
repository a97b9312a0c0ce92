using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NetDashboard.Access;

namespace NetDashboard.Web.Tests.Access;

/// <summary>
/// Sign-in against the real app: the password form with its antiforgery token, the cookie it sets, the lock after
/// repeated bad passwords (the same for names that do not exist), the rate limit per address, sign-out and expiry.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class SignInTests
{
    [Fact]
    public async Task A_right_password_sets_a_strict_http_only_cookie_and_returns_to_the_page_asked_for()
    {
        await using var app = new AccessApp(requireSignInToView: true);
        using var client = app.Client();

        using var answer = await AccessApp.SignInAsync(client, "olga", AccessApp.Password, "/networks?x=1");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/networks?x=1", answer.Headers.Location?.OriginalString);
        var cookie = Assert.Single(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("nd-auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase); // a session cookie; the ticket slides
        using var topology = await client.GetAsync("/api/topology");
        Assert.Equal(HttpStatusCode.OK, topology.StatusCode);
        var page = await client.GetStringAsync("/networks");
        Assert.Contains("data-user-name>olga<", page);
        Assert.Contains("data-sign-out", page);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    [InlineData("/login?error=wrong")]
    public async Task A_return_address_off_this_site_or_back_to_login_goes_to_the_map(string returnUrl)
    {
        await using var app = new AccessApp(requireSignInToView: false);
        using var client = app.Client();
        using var answer = await AccessApp.SignInAsync(client, "victor", AccessApp.Password, returnUrl);
        Assert.Equal("/", answer.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_name_get_the_same_answers_and_both_lock_after_five_tries()
    {
        // Two apps (each attempt counts against the per-address rate limit of one): the answers must be the same.
        var known = await FailFiveTimesAsync("olga");
        var unknown = await FailFiveTimesAsync("nobody-here");
        Assert.Equal(known, unknown);
        Assert.All(known.Take(LoginThrottle.MaxFailures - 1), l => Assert.Equal("/login?error=wrong", l));
        Assert.Equal("/login?error=locked", known[^1]);

        await using var app = new AccessApp(requireSignInToView: false);
        using var client = app.Client();
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            using var _ = await AccessApp.SignInAsync(client, "olga", "wrong password");
        }
        // Locked: even the right password is refused for now, and says so.
        using var locked = await AccessApp.SignInAsync(client, "olga", AccessApp.Password);
        Assert.Equal("/login?error=locked", locked.Headers.Location?.OriginalString);
        var page = await client.GetStringAsync("/login?error=locked");
        Assert.Contains("locked for 5 minutes", page);
        // Another name is not affected.
        using var other = await AccessApp.SignInAsync(client, "victor", AccessApp.Password);
        Assert.Equal("/", other.Headers.Location?.OriginalString);
    }

    private static async Task<List<string?>> FailFiveTimesAsync(string name)
    {
        await using var app = new AccessApp(requireSignInToView: false);
        using var client = app.Client();
        var answers = new List<string?>();
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            using var a = await AccessApp.SignInAsync(client, name, "wrong password");
            answers.Add(a.Headers.Location?.OriginalString);
        }
        return answers;
    }

    [Fact]
    public async Task The_lock_ends_after_its_time_on_the_apps_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new AccessApp(false, services: s => s.AddSingleton(new LoginThrottle(clock)));
        using var client = app.Client();
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            using var _ = await AccessApp.SignInAsync(client, "olga", "wrong password");
        }
        using (var locked = await AccessApp.SignInAsync(client, "olga", AccessApp.Password))
        {
            Assert.Equal("/login?error=locked", locked.Headers.Location?.OriginalString);
        }
        clock.Advance(LoginThrottle.LockTime + TimeSpan.FromSeconds(1));
        using var open = await AccessApp.SignInAsync(client, "olga", AccessApp.Password);
        Assert.Equal("/", open.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task More_sign_in_attempts_than_the_rate_limit_from_one_address_are_turned_away()
    {
        await using var app = new AccessApp(requireSignInToView: false);
        using var client = app.Client();
        var answers = new List<string?>();
        for (var i = 0; i <= AccessServiceCollectionExtensions.LoginAttemptsPerMinute; i++)
        {
            using var a = await AccessApp.SignInAsync(client, $"name{i}", "wrong password");
            answers.Add(a.Headers.Location?.OriginalString);
        }
        Assert.All(answers.Take(AccessServiceCollectionExtensions.LoginAttemptsPerMinute), l => Assert.Equal("/login?error=wrong", l));
        Assert.Equal("/login?error=busy", answers[^1]);
    }

    [Fact]
    public async Task A_login_post_without_its_antiforgery_token_is_a_400_with_a_sentence()
    {
        await using var app = new AccessApp(requireSignInToView: false);
        using var client = app.Client();
        using var answer = await client.PostAsync("/auth/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "olga", ["password"] = AccessApp.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        using var problem = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal("The sign-in form has expired or did not come from this dashboard: reload the page and try again.", problem.RootElement.GetProperty("detail").GetString());
        Assert.DoesNotContain(answer.Headers.TryGetValues("Set-Cookie", out var c) ? c : [], v => v.StartsWith("nd-auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_a_cookie_past_its_expiry_opens_nothing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new AccessApp(true, services: s => s.AddSingleton<TimeProvider>(clock));
        using var client = app.Client();
        using (var _ = await AccessApp.SignInAsync(client, "victor", AccessApp.Password)) { }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/topology")).StatusCode);

        clock.Advance(TimeSpan.FromHours(9)); // past the 8 h without a request
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/topology")).StatusCode);

        using (var _ = await AccessApp.SignInAsync(client, "victor", AccessApp.Password)) { }
        var page = await client.GetStringAsync("/networks");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signOut = await client.PostAsync("/auth/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/topology")).StatusCode);
    }
}
