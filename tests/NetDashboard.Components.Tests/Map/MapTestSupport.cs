using System.Collections.Immutable;
using Blazor.Diagrams.Core.Geometry;
using Microsoft.AspNetCore.Components.Web;
using NetDashboard.Components.Map;
using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Components.Tests.Map;

/// <summary>Helpers for the map tests: the diagram's JS stubs, graphs of real observations, clicks on the canvas.</summary>
public static class MapTestSupport
{
    public const double CanvasWidth = 1600, CanvasHeight = 900;

    /// <summary>Stubs the Z.Blazor.Diagrams JS the canvas calls (its size and the resize observer).</summary>
    public static void SetupDiagram(this NetDashboardTestContext ctx)
    {
        ctx.JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Rectangle(0, 0, CanvasWidth, CanvasHeight));
        ctx.JSInterop.SetupVoid("ZBlazorDiagrams.observe", _ => true).SetVoidResult();
        ctx.JSInterop.SetupVoid("ZBlazorDiagrams.unobserve", _ => true).SetVoidResult();
    }

    /// <summary>The demo daemon's seed topology, as the demo mode first publishes it.</summary>
    public static DaemonObservation Seed() => DemoDaemon.Seed().Observe();

    public static TopologySnapshot Snapshot(params DaemonObservation[] observations) =>
        TopologyBuilder.Build(observations, 1, DateTimeOffset.UnixEpoch);

    public static TopologyGraph Graph(DaemonObservation observation, MapOptions? options = null) =>
        TopologyGraphBuilder.Build(Snapshot(observation), options);

    public static ContainerInfo Container(this TopologySnapshot snapshot, string name) =>
        snapshot.Containers.Single(c => c.Name == name);

    /// <summary>The observation with one more container on the same networks as <paramref name="template"/>.</summary>
    public static DaemonObservation WithExtraContainer(this DaemonObservation observation, string template, string name)
    {
        var source = observation.Containers.Single(c => c.Names.Contains("/" + template));
        var extra = source with
        {
            Id = new string('e', 64),
            Names = ["/" + name],
            Endpoints = source.Endpoints.Select(e => e with { IpAddress = "172.18.0.250", EndpointId = "ep-" + name, MacAddress = "02:42:ac:12:00:fa" }).ToImmutableArray(),
            Inspect = null,
            Interfaces = null,
        };
        return observation with { Containers = observation.Containers.Add(extra) };
    }

    public static DaemonObservation Without(this DaemonObservation observation, string name) =>
        observation with { Containers = observation.Containers.Where(c => !c.Names.Contains("/" + name)).ToImmutableArray() };

    /// <summary>A click on a diagram node or link as the library sees it: pointer down and up on its wrapper, no move.</summary>
    public static void ClickOnDiagram(this AngleSharp.Dom.IElement wrapper)
    {
        wrapper.PointerDown(new PointerEventArgs { Button = 0, PointerType = "mouse" });
        wrapper.PointerUp(new PointerEventArgs { Button = 0, PointerType = "mouse" });
    }

    /// <summary>The diagram's wrapper of a node (it carries the pointer handlers).</summary>
    public static AngleSharp.Dom.IElement NodeWrapper(this IRenderedComponent<NetworkMap> cut, string nodeId) =>
        cut.Find($"div.diagram-node[data-node-id='{nodeId}']");

    public static AngleSharp.Dom.IElement LinkWrapper(this IRenderedComponent<NetworkMap> cut, string linkId) =>
        cut.Find($"g.diagram-link[data-link-id='{linkId}']");

    /// <summary>The diagram's zoom and pan, as the canvas draws them (the HTML layer's transform).</summary>
    public static (double Zoom, double PanX, double PanY) ViewOf(this IRenderedComponent<NetworkMap> cut)
    {
        var style = cut.Find(".diagram-html-layer").GetAttribute("style")!;
        var m = System.Text.RegularExpressions.Regex.Match(style, @"translate\((?<x>[-\d.E+]+)px, (?<y>[-\d.E+]+)px\) scale\((?<z>[-\d.E+]+)\)");
        Assert.True(m.Success, style);
        return (Number(m.Groups["z"].Value), Number(m.Groups["x"].Value), Number(m.Groups["y"].Value));
    }

    /// <summary>A drawn node: its model instance (<c>data-instance</c>) and its box on the diagram.</summary>
    public sealed record DrawnNode(string Instance, double X, double Y, double Width, double Height)
    {
        public (double X, double Y) Center => (X + Width / 2, Y + Height / 2);
    }

    /// <summary>Every node the canvas draws, by map id: the wrapper's place and the widget's instance and size.</summary>
    public static Dictionary<string, DrawnNode> DrawnNodes(this IRenderedComponent<NetworkMap> cut) =>
        cut.FindAll("div.diagram-node[data-node-id]").ToDictionary(w => w.GetAttribute("data-node-id")!, w =>
        {
            var widget = w.QuerySelector("[data-instance]")!;
            return new DrawnNode(widget.GetAttribute("data-instance")!, Px(w, "left"), Px(w, "top"), Px(widget, "width"), Px(widget, "height"));
        });

    /// <summary>Every region the canvas draws, by id: its model instance and its place (the SVG group's translation).</summary>
    public static Dictionary<string, (string Instance, string Place)> DrawnRegions(this IRenderedComponent<NetworkMap> cut) =>
        cut.FindAll("g.diagram-node[data-node-id]").ToDictionary(g => g.GetAttribute("data-node-id")!,
            g => (g.QuerySelector("[data-instance]")!.GetAttribute("data-instance")!, g.GetAttribute("transform")!));

    /// <summary>A number attribute of the map's root (<c>data-node-count</c>, <c>data-container-count</c>, …).</summary>
    public static int RootCount(this IRenderedComponent<NetworkMap> cut, string attribute) =>
        int.Parse(cut.Find("[data-map]").GetAttribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture);

    private static double Px(AngleSharp.Dom.IElement e, string property)
    {
        var m = System.Text.RegularExpressions.Regex.Match(e.GetAttribute("style") ?? "", $@"(^|[;\s]){property}:\s*(?<v>[-\d.E+]+)px");
        Assert.True(m.Success, $"{property} in '{e.GetAttribute("style")}'");
        return Number(m.Groups["v"].Value);
    }

    private static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
