namespace NetDashboard.History.Model;

/// <summary>
/// What the history knows of the containers one name or id designates: their addresses over time and their events
/// (<see cref="Truncated"/>: only the newest of a long-lived container's rows).
/// </summary>
public sealed record ContainerHistory(
    string Query,
    IReadOnlyList<KnownContainer> Containers,
    IReadOnlyList<AssignmentRecord> Assignments,
    IReadOnlyList<HistoryEvent> Events,
    bool Truncated = false);

/// <summary>One container the history knows: its host, full id, latest name and every name it had.</summary>
public sealed record KnownContainer(string HostId, string ContainerId, string Name, IReadOnlyList<string> Names);
