using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.History.Model;

namespace NetDashboard.History.Reconciling;

/// <summary>
/// Turns each new snapshot into history rows: compares every connected host's endpoints with the assignments left
/// open in <see cref="HistoryState"/>, closes what ended, opens what began, and records the daemon events of the
/// change plus the ones it derives (an IP change; what a resync found assigned or released). Pure apart from the
/// state it updates: no clock, no database, so it is unit-tested on plain snapshots.
/// <para>
/// Nothing is lost: a host that is disconnected (or not answered yet) is skipped, so its rows stay open. A host's
/// first snapshot after the state was loaded (a dashboard start) or after a disconnect, and any re-read that was not
/// triggered by events, is a resync: what changed is marked "observed at resync", with times bounded by what is
/// known (the container's start, the moment the host was last seen, another container taking the same address).
/// A watched host that stops answering and comes back gets one <see cref="HistoryEventKinds.HostNotAnswering"/> event
/// per outage, dating the gap.
/// </para>
/// </summary>
public static class HistoryReconciler
{
    public static IReadOnlyList<HistoryOperation> Reconcile(HistoryState state, TopologySnapshot snapshot, IReadOnlyList<ObservationOrigin> origins)
    {
        var now = snapshot.GeneratedAt;
        var operations = new List<HistoryOperation>();
        foreach (var origin in origins)
        {
            foreach (var e in origin.Events)
            {
                operations.Add(new RecordEvent(FromDaemon(state, snapshot, origin.HostId, e)));
            }
        }
        foreach (var host in snapshot.Hosts)
        {
            if (host.Status != HostStatus.Connected)
            {
                if (state.Watching.Remove(host.Id)) // its next snapshot is a resync; its rows stay open
                {
                    var since = host.LastSeenAt ?? state.LastSeen.GetValueOrDefault(host.Id, now);
                    state.NotAnswering[host.Id] = new Outage(since > now ? now : since, host.Error);
                }
                continue;
            }
            if (state.NotAnswering.Remove(host.Id, out var outage))
            {
                operations.Add(new RecordEvent(Gap(host, outage, now)));
            }
            var resync = !state.Watching.Contains(host.Id) || IsResync(host.Id, origins);
            ReconcileHost(state, snapshot, host.Id, resync, now, operations);
            state.Watching.Add(host.Id);
            state.LastSeen[host.Id] = now;
            operations.Add(new SeeHost(host.Id, now));
        }
        return operations;
    }

    /// <summary>The endpoints of one host's containers that hold an address, as assignments (From not yet set).</summary>
    public static Dictionary<AssignmentKey, (AssignmentRecord Record, ContainerInfo Container)> CurrentAssignments(TopologySnapshot snapshot, string hostId)
    {
        var current = new Dictionary<AssignmentKey, (AssignmentRecord, ContainerInfo)>();
        foreach (var c in snapshot.Containers.Where(c => c.HostId == hostId))
        {
            foreach (var e in c.Endpoints)
            {
                var ipv4 = IpText.Normalize(e.Ipv4);
                var ipv6 = IpText.Normalize(e.Ipv6);
                if (ipv4 is null && ipv6 is null)
                {
                    continue; // host and none endpoints, a stopped container's remembered networks
                }
                var record = new AssignmentRecord
                {
                    HostId = hostId,
                    ContainerId = c.Id,
                    ContainerName = c.Name,
                    NetworkId = string.IsNullOrEmpty(e.NetworkId) ? e.NetworkName : e.NetworkId,
                    NetworkName = e.NetworkName,
                    EndpointId = string.IsNullOrEmpty(e.EndpointId) ? null : e.EndpointId,
                    Ipv4 = ipv4,
                    Ipv4PrefixLength = ipv4 is null ? null : e.Ipv4PrefixLength,
                    Ipv6 = ipv6,
                    Ipv6PrefixLength = ipv6 is null ? null : e.Ipv6PrefixLength,
                    Mac = string.IsNullOrEmpty(e.Mac) ? null : e.Mac,
                    Veth = e.HostInterface,
                    ContainerInterface = e.ContainerInterface,
                    From = default,
                };
                current[record.Key] = (record, c);
            }
        }
        return current;
    }

