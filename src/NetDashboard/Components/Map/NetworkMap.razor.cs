using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Blazor.Diagrams;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Events;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using NetDashboard.Components.Live;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>
/// The live network map. On every (throttled) snapshot it projects the filtered topology onto a graph, lays it out
/// with the previous layout state (so nothing else moves when a container comes or goes) and syncs the diagram in
/// place (<see cref="MapDiagramSync"/>). The user's pan and zoom are kept; the search only re-highlights.
/// The root carries <c>data-revision</c> and <c>data-rendered-at</c> (Unix ms) so a test knows what is drawn.
/// <para>
/// Every change to the diagram is made while the map itself renders (<see cref="FlushDiagram"/>): the node, link and
/// canvas re-renders it causes then join the same render batch, so the browser gets one DOM update per change, never a
/// node moved in one message and its links in the next. Callers only say what is needed and call StateHasChanged.
/// </para>
/// </summary>
public partial class NetworkMap : TopologyComponentBase, IAsyncDisposable
{
    /// <summary>Below this zoom the link labels are hidden (unreadable anyway, and they clutter).</summary>
    public const double FarZoom = 0.45;

    /// <summary>Above this many nodes, only what is in view is rendered.</summary>
    public const int VirtualizeAbove = 250;

    private const double PanelWidth = 460;

    private readonly MapViewState _view = new();
    private MapDiagramSync _sync = null!;
    private MapContext _context = null!;
    private TopologySnapshot? _drawn;
    private TopologySnapshot _filtered = TopologySnapshot.Empty;
    private TopologyGraph _graph = TopologyGraph.Empty;
    private MapLayoutState _layoutState = MapLayoutState.Empty;
    private SearchResult _search = SearchResult.None;
    private long _drawnRevision;
    private long _renderedAt;
    private bool _zoomFar;
    private bool _legendOpen;
    private bool _largeNoteDismissed;
    private bool _fitted;
    private bool _redrawNeeded;
    private bool _highlightsNeeded;
    private bool _fitNeeded;
    private int _columns;
    private int _columnsChosenFor;
    private string? _appliedFocus;
    private string? _pendingFocus;
    private bool _centerPending;
    private string? _writtenFocus;
    private (string? From, string? To) _appliedReach;
    private (string From, string To)? _pendingReach;
    private (string? From, string? To) _writtenReach;
    private bool _reachFitPending;
    private ElementReference _root;
    private ElementReference _stage;
    private CanvasState _canvas = CanvasState.Probing;

    private enum CanvasState
    {
        /// <summary>Prerendering, or the first interactive render: the diagram script is not checked yet.</summary>
        Probing,
        Ready,
        /// <summary>The diagram script did not answer (not loaded): the canvas would fail, so it is not drawn.</summary>
        ScriptMissing,
    }
    private MapBrowser? _browser;
    private DotNetObjectReference<NetworkMap>? _self;

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required ILogger<NetworkMap> Logger { get; init; }

    /// <summary>A container or network (name, id or id prefix) to select and centre: the <c>?focus=</c> deep link.</summary>
    [Parameter] public string? Focus { get; set; }

    /// <summary>Narrows <see cref="Focus"/> to one host.</summary>
    [Parameter] public string? FocusHost { get; set; }

    /// <summary>The source of the path to highlight (name, id or id prefix): the <c>?from=</c> deep link, with <see cref="ReachTo"/>.</summary>
    [Parameter] public string? ReachFrom { get; set; }

    /// <summary>The target of the path to highlight: <c>?to=</c>.</summary>
    [Parameter] public string? ReachTo { get; set; }

    /// <summary>"all": start with every network expanded (<c>/?expand=all</c>).</summary>
    [Parameter] public string? ExpandQuery { get; set; }

    /// <summary>The wiki embed: no toolbar, no side panel, no URL writes — a read-only live picture.</summary>
    [Parameter] public bool Embedded { get; set; }

    /// <summary>Embed only: the network (name or id) to draw with what is attached to it; null for all.</summary>
    [Parameter] public string? EmbedNetwork { get; set; }

    /// <summary>Embed only: the host to draw; null for all.</summary>
    [Parameter] public string? EmbedHost { get; set; }

    /// <summary>Shows the legend from the start (the embed's <c>legend=1</c>).</summary>
    [Parameter] public bool ShowLegend { get; set; }

