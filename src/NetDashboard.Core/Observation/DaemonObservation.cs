using System.Collections.Immutable;

namespace NetDashboard.Core.Observation;

/// <summary>
/// Everything the adapter read from one daemon (and the kernel) at one moment, in plain terms: the input of
/// <see cref="Building.TopologyBuilder"/>. Field names follow the Docker Engine API so the mapping stays obvious;
/// no Docker library type appears here.
/// </summary>
public sealed record DaemonObservation
{
    public required ObservedHost Host { get; init; }
    public ImmutableArray<ObservedNetwork> Networks { get; init; } = [];
    public ImmutableArray<ObservedContainer> Containers { get; init; } = [];
    /// <summary>Interfaces of the dashboard's own network namespace; null when they can't be read.</summary>
    public HostInterfaceTable? HostInterfaces { get; init; }
    /// <summary>Why this read happened (history marks changes first seen on a connect or resync as such).</summary>
    public ObservationCause Cause { get; init; }
    /// <summary>The topology-changing daemon events this read follows, oldest first.</summary>
    public ImmutableArray<ObservedEvent> Events { get; init; } = [];
    /// <summary>A Swarm manager's view of its cluster (nodes, services, tasks); null on a worker and outside a swarm.</summary>
    public ObservedSwarmCluster? SwarmCluster { get; init; }
    /// <summary>When the read and the events behind it happened (diagnostics); null for an observation built by hand.</summary>
    public ObservationTiming? Timing { get; init; }
}

public sealed record ObservedHost
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Endpoint { get; init; }
    public bool Connected { get; init; }
    public string? EngineVersion { get; init; }
    public string? ApiVersion { get; init; }
    public string? Os { get; init; }
    public string? Error { get; init; }
    /// <summary>
    /// Set on a disconnected host whose observation still carries the networks and containers of its last good read:
    /// when that read was made. Null on a connected host and on one never reached.
    /// </summary>
    public DateTimeOffset? LastSeenAt { get; init; }
    /// <summary><c>FirewallBackend.Driver</c> of <c>/info</c> (API 1.49+): iptables or nftables; null when not reported.</summary>
    public string? FirewallBackend { get; init; }
    /// <summary>Which implementation of the Docker API answers: "docker", or "podman" (its version names a "Podman Engine").</summary>
    public string Product { get; init; } = Products.Docker;
    /// <summary>The daemon's Swarm node (from <c>/info</c>), when it is an active member of a swarm; else null.</summary>
    public ObservedSwarmNode? Swarm { get; init; }
}

public static class Products
{
    public const string Docker = "docker";
    public const string Podman = "podman";
}

public sealed record ObservedNetwork
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Driver { get; init; } = "";
    public string Scope { get; init; } = "";
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool EnableIPv6 { get; init; }
    /// <summary><c>EnableIPv4</c> as read (API 1.48+); older engines and Podman do not send it, and the builder then ignores it.</summary>
    public bool? EnableIPv4 { get; init; }
    public string? IpamDriver { get; init; }
    public ImmutableArray<ObservedIpamConfig> IpamConfig { get; init; } = [];
    public ImmutableDictionary<string, string> Options { get; init; } = ImmutableDictionary<string, string>.Empty;
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;
    public DateTimeOffset? Created { get; init; }
    /// <summary>
    /// <c>Status.IPAM.Subnets</c> of <c>GET /networks/{id}</c> (API 1.52+), keyed by subnet as the daemon writes it; null when
    /// not read (older engines, Podman, or the inspect failed).
    /// </summary>
    public ImmutableDictionary<string, ObservedSubnetStatus>? SubnetStatus { get; init; }
}

/// <summary>One subnet's address use, as the daemon counts it (both saturate at 2^64 - 1).</summary>
public sealed record ObservedSubnetStatus(ulong IpsInUse, ulong DynamicIpsAvailable);

public sealed record ObservedIpamConfig
{
    public string? Subnet { get; init; }
    public string? Gateway { get; init; }
    public string? IpRange { get; init; }
}

