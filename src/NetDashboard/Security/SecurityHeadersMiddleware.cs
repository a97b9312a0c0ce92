using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;

namespace NetDashboard.Security;

/// <summary>
/// The security headers of every response. A page (<c>text/html</c>) gets <see cref="ContentSecurityPolicy.ForPage"/>
/// with a fresh nonce for its one inline script (the import map, see <see cref="NonceOf"/>); anything else (the API,
/// exports, static files) gets <see cref="ContentSecurityPolicy.ForResource"/>, or keeps the policy its endpoint set
/// (the SVG export) with the app's framing directive; Blazor's own <c>frame-ancestors 'self'</c> gives way. Framing: <c>frame-ancestors 'self'</c> and
/// <c>X-Frame-Options: SAMEORIGIN</c>, except <c>/embed</c>, which the configured origins may frame
/// (<see cref="EmbedSecurityMiddleware.FrameAncestors"/>). Always <c>X-Content-Type-Options: nosniff</c> and
/// <c>Referrer-Policy: no-referrer</c>: nothing in the app needs a Referer, and an embed URL carries its token.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptionsMonitor<EmbedOptions> options)
{
    private const string NonceKey = "NetDashboard.Security.Nonce";

    public const string ReferrerPolicy = "no-referrer";

    /// <summary>The nonce of this request's page, for the inline scripts App.razor renders (null off the pipeline).</summary>
    public static string? NonceOf(HttpContext? context) => context?.Items[NonceKey] as string;

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        context.Items[NonceKey] = nonce;
        var isEmbed = context.Request.Path.Equals(EmbedSecurityMiddleware.EmbedPath, StringComparison.OrdinalIgnoreCase);
        var frameAncestors = isEmbed ? EmbedSecurityMiddleware.FrameAncestors(options.CurrentValue) : "'self'";

        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            var headers = response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy.WithFrameAncestors(headers.ContentSecurityPolicy.ToString(), frameAncestors)
                ?? (IsHtml(response.ContentType)
                    ? ContentSecurityPolicy.ForPage(nonce, frameAncestors)
                    : ContentSecurityPolicy.ForResource(frameAncestors));
            if (!isEmbed)
            {
                headers.XFrameOptions = "SAMEORIGIN";
            }
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}
