using Blazor.Diagrams;
using Blazor.Diagrams.Core.Geometry;
using NetDashboard.Core.Map;

namespace NetDashboard.Components.Map;

/// <summary>What one sync did to the diagram.</summary>
public readonly record struct MapSyncResult(int Added, int Removed, int Updated, int Moved)
{
    public bool Changed => Added + Removed + Updated + Moved > 0;
}

/// <summary>
/// Brings a <see cref="BlazorDiagram"/> to a graph and its layout IN PLACE: only the regions, nodes and links that
/// came or went are added or removed; a node whose look changed is refreshed, one whose place changed is moved; every
/// other model instance (and so its DOM) stays as it was. All of it happens in one <c>Diagram.Batch</c>, and nothing in
/// the batch throws (the batch has no try/finally).
/// </summary>
public sealed class MapDiagramSync(BlazorDiagram diagram)
{
    private readonly Dictionary<string, RegionNodeModel> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapNodeModel> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapLinkModel> _links = new(StringComparer.Ordinal);

    public BlazorDiagram Diagram { get; } = diagram;

    public IReadOnlyDictionary<string, MapNodeModel> Nodes => _nodes;

    public IReadOnlyDictionary<string, MapLinkModel> Links => _links;

    public IReadOnlyDictionary<string, RegionNodeModel> Regions => _regions;

    public MapSyncResult Apply(TopologyGraph graph, MapLayoutResult layout)
    {
        // Everything that can fail (lookups, model construction) happens before the batch.
        var plan = Plan(graph, layout);
        var result = default(MapSyncResult);
        Diagram.Batch(() => result = Execute(plan, layout));
        return result;
    }

    private sealed record SyncPlan(
        List<MapLinkModel> RemoveLinks,
        List<MapNodeModel> RemoveNodes,
        List<RegionNodeModel> RemoveRegions,
        List<RegionNodeModel> AddRegions,
        List<MapNodeModel> AddNodes,
        List<(MapNodeModel Model, MapNode Node, MapPoint Position, bool Look, bool Move)> UpdateNodes,
        List<(RegionNodeModel Model, MapRegion Group, MapRect Rect, bool Look, bool Move)> UpdateRegions,
        List<(MapLinkModel Model, MapEdge Edge)> UpdateLinks,
        List<MapEdge> AddLinks);

    private SyncPlan Plan(TopologyGraph graph, MapLayoutResult layout)
    {
        var plan = new SyncPlan([], [], [], [], [], [], [], [], []);

        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in graph.Regions)
        {
            if (!layout.Regions.TryGetValue(group.Id, out var rect) || !groupIds.Add(group.Id))
            {
                continue;
            }
            if (_regions.TryGetValue(group.Id, out var region))
            {
                var look = !MapLook.Same(region.Region, group);
                var move = region.Position.X != rect.X || region.Position.Y != rect.Y
                           || region.Size is null || region.Size.Width != rect.Width || region.Size.Height != rect.Height;
                if (look || move)
                {
                    plan.UpdateRegions.Add((region, group, rect, look, move));
                }
            }
            else
            {
                plan.AddRegions.Add(new RegionNodeModel(group, rect));
            }
        }
        plan.RemoveRegions.AddRange(_regions.Values.Where(r => !groupIds.Contains(r.Id)));

