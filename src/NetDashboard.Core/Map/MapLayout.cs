using System.Collections.Immutable;

namespace NetDashboard.Core.Map;

public readonly record struct MapPoint(double X, double Y);

public readonly record struct MapRect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
}

public readonly record struct MapSize(double Width, double Height);

/// <summary>
/// Where regions and containers sit, kept between updates so that a container or network that comes or goes
/// never moves the others: regions keep their column and order, containers keep their slot (a freed slot is
/// reused by the next newcomer).
/// </summary>
public sealed record MapLayoutState
{
    public ImmutableDictionary<string, (int Column, int Order)> Regions { get; init; } = ImmutableDictionary<string, (int, int)>.Empty;
    public ImmutableDictionary<string, int> Slots { get; init; } = ImmutableDictionary<string, int>.Empty;

    public static MapLayoutState Empty { get; } = new();
}

public sealed record MapLayoutResult
{
    public required ImmutableDictionary<string, MapPoint> Nodes { get; init; }
    public required ImmutableDictionary<string, MapRect> Regions { get; init; }
    public required MapRect Bounds { get; init; }
    public required MapLayoutState State { get; init; }

    public static MapSize SizeOf(MapNodeKind kind) => MapLayout.SizeOf(kind);
}

/// <summary>
/// The domain layout: per host, the host on top; below it the regions (host stack, each network with its bridge
/// on top, the isolated containers) in columns; containers in a fixed grid inside their region. Fixed node sizes,
/// deterministic for the same input and previous state. O(nodes).
/// </summary>
public static class MapLayout
{
    public const double ContainerWidth = 210, ContainerHeight = 64;
    public const double BridgeWidth = 230, BridgeHeight = 52;
    public const double HostWidth = 300, HostHeight = 72;
    public const double Gap = 26, RegionPadding = 18, RegionHeader = 46, ColumnGap = 70, HostGap = 110, HostBand = 170;

    /// <summary>
    /// The band above each row of containers (and above the first one): where the map writes each link's label
    /// (IP/prefix and veth pair, "host stack"), so labels never sit on a node.
    /// </summary>
    public const double RowGap = 44;
    public const int SlotsPerRow = 3;

    public static double RegionWidth => RegionPadding * 2 + SlotsPerRow * ContainerWidth + (SlotsPerRow - 1) * Gap;

    public static MapSize SizeOf(MapNodeKind kind) => kind switch
    {
        MapNodeKind.Host => new(HostWidth, HostHeight),
        MapNodeKind.Bridge or MapNodeKind.Network => new(BridgeWidth, BridgeHeight),
        _ => new(ContainerWidth, ContainerHeight),
    };

