using System.Collections.Immutable;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Map;

/// <summary>
/// Grouping on a large map: the containers of one compose project (label <c>com.docker.compose.project</c>), or else the
/// tasks of one Swarm service, drawn on each host as ONE node — its count, its states, the networks it touches — in the
/// region where most of them live; their links become one link per network (or host, or namespace owner) the group
/// touches. Pure: it rewrites a built <see cref="TopologyGraph"/>; what is collapsed is the viewer's choice
/// (<see cref="MapOptions.CollapsedGroups"/>), with <see cref="DefaultCollapsed"/> as a large map's start.
/// </summary>
public static class MapGroups
{
    public const string ComposeProjectLabel = "com.docker.compose.project";
    public const string ComposeServiceLabel = "com.docker.compose.service";

    private const string ProjectPrefix = "project:";
    private const string ServicePrefix = "service:";

    /// <summary>The map id of a group's node on one host.</summary>
    public static string GroupNodeId(string hostId, string key) => $"set:{hostId}:{key}";

    /// <summary>"project:NAME" for a compose project's container, "service:NAME" for a Swarm task, else null (never grouped).</summary>
    public static string? KeyOf(ContainerInfo c) =>
        c.Labels.TryGetValue(ComposeProjectLabel, out var project) && !string.IsNullOrWhiteSpace(project) ? ProjectPrefix + project
        : c.Service is { } service ? ServicePrefix + service.Name
        : null;

    /// <summary>The project's or service's name in a key.</summary>
    public static string NameOf(string key) => key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];

    /// <summary>"compose project" or "service", for what a key groups.</summary>
    public static string KindOf(string key) => key.StartsWith(ProjectPrefix, StringComparison.Ordinal) ? "compose project" : "service";

    /// <summary>
    /// The groups a map starts collapsed with: every project or service of at least two containers, when the snapshot
    /// has more than <paramref name="groupAbove"/> containers; none on a smaller map.
    /// </summary>
    public static ImmutableHashSet<string> DefaultCollapsed(TopologySnapshot snapshot, int groupAbove)
    {
        if (snapshot.Containers.Length <= groupAbove)
        {
            return ImmutableHashSet<string>.Empty;
        }
        return snapshot.Containers.Select(KeyOf).OfType<string>()
            .GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)
            .ToImmutableHashSet(StringComparer.Ordinal);
    }

    /// <summary>The group key that hides <paramref name="c"/> behind a group node with <paramref name="collapsed"/>; null when it is drawn itself.</summary>
    public static string? CollapsedKey(ContainerInfo c, ImmutableHashSet<string> collapsed) =>
        collapsed.IsEmpty || KeyOf(c) is not { } key || !collapsed.Contains(key) ? null : key;

    /// <summary>
    /// Replaces the drawn container nodes of the <paramref name="collapsed"/> groups by one group node per host and
    /// group, and their edges by one unlabelled edge per distinct far end (a link inside a group disappears).
    /// </summary>
    public static TopologyGraph Collapse(TopologyGraph graph, TopologySnapshot snapshot, ImmutableHashSet<string> collapsed)
    {
        if (collapsed.IsEmpty)
        {
            return graph;
        }
        var containers = snapshot.Containers.ToDictionary(c => (c.HostId, c.Id));
        var groupOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var members = new Dictionary<string, List<(MapNode Node, ContainerInfo Container)>>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(n => n.Kind == MapNodeKind.Container))
        {
            if (containers.TryGetValue((node.HostId, node.RefId), out var c) && CollapsedKey(c, collapsed) is { } key)
            {
                var id = GroupNodeId(node.HostId, key);
                groupOf[node.Id] = id;
                (members.TryGetValue(id, out var list) ? list : members[id] = []).Add((node, c));
            }
        }
        if (members.Count == 0)
        {
            return graph;
        }

        var edges = new Dictionary<string, MapEdge>(StringComparer.Ordinal);
        var touched = members.Keys.ToDictionary(k => k, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var e in graph.Edges)
        {
            var source = groupOf.GetValueOrDefault(e.SourceId) ?? e.SourceId;
            var target = groupOf.GetValueOrDefault(e.TargetId) ?? e.TargetId;
            if (source == e.SourceId && target == e.TargetId)
            {
                edges[e.Id] = e;
                continue;
            }
            if (source == target)
            {
                continue; // inside the group
            }
            if (e is { Kind: MapEdgeKind.Endpoint, NetworkId: { } networkId } && touched.TryGetValue(source, out var nets))
            {
                nets.Add(networkId);
            }
            var id = $"agg:{source}>{target}";
            edges[id] = edges.TryGetValue(id, out var existing)
                ? existing with { Warning = existing.Warning || e.Warning }
                : e with { Id = id, SourceId = source, TargetId = target, Label = null, Detail = null, ContainerId = null };
        }

        var networkNames = snapshot.Networks.GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var nodes = ImmutableArray.CreateBuilder<MapNode>(graph.Nodes.Length);
        foreach (var node in graph.Nodes)
        {
            if (!groupOf.TryGetValue(node.Id, out var groupId))
            {
                nodes.Add(node);
            }
            else if (members[groupId][0].Node.Id == node.Id)
            {
                nodes.Add(GroupNode(groupId, members[groupId], touched[groupId].Select(n => networkNames.GetValueOrDefault(n, n)).ToList()));
            }
        }
        return graph with
        {
            Nodes = nodes.ToImmutable(),
            Edges = [.. edges.Values.OrderBy(e => e.Id, StringComparer.Ordinal)],
        };
    }

    private static MapNode GroupNode(string id, List<(MapNode Node, ContainerInfo Container)> members, List<string> networks)
    {
        var first = members[0].Node;
        var key = KeyOf(members[0].Container)!;
        var running = members.Count(m => m.Container.IsRunning);
        var stopped = members.Count - running;
        // The region most of its containers live in (ties: the first in sort order), so it sits with its network.
        var region = members.GroupBy(m => m.Node.RegionId ?? "")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var where = networks.Count switch
        {
            0 => members.Any(m => m.Node.Mode == NetworkModeKind.Host) ? "host network stack" : "no network",
            <= 3 => string.Join(", ", networks),
            _ => $"{string.Join(", ", networks.Take(2))} and {networks.Count - 2} more networks",
        };
        return new MapNode
        {
            Id = id,
            Kind = MapNodeKind.Group,
            HostId = first.HostId,
            RefId = key,
            RegionId = region.Length == 0 ? null : region,
            Label = NameOf(key),
            Detail = $"{KindOf(key)} · {where}",
            State = stopped == 0 ? $"{running} running" : running == 0 ? $"{stopped} stopped" : $"{running} running · {stopped} stopped",
            Dimmed = running == 0,
            Stale = members.Any(m => m.Node.Stale),
            Count = members.Count,
            Warnings = [.. members.SelectMany(m => m.Node.Warnings).DistinctBy(w => w.Code)],
            Service = key.StartsWith(ServicePrefix, StringComparison.Ordinal) ? NameOf(key) : null,
            SortKey = NameOf(key),
        };
    }
}
