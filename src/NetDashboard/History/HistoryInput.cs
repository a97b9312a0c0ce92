using System.Globalization;
using NetDashboard.History.Reconciling;

namespace NetDashboard.History;

/// <summary>
/// Reads what a person or a script types into the history questions (the API's and the timeline page's): an IP
/// address and a time. Times without an offset are UTC, like every time the dashboard shows.
/// </summary>
public static class HistoryInput
{
    public const string TimeHint = "use ISO 8601, e.g. 2026-11-28T14:00 or 2026-11-28T14:00:00+01:00 (a time without an offset is UTC)";

    public static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var trimmed = text.Trim();
        // A '+' of an offset arrives as a space when the query string was not encoded.
        var candidates = new[] { trimmed, trimmed.Replace(' ', '+') };
        foreach (var candidate in candidates)
        {
            if (DateTimeOffset.TryParse(candidate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
                && (candidate.Contains('T') || candidate.Contains(' ') || candidate.Length == 10))
            {
                return true;
            }
        }
        return false;
    }

    public static bool TryParseIp(string? text, out string canonical) => IpText.TryParse(text, out canonical);

    /// <summary>The form the page's time field and its deep links use: <c>2026-11-28T14:00:05Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
