using System.Collections.Immutable;

namespace NetDashboard.Core.Traffic;

/// <summary>
/// Reads what the kernel of one host knows about connections: the connection tracking table of the daemon's network
/// namespace and the socket tables of the containers' namespaces. Never throws for a missing file, namespace or
/// permission: the answer carries the reason. Never sends a packet.
/// </summary>
public interface ITrafficSource
{
    Task<TrafficRead> ReadAsync(TrafficTarget target, CancellationToken cancellationToken);
}

/// <summary>
/// Whose connections to read. <see cref="DaemonSocket"/>: the unix socket of the daemon whose network namespace holds
/// the bridges (found from the process answering on it); null: the dashboard's own namespace.
/// <see cref="Namespaces"/>: one process per container network namespace to read the sockets of.
/// </summary>
public sealed record TrafficTarget(string HostId, string? DaemonSocket, ImmutableArray<NamespaceProcess> Namespaces, int MaxFlows);

/// <summary>A process of <see cref="ContainerId"/> as the host sees it: its <c>/proc/&lt;pid&gt;/net</c> is the container's.</summary>
public sealed record NamespaceProcess(string ContainerId, long Pid);

/// <summary>One host's raw read: parsed, not yet attributed.</summary>
public sealed record TrafficRead
{
    public required string HostId { get; init; }
    /// <summary>Null when the tracking table could not be read (<see cref="Note"/> says why).</summary>
    public IReadOnlyList<ConntrackEntry>? Connections { get; init; }
    /// <summary>The table held more than the cap; only the first entries were read.</summary>
    public bool Capped { get; init; }
    public int Cap { get; init; }
    /// <summary>Where the table was read ("the network namespace of dockerd, pid 812"), or why it was not.</summary>
    public string? Note { get; init; }
    /// <summary>Each container's sockets (by container id), for those whose namespace could be read.</summary>
    public ImmutableDictionary<string, IReadOnlyList<SocketEntry>> Sockets { get; init; } = ImmutableDictionary<string, IReadOnlyList<SocketEntry>>.Empty;
    /// <summary>Connections refused since the previous read (from the kernel's event stream; the table never shows them).</summary>
    public IReadOnlyList<RefusedAttempt> Refused { get; init; } = [];
}
