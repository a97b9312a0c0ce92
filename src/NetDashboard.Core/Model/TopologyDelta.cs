using System.Collections.Immutable;

namespace NetDashboard.Core.Model;

/// <summary>The <c>Changed</c> message of the contract: what turns revision <see cref="FromRevision"/> into <see cref="ToRevision"/>.</summary>
public sealed record TopologyDelta
{
    public required long FromRevision { get; init; }
    public required long ToRevision { get; init; }
    public required TopologyUpserts Upserted { get; init; }
    public required TopologyRemovals Removed { get; init; }

    public bool IsEmpty =>
        Upserted.Hosts.IsEmpty && Upserted.Networks.IsEmpty && Upserted.Containers.IsEmpty
        && Removed.Hosts.IsEmpty && Removed.Networks.IsEmpty && Removed.Containers.IsEmpty
        && Upserted.Services.IsEmpty && Removed.Services.IsEmpty;
}

public sealed record TopologyUpserts
{
    public ImmutableArray<HostInfo> Hosts { get; init; } = [];
    public ImmutableArray<NetworkInfo> Networks { get; init; } = [];
    public ImmutableArray<ContainerInfo> Containers { get; init; } = [];
    /// <summary>Added field (contract 1.1): services whose definition or tasks changed, whole.</summary>
    public ImmutableArray<ServiceInfo> Services { get; init; } = [];
}

public sealed record TopologyRemovals
{
    public ImmutableArray<string> Hosts { get; init; } = [];
    public ImmutableArray<string> Networks { get; init; } = [];
    public ImmutableArray<string> Containers { get; init; } = [];
    /// <summary>Added field (contract 1.1): ids of services gone.</summary>
    public ImmutableArray<string> Services { get; init; } = [];
}
