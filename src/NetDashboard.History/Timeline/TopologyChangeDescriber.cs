using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;

namespace NetDashboard.History.Timeline;

/// <summary>
/// Says in sentences what changed between two documents: one <see cref="TimelineChange"/> per host, network and
/// container added, removed or changed (renamed, state, networks joined and left, addresses, ports, image). Pure.
/// </summary>
public static class TopologyChangeDescriber
{
    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IReadOnlyList<TimelineChange> Describe(TopologySnapshot before, TopologySnapshot after, bool observedLate = false) =>
        Describe(before, TopologyDiff.Compute(before, after), after.GeneratedAt, observedLate);

    /// <summary>What <paramref name="delta"/> (the change to revision <c>ToRevision</c>, at <paramref name="time"/>) does to <paramref name="before"/>.</summary>
    public static IReadOnlyList<TimelineChange> Describe(TopologySnapshot before, TopologyDelta delta, DateTimeOffset time, bool observedLate = false)
    {
        var changes = new List<TimelineChange>();
        TimelineChange Change(string kind, string summary, string? host, string? container = null, string? network = null) => new()
        {
            Time = time,
            Revision = delta.ToRevision,
            Kind = kind,
            Summary = summary,
            HostId = host,
            ContainerId = container,
            NetworkId = network,
            ObservedLate = observedLate,
        };

        foreach (var h in delta.Upserted.Hosts)
        {
            var old = before.Hosts.FirstOrDefault(x => x.Id == h.Id);
            changes.Add(old is null
                ? Change(TimelineChangeKinds.HostAdded, $"Host {h.Name} appeared ({Status(h)}).", h.Id)
                : Change(TimelineChangeKinds.HostChanged, $"Host {h.Name}: {HostDifference(old, h)}.", h.Id));
        }
        foreach (var id in delta.Removed.Hosts)
        {
            var old = before.Hosts.FirstOrDefault(x => x.Id == id);
            changes.Add(Change(TimelineChangeKinds.HostRemoved, $"Host {old?.Name ?? id} is no longer watched.", id));
        }
        foreach (var n in delta.Upserted.Networks)
        {
            var old = before.Networks.FirstOrDefault(x => x.HostId == n.HostId && x.Id == n.Id);
            changes.Add(old is null
                ? Change(TimelineChangeKinds.NetworkAdded, $"Network {n.Name} created ({n.Driver}{Subnets(n)}).", n.HostId, network: n.Id)
                : Change(TimelineChangeKinds.NetworkChanged, $"Network {NameChange(old.Name, n.Name)} changed{Details(NetworkDifference(old, n))}.", n.HostId, network: n.Id));
        }
        foreach (var old in before.Networks.Where(n => delta.Removed.Networks.Contains(n.Id) && !delta.Upserted.Networks.Any(x => x.HostId == n.HostId && x.Id == n.Id)))
        {
            changes.Add(Change(TimelineChangeKinds.NetworkRemoved, $"Network {old.Name} removed.", old.HostId, network: old.Id));
        }
        foreach (var c in delta.Upserted.Containers)
        {
            var old = before.Containers.FirstOrDefault(x => x.HostId == c.HostId && x.Id == c.Id);
            changes.Add(old is null
                ? Change(TimelineChangeKinds.ContainerAdded, $"Container {c.Name} created ({c.State}{Networks(c)}).", c.HostId, c.Id)
                : Change(TimelineChangeKinds.ContainerChanged, $"Container {NameChange(old.Name, c.Name)}{Details(ContainerDifference(old, c), old.Name == c.Name)}.", c.HostId, c.Id));
        }
        foreach (var old in before.Containers.Where(c => delta.Removed.Containers.Contains(c.Id) && !delta.Upserted.Containers.Any(x => x.HostId == c.HostId && x.Id == c.Id)))
        {
            changes.Add(Change(TimelineChangeKinds.ContainerRemoved, $"Container {old.Name} removed.", old.HostId, old.Id));
        }
        return changes;
    }

    /// <summary>
    /// The entry that dates a time nobody watched: from the last moment a run was known running to the next run's start;
    /// or, when that run stopped recording while it ran (<paramref name="stoppedRecording"/>, a sentence), nothing stored.
    /// </summary>
    public static TimelineChange NotWatched(DateTimeOffset from, DateTimeOffset to, long revision, string? stoppedRecording = null) => stoppedRecording is null
        ? NotRunning(from, to, revision)
        : new()
        {
            Time = from,
            Revision = revision,
            Kind = TimelineChangeKinds.NotRecorded,
            Summary = $"Nothing was recorded from {UtcText.Time(from)} to {UtcText.Time(to)} ({UtcText.Duration(to - from)}): {stoppedRecording.TrimEnd('.')}.",
        };

