namespace NetDashboard.Monitoring;

/// <summary>
/// When this process may run the observers. One process alone always may (<see cref="AlwaysObserving"/>); among
/// replicas only the leader may, or a replica that cannot reach the others (see <c>Replicas/ReplicaCoordinator</c>).
/// </summary>
public interface IObservingTurns
{
    /// <summary>
    /// Waits until this process may observe, and returns a token that is cancelled when it may no longer
    /// (never cancelled for a process alone).
    /// </summary>
    ValueTask<CancellationToken> WaitForTurnAsync(CancellationToken stoppingToken);
}

/// <summary>One process, as without replicas: it observes from start to stop.</summary>
public sealed class AlwaysObserving : IObservingTurns
{
    public ValueTask<CancellationToken> WaitForTurnAsync(CancellationToken stoppingToken) => ValueTask.FromResult(CancellationToken.None);
}
