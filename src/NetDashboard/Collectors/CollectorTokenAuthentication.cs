using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using NetDashboard.Access;

namespace NetDashboard.Collectors;

/// <summary>
/// Authenticates a collector on <see cref="CollectorProtocol.Path"/>: <c>Authorization: Bearer &lt;token&gt;</c> is
/// hashed and compared, in constant time, with every configured collector's <c>TokenHash</c> (the same rule as the API
/// tokens, <see cref="TokenHashes"/>). The match is the one host the connection may publish as; a collector that says
/// it is another host (<see cref="CollectorProtocol.HostHeader"/>) is refused. Refusals answer 401 with a sentence.
/// </summary>
public sealed class CollectorTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CollectorRegistry registry) : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, logger, encoder)
{
    public const string SchemeName = "nd-collector";
    public const string HostClaim = "nd-collector-host";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("No collector token was presented."));
        }
        var given = TokenHashes.Of(header["Bearer ".Length..]);
        CollectorHostObserver? match = null;
        foreach (var collector in registry.Observers)
        {
            // Every configured token is compared, matched or not, so the time taken says nothing about which.
            if (TokenHashes.Matches(given, collector.TokenHash))
            {
                match = collector;
            }
        }
        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The collector token is not one this dashboard knows."));
        }
        var claimed = Request.Headers[CollectorProtocol.HostHeader].ToString();
        if (claimed.Length > 0 && claimed != match.HostId)
        {
            return Task.FromResult(AuthenticateResult.Fail("The collector token belongs to another host."));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"collector:{match.HostId}"), new Claim(HostClaim, match.HostId), new Claim(AccessClaims.Kind, "collector")],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Collector not recognised",
            detail: "This dashboard knows no collector by this token and host id: compare the collector's NetDashboard:Collector:Token and HostId with the dashboard's NetDashboard:Collectors entry (its TokenHash is the token's SHA-256).")
            .ExecuteAsync(Context);
    }
}
