using Blazor.Diagrams.Core;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using NetDashboard.Core.Map;

namespace NetDashboard.Components.Map;

/// <summary>
/// Where links run and where their labels sit, like a wiring diagram. A container's links leave its top edge
/// through a short stub into the band above it, where the label sits (IP/prefix and veth, "host stack", the published
/// port); links within a region go straight to its bridge; links between regions, and every link from the host, run
/// in channels: the corridor between the host and the regions, and the gutters between the columns of regions, each
/// link in its own lane. So no link crosses a region it does not belong to, and labels never pile up where links
/// converge. Pure geometry over the layout, O(links).
/// </summary>
public static class MapRouting
{
    /// <summary>Half the band above a container row: where the labels' centres sit.</summary>
    public const double Band = MapLayout.RowGap / 2;

    /// <summary>Where a published port link enters its container's top edge, and where its label sits.</summary>
    public const double PublishedEntry = 0.82;

    /// <summary>Endpoint labels of a container with a published port share the left part of its band.</summary>
    public const double EndpointShare = 0.48;

    /// <summary>Where a shared-namespace link enters the owner's top edge.</summary>
    public const double SharedEntry = 0.95;

    private const double LaneSpacing = 7, LaneCount = 8, CorridorSpacing = 6, CorridorLanes = 8;

    public static readonly Router Router = new PlannedRouter();

    public static readonly PathGenerator PathGenerator = new StraightPathGenerator(radius: 8);

    public static (Anchor Source, Anchor Target) Anchors(MapEdge edge, MapNodeModel source, MapNodeModel target) => edge.Kind switch
    {
        MapEdgeKind.Endpoint or MapEdgeKind.HostStack => (new EdgeAnchor(source, top: true, source: true), TargetAnchor(edge, target)),
        MapEdgeKind.SharesNamespace => (new EdgeAnchor(source, top: true, source: true), new EdgeAnchor(target, top: true, source: false)),
        MapEdgeKind.PublishedPort => (new EdgeAnchor(source, top: false, source: true), new EdgeAnchor(target, top: true, source: false)),
        _ => (new EdgeAnchor(source, top: false, source: true), new ShapeIntersectionAnchor(target)),
    };

    private static Anchor TargetAnchor(MapEdge edge, MapNodeModel target) =>
        edge.Kind == MapEdgeKind.HostStack ? new EdgeAnchor(target, top: false, source: false) : new ShapeIntersectionAnchor(target);

    /// <summary>
    /// Plans every link's exit and entry points, route and label place from the final node positions and region
    /// rectangles, then fits the labels around each other and the <paramref name="nodes"/> (<see cref="MapLabels"/>).
    /// Adds to <paramref name="changed"/> the links whose route or label moved (they need a refresh).
    /// </summary>
    public static void Plan(IReadOnlyCollection<MapLinkModel> links, IEnumerable<MapNodeModel> nodes, MapLayoutResult layout, ICollection<MapLinkModel> changed)
    {
        var hosts = links.Select(l => l.SourceNode).Concat(links.Select(l => l.TargetNode)).OfType<HostNodeModel>().Distinct().ToList();
        var geometry = hosts.ToDictionary(h => h.Node.HostId, h => HostGeometry.Of(h, layout), StringComparer.Ordinal);
        var published = links.Where(l => l.Edge.Kind == MapEdgeKind.PublishedPort).Select(l => l.TargetNode).ToHashSet();

        // Endpoint stubs: spread along the container's top edge; the home network's first.
        var exits = new Dictionary<MapLinkModel, double>();
        foreach (var group in links.Where(l => l.Edge.Kind == MapEdgeKind.Endpoint && l.SourceNode is ContainerNodeModel or GroupNodeModel).GroupBy(l => l.SourceNode))
        {
            var ordered = group.OrderBy(l => l.TargetNode.Node.RegionId == l.SourceNode.Node.RegionId ? 0 : 1).ThenBy(l => l.Id, StringComparer.Ordinal).ToList();
            var share = published.Contains(group.Key) ? EndpointShare : 1.0;
            for (var i = 0; i < ordered.Count; i++)
            {
                exits[ordered[i]] = share * (2.0 * i + 1) / (2.0 * ordered.Count);
            }
        }

        var endpointCount = exits.Keys.GroupBy(l => l.SourceNode).ToDictionary(g => g.Key, g => g.Count());

        // Links between regions run in trunks: every uplink of a column, every published port or host-stack link of a
        // region, every endpoint to the same far bridge share one lane, so they read as one wire that branches.
        var trunks = links.ToDictionary(l => l, l => geometry.TryGetValue(l.SourceNode.Node.HostId, out var g) ? TrunkOf(l, g, layout) : null);

        // The trunks that leave or enter the host spread along its bottom edge, ordered by where they go.
        var hostSide = new Dictionary<(string Host, string Trunk), double>();
        foreach (var host in trunks.Where(t => t.Value is not null && (t.Key.SourceNode is HostNodeModel || t.Key.TargetNode is HostNodeModel))
                     .GroupBy(t => t.Key.SourceNode.Node.HostId, StringComparer.Ordinal))
        {
            var ordered = host.GroupBy(t => t.Value!.Key, StringComparer.Ordinal)
                .OrderBy(g => g.Min(t => t.Value!.Column)).ThenBy(g => g.Min(t => Far(t.Key).Position.Y)).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                hostSide[(host.Key, ordered[i])] = 0.1 + 0.8 * (i + 1) / (ordered.Count + 1);
            }
        }

