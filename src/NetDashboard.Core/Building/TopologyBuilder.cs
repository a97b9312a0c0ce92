using System.Collections.Immutable;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Building;

/// <summary>
/// Turns what the adapter observed on each daemon into the public topology model. Pure: the same observations
/// always give the same model, so it is unit-tested on recorded daemon answers.
/// </summary>
public static class TopologyBuilder
{
    public static TopologySnapshot Build(IEnumerable<DaemonObservation> observations, long revision, DateTimeOffset generatedAt)
    {
        var hosts = ImmutableArray.CreateBuilder<HostInfo>();
        var networks = ImmutableArray.CreateBuilder<NetworkInfo>();
        var containers = ImmutableArray.CreateBuilder<ContainerInfo>();
        var all = observations.ToList();
        // Swarm (contract 1.1): what the watched managers say about their clusters, first by host id.
        var clusters = all.OrderBy(o => o.Host.Id, StringComparer.Ordinal).Select(o => o.SwarmCluster).OfType<ObservedSwarmCluster>().ToList();
        foreach (var observation in all)
        {
            var part = BuildHost(observation);
            hosts.Add(part.Host with { Swarm = SwarmMerge.NodeOf(observation.Host, clusters) });
            networks.AddRange(part.Networks);
            containers.AddRange(part.Containers.Select(c => SwarmMerge.ServiceOf(c) is { } service ? c with { Service = service } : c));
        }

        var hostOrder = hosts.Select(h => h.Id).Order(StringComparer.Ordinal).ToList();
        return TopologyOrdering.Sorted(new TopologySnapshot
        {
            Revision = revision,
            GeneratedAt = generatedAt,
            Hosts = hosts.ToImmutable(),
            Networks = SwarmMerge.MergeNetworks(networks, hostOrder),
            Containers = containers.ToImmutable(),
            Services = SwarmMerge.Services(clusters, hosts),
        });
    }

    /// <summary>
    /// The model of one daemon: its host record, networks and containers. A disconnected host has none, unless its
    /// observation carries its last good read (<see cref="ObservedHost.LastSeenAt"/>): then they are drawn, marked stale.
    /// </summary>
    public static (HostInfo Host, ImmutableArray<NetworkInfo> Networks, ImmutableArray<ContainerInfo> Containers) BuildHost(DaemonObservation observation)
    {
        var h = observation.Host;
        var stale = !h.Connected && h.LastSeenAt is not null;
        var host = new HostInfo
        {
            Id = h.Id,
            Name = h.Name,
            Endpoint = h.Endpoint,
            Status = h.Connected ? HostStatus.Connected : HostStatus.Disconnected,
            EngineVersion = h.EngineVersion,
            ApiVersion = h.ApiVersion,
            Error = h.Connected ? null : (h.Error ?? "The Docker daemon could not be reached."),
            Os = h.Os,
            Stale = stale,
            LastSeenAt = stale ? h.LastSeenAt : null,
            FirewallBackend = h.FirewallBackend,
            Product = h.Product,
            NotReported = h.Connected || stale ? EngineGaps.Of(h) : [],
        };
        if (!h.Connected && !stale)
        {
            return (host, [], []);
        }

        var networks = observation.Networks
            .Select(n => NetworkMapper.Map(n, h.Id, observation))
            .ToImmutableArray();
        var containers = ContainerMapper.MapAll(observation, networks);
        return (host, networks, containers);
    }
}