    /// <summary>Embed only: true when <see cref="EmbedNetwork"/> names no network (yet).</summary>
    private bool EmbedNetworkMissing { get; set; }

    public BlazorDiagram Diagram { get; private set; } = null!;

    /// <summary>The diagram's models by map id (for tests and tools).</summary>
    public MapDiagramSync Sync => _sync;

    public MapViewState View => _view;

    /// <summary>What the last sync did.</summary>
    public MapSyncResult LastSync { get; private set; }

    private int ContainerNodeCount => _sync.Nodes.Values.Count(n => n is ContainerNodeModel);

    private MapNode? SelectedNode => _view.Selection is { IsLink: false } s && _sync.Nodes.TryGetValue(s.Id, out var n) ? n.Node : null;

    private MapEdge? SelectedEdge => _view.Selection is { IsLink: true } s && _sync.Links.TryGetValue(s.Id, out var l) ? l.Edge : null;

    private string? SelectedEdgeHost => _view.Selection is { IsLink: true } s && _sync.Links.TryGetValue(s.Id, out var l) ? l.SourceNode.Node.HostId : null;

    private bool SelectedNetworkCollapsed => SelectedNode is { } n && n.Kind is not (MapNodeKind.Container or MapNodeKind.Host) && _view.Collapsed.Contains(n.RefId);

