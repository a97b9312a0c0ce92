using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using NetDashboard.Configuration;

namespace NetDashboard.Access;

/// <summary>
/// OpenID Connect sign-in (authorization code flow with PKCE): the provider says who the user is; the configured role
/// claim says whether they are an operator (one of <see cref="OidcOptions.OperatorValues"/>) or a viewer.
/// </summary>
internal static class OidcSignIn
{
    public static void Configure(OpenIdConnectOptions o, OidcOptions oidc)
    {
        o.SignInScheme = AccessServiceCollectionExtensions.CookieScheme;
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.RequireHttpsMetadata = Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) && !authority.IsLoopback;
        o.GetClaimsFromUserInfoEndpoint = true;
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.Scope.Clear();
        o.Scope.Add("openid");
        o.Scope.Add("profile");
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
        o.ClaimActions.MapAll();
        o.Events.OnTokenValidated = context =>
        {
            AddRole(context.Principal, oidc);
            return Task.CompletedTask;
        };
        o.Events.OnUserInformationReceived = context =>
        {
            // The role claim may come from the user info endpoint only: look there too.
            if (context.Principal?.Identity is ClaimsIdentity identity && context.User.RootElement.TryGetProperty(oidc.RoleClaim, out var value))
            {
                foreach (var item in value.ValueKind == System.Text.Json.JsonValueKind.Array ? value.EnumerateArray().Select(v => v.ToString()) : [value.ToString()])
                {
                    identity.AddClaim(new Claim(oidc.RoleClaim, item));
                }
                AddRole(context.Principal, oidc);
            }
            return Task.CompletedTask;
        };
        o.Events.OnRemoteFailure = context =>
        {
            context.Response.Redirect(LoginEndpoints.LoginPage(LoginEndpoints.ErrorProvider, null));
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>Gives the principal exactly one role: operator when its role claim holds an operator value, else viewer.</summary>
    public static void AddRole(ClaimsPrincipal? principal, OidcOptions oidc)
    {
        if (principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }
        foreach (var old in identity.FindAll(ClaimTypes.Role).ToList())
        {
            identity.RemoveClaim(old);
        }
        var values = identity.FindAll(oidc.RoleClaim).SelectMany(c => c.Value.Split(' ', ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var role = values.Any(v => oidc.OperatorValues.Contains(v, StringComparer.Ordinal)) ? AccessRoles.Operator : AccessRoles.Viewer;
        identity.AddClaim(new Claim(ClaimTypes.Role, role));
        if (!identity.HasClaim(c => c.Type == AccessClaims.Kind))
        {
            identity.AddClaim(new Claim(AccessClaims.Kind, "oidc"));
        }
        if (identity.FindFirst("name") is null && (identity.FindFirst("preferred_username") ?? identity.FindFirst("sub")) is { } fallback)
        {
            identity.AddClaim(new Claim("name", fallback.Value));
        }
    }
}
