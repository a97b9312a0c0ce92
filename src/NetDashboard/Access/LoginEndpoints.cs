using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;

namespace NetDashboard.Access;

/// <summary>
/// <c>POST /auth/login</c> (the <c>/login</c> page's form: name, password; antiforgery-checked, rate-limited per address,
/// a name locked for a while after repeated bad passwords), <c>POST /auth/logout</c>, and <c>GET /auth/oidc</c> (off to
/// the OpenID Connect provider). Every answer is a redirect: back to the page asked for, or to <c>/login</c> with a
/// reason that never says whether a name exists.
/// </summary>
public static class LoginEndpoints
{
    public const string ErrorWrong = "wrong";
    public const string ErrorLocked = "locked";
    public const string ErrorBusy = "busy";
    public const string ErrorDenied = "denied";
    public const string ErrorProvider = "provider";

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        // The forms' antiforgery tokens are checked here rather than by the middleware, so a stale form gets a sentence.
        var group = app.MapGroup("/auth").AllowAnonymous().DisableAntiforgery();
        group.MapPost("/login", LoginAsync).RequireRateLimiting(AccessServiceCollectionExtensions.LoginRateLimit);
        group.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return StaleForm("sign-out");
            }
            await context.SignOutAsync(AccessServiceCollectionExtensions.CookieScheme);
            return Results.LocalRedirect("/");
        });
        group.MapGet("/oidc", (string? returnUrl, IOptionsMonitor<AuthOptions> auth) => auth.CurrentValue.Oidc.IsConfigured
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = SafeReturn(returnUrl) }, [AccessServiceCollectionExtensions.OidcScheme])
            : Results.LocalRedirect(LoginPage(ErrorProvider, returnUrl)));
        return app;
    }

    /// <summary>400 for a form whose antiforgery token is missing, stale or from elsewhere.</summary>
    private static IResult StaleForm(string what) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Form expired",
        detail: $"The {what} form has expired or did not come from this dashboard: reload the page and try again.");

    private static async Task<IResult> LoginAsync(
        HttpContext context, IAntiforgery antiforgery, IOptionsMonitor<AuthOptions> auth, LoginThrottle throttle, ILoggerFactory loggers)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return StaleForm("sign-in");
        }
        var form = await context.Request.ReadFormAsync();
        var name = form["name"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        var logger = loggers.CreateLogger("NetDashboard.Access.Login");
        if (name.Length is 0 or > 200 || string.IsNullOrEmpty(password) || password.Length > 1000)
        {
            return Results.LocalRedirect(LoginPage(ErrorWrong, returnUrl));
        }
        if (throttle.LockedUntil(name) is not null)
        {
            logger.LogWarning("Sign-in refused for a locked name from {Address}.", context.Connection.RemoteIpAddress);
            return Results.LocalRedirect(LoginPage(ErrorLocked, returnUrl));
        }
        var user = auth.CurrentValue.Users.FirstOrDefault(u => string.Equals(u.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase));
        // An unknown name is checked against a decoy hash: the same work, the same answer.
        if (!PasswordHashes.Verify(user?.PasswordHash, password) || user is null)
        {
            throttle.Failed(name);
            logger.LogWarning("Sign-in failed from {Address}.", context.Connection.RemoteIpAddress);
            return Results.LocalRedirect(LoginPage(throttle.LockedUntil(name) is null ? ErrorWrong : ErrorLocked, returnUrl));
        }
        throttle.Succeeded(name);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Name!.Trim()), new Claim(ClaimTypes.Role, user.Role!), new Claim(AccessClaims.Kind, "password")],
            AccessServiceCollectionExtensions.CookieScheme, ClaimTypes.Name, ClaimTypes.Role);
        await context.SignInAsync(AccessServiceCollectionExtensions.CookieScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        logger.LogInformation("{User} signed in as {Role}.", user.Name, user.Role);
        return Results.LocalRedirect(SafeReturn(returnUrl));
    }

    /// <summary>The login page's address with a reason and where to go afterwards.</summary>
    public static string LoginPage(string error, string? returnUrl) =>
        $"/login?error={error}" + (string.IsNullOrEmpty(returnUrl) ? "" : "&returnUrl=" + Uri.EscapeDataString(SafeReturn(returnUrl)));

    /// <summary>A local path to return to (never another site, never the login page itself), else the map.</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.StartsWith("/login", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("/auth/", StringComparison.OrdinalIgnoreCase)
            ? url
            : "/";
}
