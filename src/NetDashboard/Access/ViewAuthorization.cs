using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Security;

namespace NetDashboard.Access;

/// <summary>The requirement of <see cref="AccessRoles.ViewPolicy"/>.</summary>
public sealed class ViewRequirement : IAuthorizationRequirement;

/// <summary>
/// Who may read: everyone while <c>RequireSignInToView</c> is off; otherwise a signed-in user (or a token), and on
/// the export URLs the embed token, so a wiki keeps working. (<c>/embed</c> itself checks the same rule,
/// <see cref="MayView"/>, since its live map runs in a Blazor circuit that carries no cookie from a wiki's frame.)
/// </summary>
public sealed class ViewAuthorization(IOptionsMonitor<AuthOptions> auth, IOptionsMonitor<EmbedOptions> embed) : AuthorizationHandler<ViewRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ViewRequirement requirement)
    {
        var token = context.Resource is HttpContext http && http.Request.Path.StartsWithSegments(EmbedSecurityMiddleware.ExportPath, StringComparison.OrdinalIgnoreCase)
            ? http.Request.Query["token"].ToString()
            : null;
        if (MayView(context.User, token, auth.CurrentValue, embed.CurrentValue))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    /// <summary>True when <paramref name="user"/>, or the embed token given with the request, may read.</summary>
    public static bool MayView(System.Security.Claims.ClaimsPrincipal? user, string? embedToken, AuthOptions auth, EmbedOptions embed) =>
        !auth.RequireSignInToView
        || user?.Identity?.IsAuthenticated == true
        || (!string.IsNullOrEmpty(embed.Token) && embedToken is not null && TokenMatches(embedToken, embed.Token));

    public static bool TokenMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