    public static MapLayoutResult Compute(TopologyGraph graph, MapLayoutState? previous = null, int columns = 0)
    {
        previous ??= MapLayoutState.Empty;
        var nodes = ImmutableDictionary.CreateBuilder<string, MapPoint>(StringComparer.Ordinal);
        var groups = ImmutableDictionary.CreateBuilder<string, MapRect>(StringComparer.Ordinal);
        var regionsState = ImmutableDictionary.CreateBuilder<string, (int, int)>(StringComparer.Ordinal);
        var slotsState = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        var containersByGroup = graph.Nodes.Where(n => n.RegionId is not null && n.Kind is MapNodeKind.Container or MapNodeKind.Group)
            .GroupBy(n => n.RegionId!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var headNodes = graph.Nodes.Where(n => n.RegionId is not null && n.Kind is MapNodeKind.Bridge or MapNodeKind.Network or MapNodeKind.CollapsedNetwork)
            .GroupBy(n => n.RegionId!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var top = 0.0;
        var maxRight = HostWidth;
        var bands = new Dictionary<string, (double Top, double Bottom)>(StringComparer.Ordinal);
        foreach (var hostGroups in graph.Regions.Where(r => !r.Spans).GroupBy(g => g.HostId))
        {
            var hostId = hostGroups.Key;
            var hostNode = graph.Nodes.First(n => n.Kind == MapNodeKind.Host && n.HostId == hostId);
            var regions = hostGroups.ToList();
            var columnCount = columns > 0 ? columns : Math.Clamp((int)Math.Ceiling(Math.Sqrt(regions.Count)), 2, 5);

            // Region heights first (slots are stable per container).
            var heights = new Dictionary<string, double>(StringComparer.Ordinal);
            var slotOf = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var region in regions)
            {
                var rows = AssignSlots(containersByGroup.GetValueOrDefault(region.Id) ?? [], previous, slotOf);
                var head = headNodes.GetValueOrDefault(region.Id)?.Any(n => n.Kind != MapNodeKind.CollapsedNetwork) == true ? BridgeHeight : 0;
                var collapsed = headNodes.GetValueOrDefault(region.Id)?.Any(n => n.Kind == MapNodeKind.CollapsedNetwork) == true ? RowGap + ContainerHeight : 0;
                heights[region.Id] = RegionHeader + head + collapsed + Math.Max(rows, region.Collapsed || head > 0 ? 0 : 1) * (RowGap + ContainerHeight) + RegionPadding;
            }

            // Regions keep their column and order; new ones go to the shortest column, in their sort order.
            var placed = new Dictionary<string, (int Column, int Order)>(StringComparer.Ordinal);
            foreach (var region in regions)
            {
                if (previous.Regions.TryGetValue(region.Id, out var at) && at.Column < columnCount)
                {
                    placed[region.Id] = at;
                }
            }
            double ColumnHeight(int column) => placed.Where(p => p.Value.Column == column).Sum(p => heights[p.Key] + Gap);
            foreach (var region in regions.Where(r => !placed.ContainsKey(r.Id)).OrderBy(r => r.SortKey, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal))
            {
                var column = Enumerable.Range(0, columnCount).MinBy(ColumnHeight);
                var order = placed.Where(p => p.Value.Column == column).Select(p => p.Value.Order).DefaultIfEmpty(-1).Max() + 1;
                placed[region.Id] = (column, order);
            }

            // The host sits centred over its regions.
            var bandTop = top;
            nodes[hostNode.Id] = new MapPoint(Math.Max(0, (columnCount * RegionWidth + (columnCount - 1) * ColumnGap - HostWidth) / 2), top);
            var regionTop = top + HostBand;
            var bottom = regionTop;
            for (var column = 0; column < columnCount; column++)
            {
                var x = column * (RegionWidth + ColumnGap);
                var y = regionTop;
                foreach (var (regionId, _) in placed.Where(p => p.Value.Column == column).OrderBy(p => p.Value.Order))
                {
                    var rect = new MapRect(x, y, RegionWidth, heights[regionId]);
                    groups[regionId] = rect;
                    var inner = y + RegionHeader;
                    foreach (var head in (headNodes.GetValueOrDefault(regionId) ?? []).OrderBy(n => n.Kind))
                    {
                        if (head.Kind == MapNodeKind.CollapsedNetwork)
                        {
                            nodes[head.Id] = new MapPoint(x + (RegionWidth - ContainerWidth) / 2, inner + RowGap);
                            inner += RowGap + ContainerHeight;
                        }
                        else
                        {
                            nodes[head.Id] = new MapPoint(x + (RegionWidth - BridgeWidth) / 2, inner);
                            inner += BridgeHeight;
                        }
                    }
                    foreach (var m in containersByGroup.GetValueOrDefault(regionId) ?? [])
                    {
                        var slot = slotOf[m.Id];
                        nodes[m.Id] = new MapPoint(x + RegionPadding + (slot % SlotsPerRow) * (ContainerWidth + Gap), inner + RowGap + (slot / SlotsPerRow) * (ContainerHeight + RowGap));
                        slotsState[m.Id] = slot;
                    }
                    regionsState[regionId] = placed[regionId];
                    y += heights[regionId] + Gap;
                    maxRight = Math.Max(maxRight, rect.Right);
                }
                bottom = Math.Max(bottom, y);
            }
            bands[hostId] = (bandTop, bottom);
            top = bottom + HostGap;
        }
        var spanBottom = PlaceSpanning(graph, bands, containersByGroup, headNodes, previous, ref maxRight, nodes, groups, slotsState);

        return new MapLayoutResult
        {
            Nodes = nodes.ToImmutable(),
            Regions = groups.ToImmutable(),
            Bounds = new MapRect(0, 0, maxRight, Math.Max(Math.Max(top - HostGap, HostHeight), spanBottom)),
            State = new MapLayoutState { Regions = regionsState.ToImmutable(), Slots = slotsState.ToImmutable() },
        };
    }

    /// <summary>
    /// Swarm networks carried by several hosts (<see cref="MapRegion.Spans"/>): each ONE region in a column right of
    /// every host band, from the top of the first host it spans to the bottom of the last; its network node on top, then
    /// each host's containers, level with that host's band where room allows. Answers the lowest bottom drawn.
    /// </summary>
    private static double PlaceSpanning(TopologyGraph graph, Dictionary<string, (double Top, double Bottom)> bands,
        Dictionary<string, List<MapNode>> containersByGroup, Dictionary<string, List<MapNode>> headNodes, MapLayoutState previous,
        ref double maxRight, ImmutableDictionary<string, MapPoint>.Builder nodes, ImmutableDictionary<string, MapRect>.Builder groups,
        ImmutableDictionary<string, int>.Builder slotsState)
    {
        var lowest = 0.0;
        var x = maxRight + ColumnGap;
        foreach (var region in graph.Regions.Where(r => r.Spans).OrderBy(r => r.SortKey, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal))
        {
            var spanned = region.HostIds.Where(bands.ContainsKey).OrderBy(h => bands[h].Top).ToList();
            if (spanned.Count == 0)
            {
                continue;
            }
            var regionTop = bands[spanned[0]].Top;
            var cursor = regionTop + RegionHeader;
            foreach (var head in (headNodes.GetValueOrDefault(region.Id) ?? []).OrderBy(n => n.Kind))
            {
                var collapsed = head.Kind == MapNodeKind.CollapsedNetwork;
                nodes[head.Id] = new MapPoint(x + (RegionWidth - (collapsed ? ContainerWidth : BridgeWidth)) / 2, cursor + (collapsed ? RowGap : 0));
                cursor += collapsed ? RowGap + ContainerHeight : BridgeHeight;
            }
            var members = containersByGroup.GetValueOrDefault(region.Id) ?? [];
            foreach (var hostId in spanned)
            {
                var slotOf = new Dictionary<string, int>(StringComparer.Ordinal);
                var rows = AssignSlots(members.Where(m => m.HostId == hostId).ToList(), previous, slotOf);
                if (rows == 0)
                {
                    continue;
                }
                var start = Math.Max(cursor, bands[hostId].Top + HostBand);
                foreach (var (id, slot) in slotOf)
                {
                    nodes[id] = new MapPoint(x + RegionPadding + (slot % SlotsPerRow) * (ContainerWidth + Gap), start + RowGap + (slot / SlotsPerRow) * (ContainerHeight + RowGap));
                    slotsState[id] = slot;
                }
                cursor = start + rows * (RowGap + ContainerHeight);
            }
            var bottom = Math.Max(cursor + RegionPadding, bands[spanned[^1]].Bottom);
            groups[region.Id] = new MapRect(x, regionTop, RegionWidth, bottom - regionTop);
            lowest = Math.Max(lowest, bottom);
            maxRight = x + RegionWidth;
            x += RegionWidth + ColumnGap;
        }
        return lowest;
    }

    /// <summary>
    /// Each member's slot in its region's grid: the one it had (kept across updates), else the first free one, in sort
    /// order. Answers the number of rows used.
    /// </summary>
    private static int AssignSlots(IReadOnlyList<MapNode> members, MapLayoutState previous, Dictionary<string, int> slotOf)
    {
        var taken = new HashSet<int>();
        var newcomers = new List<MapNode>();
        foreach (var m in members.OrderBy(m => m.SortKey, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal))
        {
            if (previous.Slots.TryGetValue(m.Id, out var slot) && taken.Add(slot))
            {
                slotOf[m.Id] = slot;
            }
            else
            {
                newcomers.Add(m);
            }
        }
        var next = 0;
        foreach (var m in newcomers)
        {
            while (taken.Contains(next))
            {
                next++;
            }
            taken.Add(next);
            slotOf[m.Id] = next;
        }
        return taken.Count == 0 ? 0 : (taken.Max() / SlotsPerRow) + 1;
    }
}
