using System.Collections.Immutable;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Models;
using NetDashboard.Core.Map;

namespace NetDashboard.Components.Map;

/// <summary>How the search, the selection and a reachability path mark a node or link: a match or the path is highlighted, the rest fade.</summary>
public enum MapHighlight
{
    None,
    Match,
    Faded,
    /// <summary>On the highlighted reachability path (<c>/?from=&amp;to=</c>).</summary>
    OnPath,
}

/// <summary>
/// A map node in the diagram: the <see cref="MapNode"/> it draws, with a fixed size (no ResizeObserver call),
/// locked (the layout owns positions). One subclass per kind, so each kind has its own registered widget.
/// </summary>
public abstract class MapNodeModel : NodeModel
{
    protected MapNodeModel(MapNode node, MapPoint position) : base(node.Id, new Point(position.X, position.Y))
    {
        Node = node;
        var size = MapLayout.SizeOf(node.Kind);
        Size = new Size(size.Width, size.Height);
        ControlledSize = true;
        Locked = true;
        Title = node.Label;
    }

    /// <summary>What the node shows; replaced (and the node refreshed) when the topology changes.</summary>
    public MapNode Node { get; set; }

    /// <summary>Unique per model instance (<c>data-instance</c>): a node kept in place keeps it, a re-created one does not.</summary>
    public long Instance { get; } = MapModelInstance.Next();

    public MapHighlight Highlight { get; set; }

    /// <summary>Selected on the map (the side panel shows it). Not the library's own selection.</summary>
    public bool IsSelected { get; set; }

    /// <summary>Collapsed networks: how many of the hidden containers match the search.</summary>
    public int HiddenMatches { get; set; }

    /// <summary>"from" or "to" when this node is an end of the highlighted reachability path; else null.</summary>
    public string? PathEnd { get; set; }

    /// <summary>The node's fixed size as an inline style (the diagram's node wrapper has none of its own).</summary>
    public string SizeStyle => FormattableString.Invariant($"width:{Size?.Width ?? 0}px;height:{Size?.Height ?? 0}px");

    /// <summary>"added", "removed" or "changed" in the "what changed since" view (<see cref="MapChanges"/>); else null.</summary>
    public string? ChangeMark { get; set; }

    /// <summary>The CSS classes every node widget shares: highlight, path, selection and change mark.</summary>
    public string StateClasses =>
        (Highlight switch { MapHighlight.Match => " nd-match", MapHighlight.Faded => " nd-faded", MapHighlight.OnPath => " nd-path", _ => "" })
        + (PathEnd is { } end ? " nd-path-" + end : "")
        + (IsSelected ? " nd-selected" : "")
        + (ChangeMark is { } mark ? " nd-change-" + mark : "");

    public static MapNodeModel Create(MapNode node, MapPoint position) => node.Kind switch
    {
        MapNodeKind.Host => new HostNodeModel(node, position),
        MapNodeKind.Bridge => new BridgeNodeModel(node, position),
        MapNodeKind.Network => new NetworkNodeModel(node, position),
        MapNodeKind.CollapsedNetwork => new CollapsedNodeModel(node, position),
        MapNodeKind.Group => new GroupNodeModel(node, position),
        _ => new ContainerNodeModel(node, position),
    };
}

public sealed class HostNodeModel(MapNode node, MapPoint position) : MapNodeModel(node, position);

public sealed class BridgeNodeModel(MapNode node, MapPoint position) : MapNodeModel(node, position);

public sealed class NetworkNodeModel(MapNode node, MapPoint position) : MapNodeModel(node, position);

public sealed class ContainerNodeModel(MapNode node, MapPoint position) : MapNodeModel(node, position);

public sealed class CollapsedNodeModel(MapNode node, MapPoint position) : MapNodeModel(node, position);

/// <summary>A compose project or Swarm service drawn as one node (<see cref="MapGroups"/>); a click expands it.</summary>
public sealed class GroupNodeModel(MapNode node, MapPoint position) : MapNodeModel(node, position);

