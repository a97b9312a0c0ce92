using System.Diagnostics;
using Blazor.Diagrams;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>The drawn node or link a selection names (none when it is not drawn).</summary>
public readonly record struct MapSelected(MapNode? Node, MapEdge? Edge, string? EdgeHostId);

/// <summary>
/// The snapshot → diagram pipeline: filter the snapshot with the view's choices, project it onto a graph, choose the
/// columns, lay it out with the view's previous layout state (so nothing else moves when a container comes or goes, and
/// hidden containers come back where they were) — graph and layout shared by every circuit with the same view of the
/// same snapshot (<see cref="MapProjectionCache"/>) — sync this circuit's diagram in place (<see cref="MapDiagramSync"/>)
/// and mark the highlights. It also makes a deep link's target drawable (expanding, clearing filters) before it is shown.
/// </summary>
public sealed class MapDrawing(BlazorDiagram diagram, MapViewState view, MapProjectionCache projections, ILogger logger)
{
    /// <summary>Above this many nodes, only what is in view is rendered.</summary>
    public const int VirtualizeAbove = 250;

    private TopologySnapshot _filtered = TopologySnapshot.Empty;
    private TopologyGraph _graph = TopologyGraph.Empty;
    private int _columns;
    private int _columnsChosenFor;

    public MapDiagramSync Sync { get; } = new(diagram);

    /// <summary>How the page presents the map (the embed narrows what is drawn).</summary>
    public MapPreset Preset { get; set; } = MapPreset.Interactive;

    /// <summary>Above this many containers a map starts with its projects and services grouped (<c>NetDashboard:Map:GroupAbove</c>).</summary>
    public int GroupAbove { get; set; } = MapOptions.DefaultGroupAbove;

    /// <summary>The snapshot last drawn; null before the first.</summary>
    public TopologySnapshot? Drawn { get; private set; }

    /// <summary>When the last redraw finished (Unix ms), for the root's <c>data-rendered-at</c>.</summary>
    public long RenderedAt { get; private set; }

    /// <summary>What the search matched at the last highlight.</summary>
    public SearchResult Search { get; private set; } = SearchResult.None;

    /// <summary>The preset names a network the last snapshot does not have.</summary>
    public bool NetworkMissing { get; private set; }

    public int ContainerCount => Sync.Nodes.Values.Count(n => n is ContainerNodeModel);

