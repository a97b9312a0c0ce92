using NetDashboard.Core.Map;

namespace NetDashboard.Components.Map;

/// <summary>
/// Marks search matches, the reachability path and the selection on the diagram's models; refreshes only those whose
/// marks changed. With a path, what is on it is highlighted and everything else fades (search matches excepted).
/// </summary>
public static class MapHighlights
{
    public static void Apply(MapDiagramSync sync, MapViewState view, SearchResult search)
    {
        var selection = view.Selection;
        var selectedNode = selection is { IsLink: false } ? selection.Id : null;
        var path = view.Reach is { Resolved: true } reach ? reach.Elements : null;
        var (fromNode, toNode) = view.Reach is { From: { } f, To: { } t }
            ? (TopologyGraphBuilder.ContainerNodeId(f.HostId, f.Id), TopologyGraphBuilder.ContainerNodeId(t.HostId, t.Id))
            : (null, null);
        var pathGroups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in sync.Nodes.Values)
        {
            var onPath = path?.Contains(node.Id) == true;
            if (onPath && node.Node.RegionId is { } group)
            {
                pathGroups.Add(group);
            }
            var highlight = path is not null
                ? onPath ? MapHighlight.OnPath : search.Matches.Contains(node.Id) ? MapHighlight.Match : MapHighlight.Faded
                : !search.Active ? MapHighlight.None : search.Matches.Contains(node.Id) ? MapHighlight.Match : MapHighlight.Faded;
            var selected = node.Id == selectedNode;
            var hidden = search.HiddenMatches.GetValueOrDefault(node.Id);
            var end = node.Id == fromNode ? "from" : node.Id == toNode ? "to" : null;
            if (node.Highlight != highlight || node.IsSelected != selected || node.HiddenMatches != hidden || node.PathEnd != end)
            {
                node.Highlight = highlight;
                node.IsSelected = selected;
                node.HiddenMatches = hidden;
                node.PathEnd = end;
                node.Refresh();
            }
        }
        foreach (var link in sync.Links.Values)
        {
            var touchesMatch = search.Matches.Contains(link.Edge.SourceId) || search.Matches.Contains(link.Edge.TargetId);
            var highlight = path is not null
                ? path.Contains(link.Id) ? MapHighlight.OnPath : MapHighlight.Faded
                : !search.Active ? MapHighlight.None : touchesMatch ? MapHighlight.None : MapHighlight.Faded;
            var selected = selection is { IsLink: true } ? link.Id == selection.Id
                : selectedNode is not null && (link.Edge.SourceId == selectedNode || link.Edge.TargetId == selectedNode);
            if (link.Highlight != highlight || link.IsSelected != selected)
            {
                link.Highlight = highlight;
                link.IsSelected = selected;
                link.Refresh();
            }
        }
        foreach (var region in sync.Regions.Values)
        {
            var highlight = path is not null && !pathGroups.Contains(region.Id) ? MapHighlight.Faded : MapHighlight.None;
            if (region.Highlight != highlight)
            {
                region.Highlight = highlight;
                region.Refresh();
            }
        }
    }
}