    private static TimelineChange NotRunning(DateTimeOffset from, DateTimeOffset to, long revision) => new()
    {
        Time = from,
        Revision = revision,
        Kind = TimelineChangeKinds.NotWatched,
        Summary = $"The dashboard was not running from {UtcText.Time(from)} to {UtcText.Time(to)} ({UtcText.Duration(to - from)}): "
                  + "what changed meanwhile was observed when it started again.",
    };

    private static string Status(HostInfo h) => h.Status == HostStatus.Connected ? "connected" : "not answering";

    private static string HostDifference(HostInfo old, HostInfo h)
    {
        if (old.Status != h.Status)
        {
            return h.Status == HostStatus.Connected ? "answers again" : "stopped answering" + (string.IsNullOrWhiteSpace(h.Error) ? "" : $" ({h.Error.TrimEnd('.')})");
        }
        if (old.EngineVersion != h.EngineVersion)
        {
            return $"engine {old.EngineVersion ?? "unknown"} → {h.EngineVersion ?? "unknown"}";
        }
        return "details changed";
    }

    private static string NameChange(string old, string now) => old == now ? now : $"{old} renamed to {now}";

    private static string Details(IReadOnlyList<string> parts, bool sayWhenNone = false) =>
        parts.Count > 0 ? ": " + string.Join("; ", parts) : sayWhenNone ? ": details changed" : "";

    private static string Subnets(NetworkInfo n) => n.Subnets.IsEmpty ? "" : ", " + string.Join(", ", n.Subnets.Select(s => s.Subnet));

    private static string Networks(ContainerInfo c) =>
        c.Endpoints.IsEmpty ? "" : ", on " + string.Join(", ", c.Endpoints.Select(e => e.NetworkName).Distinct(StringComparer.Ordinal));

    private static List<string> NetworkDifference(NetworkInfo old, NetworkInfo n)
    {
        var parts = new List<string>();
        if (Subnets(old) != Subnets(n))
        {
            parts.Add($"subnets{Subnets(n).TrimStart(',')}");
        }
        if (old.Internal != n.Internal)
        {
            parts.Add(n.Internal ? "internal" : "no longer internal");
        }
        return parts;
    }

    private static List<string> ContainerDifference(ContainerInfo old, ContainerInfo c)
    {
        var parts = new List<string>();
        if (old.State != c.State)
        {
            parts.Add($"{old.State} → {c.State}");
        }
        var oldNetworks = old.Endpoints.Select(e => e.NetworkName).ToHashSet(StringComparer.Ordinal);
        var newNetworks = c.Endpoints.Select(e => e.NetworkName).ToHashSet(StringComparer.Ordinal);
        var joined = newNetworks.Except(oldNetworks).Order(StringComparer.Ordinal).ToList();
        var left = oldNetworks.Except(newNetworks).Order(StringComparer.Ordinal).ToList();
        if (joined.Count > 0)
        {
            parts.Add("connected to " + string.Join(", ", joined));
        }
        if (left.Count > 0)
        {
            parts.Add("disconnected from " + string.Join(", ", left));
        }
        foreach (var e in c.Endpoints)
        {
            var before = old.Endpoints.FirstOrDefault(x => x.NetworkName == e.NetworkName);
            if (before is not null && (before.Ipv4 != e.Ipv4 || before.Ipv6 != e.Ipv6))
            {
                parts.Add($"address on {e.NetworkName} {Address(before)} → {Address(e)}");
            }
        }
        if (parts.Count == 0 && !old.Endpoints.SequenceEqual(c.Endpoints, EndpointComparer))
        {
            parts.Add("endpoint details on " + string.Join(", ", c.Endpoints.Select(e => e.NetworkName).Distinct(StringComparer.Ordinal)) + " filled in");
        }
        if (old.Image != c.Image)
        {
            parts.Add($"image {old.Image} → {c.Image}");
        }
        if (!old.Ports.SequenceEqual(c.Ports))
        {
            parts.Add("published ports changed");
        }
        return parts;
    }

    private static readonly IEqualityComparer<EndpointInfo> EndpointComparer = EqualityComparer<EndpointInfo>.Create(
        (a, b) => a is not null && b is not null && Core.Serialization.TopologyJson.Serialize(a) == Core.Serialization.TopologyJson.Serialize(b));

    private static string Address(EndpointInfo e) => e.Ipv4 ?? e.Ipv6 ?? "none";
}
