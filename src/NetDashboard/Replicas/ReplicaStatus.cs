namespace NetDashboard.Replicas;

/// <summary>What this process is among the replicas.</summary>
public enum ReplicaRole
{
    /// <summary>No replicas configured: one process, as always.</summary>
    Single,
    /// <summary>Configured, not yet decided.</summary>
    Starting,
    /// <summary>Holds the lease: runs the observers, writes the history, publishes every revision.</summary>
    Leader,
    /// <summary>Follows the leader's revisions; runs no observers.</summary>
    Follower,
    /// <summary>Cannot reach Redis: watches the daemons on its own until it can.</summary>
    Alone,
}

/// <summary>
/// This replica's role and, while something is wrong, a sentence saying what (for <c>/healthz</c> and the app's
/// banner). Always registered; <see cref="ReplicaRole.Single"/> without replicas.
/// </summary>
public sealed class ReplicaStatus
{
    private readonly Lock _gate = new();

    public ReplicaRole Role { get; private set; } = ReplicaRole.Single;

    /// <summary>This replica's id among the replicas (null without replicas).</summary>
    public string? Id { get; private set; }

    /// <summary>A sentence while something keeps the replicas from sharing one state; null otherwise.</summary>
    public string? Problem { get; private set; }

    /// <summary>Raised after every change of <see cref="Role"/> or <see cref="Problem"/> (on the coordinator's thread).</summary>
    public event Action? Changed;

    internal void Set(ReplicaRole role, string? id, string? problem)
    {
        lock (_gate)
        {
            if (Role == role && Id == id && Problem == problem)
            {
                return;
            }
            (Role, Id, Problem) = (role, id, problem);
        }
        Changed?.Invoke();
    }
}
