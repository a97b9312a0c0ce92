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
        foreach (var observation in observations)
        {
            var part = BuildHost(observation);
            hosts.Add(part.Host);
            networks.AddRange(part.Networks);
            containers.AddRange(part.Containers);
        }

        return TopologyOrdering.Sorted(new TopologySnapshot
        {
            Revision = revision,
            GeneratedAt = generatedAt,
            Hosts = hosts.ToImmutable(),
            Networks = networks.ToImmutable(),
            Containers = containers.ToImmutable(),
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