    /// <summary>Same assignment: same addresses and MAC, and the same endpoint where both sides know it.</summary>
    public static bool SameAssignment(AssignmentRecord stored, AssignmentRecord seen) =>
        HistoryState.SameAddresses(stored, seen)
        && string.Equals(stored.Mac, seen.Mac, StringComparison.OrdinalIgnoreCase)
        && (stored.EndpointId is null || seen.EndpointId is null || string.Equals(stored.EndpointId, seen.EndpointId, StringComparison.Ordinal));

    private static bool IsResync(string hostId, IReadOnlyList<ObservationOrigin> origins)
    {
        var last = origins.LastOrDefault(o => o.HostId == hostId);
        return last?.Cause is ObservationCause.Initial or ObservationCause.Resync;
    }

    private static void ReconcileHost(HistoryState state, TopologySnapshot snapshot, string hostId, bool resync, DateTimeOffset now, List<HistoryOperation> operations)
    {
        var current = CurrentAssignments(snapshot, hostId);
        DateTimeOffset? lastSeen = state.LastSeen.TryGetValue(hostId, out var seen) ? seen : null;

        var toClose = new List<AssignmentRecord>();
        foreach (var row in state.Open.Values.Where(r => r.HostId == hostId).ToList())
        {
            if (current.TryGetValue(row.Key, out var still) && SameAssignment(row, still.Record))
            {
                current.Remove(row.Key);
                Complete(state, row, still.Record, operations);
            }
            else
            {
                toClose.Add(row);
            }
        }

        // Starts first: at a resync, an end is bounded by the start of whoever holds the address now.
        var toOpen = current.Values
            .OrderBy(v => v.Record.ContainerName, StringComparer.Ordinal)
            .ThenBy(v => v.Record.NetworkName, StringComparer.Ordinal)
            .Select(v => v.Record with
            {
                From = resync ? ResyncStart(v.Container, lastSeen, state.Previous.GetValueOrDefault(v.Record.Key), now) : now,
                OpenedAtResync = resync,
            })
            .ToList();

        foreach (var row in toClose)
        {
            var container = snapshot.Containers.FirstOrDefault(c => c.HostId == hostId && c.Id == row.ContainerId);
            var to = resync ? ResyncEnd(row, container, toOpen, now) : now;
            operations.Add(new CloseAssignment(row.Key, to, resync));
            var closed = row with { To = to, ClosedAtResync = resync };
            state.Open.Remove(row.Key);
            state.Previous[row.Key] = closed;
            if (resync)
            {
                operations.Add(new RecordEvent(Derived(closed, HistoryEventKinds.AddressReleased, to, $"released {Addresses(closed)} (observed at resync)", resync)));
            }
        }

        foreach (var record in toOpen)
        {
            operations.Add(new OpenAssignment(record));
            state.Open[record.Key] = record;
            if (resync)
            {
                operations.Add(new RecordEvent(Derived(record, HistoryEventKinds.AddressAssigned, record.From, $"assigned {Addresses(record)} (observed at resync)", resync)));
            }
            if (state.Previous.TryGetValue(record.Key, out var previous) && !HistoryState.SameAddresses(previous, record))
            {
                operations.Add(new RecordEvent(Derived(record, HistoryEventKinds.IpChanged, record.From, $"{Addresses(previous)} → {Addresses(record)}", resync)));
            }
        }
    }

    /// <summary>Fills in, once, what the first sighting of an open assignment did not know.</summary>
    private static void Complete(HistoryState state, AssignmentRecord row, AssignmentRecord seen, List<HistoryOperation> operations)
    {
        var veth = row.Veth ?? seen.Veth;
        var inside = row.ContainerInterface ?? seen.ContainerInterface;
        if (veth != row.Veth || inside != row.ContainerInterface)
        {
            operations.Add(new CompleteAssignment(row.Key, veth, inside));
            state.Open[row.Key] = row with { Veth = veth, ContainerInterface = inside };
        }
    }

