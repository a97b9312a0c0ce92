using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;

namespace NetDashboard.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> for scripts: the token's SHA-256 is compared, in constant time, with every
/// configured one (<c>NetDashboard:Auth:Tokens</c>); the match's name and role make the identity. A wrong token is
/// refused without saying more; the challenge answers 401 with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth) : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, logger, encoder)
{
    public const string SchemeName = "nd-token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var given = TokenHashes.Of(header["Bearer ".Length..]);
        ApiTokenOptions? match = null;
        foreach (var token in auth.CurrentValue.Tokens)
        {
            // Every configured token is compared, matched or not, so the time taken says nothing about which.
            if (TokenHashes.Matches(given, token.Sha256))
            {
                match = token;
            }
        }
        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API token is not one this dashboard knows."));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, match.Name ?? "token"), new Claim(ClaimTypes.Role, match.Role ?? AccessRoles.Viewer), new Claim(AccessClaims.Kind, "token")],
            SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    // Both answer with a body (problem+json with a sentence): a bare status would be re-executed as the not-found page.
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AccessProblems.ChallengeAsync(Context, "/login");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AccessProblems.ForbidAsync(Context, "/login");
}

/// <summary>Claims the dashboard adds to every identity.</summary>
public static class AccessClaims
{
    /// <summary>How the user signed in: <c>password</c>, <c>token</c> or <c>oidc</c> (the audit log records it).</summary>
    public const string Kind = "nd-kind";
}
