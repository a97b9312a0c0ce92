using NetDashboard.History.Model;
using NetDashboard.History.Timeline;

namespace NetDashboard.History.Reconciling;

/// <summary>
/// One write the reconciler asks for. The store applies a batch of them in order, in one transaction; an open row is
/// found by its key (at most one is open per key), so no operation needs a row id.
/// </summary>
public abstract record HistoryOperation;

/// <summary>Insert a new open assignment.</summary>
public sealed record OpenAssignment(AssignmentRecord Record) : HistoryOperation;

/// <summary>Close the open assignment of <paramref name="Key"/>.</summary>
public sealed record CloseAssignment(AssignmentKey Key, DateTimeOffset To, bool AtResync) : HistoryOperation;

/// <summary>Fill in what an open assignment's first sighting lacked (the veth, the interface name).</summary>
public sealed record CompleteAssignment(AssignmentKey Key, string? Veth, string? ContainerInterface) : HistoryOperation;

/// <summary>Record an event (a duplicate of a stored one, e.g. replayed after a reconnect, is ignored).</summary>
public sealed record RecordEvent(HistoryEvent Event) : HistoryOperation;

/// <summary>Remember that a host was seen connected at <paramref name="Time"/>.</summary>
public sealed record SeeHost(string HostId, DateTimeOffset Time) : HistoryOperation;

/// <summary>Store one revision of the topology document (a checkpoint or a delta).</summary>
public sealed record RecordRevision(RevisionRecord Record) : HistoryOperation;

/// <summary>Note that dashboard run <paramref name="Run"/> (started at <paramref name="StartedAt"/>) was running at <paramref name="Time"/>.</summary>
public sealed record SeeRun(string Run, DateTimeOffset StartedAt, DateTimeOffset Time, string? StoppedRecording = null) : HistoryOperation;
