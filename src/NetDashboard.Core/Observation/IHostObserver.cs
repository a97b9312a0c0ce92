namespace NetDashboard.Core.Observation;

/// <summary>
/// Watches one daemon and hands over a whole <see cref="DaemonObservation"/> each time what it sees changes
/// (after an event, a periodic resync, a disconnect or a reconnect). Implemented by the Docker adapter and by the
/// demo source; the monitor neither knows nor cares which.
/// </summary>
public interface IHostObserver
{
    string HostId { get; }

    /// <summary>
    /// The host as listed before its daemon first answers (disconnected, with the reason "no answer yet"), so every
    /// configured host is in the document from the first second; null when the source answers at once (the demo).
    /// </summary>
    ObservedHost? Placeholder => null;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled. Never throws for daemon trouble: an
    /// unreachable daemon is published as a disconnected observation with the reason, and retried with backoff.
    /// Observations are published one at a time, in order.
    /// </summary>
    Task RunAsync(Func<DaemonObservation, CancellationToken, ValueTask> publish, CancellationToken cancellationToken);

    /// <summary>Asks for a full re-read of the daemon as soon as possible.</summary>
    void RequestResync();
}
