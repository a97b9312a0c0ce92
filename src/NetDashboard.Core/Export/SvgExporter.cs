using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Export;

/// <summary>
/// The topology as a standalone SVG 1.1 document in the map's visual language: the same regions and fixed positions
/// (<see cref="MapLayout"/>), node kinds, state colours, edge styles (dashed shared namespace, dotted published
/// ports, thick uplinks and host stack), and a legend. Usable as an <c>&lt;img&gt;</c> anywhere: one embedded
/// <c>&lt;style&gt;</c>, no script, no external reference, no event attribute. Every piece of user text is written
/// through <see cref="XElement"/> (so it is escaped) after dropping the characters XML 1.0 cannot carry.
/// </summary>
public static class SvgExporter
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const double Margin = 24, LegendRow = 22, LegendColumn = 330;

    public static string Export(TopologySnapshot snapshot, ExportOptions? options = null)
    {
        options ??= new ExportOptions();
        var palette = options.Theme == ExportTheme.Dark ? SvgTheme.Dark : SvgTheme.Light;
        var graph = TopologyExport.Graph(snapshot);
        var layout = MapLayout.Compute(graph);
        var nodes = graph.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);

        var width = Math.Max(layout.Bounds.Width, options.Legend ? 4 * LegendColumn : 0) + 2 * Margin;
        var legendTop = layout.Bounds.Bottom + 2 * Margin;
        var legendHeight = options.Legend ? 40 + 8 * LegendRow : 0;
        var height = layout.Bounds.Bottom + 2 * Margin + legendHeight + (options.Legend ? Margin : 0);

        var root = new XElement(Svg + "svg",
            new XAttribute("version", "1.1"),
            new XAttribute("width", Num(width)),
            new XAttribute("height", Num(height)),
            new XAttribute("viewBox", $"0 0 {Num(width)} {Num(height)}"),
            new XAttribute("class", "nd-export nd-theme-" + (options.Theme == ExportTheme.Dark ? "dark" : "light")),
            new XAttribute("role", "img"),
            new XAttribute("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"));
        root.Add(new XElement(Svg + "title", Clean($"NetDashboard topology · revision {snapshot.Revision}")));
        root.Add(new XElement(Svg + "desc", Clean(
            $"{snapshot.Hosts.Length} host(s), {snapshot.Networks.Length} network(s), {snapshot.Containers.Length} container(s); generated "
            + snapshot.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))));
        root.Add(new XElement(Svg + "style", new XAttribute("type", "text/css"), SvgTheme.Css(palette)));
        root.Add(new XElement(Svg + "rect", new XAttribute("class", "bg"), new XAttribute("width", "100%"), new XAttribute("height", "100%")));

        var canvas = new XElement(Svg + "g", new XAttribute("transform", $"translate({Num(Margin)},{Num(Margin)})"));
        root.Add(canvas);

        foreach (var group in graph.Regions.Where(g => TopologyExport.Drawn(g, graph) && layout.Regions.ContainsKey(g.Id)))
        {
            canvas.Add(Region(group, layout.Regions[group.Id]));
        }

        // Where each container's links leave its top edge: its endpoints spread over the left part when a published
        // port enters it on the right, as on the live map.
        var published = graph.Edges.Where(e => e.Kind == MapEdgeKind.PublishedPort).Select(e => e.TargetId).ToHashSet(StringComparer.Ordinal);
        var exits = new Dictionary<string, (double Fraction, int Count)>(StringComparer.Ordinal);
        foreach (var bySource in graph.Edges.Where(e => e.Kind == MapEdgeKind.Endpoint).GroupBy(e => e.SourceId))
        {
            var list = bySource.OrderBy(e => nodes.TryGetValue(e.TargetId, out var t) && nodes.TryGetValue(e.SourceId, out var s) && t.RegionId == s.RegionId ? 0 : 1)
                .ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
            var share = published.Contains(bySource.Key) ? 0.48 : 1.0;
            for (var i = 0; i < list.Count; i++)
            {
                exits[list[i].Id] = (share * (2.0 * i + 1) / (2.0 * list.Count), list.Count);
            }
        }
        var links = new XElement(Svg + "g", new XAttribute("class", "links"));
        var labels = new XElement(Svg + "g", new XAttribute("class", "labels"));
        foreach (var edge in graph.Edges)
        {
            if (!nodes.TryGetValue(edge.SourceId, out var source) || !nodes.TryGetValue(edge.TargetId, out var target)
                || !layout.Nodes.TryGetValue(source.Id, out var sp) || !layout.Nodes.TryGetValue(target.Id, out var tp))
            {
                continue;
            }
            var (link, label) = Link(edge, source, sp, target, tp, exits.GetValueOrDefault(edge.Id, (0.5, 1)));
            links.Add(link);
            if (label is not null)
            {
                labels.Add(label);
            }
        }
        canvas.Add(links);
        foreach (var node in graph.Nodes)
        {
            if (layout.Nodes.TryGetValue(node.Id, out var at))
            {
                canvas.Add(Node(node, at));
            }
        }
        canvas.Add(labels);

        if (options.Legend)
        {
            root.Add(Legend(Margin, legendTop, width - 2 * Margin, legendHeight));
        }

        var sb = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = false, OmitXmlDeclaration = true, CheckCharacters = true, NewLineHandling = NewLineHandling.Entitize };
        using (var writer = XmlWriter.Create(sb, settings))
        {
            root.WriteTo(writer);
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + sb + "\n";
    }

    private static XElement Region(MapRegion g, MapRect r)
    {
        var kind = g.Kind switch
        {
            MapRegionKind.BridgeNetwork => "bridge",
            MapRegionKind.OtherNetwork => "other",
            MapRegionKind.HostStack => "host-stack",
            _ => "isolated",
        };
        var label = Clean(g.Label);
        var el = new XElement(Svg + "g", new XAttribute("class", "region region-" + kind),
            new XElement(Svg + "title", Clean(g.Detail is null ? g.Label : $"{g.Label} · {g.Detail}")),
            Rect(r.X, r.Y, r.Width, r.Height, 14, "region-rect"),
            Text(r.X + 16, r.Y + 21, Fit(label, 56), "region-label",
                new XElement(Svg + "tspan", new XAttribute("class", "region-count"), new XAttribute("dx", "8"), g.ContainerCount.ToString(CultureInfo.InvariantCulture))));
        if (g.Detail is not null)
        {
            el.Add(Text(r.X + 16, r.Y + 37, Fit(Clean(g.Detail), 100), "region-detail mono"));
        }
        return el;
    }

    private static XElement Node(MapNode n, MapPoint at)
    {
        var size = MapLayout.SizeOf(n.Kind);
        var (x, y, w, h) = (at.X, at.Y, size.Width, size.Height);
        var title = new XElement(Svg + "title", Clean(string.Join(" · ", TopologyExport.NodeLines(n).Where(l => l.Length > 0))));
        switch (n.Kind)
        {
            case MapNodeKind.Host:
                return new XElement(Svg + "g", new XAttribute("class", "node host" + (n.Dimmed ? " host-disconnected" : "")), title,
                    Rect(x, y, w, h, 14, "box"),
                    Text(x + 18, y + 30, Fit(Clean(n.Label), 28), "host-name"),
                    Text(x + 18, y + 52, Fit(Clean((n.State ?? "").ToUpperInvariant() + "  " + n.Detail), 44), "host-detail"));
            case MapNodeKind.Bridge or MapNodeKind.Network:
                return new XElement(Svg + "g", new XAttribute("class", "node " + (n.Kind == MapNodeKind.Bridge ? "bridge" : "network")), title,
                    Rect(x, y, w, h, 26, "box"),
                    Text(x + 22, y + 23, Fit(Clean(n.Label), 24), "bridge-name mono"),
                    Text(x + 22, y + 40, Fit(Clean(string.IsNullOrEmpty(n.Detail) ? "no subnet" : n.Detail), 36), "bridge-detail mono"));
            case MapNodeKind.CollapsedNetwork:
                return new XElement(Svg + "g", new XAttribute("class", "node collapsed"), title,
                    Rect(x + 8, y + 8, w, h, 10, "box stack"),
                    Rect(x + 4, y + 4, w, h, 10, "box stack"),
                    Rect(x, y, w, h, 10, "box"),
                    Text(x + 16, y + 30, Fit(Clean(n.Label), 26), "collapsed-name"),
                    Text(x + 16, y + 48, Fit(Clean(n.Detail), 30), "node-detail"));
        }
        var state = n.State is { Length: > 0 } s && s.All(char.IsAsciiLetterLower) ? s : "unknown";
        var mode = ModeMarkers.Of(n.Mode);
        var g = new XElement(Svg + "g",
            new XAttribute("class", $"node container state-{state}" + (n.Dimmed ? " dimmed" : "") + (n.Warnings.IsEmpty ? "" : " has-warning")),
            title,
            Rect(x, y, w, h, 10, "box"),
            Rect(x, y, 5, h, 2.5, "stripe"),
            new XElement(Svg + "circle", new XAttribute("class", "dot"), new XAttribute("cx", Num(x + 19)), new XAttribute("cy", Num(y + 17)), new XAttribute("r", "4.5")),
            Text(x + 30, y + 22, Fit(Clean(n.Label), 17), "container-name"),
            Rect(x + w - 54, y + 9, 46, 16, 8, "mode"),
            Text(x + w - 31, y + 21, mode.ToUpperInvariant(), "mode-text"),
            Text(x + 15, y + 41, Fit(Clean(n.Detail), 29), "node-detail mono"),
            Text(x + 15, y + 56, Fit(Clean(n.State), 30), "state-text"));
        if (!n.Warnings.IsEmpty)
        {
            g.Add(new XElement(Svg + "g", new XAttribute("class", "warning-badge"),
                new XElement(Svg + "title", Clean(string.Join(" · ", n.Warnings.Select(wn => wn.Message)))),
                new XElement(Svg + "circle", new XAttribute("cx", Num(x + w)), new XAttribute("cy", Num(y)), new XAttribute("r", "10")),
                Text(x + w, y + 4.5, "!", "warning-text")));
        }
        return g;
    }

    private static (XElement Link, XElement? Label) Link(MapEdge e, MapNode source, MapPoint sp, MapNode target, MapPoint tp, (double Fraction, int Count) exit)
    {
        var ss = MapLayout.SizeOf(source.Kind);
        var ts = MapLayout.SizeOf(target.Kind);
        (double X, double Y) Top(MapPoint p, MapSize s, double f) => (p.X + s.Width * f, p.Y);
        (double X, double Y) Bottom(MapPoint p, MapSize s, double f) => (p.X + s.Width * f, p.Y + s.Height);
        (double X, double Y) a, b;
        (double X, double Y)? labelAt;
        var band = MapLayout.RowGap / 2;
        string d;
        switch (e.Kind)
        {
            case MapEdgeKind.Uplink:
                a = Bottom(sp, ss, 0.5);
                b = Top(tp, ts, 0.5);
                d = Curve(a, b);
                labelAt = (tp.X + ts.Width + 70, tp.Y + ts.Height / 2);
                break;
            case MapEdgeKind.PublishedPort:
                a = Bottom(sp, ss, 0.5);
                b = Top(tp, ts, 0.82);
                d = Curve(a, b);
                labelAt = (b.X, b.Y - band);
                break;
            case MapEdgeKind.HostStack:
                a = Top(sp, ss, 0.5);
                b = Bottom(tp, ts, 0.5);
                d = Curve(a, b);
                labelAt = (a.X, a.Y - band);
                break;
            case MapEdgeKind.SharesNamespace:
                a = Top(sp, ss, 0.5);
                b = Top(tp, ts, 0.95);
                var lift = Math.Min(a.Y, b.Y) - band - 6;
                d = $"M{Num(a.X)},{Num(a.Y)} C{Num(a.X)},{Num(lift)} {Num(b.X)},{Num(lift)} {Num(b.X)},{Num(b.Y)}";
                labelAt = (a.X, a.Y - band);
                break;
            default:
                a = Top(sp, ss, exit.Fraction);
                var sameColumnAbove = tp.Y + ts.Height <= sp.Y && Math.Abs((tp.X + ts.Width / 2) - a.X) < 700;
                b = sameColumnAbove ? Bottom(tp, ts, 0.5) : (tp.X < sp.X ? tp.X + ts.Width : tp.X, tp.Y + ts.Height / 2);
                d = $"M{Num(a.X)},{Num(a.Y)} L{Num(a.X)},{Num(a.Y - band)} C{Num(a.X)},{Num(a.Y - band - 40)} {Num(b.X)},{Num(b.Y + (sameColumnAbove ? 40 : 0))} {Num(b.X)},{Num(b.Y)}";
                labelAt = e.Label is null ? null : (a.X, a.Y - band);
                break;
        }
        var kind = e.Kind switch
        {
            MapEdgeKind.Uplink => "uplink",
            MapEdgeKind.HostStack => "host-stack",
            MapEdgeKind.SharesNamespace => "shares",
            MapEdgeKind.PublishedPort => "published",
            _ => "endpoint",
        };
        var lines = TopologyExport.EdgeLines(e).Select(Clean).ToList();
        var cls = "link link-" + kind + (e.Warning ? " link-warning" : "");
        var link = new XElement(Svg + "g", new XAttribute("class", cls),
            new XElement(Svg + "title", string.Join(" · ", lines)),
            new XElement(Svg + "path", new XAttribute("class", "line"), new XAttribute("d", d)));
        if (labelAt is not { } at || lines.Count == 0)
        {
            return (link, null);
        }
        // Shown: the main label and the detail, fitted to the room there is (the full text is the link's title).
        var compact = e.Kind == MapEdgeKind.PublishedPort || exit.Count > 1;
        var shown = e.Kind == MapEdgeKind.PublishedPort ? PortLines(lines[0]).Append("DNAT").Take(2).ToList() : lines;
        var max = compact ? 20 : 34;
        shown = shown.Select(l => Fit(l, max)).ToList();
        var charWidth = compact ? 5.45 : 6.4;
        var boxW = shown.Max(l => new StringInfo(l).LengthInTextElements) * charWidth + (compact ? 8 : 12);
        var boxH = shown.Count * 12 + 4;
        var label = new XElement(Svg + "g", new XAttribute("class", cls + (compact ? " compact" : "")),
            new XElement(Svg + "title", string.Join(" · ", lines)),
            Rect(at.X - boxW / 2, at.Y - boxH / 2, boxW, boxH, 6, "label-box"));
        for (var i = 0; i < shown.Count; i++)
        {
            label.Add(Text(at.X, at.Y - boxH / 2 + 11 + i * 12, shown[i], i == 0 ? "label-main" : "label-detail"));
        }
        return (link, label);
    }

    /// <summary>"0.0.0.0:8081, [::]:8081 → 8080/tcp" as two short lines: "0.0.0.0:8081 +[::]" and "→ 8080/tcp".</summary>
    private static IEnumerable<string> PortLines(string label)
    {
        var groups = label.Split("; ");
        var first = groups[0].Split(" → ");
        if (first.Length != 2)
        {
            return [label];
        }
        var hosts = first[0].Split(", ");
        var main = hosts[0] + (hosts.Length > 1 ? (hosts[1].StartsWith('[') ? " +[::]" : $" +{hosts.Length - 1}") : "");
        return [main, "→ " + first[1] + (groups.Length > 1 ? $" +{groups.Length - 1}" : "")];
    }

    private static string Curve((double X, double Y) a, (double X, double Y) b)
    {
        var mid = (a.Y + b.Y) / 2;
        return $"M{Num(a.X)},{Num(a.Y)} C{Num(a.X)},{Num(mid)} {Num(b.X)},{Num(mid)} {Num(b.X)},{Num(b.Y)}";
    }

    private static XElement Legend(double x, double y, double width, double height)
    {
        var g = new XElement(Svg + "g", new XAttribute("class", "legend"),
            Rect(x, y, width, height, 12, "legend-box"),
            Text(x + 16, y + 24, "Legend", "legend-head"));
        var top = y + 48;
        void Column(int column, string title, IEnumerable<(Func<double, double, XElement> Sample, string Text)> rows)
        {
            var cx = x + 16 + column * LegendColumn;
            g.Add(Text(cx, top, title.ToUpperInvariant(), "legend-title"));
            var cy = top + LegendRow;
            foreach (var (sample, text) in rows)
            {
                g.Add(sample(cx, cy - 11));
                g.Add(Text(cx + 46, cy, text, "legend-text"));
                cy += LegendRow;
            }
        }
        Func<double, double, XElement> NodeSample(string cls, double rx) => (sx, sy) =>
            new XElement(Svg + "g", new XAttribute("class", cls), Rect(sx, sy, 34, 15, rx, "box"));
        Column(0, "Nodes",
        [
            (NodeSample("node host", 4), "Docker host"),
            (NodeSample("node bridge", 8), "Linux bridge (docker0, br-…)"),
            (NodeSample("node network", 8), "Network without a bridge (macvlan…)"),
            ((sx, sy) => new XElement(Svg + "g", new XAttribute("class", "node container state-running"),
                Rect(sx, sy, 34, 15, 4, "box"), Rect(sx, sy, 5, 15, 2, "stripe")), "Container (stripe: state)"),
            (NodeSample("node collapsed", 4), "Collapsed network"),
            ((sx, sy) => new XElement(Svg + "g", new XAttribute("class", "warning-badge"),
                new XElement(Svg + "circle", new XAttribute("cx", Num(sx + 17)), new XAttribute("cy", Num(sy + 7.5)), new XAttribute("r", "8")),
                Text(sx + 17, sy + 11.5, "!", "warning-text")), "Warning (see the title)"),
        ]);
        Column(1, "Container state",
            new[] { "running", "paused", "restarting", "created", "exited", "dead" }.Select(s =>
                ((Func<double, double, XElement>)((sx, sy) => new XElement(Svg + "g", new XAttribute("class", "container state-" + s),
                    new XElement(Svg + "circle", new XAttribute("class", "dot"), new XAttribute("cx", Num(sx + 17)), new XAttribute("cy", Num(sy + 7.5)), new XAttribute("r", "5")))),
                 s + (s is "created" or "exited" or "dead" ? " (dimmed)" : ""))));
        Column(2, "Regions",
        [
            ((sx, sy) => new XElement(Svg + "g", new XAttribute("class", "region region-bridge"), Rect(sx, sy, 34, 16, 4, "region-rect")), "Bridge network"),
            ((sx, sy) => new XElement(Svg + "g", new XAttribute("class", "region region-other"), Rect(sx, sy, 34, 16, 4, "region-rect")), "Other network (dashed)"),
            ((sx, sy) => new XElement(Svg + "g", new XAttribute("class", "region region-host-stack"), Rect(sx, sy, 34, 16, 4, "region-rect")), "Host network stack"),
            ((sx, sy) => new XElement(Svg + "g", new XAttribute("class", "region region-isolated"), Rect(sx, sy, 34, 16, 4, "region-rect")), "Isolated (none: loopback only)"),
        ]);
        Func<double, double, XElement> LineSample(string cls) => (sx, sy) =>
            new XElement(Svg + "g", new XAttribute("class", "link " + cls),
                new XElement(Svg + "path", new XAttribute("class", "line"), new XAttribute("d", $"M{Num(sx)},{Num(sy + 7.5)} L{Num(sx + 36)},{Num(sy + 7.5)}")));
        Column(3, "Links",
        [
            (LineSample("link-uplink"), "Uplink: host ⇄ bridge (gateway, NAT)"),
            (LineSample("link-endpoint"), "Endpoint: IP/prefix, eth0 ⇄ veth"),
            (LineSample("link-host-stack"), "Host stack (--network host)"),
            (LineSample("link-shares"), "Shares network namespace (dashed)"),
            (LineSample("link-published"), "Published port, DNAT (dotted)"),
            (LineSample("link-endpoint link-warning"), "Warning: ports discarded, owner down"),
        ]);
        return g;
    }

    private static XElement Rect(double x, double y, double w, double h, double rx, string cls) =>
        new(Svg + "rect", new XAttribute("class", cls), new XAttribute("x", Num(x)), new XAttribute("y", Num(y)),
            new XAttribute("width", Num(w)), new XAttribute("height", Num(h)), new XAttribute("rx", Num(rx)), new XAttribute("ry", Num(rx)));

    private static XElement Text(double x, double y, string text, string cls, params object[] more) =>
        new(Svg + "text", new XAttribute("class", cls), new XAttribute("x", Num(x)), new XAttribute("y", Num(y)), text, more);

    /// <summary>Text XML 1.0 can carry: control characters, lone surrogates and U+FFFE/U+FFFF dropped.</summary>
    public static string Clean(string? text) => TopologyExport.Clean(text);

    /// <summary>At most <paramref name="max"/> characters (text elements, so an emoji is never cut in half), "…" when cut.</summary>
    private static string Fit(string text, int max)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= max ? text : info.SubstringByTextElements(0, max - 1) + "…";
    }

    private static string Num(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
