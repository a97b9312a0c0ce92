using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace NetDashboard.Core.Traffic;

/// <summary>
/// What <c>GET /api/traffic</c> answers and the hub's <c>Traffic</c> sends (contract 1.1 "Traffic"): the connections
/// observed on the watched hosts, each attributed to containers, a network and a path. Added fields (the contract
/// allows additions): the listening sockets, the published ports nothing listens on, and per host how the
/// connections were read (or why they were not).
/// </summary>
public sealed record TrafficDocument
{
    public required DateTimeOffset GeneratedAt { get; init; }
    public ImmutableArray<TrafficFlow> Flows { get; init; } = [];

    // Added fields.
    /// <summary>Sockets that listen (TCP) or are bound without a peer (UDP) inside watched containers.</summary>
    public ImmutableArray<TrafficListener> Listeners { get; init; } = [];
    /// <summary>Published ports whose container has no socket listening on the container port.</summary>
    public ImmutableArray<UnheardPort> UnheardPorts { get; init; } = [];
    /// <summary>Per watched host: where its connections were read, whether the read was capped, or why nothing was read.</summary>
    public ImmutableArray<TrafficHostStatus> Hosts { get; init; } = [];

    public static TrafficDocument Empty { get; } = new() { GeneratedAt = DateTimeOffset.UnixEpoch };
}

/// <summary>One observed connection (a conntrack entry, or a socket pair inside one container).</summary>
public sealed record TrafficFlow
{
    public required string HostId { get; init; }
    /// <summary><c>tcp</c> or <c>udp</c>.</summary>
    public required string Protocol { get; init; }
    /// <summary>The kernel's word for a TCP connection (ESTABLISHED, SYN_SENT, TIME_WAIT…); for UDP "replied" or "unreplied".</summary>
    public required string State { get; init; }
    public required FlowEnd Source { get; init; }
    public required FlowEnd Destination { get; init; }
    /// <summary>The network both ends are on (or the one the container end uses toward the host); null otherwise.</summary>
    public string? NetworkId { get; init; }
    /// <summary>One of <see cref="TrafficVia"/>.</summary>
    public required string Via { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastSeen { get; init; }

    // Added fields.
    /// <summary>True when the latest read still showed the flow; false for one that ended within the kept window.</summary>
    public bool Live { get; init; } = true;
    /// <summary>False while the destination never answered (conntrack's UNREPLIED).</summary>
    public bool Replied { get; init; } = true;
    /// <summary>Where the observation and the reachability analysis disagree; null when they agree or were not compared.</summary>
    public TrafficFinding? Finding { get; init; }
    /// <summary>
    /// True for connection attempts the destination refused (a reset answered the SYN). They are kept as one flow per
    /// source address and destination, never live: <see cref="Attempts"/> counts them, <see cref="FirstSeen"/> and
    /// <see cref="LastSeen"/> date the first and the latest; <see cref="FlowEnd.Port"/> of the source is the latest's.
    /// </summary>
    public bool Refused { get; init; }
    /// <summary>How many refused attempts this flow stands for; null for an observed connection.</summary>
    public int? Attempts { get; init; }

    /// <summary>
    /// Identity of the flow across reads: host, protocol and the two ends as the kernel saw them (for refused attempts,
    /// without the source port, which every attempt changes).
    /// </summary>
    [JsonIgnore]
    public string Key => Refused
        ? $"{HostId}|{Protocol}|{Source.Address}|{Destination.Address}:{Destination.Port}|refused"
        : $"{HostId}|{Protocol}|{Source.Address}:{Source.Port}|{Destination.Address}:{Destination.Port}";
}

/// <summary>
/// One end of a flow. <see cref="Address"/> is shown as observed, never contacted or resolved. <see cref="ContainerId"/>
/// is set where the address belongs to a watched container (for a published port: the container it leads to).
/// </summary>
public sealed record FlowEnd
{
    public string? ContainerId { get; init; }
    public required string Address { get; init; }
    public required int Port { get; init; }

    // Added fields.
    public string? ContainerName { get; init; }
    /// <summary>For a published port's end: the address and port the connection was sent to on the host (before DNAT or the proxy).</summary>
    public string? PublishedAs { get; init; }
}

public static class TrafficVia
{
    /// <summary>Both ends on one Docker network, container to container.</summary>
    public const string Bridge = "bridge";
    /// <summary>Into a container through one of its published ports (DNAT or docker-proxy).</summary>
    public const string PublishedPort = "published-port";
    /// <summary>Between a container and the host it runs on (a bridge's gateway address).</summary>
    public const string Host = "host";
    /// <summary>Inside one network namespace, on its loopback interface.</summary>
    public const string Loopback = "loopback";
    /// <summary>Between a container and an address that is neither a watched container nor the host.</summary>
    public const string Outside = "outside";
}

/// <summary>Where an observed flow and the reachability analysis disagree, with both reasons.</summary>
public sealed record TrafficFinding
{
    /// <summary>
    /// <c>unexpected-flow</c>: seen answered where the analysis says impossible; <c>unanswered</c>: never answered where
    /// the analysis says reachable; <c>refused</c>: refused (a reset) where the analysis says reachable.
    /// </summary>
    public required string Code { get; init; }
    /// <summary>What the kernel showed, in a sentence.</summary>
    public required string Observed { get; init; }
    /// <summary>What the analysis says, in a sentence (its own reason).</summary>
    public required string Analysis { get; init; }
}

public static class TrafficFindingCodes
{
    public const string UnexpectedFlow = "unexpected-flow";
    public const string Unanswered = "unanswered";
    public const string Refused = "refused";
}

/// <summary>A socket listening inside a container's network namespace.</summary>
public sealed record TrafficListener
{
    public required string HostId { get; init; }
    public required string ContainerId { get; init; }
    public required string Protocol { get; init; }
    /// <summary>The bound address: 0.0.0.0 or :: for every address, 127.0.0.1 for loopback only, or one address.</summary>
    public required string Address { get; init; }
    public required int Port { get; init; }
}

/// <summary>A published port whose container listens on nothing at the container port.</summary>
public sealed record UnheardPort
{
    public required string HostId { get; init; }
    public required string ContainerId { get; init; }
    public required int ContainerPort { get; init; }
    public required string Protocol { get; init; }
    public string? HostIp { get; init; }
    public int? HostPort { get; init; }
    public required string Message { get; init; }
}

/// <summary>How one host's connections were read.</summary>
public sealed record TrafficHostStatus
{
    public required string HostId { get; init; }
    /// <summary>True when the kernel's connections were read; false with <see cref="Note"/> saying why not.</summary>
    public required bool Read { get; init; }
    /// <summary>More connections were tracked than the cap: only the first <see cref="Cap"/> were read.</summary>
    public bool Capped { get; init; }
    public int Cap { get; init; }
    /// <summary>Where they were read, why not, or what was capped: a sentence.</summary>
    public string? Note { get; init; }
}
