using System.Collections.Immutable;

namespace NetDashboard.Core.Model;

/// <summary>
/// The whole observed topology at one revision: the public document of
/// <c>shared/contracts/topology-api.md</c> (schemaVersion 1). Immutable; a new revision is a new instance.
/// To find a container or network by id, name or id prefix, ask <see cref="Lookup.TopologyResolver"/>.
/// </summary>
public sealed record TopologySnapshot
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required long Revision { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required ImmutableArray<HostInfo> Hosts { get; init; }
    public required ImmutableArray<NetworkInfo> Networks { get; init; }
    public required ImmutableArray<ContainerInfo> Containers { get; init; }
    /// <summary>Contract 1.1: the Swarm services watched managers report; empty outside a swarm.</summary>
    public ImmutableArray<ServiceInfo> Services { get; init; } = [];

    public static TopologySnapshot Empty { get; } = new()
    {
        Revision = 0,
        GeneratedAt = DateTimeOffset.UnixEpoch,
        Hosts = [],
        Networks = [],
        Containers = [],
    };

    /// <summary>The part of this snapshot that belongs to one host (same revision).</summary>
    public TopologySnapshot ForHost(string hostId) => this with
    {
        Hosts = Hosts.Where(h => h.Id == hostId).ToImmutableArray(),
        Networks = Networks.Where(n => n.HostId == hostId || n.HostIds.Contains(hostId)).ToImmutableArray(),
        Containers = Containers.Where(c => c.HostId == hostId).ToImmutableArray(),
        Services = Services
            .Where(s => s.Tasks.Any(t => t.HostId == hostId))
            .Select(s => s with { Tasks = s.Tasks.Where(t => t.HostId == hostId).ToImmutableArray() })
            .ToImmutableArray(),
    };
}