    /// <summary>
    /// When an assignment first seen at a resync began, at the latest: the container's start, but never before the
    /// host was last seen (it was not there then) nor before the previous assignment of the same key ended.
    /// </summary>
    private static DateTimeOffset ResyncStart(ContainerInfo container, DateTimeOffset? lastSeen, AssignmentRecord? previous, DateTimeOffset now)
    {
        var from = container.StartedAt is { } started && started <= now ? started : lastSeen ?? now;
        if (lastSeen is { } seen && from < seen)
        {
            from = seen;
        }
        if (previous?.To is { } ended && from < ended)
        {
            from = ended;
        }
        return from > now ? now : from;
    }

    /// <summary>
    /// When an assignment found ended at a resync ended, at the latest: now, or earlier when its container has
    /// restarted since, or when another endpoint now holds the same address.
    /// </summary>
    private static DateTimeOffset ResyncEnd(AssignmentRecord row, ContainerInfo? container, List<AssignmentRecord> opened, DateTimeOffset now)
    {
        var to = now;
        if (container?.StartedAt is { } restarted && restarted > row.From && restarted < to)
        {
            to = restarted;
        }
        foreach (var other in opened)
        {
            var sameAddress = (row.Ipv4 is not null && row.Ipv4 == other.Ipv4) || (row.Ipv6 is not null && row.Ipv6 == other.Ipv6);
            if (sameAddress && other.From > row.From && other.From < to)
            {
                to = other.From;
            }
        }
        return to;
    }

    private static HistoryEvent FromDaemon(HistoryState state, TopologySnapshot snapshot, string hostId, ObservedEvent e) => new()
    {
        Time = e.Time,
        HostId = hostId,
        Kind = e.Kind,
        ContainerId = e.ContainerId,
        ContainerName = e.ContainerName ?? NameOf(state, snapshot, hostId, e.ContainerId),
        NetworkId = e.NetworkId,
        NetworkName = e.NetworkName ?? (e.NetworkId is null ? null : snapshot.Networks.FirstOrDefault(n => n.HostId == hostId && n.Id == e.NetworkId)?.Name),
        Source = HistorySources.Live,
    };

    private static string? NameOf(HistoryState state, TopologySnapshot snapshot, string hostId, string? containerId)
    {
        if (containerId is null)
        {
            return null;
        }
        return snapshot.Containers.FirstOrDefault(c => c.HostId == hostId && c.Id == containerId)?.Name
               ?? state.Open.Values.Concat(state.Previous.Values).FirstOrDefault(r => r.HostId == hostId && r.ContainerId == containerId)?.ContainerName;
    }

    /// <summary>One event per outage, dated when the host was last seen: the gap in what the history watched live.</summary>
    private static HistoryEvent Gap(HostInfo host, Outage outage, DateTimeOffset back) => new()
    {
        Time = outage.Since,
        HostId = host.Id,
        Kind = HistoryEventKinds.HostNotAnswering,
        Detail = $"{host.Name} did not answer from {UtcText.Time(outage.Since)} to {UtcText.Time(back)} ({UtcText.Duration(back - outage.Since)})"
                 + (string.IsNullOrWhiteSpace(outage.Reason) ? "" : $": {outage.Reason.TrimEnd('.')}")
                 + "; its addresses stayed recorded, and what changed meanwhile was observed at the resync.",
        Source = HistorySources.Live,
    };

    private static HistoryEvent Derived(AssignmentRecord record, string kind, DateTimeOffset time, string detail, bool resync) => new()
    {
        Time = time,
        HostId = record.HostId,
        Kind = kind,
        ContainerId = record.ContainerId,
        ContainerName = record.ContainerName,
        NetworkId = record.NetworkId,
        NetworkName = record.NetworkName,
        Detail = detail,
        Source = resync ? HistorySources.Resync : HistorySources.Live,
    };

    private static string Addresses(AssignmentRecord r) =>
        string.Join(", ", new[] { r.Ipv4, r.Ipv6 }.Where(a => a is not null)) is { Length: > 0 } text ? text : "no address";
}
