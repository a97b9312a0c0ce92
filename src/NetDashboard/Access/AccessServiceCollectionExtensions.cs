using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using NetDashboard.Configuration;

namespace NetDashboard.Access;

/// <summary>
/// Sign-in and roles: a cookie for people (a local user's password, or OpenID Connect), a bearer token for scripts,
/// chosen per request by whether it carries <c>Authorization: Bearer</c>; the view and operate policies; the sign-in
/// rate limit. Reads stay open to everyone unless <c>RequireSignInToView</c> says otherwise.
/// </summary>
public static class AccessServiceCollectionExtensions
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = "oidc";
    private const string SelectScheme = "nd-select";

    /// <summary>The rate limit on <c>POST /auth/login</c>: sign-in attempts per client address and minute.</summary>
    public const string LoginRateLimit = "nd-login";
    public const int LoginAttemptsPerMinute = 10;

    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        var authentication = services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = SelectScheme;
                o.DefaultChallengeScheme = SelectScheme;
            })
            .AddPolicyScheme(SelectScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments(Collectors.CollectorProtocol.Path) ? Collectors.CollectorTokenAuthentication.SchemeName
                : context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? ApiTokenAuthentication.SchemeName
                : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "nd-auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.ReturnUrlParameter = "returnUrl";
                o.AccessDeniedPath = "/login";
                o.Events.OnRedirectToLogin = context => AccessProblems.ChallengeAsync(context.HttpContext, context.RedirectUri);
                o.Events.OnRedirectToAccessDenied = context => AccessProblems.ForbidAsync(context.HttpContext, context.RedirectUri);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        if (auth.Oidc.IsConfigured)
        {
            authentication.AddOpenIdConnect(OidcScheme, o => OidcSignIn.Configure(o, auth.Oidc));
        }

        services.AddCascadingAuthenticationState();
        services.AddSingleton<IAuthorizationHandler, ViewAuthorization>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessRoles.ViewPolicy, p => p.AddRequirements(new ViewRequirement()))
            .AddPolicy(AccessRoles.OperatePolicy, p => p.RequireAuthenticatedUser().RequireRole(AccessRoles.Operator));

        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(LoginRateLimit, context => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var request = context.HttpContext.Request;
                var returnUrl = request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken))["returnUrl"].ToString() : null;
                context.HttpContext.Response.Redirect(LoginEndpoints.LoginPage(LoginEndpoints.ErrorBusy, returnUrl));
            };
        });
        return services;
    }
}