        var lanes = new Lanes();
        var before = links.ToDictionary(l => l, l => (l.ExitFraction, l.EntryFraction, l.RoutePoints, l.LabelAt, l.CompactLabel, l.LabelFit));
        foreach (var link in links.OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            var geo = geometry.GetValueOrDefault(link.SourceNode.Node.HostId);
            var trunk = trunks[link];
            var side = trunk is null ? 0.5 : hostSide.GetValueOrDefault((link.SourceNode.Node.HostId, trunk.Key), 0.5);
            link.ExitFraction = exits.TryGetValue(link, out var exit) ? exit : link.SourceNode is HostNodeModel ? side : 0.5;
            link.EntryFraction = link.Edge.Kind switch
            {
                MapEdgeKind.PublishedPort => PublishedEntry,
                MapEdgeKind.SharesNamespace => SharedEntry,
                MapEdgeKind.HostStack => side,
                _ => 0.5,
            };
            link.CompactLabel = link.Edge.Kind == MapEdgeKind.PublishedPort
                                || (exits.ContainsKey(link) && (published.Contains(link.SourceNode) || endpointCount.GetValueOrDefault(link.SourceNode) > 1));
            (link.RoutePoints, link.LabelAt) = geo is null ? ([], null) : Route(link, geo, layout, trunk, lanes);
        }
        MapLabels.Place(links, nodes, layout);
        foreach (var (link, was) in before)
        {
            if (was.ExitFraction != link.ExitFraction || was.EntryFraction != link.EntryFraction || was.CompactLabel != link.CompactLabel
                || was.LabelAt != link.LabelAt || was.LabelFit != link.LabelFit || !was.RoutePoints.SequenceEqual(link.RoutePoints))
            {
                changed.Add(link);
            }
        }
    }

    private static MapNodeModel Far(MapLinkModel link) => link.SourceNode is HostNodeModel ? link.TargetNode : link.SourceNode;

    /// <summary>A trunk: the key links share a lane by, and the column whose gutter it runs down (the far end's).</summary>
    private sealed record Trunk(string Key, int Column);

    private static Trunk? TrunkOf(MapLinkModel link, HostGeometry geo, MapLayoutResult layout)
    {
        int ColumnOf(MapNodeModel node) => RegionOf(node, layout) is { } r ? geo.ColumnOf(r) : 0;
        return link.Edge.Kind switch
        {
            MapEdgeKind.Uplink => new Trunk($"up|{ColumnOf(link.TargetNode)}", ColumnOf(link.TargetNode)),
            MapEdgeKind.PublishedPort => new Trunk($"pp|{link.TargetNode.Node.RegionId}", ColumnOf(link.TargetNode)),
            MapEdgeKind.HostStack => new Trunk($"hs|{link.SourceNode.Node.RegionId}", ColumnOf(link.SourceNode)),
            MapEdgeKind.Endpoint when link.SourceNode.Node.RegionId != link.TargetNode.Node.RegionId =>
                new Trunk($"ep|{link.TargetNode.Id}|{ColumnOf(link.SourceNode)}", ColumnOf(link.TargetNode)),
            _ => null,
        };
    }

    /// <summary>Lanes handed out per trunk: in each column's gutter, and in each host's corridor.</summary>
    private sealed class Lanes
    {
        private readonly Dictionary<(string Host, int Column), Dictionary<string, int>> _gutters = [];
        private readonly Dictionary<string, Dictionary<string, int>> _corridors = new(StringComparer.Ordinal);

        public int Gutter(string host, int column, string trunk) => LaneOf(_gutters.TryGetValue((host, column), out var g) ? g : _gutters[(host, column)] = new(StringComparer.Ordinal), trunk);

        public int Corridor(string host, string trunk) => LaneOf(_corridors.TryGetValue(host, out var c) ? c : _corridors[host] = new(StringComparer.Ordinal), trunk);

        private static int LaneOf(Dictionary<string, int> lanes, string trunk)
        {
            if (!lanes.TryGetValue(trunk, out var lane))
            {
                lane = lanes[trunk] = lanes.Count;
            }
            return lane;
        }
    }

    private static (Point[] Route, Point? Label) Route(MapLinkModel link, HostGeometry geo, MapLayoutResult layout, Trunk? trunk, Lanes lanes)
    {
        var source = link.SourceNode;
        var target = link.TargetNode;
        var key = trunk?.Key ?? link.Id;
        int GutterLane(int column) => lanes.Gutter(geo.HostId, column, key + "|" + column);
        double CorridorY() => geo.RegionTop - 12 - (lanes.Corridor(geo.HostId, key) % CorridorLanes) * CorridorSpacing;

        switch (link.Edge.Kind)
        {
            case MapEdgeKind.Endpoint:
            {
                var exit = Top(source, link.ExitFraction);
                var band = exit.Y - Band;
                Point? label = link.Edge.Label is null ? null : new Point(exit.X, band);
                var from = RegionOf(source, layout);
                var to = RegionOf(target, layout);
                if (from is null || to is null || from == to)
                {
                    return ([new Point(exit.X, band)], label);
                }
                // Out through the band and the source column's gutter, along the corridor if the column changes,
                // down the target column's gutter, into the target's left side.
                var (fromColumn, toColumn) = (geo.ColumnOf(from.Value), geo.ColumnOf(to.Value));
                var gx = geo.GutterX(fromColumn, lanes.Gutter(geo.HostId, fromColumn, key + "|out"));
                var entryY = Center(target).Y;
                var run = RunY(exit.Y); // along the top of the band, above the labels
                var points = new List<Point> { new(exit.X, band), new(exit.X, run), new(gx, run) };
                if (fromColumn != toColumn)
                {
                    var y = CorridorY();
                    var gx2 = geo.GutterX(toColumn, GutterLane(toColumn));
                    points.Add(new Point(gx, y));
                    points.Add(new Point(gx2, y));
                    gx = gx2;
                }
                points.Add(new Point(gx, entryY));
                points.Add(new Point(target.Position.X - 14, entryY));
                return ([.. points], label);
            }
            case MapEdgeKind.HostStack:
            {
                var exit = Top(source, link.ExitFraction);
                var band = exit.Y - Band;
                var column = RegionOf(source, layout) is { } region ? geo.ColumnOf(region) : 0;
                var gx = geo.GutterX(column, GutterLane(column));
                var y = CorridorY();
                var entry = Bottom(target, link.EntryFraction);
                var run = RunY(exit.Y);
                return ([new(exit.X, band), new(exit.X, run), new(gx, run), new(gx, y), new(entry.X, y)], new Point(exit.X, band));
            }
            case MapEdgeKind.SharesNamespace:
            {
                var from = Top(source, 0.5);
                var to = Top(target, SharedEntry);
                var y = Math.Min(from.Y, to.Y) - Band;
                return ([new(from.X, y), new(to.X, y)], new Point(from.X, y));
            }
            case MapEdgeKind.PublishedPort:
            {
                var exit = Bottom(source, link.ExitFraction);
                var entry = Top(target, PublishedEntry);
                var column = RegionOf(target, layout) is { } region ? geo.ColumnOf(region) : 0;
                var gx = geo.GutterX(column, GutterLane(column));
                var y = CorridorY();
                var run = entry.Y - 5;
                return ([new(exit.X, y), new(gx, y), new(gx, run), new(entry.X, run)], new Point(entry.X, entry.Y - Band));
            }
            case MapEdgeKind.Uplink:
            {
                var exit = Bottom(source, link.ExitFraction);
                var column = RegionOf(target, layout) is { } region ? geo.ColumnOf(region) : 0;
                var gx = geo.GutterX(column, GutterLane(column));
                var y = CorridorY();
                var entryY = Center(target).Y;
                return ([new(exit.X, y), new(gx, y), new(gx, entryY), new(target.Position.X - 14, entryY)], null);
            }
            default:
                return ([], null);
        }
    }

    /// <summary>Where a link leaving a container's band runs sideways: at the band's top, clear of the labels.</summary>
    private static double RunY(double top) => top - MapLayout.RowGap + 4;

    private static MapRect? RegionOf(MapNodeModel node, MapLayoutResult layout) =>
        node.Node.RegionId is { } id && layout.Regions.TryGetValue(id, out var rect) ? rect : null;

    private static Point Top(NodeModel node, double fraction) =>
        new(node.Position.X + (node.Size?.Width ?? 0) * fraction, node.Position.Y);

    private static Point Bottom(NodeModel node, double fraction) =>
        new(node.Position.X + (node.Size?.Width ?? 0) * fraction, node.Position.Y + (node.Size?.Height ?? 0));

    private static Point Center(NodeModel node) =>
        new(node.Position.X + (node.Size?.Width ?? 0) / 2, node.Position.Y + (node.Size?.Height ?? 0) / 2);

    /// <summary>One host's channels: the corridor above its regions and the gutter left of each column.</summary>
    private sealed record HostGeometry(string HostId, double RegionTop, double[] Columns)
    {
        public static HostGeometry Of(HostNodeModel host, MapLayoutResult layout)
        {
            var hostBottom = host.Position.Y + (host.Size?.Height ?? MapLayout.HostHeight);
            var regions = layout.Regions.Values.Where(r => r.Y > hostBottom && r.Y < hostBottom + MapLayout.HostBand).ToList();
            var top = regions.Count == 0 ? hostBottom + MapLayout.HostBand - MapLayout.HostHeight : regions.Min(r => r.Y);
            var columns = layout.Regions.Values.Where(r => r.Y >= top).Select(r => r.X).Distinct().Order().ToArray();
            return new HostGeometry(host.Node.HostId, top, columns);
        }

        public int ColumnOf(MapRect region)
        {
            var index = Array.BinarySearch(Columns, region.X);
            return index >= 0 ? index : Math.Max(0, ~index - 1);
        }

        /// <summary>A lane in the gutter left of the column (the left margin for the first).</summary>
        public double GutterX(int column, int lane)
        {
            var x = column < Columns.Length ? Columns[column] : 0;
            return x - MapLayout.ColumnGap / 2 + ((lane % LaneCount) - (LaneCount - 1) / 2) * LaneSpacing;
        }
    }

    private sealed class PlannedRouter : Router
    {
        public override Point[] GetRoute(Diagram diagram, BaseLinkModel link) => link is MapLinkModel map ? map.RoutePoints : [];
    }

    /// <summary>A point on the node's top or bottom edge, at the link's exit (source) or entry (target) fraction.</summary>
    private sealed class EdgeAnchor(MapNodeModel node, bool top, bool source) : Anchor(node)
    {
        public override Point? GetPosition(BaseLinkModel link, Point[] route)
        {
            if (node.Size is null)
            {
                return null;
            }
            var fraction = link is MapLinkModel map ? (source ? map.ExitFraction : map.EntryFraction) : 0.5;
            return top ? Top(node, fraction) : Bottom(node, fraction);
        }

        public override Point? GetPlainPosition() => node.GetBounds()?.Center;
    }
}
