using NetDashboard.Core.Map;

namespace NetDashboard.Components.Map;

/// <summary>
/// Fits the links' labels on the map (<see cref="LabelPlacement"/>): sizes as <c>map.css</c> draws them
/// (<c>.nd-link-label</c>, measured generously so a real box is never larger), the nodes and the regions' titles as
/// obstacles, and the order in which labels claim their place — a container's label on its own network first, then
/// published ports, the host stack, shared namespaces, and labels on further networks. A label that would collide
/// becomes a marker whose tooltip carries its text.
/// </summary>
public static class MapLabels
{
    // map.css: .nd-link-label 10.5px/12px, detail 10px, padding 1px 6px; .nd-compact 9.5px/11px, detail 9px, padding 1px 4px;
    // a 1px border. Advance per character: 0.61 em in a monospaced face, up to 0.68 em in a proportional bold one.
    private const double Mono = 0.61, Proportional = 0.68, Border = 1;

    public static void Place(IReadOnlyCollection<MapLinkModel> links, IEnumerable<MapNodeModel> nodes, MapLayoutResult layout)
    {
        var labelled = links
            .Select(l => (Link: l, Label: l.Labels.OfType<MapLinkLabelModel>().FirstOrDefault()))
            .Where(x => x.Label is not null && x.Link.LabelAt is not null)
            .OrderBy(x => Rank(x.Link)).ThenBy(x => x.Link.Id, StringComparer.Ordinal)
            .ToList();
        var requests = labelled.Select(x =>
        {
            var (width, height) = Size(x.Link, x.Label!);
            return new LabelRequest(x.Link.Id, width, height, [new MapPoint(x.Link.LabelAt!.X, x.Link.LabelAt.Y)]);
        });
        var obstacles = nodes.Where(n => n.Size is not null)
            .Select(n => new MapRect(n.Position.X, n.Position.Y, n.Size!.Width, n.Size.Height))
            .Concat(layout.Regions.Values.Select(r => new MapRect(r.X, r.Y, r.Width, MapLayout.RegionHeader)));
        var placed = LabelPlacement.Place(requests, obstacles);
        foreach (var link in links)
        {
            link.LabelFit = placed.TryGetValue(link.Id, out var p) ? p.Fit : LabelFit.Full;
        }
    }

    private static int Rank(MapLinkModel link) => link.Edge.Kind switch
    {
        MapEdgeKind.Endpoint when link.SourceNode.Node.RegionId == link.TargetNode.Node.RegionId => 0,
        MapEdgeKind.PublishedPort => 1,
        MapEdgeKind.HostStack => 2,
        MapEdgeKind.SharesNamespace => 3,
        _ => 4,
    };

    /// <summary>The drawn size of a label, never smaller than Chromium draws it.</summary>
    public static (double Width, double Height) Size(MapLinkModel link, MapLinkLabelModel label)
    {
        var (main, detail, line, padding) = link.CompactLabel ? (9.5, 9.0, 11.0, 4.0) : (10.5, 10.0, 12.0, 6.0);
        var em = link.Edge.Kind is MapEdgeKind.SharesNamespace or MapEdgeKind.HostStack ? Proportional : Mono;
        var width = Math.Max((label.Content ?? "").Length * main, (label.Detail ?? "").Length * detail) * em;
        var lines = label.Detail is null ? 1 : 2;
        return (width + 2 * (padding + Border), lines * line + 2 * (1 + Border));
    }
}