    protected override void OnInitialized()
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = false,
            AllowPanning = true,
        };
        options.Zoom.Minimum = 0.05;
        options.Zoom.Maximum = 2.5;
        options.Zoom.ScaleFactor = 1.08;
        options.Zoom.Inverse = true; // wheel up zooms in, like every map
        options.Virtualization.OnNodes = true;
        options.Virtualization.OnLinks = true;
        // Only the behaviours a read-only map needs: no dragging, no new links, no Delete key, no library selection.
        Diagram = new BlazorDiagram(options, registerDefaultBehaviors: false);
        Diagram.RegisterBehavior(new PanBehavior(Diagram));
        Diagram.RegisterBehavior(new ZoomBehavior(Diagram));
        Diagram.RegisterBehavior(new EventsBehavior(Diagram));
        Diagram.RegisterBehavior(new VirtualizationBehavior(Diagram));
        Diagram.RegisterComponent<HostNodeModel, HostNodeWidget>();
        Diagram.RegisterComponent<BridgeNodeModel, BridgeNodeWidget>();
        Diagram.RegisterComponent<NetworkNodeModel, NetworkNodeWidget>();
        Diagram.RegisterComponent<ContainerNodeModel, ContainerNodeWidget>();
        Diagram.RegisterComponent<CollapsedNodeModel, CollapsedNodeWidget>();
        Diagram.RegisterComponent<RegionNodeModel, RegionWidget>();
        Diagram.RegisterComponent<MapLinkModel, MapLinkWidget>();
        Diagram.PointerClick += OnPointerClick;
        Diagram.ContainerChanged += OnContainerChanged;
        Diagram.ZoomChanged += OnZoomChanged;
        _sync = new MapDiagramSync(Diagram);
        _context = new MapContext(ToggleCollapsedAsync);
        _legendOpen = ShowLegend;
        base.OnInitialized();
    }

    protected override void OnParametersSet()
    {
        base.OnParametersSet();
        if (Focus != _appliedFocus)
        {
            _appliedFocus = Focus;
            if (!string.IsNullOrWhiteSpace(Focus) && Focus != _writtenFocus)
            {
                _pendingFocus = Focus;
            }
        }
        var reach = (Blank(ReachFrom), Blank(ReachTo));
        if (reach != _appliedReach && !Embedded)
        {
            _appliedReach = reach;
            if (reach != _writtenReach)
            {
                if (reach is ({ } from, { } to))
                {
                    _pendingReach = (from, to);
                }
                else if (_view.Reach is not null)
                {
                    _pendingReach = null;
                    _view.Reach = null; // the URL lost its pair (back button): drop the path
                    _highlightsNeeded = true;
                }
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    protected override void OnSnapshotChanged()
    {
        if (!ReferenceEquals(Snapshot, _drawn))
        {
            _redrawNeeded = true;
        }
    }

    /// <summary>Applies what is pending to the diagram; called at the start of the map's own render.</summary>
    private void FlushDiagram()
    {
        if (_redrawNeeded)
        {
            _redrawNeeded = false;
            _highlightsNeeded = false;
            Redraw();
        }
        if (_highlightsNeeded)
        {
            _highlightsNeeded = false;
            ApplyHighlights();
        }
        if (_fitNeeded && Diagram.Container is not null)
        {
            _fitNeeded = false;
            Fit();
            _reachFitPending |= _view.Reach is { Resolved: true }; // a highlighted path keeps the zoom on itself
        }
        if (_pendingFocus is not null)
        {
            TryApplyFocus();
        }
        if (_pendingReach is not null)
        {
            TryApplyReach();
        }
        if (_reachFitPending && Diagram.Container is not null)
        {
            _reachFitPending = false;
            FitReach();
        }
        if (_centerPending && Diagram.Container is not null)
        {
            _centerPending = false;
            CenterOnSelection();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            // The canvas needs Z.Blazor.Diagrams' script (its size, resize observers): check it answers before drawing.
            try
            {
                var rect = await JS.InvokeAsync<Blazor.Diagrams.Core.Geometry.Rectangle?>("ZBlazorDiagrams.getBoundingClientRect", _stage);
                _canvas = rect is null ? CanvasState.ScriptMissing : CanvasState.Ready;
                if (rect is not null)
                {
                    // The canvas fills the stage: lay out and fit for its size before its first render, so the map
                    // appears where it stays (the canvas reports its exact size right after).
                    Diagram.SetContainer(rect);
                }
            }
            catch (JSException ex)
            {
                Logger.LogWarning(ex, "The map's diagram script did not answer; the map is not drawn.");
                _canvas = CanvasState.ScriptMissing;
            }
            catch (Exception ex) when (ex is JSDisconnectedException or TaskCanceledException or InvalidOperationException)
            {
                return; // the circuit is going away
            }
            StateHasChanged();
            _self = DotNetObjectReference.Create(this);
            _browser = new MapBrowser(JS);
            await _browser.AttachAsync(_root, _self);
        }
    }

    /// <summary>Projects, lays out and syncs the current snapshot with the current view choices.</summary>
    private void Redraw()
    {
        var started = Stopwatch.GetTimestamp();
        _drawn = Snapshot;
        _view.ExpandAll = string.Equals(ExpandQuery, "all", StringComparison.OrdinalIgnoreCase);
        if (Embedded)
        {
            ApplyEmbedFilters();
        }
        _view.ApplyDefaults(Snapshot);
        _filtered = _view.Filter(Snapshot);
        _graph = TopologyGraphBuilder.Build(_filtered, _view.Options);
        var built = Stopwatch.GetTimestamp();
        ChooseColumns();
        var layout = MapLayout.Compute(_graph, _layoutState, _columns);
        _layoutState = Remember(_layoutState, layout.State, Snapshot);
        var laidOut = Stopwatch.GetTimestamp();
        LastSync = _sync.Apply(_graph, layout);
        Diagram.Options.Virtualization.Enabled = _sync.Nodes.Count + _sync.Regions.Count > VirtualizeAbove;
        if (_view.Reach is { } reach && _pendingReach is null)
        {
            _view.Reach = reach.Refresh(Snapshot); // the path may have changed with the topology
        }
        ApplyHighlights();
        var synced = Stopwatch.GetTimestamp();
        _drawnRevision = Snapshot.Revision;
        _renderedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            Logger.LogDebug(
                "Map revision {Revision}: build {Build:F1} ms, layout {Layout:F1} ms, sync {Sync:F1} ms ({Added} added, {Removed} removed, {Updated} updated, {Moved} moved); {Nodes} nodes, {Links} links",
                Snapshot.Revision, Stopwatch.GetElapsedTime(started, built).TotalMilliseconds, Stopwatch.GetElapsedTime(built, laidOut).TotalMilliseconds,
                Stopwatch.GetElapsedTime(laidOut, synced).TotalMilliseconds, LastSync.Added, LastSync.Removed, LastSync.Updated, LastSync.Moved,
                _sync.Nodes.Count, _sync.Links.Count);
        }
    }

    /// <summary>
    /// Picks how many columns of regions fit the canvas best (the largest zoom-to-fit), once the canvas size is known,
    /// and again only when the number of regions doubles or halves: columns never change for a container coming or going.
    /// </summary>
    private void ChooseColumns()
    {
        if (Diagram.Container is not { Width: > 0, Height: > 0 } container || _graph.Groups.IsEmpty)
        {
            return;
        }
        var regions = _graph.Groups.GroupBy(g => g.HostId).Max(g => g.Count());
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
        if (best != _columns)
        {
            _columns = best;
            _layoutState = MapLayoutState.Empty; // a new arrangement: nothing to keep in place yet
        }
        _columnsChosenFor = regions;
    }

    /// <summary>
    /// Keeps the places of regions and containers that are hidden for now (filtered, collapsed, stopped) so they come
    /// back where they were; forgets those that are gone from the topology.
    /// </summary>
    private static MapLayoutState Remember(MapLayoutState previous, MapLayoutState current, TopologySnapshot snapshot)
    {
        var containers = snapshot.Containers.Select(c => TopologyGraphBuilder.ContainerNodeId(c.HostId, c.Id)).ToHashSet(StringComparer.Ordinal);
        var regions = snapshot.Networks.Select(n => TopologyGraphBuilder.NetworkGroupId(n.HostId, n.Id))
            .Concat(snapshot.Hosts.SelectMany(h => new[] { TopologyGraphBuilder.HostStackGroupId(h.Id), TopologyGraphBuilder.IsolatedGroupId(h.Id) }))
            .ToHashSet(StringComparer.Ordinal);
        return new MapLayoutState
        {
            Slots = previous.Slots.Where(kv => containers.Contains(kv.Key) && !current.Slots.ContainsKey(kv.Key)).Aggregate(current.Slots, (s, kv) => s.SetItem(kv.Key, kv.Value)),
            Regions = previous.Regions.Where(kv => regions.Contains(kv.Key) && !current.Regions.ContainsKey(kv.Key)).Aggregate(current.Regions, (s, kv) => s.SetItem(kv.Key, kv.Value)),
        };
    }

    /// <summary>
    /// Marks search matches, the reachability path and the selection on the models; refreshes only those whose marks
    /// changed. With a path, what is on it is highlighted and everything else fades (search matches excepted).
    /// </summary>
    private void ApplyHighlights()
    {
        _search = _view.Match(_filtered, _graph);
        var selection = _view.Selection;
        var selectedNode = selection is { IsLink: false } ? selection.Id : null;
        var path = _view.Reach is { Resolved: true } reach ? reach.Elements : null;
        var (fromNode, toNode) = _view.Reach is { From: { } f, To: { } t }
            ? (TopologyGraphBuilder.ContainerNodeId(f.HostId, f.Id), TopologyGraphBuilder.ContainerNodeId(t.HostId, t.Id))
            : (null, null);
        var pathGroups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in _sync.Nodes.Values)
        {
            var onPath = path?.Contains(node.Id) == true;
            if (onPath && node.Node.GroupId is { } group)
            {
                pathGroups.Add(group);
            }
            var highlight = path is not null
                ? onPath ? MapHighlight.OnPath : _search.Matches.Contains(node.Id) ? MapHighlight.Match : MapHighlight.Faded
                : !_search.Active ? MapHighlight.None : _search.Matches.Contains(node.Id) ? MapHighlight.Match : MapHighlight.Faded;
            var selected = node.Id == selectedNode;
            var hidden = _search.HiddenMatches.GetValueOrDefault(node.Id);
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
        foreach (var link in _sync.Links.Values)
        {
            var touchesMatch = _search.Matches.Contains(link.Edge.SourceId) || _search.Matches.Contains(link.Edge.TargetId);
            var highlight = path is not null
                ? path.Contains(link.Id) ? MapHighlight.OnPath : MapHighlight.Faded
                : !_search.Active ? MapHighlight.None : touchesMatch ? MapHighlight.None : MapHighlight.Faded;
            var selected = selection is { IsLink: true } ? link.Id == selection.Id
                : selectedNode is not null && (link.Edge.SourceId == selectedNode || link.Edge.TargetId == selectedNode);
            if (link.Highlight != highlight || link.IsSelected != selected)
            {
                link.Highlight = highlight;
                link.IsSelected = selected;
                link.Refresh();
            }
        }
        foreach (var region in _sync.Regions.Values)
        {
            var highlight = path is not null && !pathGroups.Contains(region.Id) ? MapHighlight.Faded : MapHighlight.None;
            if (region.Highlight != highlight)
            {
                region.Highlight = highlight;
                region.Refresh();
            }
        }
    }

    private void OnPointerClick(Model? model, PointerEventArgs e)
    {
        switch (model)
        {
            case CollapsedNodeModel collapsed:
                Expand(collapsed.Node.RefId, collapsed.Node.HostId);
                break;
            case MapNodeModel node:
                Select(new MapSelection(node.Id, false));
                EnsureVisible(node.GetBounds());
                break;
            case MapLinkModel link:
                Select(new MapSelection(link.Id, true));
                break;
            case RegionNodeModel region when region.Region.NetworkId is { } networkId:
                var id = TopologyGraphBuilder.NetworkNodeId(region.Region.HostId, networkId);
                if (_sync.Nodes.ContainsKey(id))
                {
                    Select(new MapSelection(id, false));
                }
                break;
        }
    }

    /// <summary>The embed's network and host narrow what is drawn; a network not (yet) there draws nothing.</summary>
    private void ApplyEmbedFilters()
    {
        _view.HostId = string.IsNullOrWhiteSpace(EmbedHost) ? null : EmbedHost;
        if (string.IsNullOrWhiteSpace(EmbedNetwork))
        {
            EmbedNetworkMissing = false;
            return;
        }
        var network = TopologyLookup.Network(Snapshot, EmbedNetwork, _view.HostId).Matches.FirstOrDefault();
        EmbedNetworkMissing = network is null;
        _view.Networks = network is null ? ["\0none"] : [network.Id];
    }

    private void Select(MapSelection? selection)
    {
        if (Embedded)
        {
            return; // read-only: nothing to select, no panel, nothing written to the host page's URL
        }
        _view.Selection = selection;
        _highlightsNeeded = true;
        WriteFocus();
        StateHasChanged();
    }

    /// <summary>Expands a collapsed network and selects it (its bridge or network node).</summary>
    private void Expand(string networkId, string hostId)
    {
        _view.Collapsed = _view.Collapsed.Remove(networkId);
        Redraw();
        var id = TopologyGraphBuilder.NetworkNodeId(hostId, networkId);
        Select(_sync.Nodes.ContainsKey(id) ? new MapSelection(id, false) : null);
    }

    private Task ToggleCollapsedAsync(string networkId)
    {
        _view.ToggleCollapsed(networkId);
        _redrawNeeded = true;
        StateHasChanged();
        return Task.CompletedTask;
    }

    private Task OnSearchChangedAsync()
    {
        _highlightsNeeded = true;
        return Task.CompletedTask;
    }

    private Task OnFiltersChangedAsync()
    {
        _redrawNeeded = true;
        _fitNeeded = true;
        return Task.CompletedTask;
    }

    private Task ClosePanelAsync()
    {
        Select(null);
        return Task.CompletedTask;
    }

    private void ToggleLegend() => _legendOpen = !_legendOpen;

    /// <summary>The shortcuts from map.js: Escape, f, +, -.</summary>
    [JSInvokable]
    public Task OnShortcut(string key) => InvokeAsync(() =>
    {
        switch (key)
        {
            case "Escape":
                _view.Search = "";
                _view.Selection = null;
                _view.Reach = null;
                _pendingReach = null;
                _reachFitPending = false;
                _highlightsNeeded = true;
                WriteFocus(); // one URL for both: no focus, no pair
                WriteReach(); // (only when WriteFocus had nothing to write)
                break;
            case "f":
                _fitNeeded = true;
                break;
            case "+":
                ZoomBy(1.25);
                break;
            case "-":
                ZoomBy(0.8);
                break;
        }
        StateHasChanged();
    });

    /// <summary>Zooms so the whole drawing fits the canvas (never above 1.2×), centred.</summary>
    public void Fit()
    {
        if (Diagram.Container is not { Width: > 0, Height: > 0 })
        {
            return;
        }
        var boxes = _sync.Regions.Values.Cast<Blazor.Diagrams.Core.Models.NodeModel>().Concat(_sync.Nodes.Values)
            .Select(n => n.GetBounds()).OfType<Blazor.Diagrams.Core.Geometry.Rectangle>()
            .Concat(_sync.Links.Values.SelectMany(l => l.RoutePoints).Select(p => new Blazor.Diagrams.Core.Geometry.Rectangle(p.X, p.Y, p.X, p.Y)))
            .ToList();
        FitBoxes(boxes, 1.2, 0);
    }

    /// <summary>Zooms (at most <paramref name="maxZoom"/>) and pans so the boxes fill the canvas left of <paramref name="reserveRight"/> pixels.</summary>
    private void FitBoxes(List<Blazor.Diagrams.Core.Geometry.Rectangle> boxes, double maxZoom, double reserveRight)
    {
        if (boxes.Count == 0 || Diagram.Container is not { } container || container.Width <= 0 || container.Height <= 0)
        {
            return;
        }
        const double margin = 24;
        var width = Math.Max(container.Width / 2, container.Width - Math.Min(reserveRight, container.Width / 2));
        var (left, top) = (boxes.Min(b => b.Left) - margin, boxes.Min(b => b.Top) - margin);
        var (right, bottom) = (boxes.Max(b => b.Right) + margin, boxes.Max(b => b.Bottom) + margin);
        var zoom = Math.Clamp(Math.Min(width / (right - left), container.Height / (bottom - top)), Diagram.Options.Zoom.Minimum, maxZoom);
        var panX = (width - (right - left) * zoom) / 2 - left * zoom;
        var panY = (container.Height - (bottom - top) * zoom) / 2 - top * zoom;
        SetView(zoom, panX, panY);
    }

    private void ZoomBy(double factor)
    {
        if (Diagram.Container is not { } container)
        {
            return;
        }
        var zoom = Math.Clamp(Diagram.Zoom * factor, Diagram.Options.Zoom.Minimum, Diagram.Options.Zoom.Maximum);
        // Keep the canvas centre where it is.
        var (cx, cy) = (container.Width / 2, container.Height / 2);
        var panX = cx - (cx - Diagram.Pan.X) * zoom / Diagram.Zoom;
        var panY = cy - (cy - Diagram.Pan.Y) * zoom / Diagram.Zoom;
        SetView(zoom, panX, panY);
    }

    private void CenterOnSelection()
    {
        Blazor.Diagrams.Core.Geometry.Rectangle? bounds = _view.Selection switch
        {
            { IsLink: false } s when _sync.Nodes.TryGetValue(s.Id, out var n) => n.GetBounds(),
            { IsLink: true } s when _sync.Links.TryGetValue(s.Id, out var l) => l.GetBounds(),
            _ => null,
        };
        if (bounds is null || Diagram.Container is not { } container)
        {
            return;
        }
        var zoom = Math.Max(Diagram.Zoom, 0.8);
        var visibleWidth = container.Width - (_view.Selection is null ? 0 : Math.Min(PanelWidth, container.Width / 2));
        SetView(zoom, visibleWidth / 2 - bounds.Center.X * zoom, container.Height / 2 - bounds.Center.Y * zoom);
    }

    /// <summary>Pans just enough that the box is not hidden under the side panel.</summary>
    private void EnsureVisible(Blazor.Diagrams.Core.Geometry.Rectangle? box)
    {
        if (box is null || Diagram.Container is not { } container)
        {
            return;
        }
        var visibleRight = container.Width - Math.Min(PanelWidth, container.Width / 2) - 24;
        var right = box.Right * Diagram.Zoom + Diagram.Pan.X;
        var left = box.Left * Diagram.Zoom + Diagram.Pan.X;
        if (right > visibleRight && left - (right - visibleRight) > 0)
        {
            SetView(Diagram.Zoom, Diagram.Pan.X - (right - visibleRight), Diagram.Pan.Y);
        }
    }

    private void SetView(double zoom, double panX, double panY) =>
        Diagram.Batch(() =>
        {
            Diagram.SetZoom(zoom);
            Diagram.SetPan(panX, panY);
        });

    // The canvas reports its size from an async JS call: handle it on the renderer's dispatcher, like everything else.
    private void OnContainerChanged() => _ = InvokeAsync(HandleContainerChanged);

    private void HandleContainerChanged()
    {
        if (!_fitted && Diagram.Container is { Width: > 0, Height: > 0 })
        {
            _fitted = true;
            _redrawNeeded = true; // now that the canvas size is known, with the columns that fit it best
            _fitNeeded = true;
        }
        StateHasChanged();
    }

    private void OnZoomChanged()
    {
        var far = Diagram.Zoom < FarZoom;
        if (far != _zoomFar)
        {
            _zoomFar = far;
            _ = InvokeAsync(StateHasChanged);
        }
    }

    /// <summary>Resolves <c>?focus=</c> (container first, then network), expands what hides it, selects and centres it.</summary>
    private void TryApplyFocus()
    {
        if (_pendingFocus is not { } focus || Snapshot.Hosts.IsEmpty)
        {
            return;
        }
        var host = string.IsNullOrWhiteSpace(FocusHost) ? null : FocusHost;
        string? nodeId = null;
        if (TopologyLookup.Container(Snapshot, focus, host).Matches.FirstOrDefault() is { } container)
        {
            nodeId = TopologyGraphBuilder.ContainerNodeId(container.HostId, container.Id);
            if (!_sync.Nodes.ContainsKey(nodeId))
            {
                // Hidden by a filter, "hide stopped" or a collapsed network: show it.
                _view.ClearFilters();
                _view.HideStopped = _view.HideStopped && container.IsRunning;
                _view.Collapsed = _view.Collapsed.Except(container.Endpoints.Select(e => e.NetworkId));
                if (TopologyRows.Owner(Snapshot, container) is { } owner)
                {
                    _view.Collapsed = _view.Collapsed.Except(owner.Endpoints.Select(e => e.NetworkId));
                }
                Redraw();
            }
        }
        else if (TopologyLookup.Network(Snapshot, focus, host).Matches.FirstOrDefault() is { } network)
        {
            nodeId = TopologyGraphBuilder.NetworkNodeId(network.HostId, network.Id);
            if (!_sync.Nodes.ContainsKey(nodeId))
            {
                _view.ClearFilters();
                Redraw();
            }
            if (!_sync.Nodes.ContainsKey(nodeId))
            {
                nodeId = TopologyGraphBuilder.CollapsedNodeId(network.HostId, network.Id);
            }
        }
        if (nodeId is null || !_sync.Nodes.ContainsKey(nodeId))
        {
            return; // not (yet) in the topology: try again with the next snapshot
        }
        _pendingFocus = null;
        _writtenFocus = focus;
        _view.Selection = new MapSelection(nodeId, false);
        ApplyHighlights();
        if (Diagram.Container is null)
        {
            _centerPending = true;
        }
        else
        {
            CenterOnSelection();
        }
    }

    /// <summary>
    /// Resolves <c>?from=&amp;to=</c>: finds both containers, expands the collapsed networks on the path (and clears the
    /// filters if they hide an end), highlights the path and zooms to it. Until both exist the banner says which is
    /// missing, and it is tried again with the next snapshot.
    /// </summary>
    private void TryApplyReach()
    {
        if (_pendingReach is not { } pending || Snapshot.Hosts.IsEmpty)
        {
            return;
        }
        var reach = MapReach.Resolve(Snapshot, pending.From, pending.To, string.IsNullOrWhiteSpace(FocusHost) ? null : FocusHost);
        _view.Reach = reach;
        if (!reach.Resolved)
        {
            ApplyHighlights();
            return; // not (yet) in the topology
        }
        _pendingReach = null;
        ShowReach(reach);
    }

    /// <summary>Makes every element of the path drawable, highlights it and asks for a zoom to it.</summary>
    private void ShowReach(MapReach reach)
    {
        var expand = reach.NetworksToExpand(Snapshot);
        var redraw = false;
        if (_view.Collapsed.Overlaps(expand))
        {
            _view.Collapsed = _view.Collapsed.Except(expand);
            redraw = true;
        }
        var ends = new[] { reach.From!, reach.To! }.Select(c => TopologyGraphBuilder.ContainerNodeId(c.HostId, c.Id)).ToList();
        if (redraw)
        {
            Redraw();
        }
        if (ends.Any(id => !_sync.Nodes.ContainsKey(id)))
        {
            // Hidden by a filter or "hide stopped": show them.
            _view.ClearFilters();
            _view.HideStopped = _view.HideStopped && reach.From!.IsRunning && reach.To!.IsRunning;
            Redraw();
        }
        else if (!redraw)
        {
            ApplyHighlights();
        }
        _reachFitPending = true;
    }

    /// <summary>The side panel's "Reach another container…": the path from the selected container to <paramref name="target"/>.</summary>
    private Task ReachFromSelectionAsync(ContainerInfo target)
    {
        if (SelectedNode is not { Kind: MapNodeKind.Container } node
            || Snapshot.Containers.FirstOrDefault(c => c.HostId == node.HostId && c.Id == node.RefId) is not { } from)
        {
            return Task.CompletedTask;
        }
        _pendingReach = null;
        var reach = MapReach.Resolve(Snapshot, from.Id, target.Id, from.HostId);
        _view.Reach = reach;
        if (reach.Resolved)
        {
            ShowReach(reach);
        }
        WriteReach();
        StateHasChanged();
        return Task.CompletedTask;
    }

    private Task ClearReachAsync()
    {
        ClearReach();
        StateHasChanged();
        return Task.CompletedTask;
    }

    private void ClearReach()
    {
        _pendingReach = null;
        _reachFitPending = false;
        if (_view.Reach is not null)
        {
            _view.Reach = null;
            _highlightsNeeded = true;
        }
        WriteReach();
    }

    /// <summary>Puts the highlighted pair in the URL (<c>/?from=web&amp;to=db</c>, replacing the entry); ids where a name is not unique.</summary>
    private void WriteReach()
    {
        if (Embedded)
        {
            return;
        }
        (string? From, string? To) pair = _view.Reach is { From: { } f, To: { } t } ? (UrlName(f), UrlName(t)) : (null, null);
        if (pair == _appliedReach)
        {
            return; // the URL says so already
        }
        WriteUrl([]);
    }

    private string UrlName(ContainerInfo c) => Snapshot.Containers.Count(x => x.Name == c.Name) == 1 ? c.Name : c.Id;

    /// <summary>Zooms to the highlighted path (never above 1×), leaving room for the side panel when it is open.</summary>
    private void FitReach()
    {
        if (_view.Reach is not { Resolved: true } reach)
        {
            return;
        }
        var boxes = reach.Elements
            .Select(id => _sync.Nodes.TryGetValue(id, out var n) ? n.GetBounds() : null)
            .OfType<Blazor.Diagrams.Core.Geometry.Rectangle>()
            .Concat(reach.Elements.Select(id => _sync.Links.GetValueOrDefault(id)).OfType<MapLinkModel>()
                .SelectMany(l => l.RoutePoints).Select(p => new Blazor.Diagrams.Core.Geometry.Rectangle(p.X, p.Y, p.X, p.Y)))
            .ToList();
        FitBoxes(boxes, 1.0, _view.Selection is null ? 0 : PanelWidth);
    }

    /// <summary>Puts the selected node in the URL (<c>/?focus=name</c>, replacing the entry), so the view can be shared.</summary>
    private void WriteFocus()
    {
        string? focus = null;
        string? hostId = null;
        if (_view.Selection is { IsLink: false } s && _sync.Nodes.TryGetValue(s.Id, out var model))
        {
            var node = model.Node;
            hostId = node.HostId;
            focus = node.Kind switch
            {
                MapNodeKind.Container => node.Label,
                MapNodeKind.Bridge or MapNodeKind.Network or MapNodeKind.CollapsedNetwork =>
                    Snapshot.Networks.FirstOrDefault(n => n.HostId == node.HostId && n.Id == node.RefId)?.Name ?? node.RefId,
                _ => null,
            };
        }
        if (focus == _writtenFocus || (focus is null && Focus is null && _writtenFocus is null))
        {
            return;
        }
        _writtenFocus = focus;
        _appliedFocus = focus;
        WriteUrl(new Dictionary<string, object?>
        {
            ["focus"] = focus,
            ["host"] = focus is not null && Snapshot.Hosts.Length > 1 ? hostId : null,
        });
    }

    /// <summary>
    /// One navigation (replacing the entry) with <paramref name="parameters"/> and the highlighted pair: the URL a handler
    /// leaves is written once, so no intermediate URL can bring back what the handler just cleared.
    /// </summary>
    private void WriteUrl(Dictionary<string, object?> parameters)
    {
        (string? From, string? To) pair = _view.Reach is { From: { } f, To: { } t } ? (UrlName(f), UrlName(t)) : (null, null);
        _writtenReach = pair;
        _appliedReach = pair;
        parameters["from"] = pair.From;
        parameters["to"] = pair.To;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters), replace: true);
    }

    public async ValueTask DisposeAsync()
    {
        Dispose();
        Diagram.PointerClick -= OnPointerClick;
        Diagram.ContainerChanged -= OnContainerChanged;
        Diagram.ZoomChanged -= OnZoomChanged;
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _self?.Dispose();
    }
}
