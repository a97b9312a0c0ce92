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
    /// Runs until <paramref name="cancellationToken"/> is cancelled. Never throws for daemon trouble: an
    /// unreachable daemon is published as a disconnected observation with the reason, and retried with backoff.
    /// Observations are published one at a time, in order.
    /// </summary>
    Task RunAsync(Func<DaemonObservation, CancellationToken, ValueTask> publish, CancellationToken cancellationToken);

    /// <summary>Asks for a full re-read of the daemon as soon as possible.</summary>
    void RequestResync();
}
