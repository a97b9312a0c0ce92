using System.Collections.Immutable;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>
/// The map's "what changed since …" view: which containers and networks were added, removed or changed between an
/// earlier topology (<see cref="Since"/>) and the one shown. The map draws <see cref="Drawn"/> (the shown topology
/// plus what was removed since, so a removed node is still there to be marked) and marks each node. Plain state.
/// </summary>
public sealed class MapChanges
{
    public const string Added = "added";
    public const string Removed = "removed";
    public const string Changed = "changed";

    private MapChanges(TopologySnapshot since, TopologySnapshot drawn, ImmutableDictionary<string, string> marks)
    {
        Since = since;
        Drawn = drawn;
        Marks = marks;
    }

    /// <summary>The earlier topology compared with.</summary>
    public TopologySnapshot Since { get; }

    /// <summary>What the map draws: the shown topology with the containers and networks removed since added back.</summary>
    public TopologySnapshot Drawn { get; }

    /// <summary>Node id → <see cref="Added"/>, <see cref="Removed"/> or <see cref="Changed"/>.</summary>
    public ImmutableDictionary<string, string> Marks { get; }

    public int Count(string mark) => Marks.Values.Count(m => m == mark);

    public static MapChanges Compute(TopologySnapshot since, TopologySnapshot shown)
    {
        var delta = TopologyDiff.Compute(since, shown);
        var marks = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var n in delta.Upserted.Networks)
        {
            var existed = since.Networks.Any(x => x.HostId == n.HostId && x.Id == n.Id);
            marks[TopologyGraphBuilder.NetworkNodeId(n.HostId, n.Id)] = existed ? Changed : Added;
        }
        foreach (var c in delta.Upserted.Containers)
        {
            var existed = since.Containers.Any(x => x.HostId == c.HostId && x.Id == c.Id);
            marks[TopologyGraphBuilder.ContainerNodeId(c.HostId, c.Id)] = existed ? Changed : Added;
        }
        var removedNetworks = since.Networks.Where(n => !shown.Networks.Any(x => x.HostId == n.HostId && x.Id == n.Id)).ToList();
        var removedContainers = since.Containers.Where(c => !shown.Containers.Any(x => x.HostId == c.HostId && x.Id == c.Id)).ToList();
        foreach (var n in removedNetworks)
        {
            marks[TopologyGraphBuilder.NetworkNodeId(n.HostId, n.Id)] = Removed;
        }
        foreach (var c in removedContainers)
        {
            marks[TopologyGraphBuilder.ContainerNodeId(c.HostId, c.Id)] = Removed;
        }
        var drawn = removedNetworks.Count + removedContainers.Count == 0 ? shown : TopologyOrdering.Sorted(shown with
        {
            Networks = shown.Networks.AddRange(removedNetworks.Where(n => shown.Hosts.Any(h => h.Id == n.HostId))),
            Containers = shown.Containers.AddRange(removedContainers.Where(c => shown.Hosts.Any(h => h.Id == c.HostId))),
        });
        return new MapChanges(since, drawn, marks.ToImmutable());
    }

    /// <summary>Sets each drawn node's mark (none when <paramref name="changes"/> is null); refreshes only those that changed.</summary>
    public static void Mark(MapDiagramSync sync, MapChanges? changes)
    {
        foreach (var node in sync.Nodes.Values)
        {
            var mark = changes?.Marks.GetValueOrDefault(node.Id)
                       ?? (node.Node.Kind == MapNodeKind.CollapsedNetwork && changes is not null
                           ? changes.Marks.GetValueOrDefault(TopologyGraphBuilder.NetworkNodeId(node.Node.HostId, node.Node.RefId))
                           : null);
            if (node.ChangeMark != mark)
            {
                node.ChangeMark = mark;
                node.Refresh();
            }
        }
    }
}
