using System.Globalization;

namespace NetDashboard.Docker.Observing;

/// <summary>
/// Text a daemon wrote that the dashboard repeats in a sentence or a log line (its version, its error messages): one
/// line, no control characters (a newline would forge a log entry, an escape sequence would rewrite a terminal) and no
/// bidirectional overrides, at most <c>max</c> characters.
/// </summary>
internal static class DaemonText
{
    /// <summary>The text on one clean line, or null when nothing printable is left.</summary>
    public static string? OneLine(string? text, int max = 300)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var line = new string(text.Select(c => IsUnsafe(c) ? ' ' : c).ToArray()).Trim();
        if (line.Length == 0)
        {
            return null;
        }
        return line.Length > max ? line[..max] + "…" : line;
    }

    /// <summary>
    /// Why a call failed, on one line for a log: the daemon's own message (made safe) for an API error, else the kind of
    /// failure — never the raw exception, whose message can carry what the daemon sent.
    /// </summary>
    public static string Reason(Exception ex) => ex switch
    {
        global::Docker.DotNet.DockerApiException api =>
            $"HTTP {(int)api.StatusCode}: {OneLine(DockerErrorDescriber.DaemonMessage(api.ResponseBody), 200) ?? "no message"}",
        OperationCanceledException => "no answer in time",
        _ => ex.GetType().Name,
    };

    /// <summary>Control characters, and format characters such as U+202E (they reorder what a reader sees).</summary>
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