/// <summary>
/// A region (host stack, a network, the isolated containers) drawn as a labelled rectangle in the SVG layer,
/// behind the links and the nodes. It is a node only so the diagram pans and zooms it; it has no links.
/// </summary>
public sealed class RegionNodeModel : SvgNodeModel
{
    public RegionNodeModel(MapRegion group, MapRect rect) : base(group.Id, new Point(rect.X, rect.Y))
    {
        Region = group;
        Size = new Size(rect.Width, rect.Height);
        ControlledSize = true;
        Locked = true;
        Title = group.Label;
    }

    /// <summary>What the region shows; replaced (and the region refreshed) when the topology changes.</summary>
    public MapRegion Region { get; set; }

    /// <summary>Unique per model instance (<c>data-instance</c>), like <see cref="MapNodeModel.Instance"/>.</summary>
    public long Instance { get; } = MapModelInstance.Next();

    public MapHighlight Highlight { get; set; }
}

/// <summary>A port-less link for one <see cref="MapEdge"/>, drawn by <see cref="MapLinkWidget"/>.</summary>
public sealed class MapLinkModel : LinkModel
{
    public MapLinkModel(MapEdge edge, MapNodeModel source, MapNodeModel target)
        : this(edge, MapRouting.Anchors(edge, source, target))
    {
    }

    private MapLinkModel(MapEdge edge, (Blazor.Diagrams.Core.Anchors.Anchor Source, Blazor.Diagrams.Core.Anchors.Anchor Target) anchors)
        : base(edge.Id, anchors.Source, anchors.Target)
    {
        Edge = edge;
        Router = MapRouting.Router;
        PathGenerator = MapRouting.PathGenerator;
        Locked = true;
    }

    public MapEdge Edge { get; set; }

    public MapHighlight Highlight { get; set; }

    public bool IsSelected { get; set; }

    /// <summary>Where along the source's edge the link leaves (0..1), planned by <see cref="MapRouting.Plan"/>.</summary>
    public double ExitFraction { get; set; } = 0.5;

    /// <summary>Where along the target's edge the link enters (0..1), planned by <see cref="MapRouting.Plan"/>.</summary>
    public double EntryFraction { get; set; } = 0.5;

    /// <summary>The points between the two anchors, planned by <see cref="MapRouting.Plan"/>.</summary>
    public Point[] RoutePoints { get; set; } = [];

    /// <summary>The centre of the label on the map; null when the link shows none.</summary>
    public Point? LabelAt { get; set; }

    /// <summary>Several labels share the band above this container: draw them narrower.</summary>
    public bool CompactLabel { get; set; }

    /// <summary>Whether the label is drawn in full, as a marker with a tooltip, or not at all (<see cref="MapLabels"/>).</summary>
    public LabelFit LabelFit { get; set; }

    public MapNodeModel SourceNode => (MapNodeModel)Source.Model!;

    public MapNodeModel TargetNode => (MapNodeModel)Target.Model!;
}

/// <summary>A link label with the edge's main text and its detail line (the veth pair, "DNAT", …).</summary>
public sealed class MapLinkLabelModel(MapLinkModel parent, string content, string? detail, double? distance)
    : LinkLabelModel(parent, content, distance)
{
    public string? Detail { get; set; } = detail;

    public MapLinkModel Link => (MapLinkModel)Parent;
}

/// <summary>Numbers the diagram's node and region models, so the DOM tells a kept model from a re-created one.</summary>
public static class MapModelInstance
{
    private static long _last;

    public static long Next() => Interlocked.Increment(ref _last);
}

/// <summary>Equality of what a node or edge looks like (records compare their arrays by reference).</summary>
public static class MapLook
{
    public static bool Same(MapNode a, MapNode b) =>
        a.Kind == b.Kind && a.Label == b.Label && a.Detail == b.Detail && a.State == b.State && a.Dimmed == b.Dimmed
        && a.Mode == b.Mode && a.Count == b.Count && a.RegionId == b.RegionId && a.RefId == b.RefId
        && Same(a.Warnings, b.Warnings);

    public static bool Same(MapRegion a, MapRegion b) => a == b;

    public static bool Same(MapEdge a, MapEdge b) => a == b;

    private static bool Same(ImmutableArray<NetDashboard.Core.Model.TopologyWarning> a, ImmutableArray<NetDashboard.Core.Model.TopologyWarning> b) =>
        a.Length == b.Length && a.SequenceEqual(b);
}
