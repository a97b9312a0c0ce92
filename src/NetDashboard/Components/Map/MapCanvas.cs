using Blazor.Diagrams;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace NetDashboard.Components.Map;

/// <summary>Whether the map's canvas can be drawn.</summary>
public enum MapCanvasState
{
    /// <summary>Prerendering, or the first interactive render: the diagram script is not checked yet.</summary>
    Probing,
    Ready,
    /// <summary>The diagram script did not answer (not loaded): the canvas would fail, so it is not drawn.</summary>
    ScriptMissing,
}

/// <summary>The map's diagram: its options, behaviours and widgets, and the check that its script answers.</summary>
public static class MapCanvas
{
    /// <summary>A read-only diagram: pan, zoom, clicks and virtualization; no dragging, no new links, no Delete key, no library selection.</summary>
    public static BlazorDiagram Create()
    {
        var options = new BlazorDiagramOptions { AllowMultiSelection = false, AllowPanning = true };
        options.Zoom.Minimum = 0.05;
        options.Zoom.Maximum = 2.5;
        options.Zoom.ScaleFactor = 1.08;
        options.Zoom.Inverse = true; // wheel up zooms in, like every map
        options.Virtualization.OnNodes = true;
        options.Virtualization.OnLinks = true;
        var diagram = new BlazorDiagram(options, registerDefaultBehaviors: false);
        diagram.RegisterBehavior(new PanBehavior(diagram));
        diagram.RegisterBehavior(new ZoomBehavior(diagram));
        diagram.RegisterBehavior(new EventsBehavior(diagram));
        diagram.RegisterBehavior(new VirtualizationBehavior(diagram));
        diagram.RegisterComponent<HostNodeModel, HostNodeWidget>();
        diagram.RegisterComponent<BridgeNodeModel, BridgeNodeWidget>();
        diagram.RegisterComponent<NetworkNodeModel, NetworkNodeWidget>();
        diagram.RegisterComponent<ContainerNodeModel, ContainerNodeWidget>();
        diagram.RegisterComponent<CollapsedNodeModel, CollapsedNodeWidget>();
        diagram.RegisterComponent<GroupNodeModel, GroupNodeWidget>();
        diagram.RegisterComponent<RegionNodeModel, RegionWidget>();
        diagram.RegisterComponent<MapLinkModel, MapLinkWidget>();
        diagram.RegisterComponent<TrafficLinkModel, TrafficLinkWidget>();
        return diagram;
    }

    /// <summary>
    /// Checks that Z.Blazor.Diagrams' script answers (the canvas needs it for its size and resize observers) and gives
    /// the diagram the stage's size, so the map is laid out and fitted for it before the canvas first renders.
    /// Null when the circuit is going away.
    /// </summary>
    public static async Task<MapCanvasState?> ProbeAsync(IJSRuntime js, ElementReference stage, BlazorDiagram diagram, ILogger logger)
    {
        try
        {
            var rect = await js.InvokeAsync<Rectangle?>("ZBlazorDiagrams.getBoundingClientRect", stage);
            if (rect is null)
            {
                return MapCanvasState.ScriptMissing;
            }
            diagram.SetContainer(rect);
            return MapCanvasState.Ready;
        }
        catch (JSException ex)
        {
            logger.LogWarning(ex, "The map's diagram script did not answer; the map is not drawn.");
            return MapCanvasState.ScriptMissing;
        }
        catch (Exception ex) when (ex is JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            return null;
        }
    }
}
