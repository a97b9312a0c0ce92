namespace NetDashboard.Security;

/// <summary>
/// Keeps secrets that travel in URLs out of the log. ASP.NET Core's request lines ("Request starting … GET
/// /embed?token=…") log the query string, and an embed or export URL carries its token there, so those lines are
/// kept to warnings and above whatever the configuration asks; the routing and Blazor lines below them name the path
/// only. The dashboard's own log entries never print a token.
/// </summary>
internal static class SecretSafeLogging
{
    /// <summary>The category of the request lines that print whole URLs, queries included.</summary>
    public const string RequestLineCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static ILoggingBuilder KeepSecretsOutOfTheLog(this ILoggingBuilder logging) =>
        logging.AddFilter(RequestLineCategory, LogLevel.Warning);
}