    /// <summary>Projects, lays out and syncs <paramref name="snapshot"/>; <paramref name="refreshPath"/> re-resolves the shown path with it.</summary>
    public void Redraw(TopologySnapshot snapshot, bool refreshPath)
    {
        var started = Stopwatch.GetTimestamp();
        Drawn = snapshot;
        NetworkMissing = Preset.Narrow(view, snapshot);
        view.ApplyDefaults(snapshot, GroupAbove);
        _filtered = view.Filter(snapshot);
        _graph = projections.Graph(snapshot, _filtered, view);
        var built = Stopwatch.GetTimestamp();
        ChooseColumns();
        var layout = projections.Layout(snapshot, _filtered, view, _columns);
        var laidOut = Stopwatch.GetTimestamp();
        var result = Sync.Apply(_graph, layout);
        diagram.Options.Virtualization.Enabled = Sync.Nodes.Count + Sync.Regions.Count > VirtualizeAbove;
        if (refreshPath && view.Reach is { } reach)
        {
            view.Reach = reach.Refresh(snapshot); // the path may have changed with the topology
        }
        Highlight();
        var synced = Stopwatch.GetTimestamp();
        RenderedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug(
                "Map revision {Revision}: build {Build:F1} ms, layout {Layout:F1} ms, sync {Sync:F1} ms ({Added} added, {Removed} removed, {Updated} updated, {Moved} moved); {Nodes} nodes, {Links} links",
                snapshot.Revision, Stopwatch.GetElapsedTime(started, built).TotalMilliseconds, Stopwatch.GetElapsedTime(built, laidOut).TotalMilliseconds,
                Stopwatch.GetElapsedTime(laidOut, synced).TotalMilliseconds, result.Added, result.Removed, result.Updated, result.Moved,
                Sync.Nodes.Count, Sync.Links.Count);
        }
    }

    /// <summary>What is drawn for a selection: its node, or its link with the host of the link's source.</summary>
    public MapSelected Selected(MapSelection? selection) => selection switch
    {
        { IsLink: false } s when Sync.Nodes.TryGetValue(s.Id, out var n) => new(n.Node, null, null),
        { IsLink: true } s when Sync.Links.TryGetValue(s.Id, out var l) => new(null, l.Edge, l.SourceNode.Node.HostId),
        _ => new(null, null, null),
    };

    /// <summary>Marks search matches, the path and the selection on the drawn models.</summary>
    public void Highlight()
    {
        Search = view.Match(_filtered, _graph);
        MapHighlights.Apply(Sync, view, Search);
        MapChanges.Mark(Sync, view.Changes);
    }

    /// <summary>
    /// Finds <paramref name="focus"/> (container first, then network) and makes it drawn: clears the filters, "hide
    /// stopped" or the collapsed networks that hide it. Answers its node id, or null while it is not in the topology.
    /// </summary>
    public string? RevealFocus(TopologySnapshot snapshot, string focus, string? host, bool refreshPath)
    {
        string? nodeId = null;
        if (TopologyLookup.Container(snapshot, focus, host).Matches.FirstOrDefault() is { } container)
        {
            nodeId = TopologyGraphBuilder.ContainerNodeId(container.HostId, container.Id);
            if (!Sync.Nodes.ContainsKey(nodeId))
            {
                view.ClearFilters();
                view.HideStopped = view.HideStopped && container.IsRunning;
                view.Collapsed = view.Collapsed.Except(container.Endpoints.Select(e => e.NetworkId));
                if (MapGroups.KeyOf(container) is { } group)
                {
                    view.CollapsedGroups = view.CollapsedGroups.Remove(group); // the project or service holding it
                }
                if (TopologyRows.Owner(snapshot, container) is { } owner)
                {
                    view.Collapsed = view.Collapsed.Except(owner.Endpoints.Select(e => e.NetworkId));
                }
                Redraw(snapshot, refreshPath);
            }
        }
        else if (TopologyLookup.Network(snapshot, focus, host).Matches.FirstOrDefault() is { } network)
        {
            nodeId = TopologyGraphBuilder.NetworkNodeId(network.HostId, network.Id);
            if (!Sync.Nodes.ContainsKey(nodeId))
            {
                view.ClearFilters();
                Redraw(snapshot, refreshPath);
            }
            if (!Sync.Nodes.ContainsKey(nodeId))
            {
                nodeId = TopologyGraphBuilder.CollapsedNodeId(network.HostId, network.Id);
            }
        }
        return nodeId is not null && Sync.Nodes.ContainsKey(nodeId) ? nodeId : null;
    }

    /// <summary>Makes every element of a resolved path drawable (expanding its networks, showing hidden ends) and highlights it.</summary>
    public void RevealPath(TopologySnapshot snapshot, MapReach reach)
    {
        var expand = reach.NetworksToExpand(snapshot);
        var groups = new[] { reach.From!, reach.To! }.Select(MapGroups.KeyOf).OfType<string>().ToList();
        var redraw = groups.Any(view.CollapsedGroups.Contains);
        view.CollapsedGroups = view.CollapsedGroups.Except(groups);
        if (view.Collapsed.Overlaps(expand))
        {
            view.Collapsed = view.Collapsed.Except(expand);
            redraw = true;
        }
        var ends = new[] { reach.From!, reach.To! }.Select(c => TopologyGraphBuilder.ContainerNodeId(c.HostId, c.Id)).ToList();
        if (redraw)
        {
            Redraw(snapshot, refreshPath: true);
        }
        if (ends.Any(id => !Sync.Nodes.ContainsKey(id)))
        {
            // Hidden by a filter or "hide stopped": show them.
            view.ClearFilters();
            view.HideStopped = view.HideStopped && reach.From!.IsRunning && reach.To!.IsRunning;
            Redraw(snapshot, refreshPath: true);
        }
        else if (!redraw)
        {
            Highlight();
        }
    }

    /// <summary>
    /// Picks how many columns of regions fit the canvas best (the largest zoom-to-fit), once the canvas size is known,
    /// and again only when the number of regions doubles or halves: columns never change for a container coming or going.
    /// </summary>
    private void ChooseColumns()
    {
        if (diagram.Container is not { Width: > 0, Height: > 0 } container || _graph.Regions.IsEmpty)
        {
            return;
        }
        var regions = _graph.Regions.GroupBy(g => g.HostId).Max(g => g.Count());
        if (_columns > 0 && regions * 2 > _columnsChosenFor && regions < _columnsChosenFor * 2)
        {
            return;
        }
        var (best, bestZoom) = (0, 0.0);
        for (var columns = 1; columns <= Math.Min(5, regions); columns++)
        {
            var bounds = MapLayout.Compute(_graph, MapLayoutState.Empty, columns).Bounds;
            var zoom = Math.Min(container.Width / (bounds.Width + 48), container.Height / (bounds.Height + 48));
            if (zoom > bestZoom * 1.02)
            {
                (best, bestZoom) = (columns, zoom);
            }
        }
        _columns = best; // a new arrangement starts its own layout lineage (nothing to keep in place yet)
        _columnsChosenFor = regions;
    }
}
