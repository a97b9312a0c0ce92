using NetDashboard.Core.Model;

namespace NetDashboard.Components.Live;

/// <summary>
/// What a screen reader is told about the live topology: one sentence summing up everything that changed between two
/// snapshots (containers that appeared, were removed, started, stopped or changed state, joined or left a network, or got
/// a new address; networks created or removed; hosts lost or back), at most three names per kind. Null when nothing
/// worth saying changed.
/// </summary>
public static class ChangeAnnouncement
{
    private const int NamesShown = 3;

    public static string? Describe(TopologySnapshot before, TopologySnapshot after)
    {
        var parts = new List<string>();
        var old = before.Containers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var now = after.Containers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        Add(parts, "container appeared", "containers appeared", after.Containers.Where(c => !old.ContainsKey(c.Id)).Select(c => c.Name));
        Add(parts, "container was removed", "containers were removed", before.Containers.Where(c => !now.ContainsKey(c.Id)).Select(c => c.Name));
        var changed = after.Containers.Where(c => old.TryGetValue(c.Id, out var o) && o.State != c.State).ToList();
        Add(parts, "container started", "containers started", changed.Where(c => c.State == "running").Select(c => c.Name));
        Add(parts, "container stopped", "containers stopped", changed.Where(c => c.State is "exited" or "dead" or "created").Select(c => c.Name));
        foreach (var group in changed.Where(c => c.State is not ("running" or "exited" or "dead" or "created")).GroupBy(c => c.State, StringComparer.Ordinal))
        {
            Add(parts, $"container is now {group.Key}", $"containers are now {group.Key}", group.Select(c => c.Name));
        }
        // Joined, left and new addresses of containers running before and after (a start or stop brings or takes them all).
        var kept = after.Containers.Where(c => c.IsRunning && old.TryGetValue(c.Id, out var o) && o.IsRunning).Select(c => (Before: old[c.Id], After: c)).ToList();
        Add(parts, "container joined a network", "containers joined a network", kept.Where(p => Joined(p.Before, p.After)).Select(p => p.After.Name));
        Add(parts, "container left a network", "containers left a network", kept.Where(p => Joined(p.After, p.Before)).Select(p => p.After.Name));
        Add(parts, "container has a new address", "containers have a new address", kept.Where(p => Readdressed(p.Before, p.After)).Select(p => p.After.Name));
        var oldNetworks = before.Networks.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var newNetworks = after.Networks.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        Add(parts, "network was created", "networks were created", after.Networks.Where(n => !oldNetworks.Contains(n.Id)).Select(n => n.Name));
        Add(parts, "network was removed", "networks were removed", before.Networks.Where(n => !newNetworks.Contains(n.Id)).Select(n => n.Name));
        var oldHosts = before.Hosts.ToDictionary(h => h.Id, h => h.Status, StringComparer.Ordinal);
        var hostsChanged = after.Hosts.Where(h => oldHosts.TryGetValue(h.Id, out var s) && s != h.Status).ToList();
        Add(parts, "host is not answering", "hosts are not answering", hostsChanged.Where(h => h.Status == HostStatus.Disconnected).Select(h => h.Name));
        Add(parts, "host is connected again", "hosts are connected again", hostsChanged.Where(h => h.Status == HostStatus.Connected).Select(h => h.Name));
        return parts.Count == 0 ? null : string.Join("; ", parts) + ".";
    }

    /// <summary>True when <paramref name="after"/> has an endpoint on a network <paramref name="before"/> had none on.</summary>
    private static bool Joined(ContainerInfo before, ContainerInfo after) =>
        after.Endpoints.Any(e => before.Endpoints.All(b => b.NetworkId != e.NetworkId));

    /// <summary>True when an endpoint on a network it stayed on has another IPv4 or IPv6 address.</summary>
    private static bool Readdressed(ContainerInfo before, ContainerInfo after) =>
        after.Endpoints.Any(e => before.Endpoints.FirstOrDefault(b => b.NetworkId == e.NetworkId) is { } b
                                 && ((b.Ipv4 is not null && e.Ipv4 is not null && b.Ipv4 != e.Ipv4) || (b.Ipv6 is not null && e.Ipv6 is not null && b.Ipv6 != e.Ipv6)));

    private static void Add(List<string> parts, string one, string many, IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            return;
        }
        var shown = string.Join(", ", list.Take(NamesShown)) + (list.Count > NamesShown ? $" and {list.Count - NamesShown} more" : "");
        var text = list.Count == 1 ? $"1 {one}: {shown}" : $"{list.Count} {many}: {shown}";
        parts.Add(text);
    }
}
