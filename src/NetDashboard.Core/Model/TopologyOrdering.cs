using System.Collections.Immutable;

namespace NetDashboard.Core.Model;

/// <summary>The one canonical order of a document's arrays, so equal topologies serialise identically.</summary>
public static class TopologyOrdering
{
    /// <summary>Hosts by id.</summary>
    public static IComparer<HostInfo> Hosts { get; } = Comparer<HostInfo>.Create((a, b) => string.CompareOrdinal(a.Id, b.Id));

    /// <summary>Networks by host, then name, then id.</summary>
    public static IComparer<NetworkInfo> Networks { get; } = Comparer<NetworkInfo>.Create((a, b) =>
        Compare((a.HostId, a.Name, a.Id), (b.HostId, b.Name, b.Id)));

    /// <summary>Containers by host, then name, then id.</summary>
    public static IComparer<ContainerInfo> Containers { get; } = Comparer<ContainerInfo>.Create((a, b) =>
        Compare((a.HostId, a.Name, a.Id), (b.HostId, b.Name, b.Id)));

    /// <summary>Services by name, then id.</summary>
    public static IComparer<ServiceInfo> Services { get; } = Comparer<ServiceInfo>.Create((a, b) =>
        Compare(("", a.Name, a.Id), ("", b.Name, b.Id)));

    /// <summary>
    /// What identifies a network within a document: its id alone for a swarm-scope network (one object across its nodes),
    /// its host and id for a local one.
    /// </summary>
    public static (string HostId, string Id) NetworkKey(NetworkInfo n) => n.IsSwarmScope ? ("", n.Id) : (n.HostId, n.Id);

    public static TopologySnapshot Sorted(TopologySnapshot s) => s with
    {
        Services = s.Services.OrderBy(x => x, Services).ToImmutableArray(),
        Hosts = s.Hosts.OrderBy(h => h, Hosts).ToImmutableArray(),
        Networks = s.Networks.OrderBy(n => n, Networks).ToImmutableArray(),
        Containers = s.Containers.OrderBy(c => c, Containers).ToImmutableArray(),
    };

    private static int Compare((string, string, string) a, (string, string, string) b)
    {
        var c = string.CompareOrdinal(a.Item1, b.Item1);
        if (c == 0) c = string.CompareOrdinal(a.Item2, b.Item2);
        return c != 0 ? c : string.CompareOrdinal(a.Item3, b.Item3);
    }
}
