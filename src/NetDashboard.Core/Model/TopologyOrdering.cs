using System.Collections.Immutable;

namespace NetDashboard.Core.Model;

/// <summary>The one canonical order of a document's arrays, so equal topologies serialise identically.</summary>
public static class TopologyOrdering
{
    public static TopologySnapshot Sorted(TopologySnapshot s) => s with
    {
        Hosts = s.Hosts.OrderBy(h => h.Id, StringComparer.Ordinal).ToImmutableArray(),
        Networks = s.Networks
            .OrderBy(n => n.HostId, StringComparer.Ordinal)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .ThenBy(n => n.Id, StringComparer.Ordinal)
            .ToImmutableArray(),
        Containers = s.Containers
            .OrderBy(c => c.HostId, StringComparer.Ordinal)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToImmutableArray(),
    };
}
