using System.Globalization;

namespace NetDashboard.Core.Model;

/// <summary>How the dashboard writes a moment and a length of time for people: one spelling everywhere (pages, history details).</summary>
public static class UtcText
{
    /// <summary><c>2026-11-28 14:00:05 UTC</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary><c>850 ms</c>, <c>29 s</c>, <c>4 min 5 s</c>, <c>2 h 3 min</c>.</summary>
    public static string Duration(TimeSpan length) => length switch
    {
        { TotalSeconds: < 1 } => $"{Math.Max(0, (int)length.TotalMilliseconds)} ms",
        { TotalMinutes: < 1 } => $"{(int)length.TotalSeconds} s",
        { TotalHours: < 1 } => $"{(int)length.TotalMinutes} min {length.Seconds} s",
        _ => $"{(int)length.TotalHours} h {length.Minutes} min",
    };
}
