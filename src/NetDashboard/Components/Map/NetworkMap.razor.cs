using Blazor.Diagrams;
using Blazor.Diagrams.Core.Events;
using Blazor.Diagrams.Core.Models.Base;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using NetDashboard.Components.Controls;
using NetDashboard.Components.Live;
using NetDashboard.Configuration;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>
/// The live network map. On every (throttled) snapshot it redraws (<see cref="MapDrawing"/>: filter, graph, layout
/// with the previous layout state so nothing else moves when a container comes or goes, in-place diagram sync). The
/// user's pan and zoom are kept (<see cref="MapViewport"/>); the search only re-highlights; the deep links
/// (<c>?focus=</c>, <c>?from=&amp;to=</c>) go through <see cref="MapDeepLink"/>; <see cref="Preset"/> says how the page
/// presents it (the embed is read-only). The root carries <c>data-revision</c> and <c>data-rendered-at</c> (Unix ms)
/// so a test knows what is drawn.
/// <para>
/// Every change to the diagram is made while the map itself renders (<see cref="FlushDiagram"/>): the node, link and
/// canvas re-renders it causes then join the same render batch, so the browser gets one DOM update per change, never a
/// node moved in one message and its links in the next. Callers only say what is needed and call StateHasChanged.
/// </para>
/// </summary>
public partial class NetworkMap : TopologyComponentBase
{
    /// <summary>Below this zoom the link labels are hidden (unreadable anyway, and they clutter).</summary>
    public const double FarZoom = 0.45;

    private readonly MapViewState _view = new();
    private MapDrawing _drawing = null!;
    private MapViewport _viewport = null!;
    private MapDeepLink _link = null!;
    private MapContext _context = null!;
    private bool _zoomFar;
    private bool _legendOpen;
    private bool _largeNoteDismissed;
    private bool _fitted;
    private bool _redrawNeeded;
    private bool _highlightsNeeded;
    private ElementReference _root;
    private ElementReference _stage;
    private MapCanvasState _canvas = MapCanvasState.Probing;
    private BrowserModule? _browser;
    private bool _shortcutsReady;
    private DotNetObjectReference<NetworkMap>? _self;

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required ILogger<NetworkMap> Logger { get; init; }

    [Inject] public required MapProjectionCache Projections { get; init; }

    [Inject] public required IOptions<MapSizeOptions> Sizes { get; init; }

    /// <summary>A container or network (name, id or id prefix) to select and centre: the <c>?focus=</c> deep link.</summary>
    [Parameter] public string? Focus { get; set; }

    /// <summary>Narrows <see cref="Focus"/> (and the path's ends) to one host.</summary>
    [Parameter] public string? FocusHost { get; set; }

    /// <summary>The source of the path to highlight (name, id or id prefix): the <c>?from=</c> deep link, with <see cref="ReachTo"/>.</summary>
    [Parameter] public string? ReachFrom { get; set; }

    /// <summary>The target of the path to highlight: <c>?to=</c>.</summary>
    [Parameter] public string? ReachTo { get; set; }

    /// <summary>"all": start with every network expanded (<c>/?expand=all</c>).</summary>
    [Parameter] public string? ExpandQuery { get; set; }

    /// <summary>How the page presents the map: <see cref="MapPreset.Interactive"/> (the default) or the read-only embed.</summary>
    [Parameter] public MapPreset Preset { get; set; } = MapPreset.Interactive;

    private BlazorDiagram Diagram { get; set; } = null!;

    private MapDiagramSync Sync => _drawing.Sync;

    private string? Host => string.IsNullOrWhiteSpace(FocusHost) ? null : FocusHost;

    private MapSelected Selected => _drawing.Selected(_view.Selection);

    protected override void OnInitialized()
    {
        Diagram = MapCanvas.Create();
        Diagram.PointerClick += OnPointerClick;
        Diagram.ContainerChanged += OnContainerChanged;
        Diagram.ZoomChanged += OnZoomChanged;
        _drawing = new MapDrawing(Diagram, _view, Projections, Logger) { GroupAbove = Sizes.Value.GroupAbove };
        _viewport = new MapViewport(Diagram, _drawing.Sync);
        _context = new MapContext(ToggleCollapsedAsync, interactive: !Preset.ReadOnly);
        _link = new MapDeepLink(writesUrl: !Preset.ReadOnly);
        _legendOpen = Preset.ShowLegend;
        base.OnInitialized();
    }