/// <summary>A container as the list call reports it, plus the inspect details read once per start.</summary>
public sealed record ObservedContainer
{
    public required string Id { get; init; }
    /// <summary>Names as listed, with their leading slash (<c>/web</c>).</summary>
    public ImmutableArray<string> Names { get; init; } = [];
    public string Image { get; init; } = "";
    public string State { get; init; } = "";
    public string? Status { get; init; }
    public DateTimeOffset? Created { get; init; }
    public ImmutableDictionary<string, string> Labels { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>HostConfig.NetworkMode from the list call (Podman leaves it empty).</summary>
    public string? NetworkMode { get; init; }
    public ImmutableArray<ObservedPort> Ports { get; init; } = [];
    /// <summary>NetworkSettings.Networks keyed by network name.</summary>
    public ImmutableArray<ObservedEndpoint> Endpoints { get; init; } = [];
    public ObservedInspect? Inspect { get; init; }
    /// <summary>Interfaces inside the container's network namespace; null when not readable.</summary>
    public ImmutableArray<ContainerInterface>? Interfaces { get; init; }
}

public sealed record ObservedPort
{
    public int PrivatePort { get; init; }
    public int? PublicPort { get; init; }
    public string Type { get; init; } = "tcp";
    public string? Ip { get; init; }
}

public sealed record ObservedEndpoint
{
    /// <summary>The key of NetworkSettings.Networks (the network's name).</summary>
    public required string NetworkName { get; init; }
    public string? NetworkId { get; init; }
    public string? EndpointId { get; init; }
    public string? IpAddress { get; init; }
    public int IpPrefixLen { get; init; }
    public string? Gateway { get; init; }
    public string? GlobalIPv6Address { get; init; }
    public int GlobalIPv6PrefixLen { get; init; }
    public string? IPv6Gateway { get; init; }
    public string? MacAddress { get; init; }
    public ImmutableArray<string>? Aliases { get; init; }
    public ImmutableArray<string>? DnsNames { get; init; }
    /// <summary><c>GwPriority</c> as read (API 1.48+; older engines do not send it, and the builder then ignores it).</summary>
    public long? GwPriority { get; init; }
}

/// <summary>What only <c>GET /containers/{id}/json</c> tells: read once per container start and cached.</summary>
public sealed record ObservedInspect
{
    public string? StartedAt { get; init; }
    public long Pid { get; init; }
    public string? NetworkMode { get; init; }
    /// <summary>HostConfig.PortBindings: what was requested with <c>-p</c>, including what host mode discarded.</summary>
    public ImmutableArray<ObservedPortBinding> RequestedBindings { get; init; } = [];
    /// <summary>NetworkSettings.Networks of inspect (carries aliases the list call leaves null).</summary>
    public ImmutableArray<ObservedEndpoint> Endpoints { get; init; } = [];
}

public sealed record ObservedPortBinding
{
    public required int ContainerPort { get; init; }
    public required string Protocol { get; init; }
    public string? HostIp { get; init; }
    public string? HostPort { get; init; }
}

/// <summary>An interface inside a container's network namespace (from its <c>/sys/class/net</c>).</summary>
public sealed record ContainerInterface(string Name, int IfIndex, int IfLink, string? Mac)
{
    /// <summary>The container's IPv4 default route leaves by this interface (its <c>/proc/&lt;pid&gt;/net/route</c>).</summary>
    public bool DefaultRoute { get; init; }
    /// <summary>The container's IPv6 default route leaves by this interface (its <c>/proc/&lt;pid&gt;/net/ipv6_route</c>).</summary>
    public bool DefaultRouteIpv6 { get; init; }
}

/// <summary>An interface of the dashboard's own network namespace.</summary>
public sealed record HostInterface(string Name, int IfIndex, int IfLink, string? Master);

/// <summary>The dashboard's own interfaces, and the IPv4 addresses of its bridges (to tell namespaces apart).</summary>
public sealed record HostInterfaceTable
{
    public ImmutableArray<HostInterface> Interfaces { get; init; } = [];
    /// <summary>Bridge name → its IPv4 addresses.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> BridgeAddresses { get; init; } =
        ImmutableDictionary<string, ImmutableArray<string>>.Empty;
}
