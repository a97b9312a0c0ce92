using System.Globalization;
using NetDashboard.Monitoring;

namespace NetDashboard.Hubs;

/// <summary>
/// One debug line per published revision with the time of each stage on its way to the hub's clients — first daemon
/// event received, read start and end, build and diff done, handed to the connections' queues — as Unix milliseconds
/// by the dashboard's clock. Off unless the category <see cref="Category"/> logs at Debug (the latency bench turns it on).
/// </summary>
internal static class LatencyLog
{
    public const string Category = "NetDashboard.Latency";

    public static void Write(ILogger logger, IReadOnlyList<(long Revision, ChangeTiming? Timing)> changes, DateTimeOffset publishedAt)
    {
        if (changes.Count == 0 || !logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }
        foreach (var (revision, timing) in changes)
        {
            var read = timing?.Observation;
            logger.LogDebug("latency revision={Revision} event={Event} readStart={ReadStart} readEnd={ReadEnd} incremental={Incremental} buildStart={BuildStart} built={Built} published={Published}",
                revision, Ms(read?.FirstEventAt), Ms(read?.ReadStartedAt), Ms(read?.ReadEndedAt), read?.Incremental == true ? 1 : 0,
                Ms(timing?.BuildStartedAt), Ms(timing?.BuiltAt), Ms(publishedAt));
        }
    }

    private static string Ms(DateTimeOffset? t) =>
        t is { } v ? (v.ToUnixTimeMilliseconds() + v.Ticks % TimeSpan.TicksPerMillisecond / 10_000.0).ToString("F3", CultureInfo.InvariantCulture) : "-";
}