    protected override void OnParametersSet()
    {
        base.OnParametersSet();
        _drawing.Preset = Preset;
        _view.ExpandAll = string.Equals(ExpandQuery, "all", StringComparison.OrdinalIgnoreCase);
        if (_link.ParametersSet(Focus, ReachFrom, ReachTo, _view.Reach is not null) is DropPathIntent)
        {
            _view.Reach = null; // the URL lost its pair (back button): drop the path
            _highlightsNeeded = true;
        }
    }

    protected override void OnSnapshotChanged()
    {
        RefreshChanges();
        if (!ReferenceEquals(ToDraw, _drawing.Drawn))
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
            _drawing.Highlight();
        }
        _viewport.ApplyFit(_view);
        foreach (var intent in _link.Pending.ToList())
        {
            Apply(intent);
        }
        _viewport.ApplyRequests(_view);
    }

    private void Redraw() => _drawing.Redraw(ToDraw, refreshPath: !_link.ReachPending);

    /// <summary>Tries a deep link's target on the current topology; until it is there it stays pending.</summary>
    private void Apply(MapLinkIntent intent)
    {
        if (Snapshot.Hosts.IsEmpty)
        {
            return;
        }
        switch (intent)
        {
            case FocusIntent focus when _drawing.RevealFocus(Snapshot, focus.Target, Host, !_link.ReachPending) is { } nodeId:
                _link.FocusShown(focus.Target);
                _view.Selection = new MapSelection(nodeId, false);
                _drawing.Highlight();
                _viewport.CenterWhenReady(_view.Selection);
                break;
            case ReachIntent reach:
                _view.Reach = MapReach.Resolve(Snapshot, reach.From, reach.To, Host);
                if (_view.Reach.Resolved)
                {
                    _link.ReachSettled();
                    ShowPath(_view.Reach);
                }
                else
                {
                    _drawing.Highlight(); // the banner says what is missing; tried again with the next snapshot
                }
                break;
        }
    }

    private void ShowPath(MapReach reach)
    {
        _drawing.RevealPath(Snapshot, reach);
        _viewport.RequestPathFit();
    }

    private void Navigate(MapLinkIntent intent)
    {
        if (intent is WriteUrlIntent write)
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(write.Query.ToDictionary(kv => kv.Key, kv => (object?)kv.Value)), replace: true);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            if (await MapCanvas.ProbeAsync(JS, _stage, Diagram, Logger) is not { } canvas)
            {
                return; // the circuit is going away
            }
            _canvas = canvas;
            StateHasChanged();
            _self = DotNetObjectReference.Create(this);
            _browser = new BrowserModule(JS, BrowserModule.MapPath);
            await _browser.AttachAsync("attachShortcuts", _root, _self); // no shortcuts without a browser; the buttons work
            _shortcutsReady = true; // data-shortcuts="ready": the keys work from now on
            StateHasChanged();
        }
    }

    private void OnPointerClick(Model? model, PointerEventArgs e) => Activate(model);

    /// <summary>A click on a model, or Enter/Space on it: selects a node or link, expands a collapsed network.</summary>
    private void Activate(Model? model)
    {
        switch (model)
        {
            case CollapsedNodeModel collapsed:
                Expand(collapsed.Node.RefId, collapsed.Node.HostId);
                break;
            case GroupNodeModel group:
                ExpandGroup(group.Node.RefId);
                break;
            case MapNodeModel node:
                Select(new MapSelection(node.Id, false));
                _viewport.EnsureVisible(node.GetBounds());
                break;
            case MapLinkModel link:
                Select(new MapSelection(link.Id, true));
                break;
            case RegionNodeModel region when region.Region.NetworkId is { } networkId:
                var id = TopologyGraphBuilder.NetworkNodeId(region.Region.HostId, networkId);
                if (Sync.Nodes.ContainsKey(id))
                {
                    Select(new MapSelection(id, false));
                }
                break;
        }
    }

    private void Select(MapSelection? selection)
    {
        if (Preset.ReadOnly)
        {
            return; // nothing to select, no panel, nothing written to the host page's URL
        }
        _view.Selection = selection;
        _highlightsNeeded = true;
        var node = _drawing.Selected(selection).Node;
        var focus = node is null ? null : MapDeepLink.FocusName(node, Snapshot);
        var host = focus is not null && Snapshot.Hosts.Length > 1 ? node!.HostId : null;
        Navigate(_link.SelectionChanged(focus, host, MapUrlPair.Of(_view.Reach, Snapshot)));
        StateHasChanged();
    }

    /// <summary>Expands a collapsed network and selects it (its bridge or network node).</summary>
    private void Expand(string networkId, string hostId)
    {
        _view.Collapsed = _view.Collapsed.Remove(networkId);
        Redraw();
        var id = TopologyGraphBuilder.NetworkNodeId(hostId, networkId);
        Select(Sync.Nodes.ContainsKey(id) ? new MapSelection(id, false) : null);
    }

    private Task ToggleCollapsedAsync(string networkId)
    {
        _view.ToggleCollapsed(networkId);
        _redrawNeeded = true;
        StateHasChanged();
        return Task.CompletedTask;
    }

    private void OnSearchChanged() => _highlightsNeeded = true;

    private void OnFiltersChanged()
    {
        _redrawNeeded = true;
        _viewport.RequestFit();
    }

    private void ClosePanel() => Select(null);

    private void ToggleLegend() => _legendOpen = !_legendOpen;

    /// <summary>The shortcuts from map.js: Escape, f, +, -.</summary>
    /// <summary>Enter or Space on a focused node or link (map.js): what a click on it does.</summary>
    [JSInvokable]
    public Task OnActivate(string id) => InvokeAsync(() =>
    {
        Activate(Sync.Nodes.TryGetValue(id, out var node) ? node : Sync.Links.GetValueOrDefault(id));
    });

    [JSInvokable]
    public Task OnShortcut(string key) => InvokeAsync(() =>
    {
        switch (key)
        {
            case "Escape":
                _view.Search = "";
                _view.Selection = null;
                DropPath();
                _highlightsNeeded = true;
                Navigate(_link.Cleared());
                break;
            case "f":
                _viewport.RequestFit();
                break;
            case "+":
                _viewport.ZoomBy(1.25);
                break;
            case "-":
                _viewport.ZoomBy(0.8);
                break;
        }
        StateHasChanged();
    });

    /// <summary>The side panel's "Reach another container…": the path from the selected container to <paramref name="target"/>.</summary>
    private void ReachFromSelection(ContainerInfo target)
    {
        if (Selected.Node is not { Kind: MapNodeKind.Container } node
            || Snapshot.Containers.FirstOrDefault(c => c.HostId == node.HostId && c.Id == node.RefId) is not { } from)
        {
            return;
        }
        _link.ReachSettled();
        _view.Reach = MapReach.Resolve(Snapshot, from.Id, target.Id, from.HostId);
        if (_view.Reach.Resolved)
        {
            ShowPath(_view.Reach);
        }
        Navigate(_link.PathChanged(MapUrlPair.Of(_view.Reach, Snapshot)));
    }

    private void ClearReach()
    {
        _link.ReachSettled();
        DropPath();
        Navigate(_link.PathChanged(MapUrlPair.None));
    }

    private void DropPath()
    {
        _viewport.RequestPathFit(false);
        _highlightsNeeded |= _view.Reach is not null;
        _view.Reach = null;
    }

    // The canvas reports its size from an async JS call: handle it on the renderer's dispatcher, like everything else.
    private void OnContainerChanged() => _ = InvokeAsync(HandleContainerChanged);

    private void HandleContainerChanged()
    {
        if (!_fitted && Diagram.Container is { Width: > 0, Height: > 0 })
        {
            _fitted = true;
            _redrawNeeded = true; // now that the canvas size is known, with the columns that fit it best
            _viewport.RequestFit();
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

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
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
