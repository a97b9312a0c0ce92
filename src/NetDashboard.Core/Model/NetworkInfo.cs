using System.Collections.Immutable;

namespace NetDashboard.Core.Model;

/// <summary>One Docker network on one host.</summary>
public sealed record NetworkInfo
{
    public required string Id { get; init; }
    public required string HostId { get; init; }
    public required string Name { get; init; }
    public required string Driver { get; init; }
    public required string Scope { get; init; }
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool EnableIPv6 { get; init; }
    /// <summary>The Linux bridge interface of a bridge-driver network (<c>docker0</c>, <c>br-…</c>); null otherwise.</summary>
    public string? Bridge { get; init; }
    public ImmutableArray<SubnetInfo> Subnets { get; init; } = [];
    /// <summary>True where containers resolve each other by name (embedded DNS of user-defined networks).</summary>
    public bool Dns { get; init; }
    /// <summary>Inter-container communication allowed on this network.</summary>
    public bool Icc { get; init; }
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    // Added fields (the contract allows additions).
    /// <summary>Driver options as the daemon reports them.</summary>
    public ImmutableSortedDictionary<string, string> Options { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    public string? IpamDriver { get; init; }
    public DateTimeOffset? Created { get; init; }
    /// <summary>True for the three networks every daemon creates itself: bridge, host, none.</summary>
    public bool Predefined { get; init; }
    /// <summary>False only for a network created without IPv4 (<c>--ipv4=false</c>, API 1.48+).</summary>
    public bool EnableIPv4 { get; init; } = true;
    /// <summary>
    /// The bridge's gateway modes (<c>com.docker.network.bridge.gateway_mode_ipv4/_ipv6</c>), <c>nat</c> where a bridge
    /// network sets none; null for other drivers.
    /// </summary>
    public GatewayModeInfo? GatewayMode { get; init; }
    /// <summary>
    /// Contract 1.1: every watched host the network is present on, in hosts order. A swarm-scope network (overlay,
    /// ingress) is one object across its nodes (<see cref="HostId"/> is the first of them); a local one has its own host only.
    /// </summary>
    public ImmutableArray<string> HostIds { get; init; } = [];

    /// <summary>True for a network of Swarm scope (overlay, ingress): one object however many watched nodes carry it.</summary>
    public bool IsSwarmScope => Scope == NetworkScopes.Swarm;

    /// <summary>True when the network is present on host <paramref name="hostId"/> (its own host, or one of a swarm network's nodes).</summary>
    public bool IsOn(string hostId) => HostId == hostId || HostIds.Contains(hostId);
}

public static class NetworkScopes
{
    public const string Local = "local";
    public const string Swarm = "swarm";
}

/// <summary>How a bridge network's traffic meets the outside, per address family: nat, routed, nat-unprotected, isolated.</summary>
public sealed record GatewayModeInfo
{
    public string? Ipv4 { get; init; }
    public string? Ipv6 { get; init; }
}

public static class GatewayModes
{
    public const string Nat = "nat";
    public const string Routed = "routed";
    public const string NatUnprotected = "nat-unprotected";
    public const string Isolated = "isolated";
}

public sealed record SubnetInfo
{
    public required string Subnet { get; init; }
    public string? Gateway { get; init; }
    /// <summary>Added field: the <c>--ip-range</c> containers get addresses from, when set.</summary>
    public string? IpRange { get; init; }
    /// <summary>Added field: true when the gateway was derived, not read from the IPAM config.</summary>
    public bool GatewayDerived { get; init; }
    /// <summary>
    /// Added field: addresses of the subnet in use or reserved (network, broadcast, gateway, endpoints), as the daemon
    /// counts them in <c>GET /networks/{id}</c> <c>Status</c> (API 1.52+); null when the engine does not report it.
    /// </summary>
    public ulong? IpsInUse { get; init; }
    /// <summary>Added field: addresses of the subnet's range still free for dynamic allocation (API 1.52+); null when not reported.</summary>
    public ulong? DynamicIpsAvailable { get; init; }
}