        var nodeIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            if (!layout.Nodes.TryGetValue(node.Id, out var position) || !nodeIds.Add(node.Id))
            {
                continue;
            }
            if (_nodes.TryGetValue(node.Id, out var model) && model.Node.Kind == node.Kind)
            {
                var look = !MapLook.Same(model.Node, node);
                var move = model.Position.X != position.X || model.Position.Y != position.Y;
                if (look || move)
                {
                    plan.UpdateNodes.Add((model, node, position, look, move));
                }
            }
            else
            {
                if (model is not null)
                {
                    plan.RemoveNodes.Add(model); // its kind changed (a network got or lost its bridge)
                }
                plan.AddNodes.Add(MapNodeModel.Create(node, position));
            }
        }
        plan.RemoveNodes.AddRange(_nodes.Values.Where(n => !nodeIds.Contains(n.Id)));
        var removedNodes = plan.RemoveNodes.ToHashSet();

        var edgeIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edge in graph.Edges)
        {
            if (!nodeIds.Contains(edge.SourceId) || !nodeIds.Contains(edge.TargetId) || edge.SourceId == edge.TargetId || !edgeIds.Add(edge.Id))
            {
                continue;
            }
            if (_links.TryGetValue(edge.Id, out var link))
            {
                var rewired = link.Edge.SourceId != edge.SourceId || link.Edge.TargetId != edge.TargetId
                              || removedNodes.Contains(link.SourceNode) || removedNodes.Contains(link.TargetNode);
                if (rewired)
                {
                    plan.RemoveLinks.Add(link);
                    plan.AddLinks.Add(edge);
                }
                else if (!MapLook.Same(link.Edge, edge))
                {
                    plan.UpdateLinks.Add((link, edge));
                }
            }
            else
            {
                plan.AddLinks.Add(edge);
            }
        }
        plan.RemoveLinks.AddRange(_links.Values.Where(l => !edgeIds.Contains(l.Id)));
        return plan;
    }

    private MapSyncResult Execute(SyncPlan plan, MapLayoutResult layout)
    {
        int added = 0, removed = 0, updated = 0, moved = 0;

        foreach (var link in plan.RemoveLinks.Distinct())
        {
            _links.Remove(link.Id);
            Diagram.Links.Remove(link);
            removed++;
        }
        foreach (var node in plan.RemoveNodes.Distinct())
        {
            // Removing a node also removes its links from the diagram; forget those too.
            foreach (var link in node.Links.OfType<MapLinkModel>().ToList())
            {
                if (_links.TryGetValue(link.Id, out var known) && ReferenceEquals(known, link))
                {
                    _links.Remove(link.Id);
                }
            }
            if (_nodes.TryGetValue(node.Id, out var known2) && ReferenceEquals(known2, node))
            {
                _nodes.Remove(node.Id);
            }
            Diagram.Nodes.Remove(node);
            removed++;
        }
        foreach (var region in plan.RemoveRegions)
        {
            _regions.Remove(region.Id);
            Diagram.Nodes.Remove(region);
            removed++;
        }

        foreach (var (model, group, rect, look, move) in plan.UpdateRegions)
        {
            model.Region = group;
            model.Title = group.Label;
            if (move)
            {
                model.Size = new Size(rect.Width, rect.Height);
                model.SetPosition(rect.X, rect.Y);
                moved++;
            }
            else
            {
                model.Refresh();
            }
            if (look)
            {
                updated++;
            }
        }
        foreach (var region in plan.AddRegions)
        {
            _regions[region.Id] = region;
            Diagram.Nodes.Add(region);
            Diagram.SendToBack(region); // regions are drawn first: behind the links in the SVG layer
            added++;
        }

        foreach (var (model, node, position, look, move) in plan.UpdateNodes)
        {
            model.Node = node;
            model.Title = node.Label;
            if (move)
            {
                model.SetPosition(position.X, position.Y); // refreshes the node and re-routes its links
                moved++;
            }
            else
            {
                model.Refresh();
            }
            if (look)
            {
                updated++;
            }
        }
        foreach (var node in plan.AddNodes)
        {
            _nodes[node.Id] = node;
            added++;
        }
        Diagram.Nodes.Add(plan.AddNodes);

        foreach (var (model, edge) in plan.UpdateLinks)
        {
            model.Edge = edge;
            SetLabels(model);
            updated++;
        }
        var newLinks = new List<MapLinkModel>(plan.AddLinks.Count);
        foreach (var edge in plan.AddLinks)
        {
            if (_nodes.TryGetValue(edge.SourceId, out var source) && _nodes.TryGetValue(edge.TargetId, out var target))
            {
                var link = new MapLinkModel(edge, source, target);
                SetLabels(link);
                _links[link.Id] = link;
                newLinks.Add(link);
                added++;
            }
        }

        // Routes and label places depend on every link and the final positions: plan them, then add and re-route.
        var shifted = new HashSet<MapLinkModel>();
        MapRouting.Plan(_links.Values, _nodes.Values, layout, shifted);
        Diagram.Links.Add(newLinks); // adding routes them
        var fresh = newLinks.ToHashSet();
        foreach (var link in shifted.Concat(plan.UpdateLinks.Select(u => u.Model)).Distinct())
        {
            if (!fresh.Contains(link) && link.Diagram is not null)
            {
                link.Refresh();
            }
        }
        return new MapSyncResult(added, removed, updated, moved);
    }

    private static void SetLabels(MapLinkModel link)
    {
        link.Labels.Clear();
        var edge = link.Edge;
        var (text, detail) = edge.Kind switch
        {
            MapEdgeKind.PublishedPort => MapText.PortLabel(edge.Label),
            MapEdgeKind.Uplink => (null, null), // the bridge node shows its name and gateway; the panel the rest
            _ => (edge.Label, edge.Detail),
        };
        if (text is not null)
        {
            link.Labels.Add(new MapLinkLabelModel(link, text, detail, null));
        }
    }
}
