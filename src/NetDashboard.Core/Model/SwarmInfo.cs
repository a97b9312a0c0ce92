using System.Collections.Immutable;

namespace NetDashboard.Core.Model;

/// <summary><c>hosts[].swarm</c> (contract 1.1): the Swarm node a watched daemon is.</summary>
public sealed record SwarmNodeInfo
{
    public required string NodeId { get; init; }
    public required string ClusterId { get; init; }
    /// <summary>"manager" or "worker".</summary>
    public required string Role { get; init; }
    /// <summary>active, pause or drain, as a manager lists the node; null when no watched manager tells.</summary>
    public string? Availability { get; init; }
    /// <summary>ready, down, unknown or disconnected, as a manager lists the node; null when no watched manager tells.</summary>
    public string? State { get; init; }
    /// <summary>Added field: the node's hostname, as the manager lists it.</summary>
    public string? Hostname { get; init; }
    /// <summary>Added field: the address the node is reached at by the swarm.</summary>
    public string? Address { get; init; }
}

public static class SwarmRoles
{
    public const string Manager = "manager";
    public const string Worker = "worker";
}

/// <summary><c>services[]</c> (contract 1.1): one Swarm service, with its tasks on every node.</summary>
public sealed record ServiceInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? ClusterId { get; init; }
    /// <summary>"replicated" or "global".</summary>
    public required string Mode { get; init; }
    public long? Replicas { get; init; }
    /// <summary>"vip" or "dnsrr".</summary>
    public required string EndpointMode { get; init; }
    public ImmutableArray<NetworkAddress> VirtualIps { get; init; } = [];
    public ImmutableArray<ServicePortInfo> Ports { get; init; } = [];
    public ImmutableArray<TaskInfo> Tasks { get; init; } = [];
}

/// <summary>An address on a network, as Swarm writes it (with its prefix, <c>10.0.1.5/24</c>).</summary>
public sealed record NetworkAddress
{
    public required string NetworkId { get; init; }
    public required string Address { get; init; }
}

public sealed record ServicePortInfo
{
    public required string Protocol { get; init; }
    public required int TargetPort { get; init; }
    public int? PublishedPort { get; init; }
    /// <summary>"ingress" (the routing mesh) or "host".</summary>
    public required string PublishMode { get; init; }
}

/// <summary>One task of a service: where it runs and in which container.</summary>
public sealed record TaskInfo
{
    public required string Id { get; init; }
    public required string NodeId { get; init; }
    /// <summary>The watched host that is this task's node; null when that node is not watched.</summary>
    public string? HostId { get; init; }
    public string? ContainerId { get; init; }
    public required string State { get; init; }
    public string? DesiredState { get; init; }
    public ImmutableArray<NetworkAddress> Addresses { get; init; } = [];
    /// <summary>Added field: the replica's slot number (null for global services).</summary>
    public long? Slot { get; init; }
}

/// <summary><c>containers[].service</c>: the service and task a container runs for.</summary>
public sealed record ServiceRef
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string TaskId { get; init; }
}
