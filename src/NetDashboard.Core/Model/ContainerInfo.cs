using System.Collections.Immutable;

namespace NetDashboard.Core.Model;

/// <summary>One container on one host, with how it is wired.</summary>
public sealed record ContainerInfo
{
    public required string Id { get; init; }
    public required string HostId { get; init; }
    public required string Name { get; init; }
    public required string Image { get; init; }
    /// <summary>The daemon's word: created, running, paused, restarting, removing, exited, dead.</summary>
    public required string State { get; init; }
    public required NetworkModeInfo NetworkMode { get; init; }
    public ImmutableArray<PortInfo> Ports { get; init; } = [];
    public ImmutableArray<EndpointInfo> Endpoints { get; init; } = [];
    public ImmutableArray<TopologyWarning> Warnings { get; init; } = [];

    // Added fields.
    /// <summary>The daemon's status line, e.g. "Up 3 minutes".</summary>
    public string? Status { get; init; }
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    public DateTimeOffset? Created { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    /// <summary>PID of the container's first process on the host, when running and known.</summary>
    public long? Pid { get; init; }
    /// <summary>Contract 1.1: the Swarm service and task this container runs for; null for a plain container.</summary>
    public ServiceRef? Service { get; init; }

    public bool IsRunning => State is "running" or "paused" or "restarting";
}

public enum NetworkModeKind
{
    Bridge,
    Host,
    None,
    Container,
    Network,
}

public sealed record NetworkModeInfo
{
    public required NetworkModeKind Kind { get; init; }
    /// <summary>HostConfig.NetworkMode as the daemon reports it.</summary>
    public required string Raw { get; init; }
    /// <summary>The owner's container id for kind <see cref="NetworkModeKind.Container"/>.</summary>
    public string? SharesWith { get; init; }
}

public sealed record PortInfo
{
    public required int ContainerPort { get; init; }
    public required string Protocol { get; init; }
    public string? HostIp { get; init; }
    public int? HostPort { get; init; }
    /// <summary>Requested with <c>-p</c> but dropped by Docker (host network mode).</summary>
    public bool Discarded { get; init; }
    /// <summary>
    /// Published on a network whose gateway mode is <c>routed</c>: no DNAT and no host port (<see cref="HostPort"/> null);
    /// it is reached at the container's own address.
    /// </summary>
    public bool Routed { get; init; }
}

public sealed record EndpointInfo
{
    public required string NetworkId { get; init; }
    public required string NetworkName { get; init; }
    public string? Ipv4 { get; init; }
    public int? Ipv4PrefixLength { get; init; }
    public string? Ipv6 { get; init; }
    public string? Gateway { get; init; }
    public string? Mac { get; init; }
    public ImmutableArray<string> Aliases { get; init; } = [];
    /// <summary>Host-side peer of the endpoint's veth, when it lives in the dashboard's network namespace.</summary>
    public string? HostInterface { get; init; }
    public int? HostInterfaceIndex { get; init; }

    // Added fields.
    public int? Ipv6PrefixLength { get; init; }
    public string? Ipv6Gateway { get; init; }
    public string? EndpointId { get; init; }
    /// <summary>The interface name inside the container (eth0, eth1…), when it could be read.</summary>
    public string? ContainerInterface { get; init; }
    /// <summary>
    /// The names the embedded DNS answers with this endpoint's address (<c>DNSNames</c>, API ≥ 1.44); null when the
    /// engine does not report them.
    /// </summary>
    public ImmutableArray<string>? DnsNames { get; init; }
    /// <summary>The daemon's <c>GwPriority</c> (API 1.48+): the endpoint with the highest one carries the default route.</summary>
    public int? GwPriority { get; init; }
    /// <summary>
    /// True on the one endpoint that carries the container's default route (its egress), false on the others, null when
    /// unknown (seen in the container's routing table where the dashboard can read it, else derived from the priorities).
    /// </summary>
    public bool? DefaultRoute { get; init; }
}

public sealed record TopologyWarning
{
    public required string Code { get; init; }
    public required string Message { get; init; }
}

public static class WarningCodes
{
    public const string PortsDiscardedHostMode = "ports-discarded-host-mode";
    public const string SharedNamespaceOwnerDown = "shared-namespace-owner-down";
    public const string SharedNamespaceOwnerMissing = "shared-namespace-owner-missing";
    public const string DaemonWarning = "daemon-warning";
}
