using System.Collections.Immutable;

namespace NetDashboard.Core.Observation;

/// <summary>The <c>Swarm</c> section of a daemon's <c>/info</c>: which node of which cluster it is (only when active).</summary>
public sealed record ObservedSwarmNode
{
    public required string NodeId { get; init; }
    public required string ClusterId { get; init; }
    /// <summary><c>ControlAvailable</c>: true on a manager (only managers answer <c>/nodes</c>, <c>/services</c>, <c>/tasks</c>).</summary>
    public bool Manager { get; init; }
    public string? NodeAddress { get; init; }
}

/// <summary>What a Swarm manager tells about its whole cluster: nodes, services, tasks.</summary>
public sealed record ObservedSwarmCluster
{
    public required string ClusterId { get; init; }
    public ImmutableArray<ObservedSwarmNodeEntry> Nodes { get; init; } = [];
    public ImmutableArray<ObservedService> Services { get; init; } = [];
    public ImmutableArray<ObservedTask> Tasks { get; init; } = [];
}

/// <summary>One entry of a manager's <c>/nodes</c>.</summary>
public sealed record ObservedSwarmNodeEntry
{
    public required string Id { get; init; }
    public string Role { get; init; } = "";
    public string? Availability { get; init; }
    public string? State { get; init; }
    public string? Hostname { get; init; }
    public string? Address { get; init; }
}

/// <summary>One entry of a manager's <c>/services</c>.</summary>
public sealed record ObservedService
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>"replicated" or "global" (other modes, e.g. jobs, as the daemon names them in lower case).</summary>
    public string Mode { get; init; } = "replicated";
    public long? Replicas { get; init; }
    /// <summary>"vip" (the default) or "dnsrr".</summary>
    public string EndpointMode { get; init; } = "vip";
    public ImmutableArray<ObservedAddress> VirtualIps { get; init; } = [];
    public ImmutableArray<ObservedServicePort> Ports { get; init; } = [];
}

/// <summary>An address (with its prefix, as Swarm writes it: <c>10.0.1.5/24</c>) on a network, by id.</summary>
public sealed record ObservedAddress(string NetworkId, string Address);

public sealed record ObservedServicePort(string Protocol, int TargetPort, int? PublishedPort, string PublishMode);

/// <summary>One entry of a manager's <c>/tasks</c>.</summary>
public sealed record ObservedTask
{
    public required string Id { get; init; }
    public required string ServiceId { get; init; }
    public string NodeId { get; init; } = "";
    public string? ContainerId { get; init; }
    public string State { get; init; } = "";
    public string? DesiredState { get; init; }
    public long? Slot { get; init; }
    public ImmutableArray<ObservedAddress> Addresses { get; init; } = [];
}
