using Blazor.Diagrams;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace NetDashboard.Components.Map;

/// <summary>
/// The map's zoom and pan on the diagram: fit everything, zoom by a factor, centre on the selection, keep a clicked
/// node out from under the side panel, fit to a highlighted path. Each change is one <c>Diagram.Batch</c>; without a
/// known canvas size nothing moves, and what was requested waits for it (<see cref="ApplyFit"/>, <see cref="ApplyRequests"/>).
/// </summary>
public sealed class MapViewport(BlazorDiagram diagram, MapDiagramSync sync)
{
    private bool _fitRequested;
    private bool _pathFitRequested;
    private bool _centerRequested;

    /// <summary>The side panel's width: what it hides of the canvas on the right.</summary>
    public const double PanelWidth = 460;

    /// <summary>True once the canvas reported a size.</summary>
    public bool HasCanvas => diagram.Container is not null;

    /// <summary>Asks for <see cref="Fit"/> at the next <see cref="ApplyFit"/>.</summary>
    public void RequestFit() => _fitRequested = true;

    /// <summary>Asks for a zoom to the highlighted path at the next <see cref="ApplyRequests"/>; or takes it back.</summary>
    public void RequestPathFit(bool requested = true) => _pathFitRequested = requested;

    /// <summary>Centres on the selection now, or once the canvas size is known.</summary>
    public void CenterWhenReady(MapSelection? selection)
    {
        if (HasCanvas)
        {
            CenterOn(selection);
        }
        else
        {
            _centerRequested = true;
        }
    }

    /// <summary>The requested fit, once the canvas size is known; a highlighted path then takes the zoom back to itself.</summary>
    public void ApplyFit(MapViewState view)
    {
        if (_fitRequested && HasCanvas)
        {
            _fitRequested = false;
            Fit();
            _pathFitRequested |= view.Reach is { Resolved: true };
        }
    }

    /// <summary>The requested zoom to the path, then the requested centring, once the canvas size is known.</summary>
    public void ApplyRequests(MapViewState view)
    {
        if (_pathFitRequested && HasCanvas)
        {
            _pathFitRequested = false;
            if (view.Reach is { Resolved: true } reach)
            {
                FitTo(reach.Elements, panelOpen: view.Selection is not null);
            }
        }
        if (_centerRequested && HasCanvas)
        {
            _centerRequested = false;
            CenterOn(view.Selection);
        }
    }

    /// <summary>Zooms so the whole drawing fits the canvas (never above 1.2×), centred.</summary>
    public void Fit()
    {
        var boxes = sync.Regions.Values.Cast<NodeModel>().Concat(sync.Nodes.Values)
            .Select(n => n.GetBounds()).OfType<Rectangle>()
            .Concat(sync.Links.Values.SelectMany(l => l.RoutePoints).Select(p => new Rectangle(p.X, p.Y, p.X, p.Y)))
            .ToList();
        FitBoxes(boxes, 1.2, 0);
    }

    /// <summary>Zooms to the elements of a path (never above 1×), leaving room for the side panel when it is open.</summary>
    public void FitTo(IEnumerable<string> elements, bool panelOpen)
    {
        var ids = elements.ToList();
        var boxes = ids
            .Select(id => sync.Nodes.TryGetValue(id, out var n) ? n.GetBounds() : null)
            .OfType<Rectangle>()
            .Concat(ids.Select(id => sync.Links.GetValueOrDefault(id)).OfType<MapLinkModel>()
                .SelectMany(l => l.RoutePoints).Select(p => new Rectangle(p.X, p.Y, p.X, p.Y)))
            .ToList();
        FitBoxes(boxes, 1.0, panelOpen ? PanelWidth : 0);
    }

    /// <summary>Zooms by <paramref name="factor"/> within the diagram's limits, keeping the canvas centre where it is.</summary>
    public void ZoomBy(double factor)
    {
        if (diagram.Container is not { } container)
        {
            return;
        }
        var zoom = Math.Clamp(diagram.Zoom * factor, diagram.Options.Zoom.Minimum, diagram.Options.Zoom.Maximum);
        var (cx, cy) = (container.Width / 2, container.Height / 2);
        var panX = cx - (cx - diagram.Pan.X) * zoom / diagram.Zoom;
        var panY = cy - (cy - diagram.Pan.Y) * zoom / diagram.Zoom;
        SetView(zoom, panX, panY);
    }

    /// <summary>Centres the selected node or link (at 0.8× at least) in the part of the canvas the side panel leaves free.</summary>
    public void CenterOn(MapSelection? selection)
    {
        Rectangle? bounds = selection switch
        {
            { IsLink: false } s when sync.Nodes.TryGetValue(s.Id, out var n) => n.GetBounds(),
            { IsLink: true } s when sync.Links.TryGetValue(s.Id, out var l) => l.GetBounds(),
            _ => null,
        };
        if (bounds is null || diagram.Container is not { } container)
        {
            return;
        }
        var zoom = Math.Max(diagram.Zoom, 0.8);
        var visibleWidth = container.Width - Math.Min(PanelWidth, container.Width / 2);
        SetView(zoom, visibleWidth / 2 - bounds.Center.X * zoom, container.Height / 2 - bounds.Center.Y * zoom);
    }

    /// <summary>Pans just enough that the box is not hidden under the side panel.</summary>
    public void EnsureVisible(Rectangle? box)
    {
        if (box is null || diagram.Container is not { } container)
        {
            return;
        }
        var visibleRight = container.Width - Math.Min(PanelWidth, container.Width / 2) - 24;
        var right = box.Right * diagram.Zoom + diagram.Pan.X;
        var left = box.Left * diagram.Zoom + diagram.Pan.X;
        if (right > visibleRight && left - (right - visibleRight) > 0)
        {
            SetView(diagram.Zoom, diagram.Pan.X - (right - visibleRight), diagram.Pan.Y);
        }
    }

    /// <summary>Zooms (at most <paramref name="maxZoom"/>) and pans so the boxes fill the canvas left of <paramref name="reserveRight"/> pixels.</summary>
    private void FitBoxes(List<Rectangle> boxes, double maxZoom, double reserveRight)
    {
        if (boxes.Count == 0 || diagram.Container is not { Width: > 0, Height: > 0 } container)
        {
            return;
        }
        const double margin = 24;
        var width = Math.Max(container.Width / 2, container.Width - Math.Min(reserveRight, container.Width / 2));
        var (left, top) = (boxes.Min(b => b.Left) - margin, boxes.Min(b => b.Top) - margin);
        var (right, bottom) = (boxes.Max(b => b.Right) + margin, boxes.Max(b => b.Bottom) + margin);
        var zoom = Math.Clamp(Math.Min(width / (right - left), container.Height / (bottom - top)), diagram.Options.Zoom.Minimum, maxZoom);
        var panX = (width - (right - left) * zoom) / 2 - left * zoom;
        var panY = (container.Height - (bottom - top) * zoom) / 2 - top * zoom;
        SetView(zoom, panX, panY);
    }

    private void SetView(double zoom, double panX, double panY) =>
        diagram.Batch(() =>
        {
            diagram.SetZoom(zoom);
            diagram.SetPan(panX, panY);
        });
}
