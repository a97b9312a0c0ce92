using System.Collections.Immutable;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Map;

/// <summary>
/// The topology as a drawing sees it: regions (one per network, plus the host stack and the isolated containers),
/// nodes (hosts, bridges, networks, containers, collapsed networks) and edges (veth endpoints, host stack, shared
/// namespaces, published ports, bridge uplinks). Pure data: the map, the SVG/Mermaid/DOT exporters all read it.
/// </summary>
public sealed record TopologyGraph
{
    public ImmutableArray<MapRegion> Regions { get; init; } = [];
    public ImmutableArray<MapNode> Nodes { get; init; } = [];
    public ImmutableArray<MapEdge> Edges { get; init; } = [];

    public static TopologyGraph Empty { get; } = new();
}

public enum MapNodeKind
{
    /// <summary>A Docker host (its own network stack).</summary>
    Host,
    /// <summary>The Linux bridge of a bridge-driver network (docker0, br-…).</summary>
    Bridge,
    /// <summary>A network without a bridge of its own on the host (macvlan, overlay, ipvlan…).</summary>
    Network,
    Container,
    /// <summary>A network drawn as one node with a count, its containers hidden.</summary>
    CollapsedNetwork,
    /// <summary>A compose project's (or Swarm service's) containers on one host drawn as one node (<see cref="MapGroups"/>).</summary>
    Group,
}

public enum MapEdgeKind
{
    /// <summary>Host ⇄ bridge: the bridge is an interface of the host, carrying the gateway address.</summary>
    Uplink,
    /// <summary>Container ⇄ bridge or network: one endpoint, the veth pair on a bridge.</summary>
    Endpoint,
    /// <summary>Host-mode container ⇄ host: it uses the host's own stack.</summary>
    HostStack,
    /// <summary>container: sharer → owner: one network namespace for both.</summary>
    SharesNamespace,
    /// <summary>Host → container: a published port, DNAT'd from the host to the container.</summary>
    PublishedPort,
}

public enum MapRegionKind
{
    BridgeNetwork,
    OtherNetwork,
    HostStack,
    Isolated,
}

public sealed record MapRegion
{
    public required string Id { get; init; }
    public required MapRegionKind Kind { get; init; }
    public required string HostId { get; init; }
    public required string Label { get; init; }
    public string? Detail { get; init; }
    /// <summary>The network this region draws, when it draws one.</summary>
    public string? NetworkId { get; init; }
    public bool Collapsed { get; init; }
    /// <summary>Containers whose home is this region (drawn or collapsed).</summary>
    public int ContainerCount { get; init; }
    /// <summary>A stable key for ordering regions on a fresh layout.</summary>
    public required string SortKey { get; init; }
    /// <summary>Its host is not answering: this is what it last looked like.</summary>
    public bool Stale { get; init; }
    /// <summary>
    /// For a swarm network carried by several drawn hosts: those hosts (the region is drawn once, spanning them, and holds
    /// every node's containers). Empty for a region of one host.
    /// </summary>
    public ImmutableArray<string> HostIds { get; init; } = [];

    public bool Spans => HostIds.Length > 1;
}

public sealed record MapNode
{
    public required string Id { get; init; }
    public required MapNodeKind Kind { get; init; }
    public required string HostId { get; init; }
    public required string Label { get; init; }
    public string? Detail { get; init; }
    /// <summary>The container, network or host id this node stands for.</summary>
    public required string RefId { get; init; }
    public string? RegionId { get; init; }
    /// <summary>Container state (running, exited…) or host status (connected, disconnected).</summary>
    public string? State { get; init; }
    /// <summary>Not running (containers) or unreachable (hosts): drawn dimmed.</summary>
    public bool Dimmed { get; init; }
    /// <summary>Its host is not answering: this is what it last looked like.</summary>
    public bool Stale { get; init; }
    public NetworkModeKind? Mode { get; init; }
    public ImmutableArray<TopologyWarning> Warnings { get; init; } = [];
    /// <summary>The Swarm service a container node runs a task of (its group on the map); null otherwise.</summary>
    public string? Service { get; init; }
    /// <summary>Collapsed networks: how many containers are hidden inside.</summary>
    public int? Count { get; init; }
    /// <summary>A stable key for ordering containers in their region on a fresh layout.</summary>
    public required string SortKey { get; init; }
}

public sealed record MapEdge
{
    public required string Id { get; init; }
    public required MapEdgeKind Kind { get; init; }
    public required string SourceId { get; init; }
    public required string TargetId { get; init; }
    /// <summary>The main label: "172.17.0.2/16", "0.0.0.0:8081 → 8080/tcp", "shares network namespace".</summary>
    public string? Label { get; init; }
    /// <summary>The second label: "eth0 ⇄ veth5715989".</summary>
    public string? Detail { get; init; }
    public bool Warning { get; init; }
    public string? ContainerId { get; init; }
    public string? NetworkId { get; init; }
}
