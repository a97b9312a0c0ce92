using NetDashboard.History.Model;

namespace NetDashboard.History.Reconciling;

/// <summary>
/// What the reconciler compares each new snapshot with: the assignments still open, the last closed one of each
/// container on each network (for "IP changed"), when each host was last seen connected, and which hosts were seen
/// connected since this state was loaded (a host's first snapshot after a dashboard start or a reconnect is a
/// resync: what changed meanwhile happened while nobody watched). Loaded from the database at start; the writer
/// applies every batch to it.
/// </summary>
public sealed class HistoryState
{
    public Dictionary<AssignmentKey, AssignmentRecord> Open { get; } = [];

    /// <summary>The latest closed assignment of each key.</summary>
    public Dictionary<AssignmentKey, AssignmentRecord> Previous { get; } = [];

    /// <summary>The last moment each host was seen connected (persisted, so a restart knows how long it was away).</summary>
    public Dictionary<string, DateTimeOffset> LastSeen { get; } = new(StringComparer.Ordinal);

    /// <summary>Hosts seen connected since the state was loaded and not disconnected since.</summary>
    public HashSet<string> Watching { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Watched hosts that stopped answering: since when (the moment they were last seen) and why. Not stored: a
    /// restart during an outage starts with a resync instead.
    /// </summary>
    public Dictionary<string, Outage> NotAnswering { get; } = new(StringComparer.Ordinal);

    /// <summary>Builds a state from stored rows (open ones, and the latest closed one per key).</summary>
    public static HistoryState From(IEnumerable<AssignmentRecord> open, IEnumerable<AssignmentRecord> previous, IReadOnlyDictionary<string, DateTimeOffset> lastSeen)
    {
        var state = new HistoryState();
        foreach (var row in open)
        {
            state.Open[row.Key] = row;
        }
        foreach (var row in previous)
        {
            if (!state.Previous.TryGetValue(row.Key, out var known) || known.To < row.To)
            {
                state.Previous[row.Key] = row;
            }
        }
        foreach (var (host, seen) in lastSeen)
        {
            state.LastSeen[host] = seen;
        }
        return state;
    }

    /// <summary>Every open assignment whose addresses differ from the previous assignment on the same network.</summary>
    public IReadOnlyList<IpChange> IpChanges()
    {
        var changes = new List<IpChange>();
        foreach (var (key, current) in Open)
        {
            if (Previous.TryGetValue(key, out var previous) && !SameAddresses(previous, current))
            {
                changes.Add(new IpChange
                {
                    HostId = key.HostId,
                    ContainerId = key.ContainerId,
                    ContainerName = current.ContainerName,
                    NetworkId = key.NetworkId,
                    NetworkName = current.NetworkName,
                    PreviousIpv4 = previous.Ipv4,
                    PreviousIpv6 = previous.Ipv6,
                    CurrentIpv4 = current.Ipv4,
                    CurrentIpv6 = current.Ipv6,
                    PreviousUntil = previous.To,
                    Since = current.From,
                });
            }
        }
        return changes;
    }

    public static bool SameAddresses(AssignmentRecord a, AssignmentRecord b) =>
        string.Equals(a.Ipv4, b.Ipv4, StringComparison.Ordinal) && string.Equals(a.Ipv6, b.Ipv6, StringComparison.Ordinal);
}

/// <summary>A watched host's outage as the history saw it begin: last seen at <paramref name="Since"/>, for <paramref name="Reason"/>.</summary>
public sealed record Outage(DateTimeOffset Since, string? Reason);
