using System.Collections.Immutable;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Presentation;

/// <summary>One row of the networks table: the network, its host and how many containers are attached.</summary>
public sealed record NetworkRow(NetworkInfo Network, HostInfo? Host, int ContainerCount)
{
    public string HostName => Host?.Name ?? Network.HostId;
}

/// <summary>One row of the containers table: the container, its host and, in container mode, the namespace owner.</summary>
public sealed record ContainerRow(ContainerInfo Container, HostInfo? Host, ContainerInfo? Owner)
{
    public string HostName => Host?.Name ?? Container.HostId;
}

/// <summary>Builds the table rows of a snapshot once per change, so the tables only sort and filter.</summary>
public static class TopologyRows
{
    public static ImmutableArray<NetworkRow> Networks(TopologySnapshot snapshot)
    {
        var hosts = HostsById(snapshot);
        var attached = snapshot.Containers
            .SelectMany(c => c.Endpoints.Select(e => (c.HostId, e.NetworkId)).Distinct())
            .GroupBy(x => x)
            .ToDictionary(g => g.Key, g => g.Count());
        return snapshot.Networks
            .Select(n => new NetworkRow(n, hosts.GetValueOrDefault(n.HostId), attached.GetValueOrDefault((n.HostId, n.Id))))
            .ToImmutableArray();
    }

    public static ImmutableArray<ContainerRow> Containers(TopologySnapshot snapshot)
    {
        var hosts = HostsById(snapshot);
        var byKey = snapshot.Containers.ToDictionary(c => (c.HostId, c.Id));
        return snapshot.Containers
            .Select(c => new ContainerRow(c, hosts.GetValueOrDefault(c.HostId), OwnerOf(c, byKey)))
            .ToImmutableArray();
    }

    /// <summary>The containers with an endpoint on <paramref name="network"/>, with that endpoint.</summary>
    public static ImmutableArray<(ContainerInfo Container, EndpointInfo Endpoint)> Attached(TopologySnapshot snapshot, NetworkInfo network) =>
        snapshot.Containers
            .Where(c => c.HostId == network.HostId)
            .SelectMany(c => c.Endpoints.Where(e => e.NetworkId == network.Id).Select(e => (c, e)))
            .ToImmutableArray();

    /// <summary>Containers that share <paramref name="owner"/>'s network namespace (<c>--network container:owner</c>).</summary>
    public static ImmutableArray<ContainerInfo> Sharers(TopologySnapshot snapshot, ContainerInfo owner) =>
        snapshot.Containers
            .Where(c => c.HostId == owner.HostId && c.NetworkMode.Kind == NetworkModeKind.Container && c.NetworkMode.SharesWith == owner.Id)
            .ToImmutableArray();

    public static ContainerInfo? Owner(TopologySnapshot snapshot, ContainerInfo container) =>
        container.NetworkMode is { Kind: NetworkModeKind.Container, SharesWith: { } owner }
            ? snapshot.Containers.FirstOrDefault(c => c.HostId == container.HostId && c.Id == owner)
            : null;

    private static ContainerInfo? OwnerOf(ContainerInfo c, Dictionary<(string, string), ContainerInfo> byKey) =>
        c.NetworkMode is { Kind: NetworkModeKind.Container, SharesWith: { } owner }
            ? byKey.GetValueOrDefault((c.HostId, owner))
            : null;

    private static Dictionary<string, HostInfo> HostsById(TopologySnapshot snapshot) =>
        snapshot.Hosts.GroupBy(h => h.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
}
