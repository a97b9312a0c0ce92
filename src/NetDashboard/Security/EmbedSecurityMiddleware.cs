using Microsoft.Extensions.Options;
using NetDashboard.Configuration;

namespace NetDashboard.Security;

/// <summary>
/// The embed token and who may frame <c>/embed</c>. Every page says <c>frame-ancestors 'self'</c> (and
/// X-Frame-Options SAMEORIGIN) except <c>/embed</c>, which the configured origins may frame
/// (<see cref="FrameAncestors"/>; the headers themselves are <see cref="SecurityHeadersMiddleware"/>'s). With a token set,
/// <c>/embed</c> and the export URLs answer 401 without <c>?token=</c> (compared in constant time); the token
/// opens nothing else.
/// </summary>
public sealed class EmbedSecurityMiddleware(RequestDelegate next, IOptionsMonitor<EmbedOptions> options, IOptionsMonitor<AuthOptions> auth)
{
    public const string EmbedPath = "/embed";
    public const string ExportPath = "/api/topology/export";

    public async Task InvokeAsync(HttpContext context)
    {
        var o = options.CurrentValue;
        var path = context.Request.Path;
        var isEmbed = path.Equals(EmbedPath, StringComparison.OrdinalIgnoreCase);
        var isExport = path.StartsWithSegments(ExportPath, StringComparison.OrdinalIgnoreCase);

        if ((isEmbed || isExport) && !string.IsNullOrEmpty(o.Token) && !TokenMatches(context.Request.Query["token"], o.Token))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Token required",
                detail: "This dashboard's embed and export URLs need the ?token= its administrator configured (NetDashboard:Embed:Token).")
                .ExecuteAsync(context);
            return;
        }
        // With RequireSignInToView, /embed opens with the embed token or a signed-in user only (exports: the view policy).
        if (isEmbed && !Access.ViewAuthorization.MayView(context.User, context.Request.Query["token"], auth.CurrentValue, o))
        {
            context.Response.Redirect(Access.LoginEndpoints.LoginPage(Access.LoginEndpoints.ErrorDenied, context.Request.Path + context.Request.QueryString));
            return;
        }
        await next(context);
    }

    public static string FrameAncestors(EmbedOptions o) =>
        string.Join(' ', new[] { "'self'" }.Concat(o.AllowedOrigins.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim().TrimEnd('/'))));

    private static bool TokenMatches(string? given, string expected) =>
        given is not null && Access.ViewAuthorization.TokenMatches(given, expected);
}
