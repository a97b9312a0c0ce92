using System.Globalization;
using System.Text;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Export;

/// <summary>
/// The topology as a Mermaid <c>flowchart LR</c> (GitHub and GitLab render it in Markdown): a subgraph per region,
/// node shapes per kind (host hexagon, bridge stadium, other network parallelogram, container box, collapsed
/// subroutine), edge styles per kind (thick uplinks and host stack, dashed shared namespace, dotted published ports).
/// No user text ever reaches the syntax: ids are generated (n1, g1…) and every label is quoted with every character
/// outside a small safe set written as a Mermaid entity code (<c>#quot;</c>, <c>#60;</c>…), so quotes, brackets,
/// pipes, <c>%%</c>, keywords, markup and newlines in names stay text.
/// </summary>
public static class MermaidExporter
{
    private const string Br = "<br/>";

    public static string Export(TopologySnapshot snapshot)
    {
        var graph = TopologyExport.Graph(snapshot);
        var sb = new StringBuilder();
        sb.Append("flowchart LR\n");
        sb.Append(CultureInfo.InvariantCulture, $"  %% NetDashboard topology, revision {snapshot.Revision}\n");
        sb.Append("  classDef host fill:#ecebfc,stroke:#594ae2,stroke-width:2px,color:#212121\n");
        sb.Append("  classDef bridge fill:#e3f2fd,stroke:#2196f3,stroke-width:2px,color:#212121\n");
        sb.Append("  classDef network fill:#efedfc,stroke:#594ae2,stroke-width:2px,stroke-dasharray:6 4,color:#212121\n");
        sb.Append("  classDef collapsed fill:#ffffff,stroke:#2196f3,stroke-width:1px,color:#212121\n");
        sb.Append("  classDef running fill:#ffffff,stroke:#00c853,stroke-width:2px,color:#212121\n");
        sb.Append("  classDef paused fill:#ffffff,stroke:#ff9800,stroke-width:2px,color:#212121\n");
        sb.Append("  classDef stopped fill:#f5f5f5,stroke:#9e9e9e,stroke-width:1px,stroke-dasharray:4 3,color:#757575\n");
        sb.Append("  classDef dead fill:#fdecea,stroke:#f44336,stroke-width:2px,color:#212121\n");
        sb.Append("  classDef warning stroke:#ff9800,stroke-width:3px\n");
        sb.Append("  classDef disconnected fill:#fdecea,stroke:#f44336,stroke-width:2px,color:#757575\n");

        var ids = TopologyExport.NodeIds(graph);

        var (topLevel, regions) = TopologyExport.Sections(graph);
        foreach (var node in topLevel)
        {
            AppendNode(sb, node, ids[node.Id], "  ");
        }
        foreach (var (group, number, nodes) in regions)
        {
            var gid = "g" + number.ToString(CultureInfo.InvariantCulture);
            var title = Text(group.Label + " · " + group.ContainerCount.ToString(CultureInfo.InvariantCulture))
                        + (group.Detail is null ? "" : Br + Text(group.Detail));
            sb.Append("  subgraph ").Append(gid).Append("[\"").Append(title).Append("\"]\n");
            foreach (var node in nodes)
            {
                AppendNode(sb, node, ids[node.Id], "    ");
            }
            sb.Append("  end\n");
        }

        var styles = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var index = 0;
        foreach (var edge in graph.Edges)
        {
            if (!ids.TryGetValue(edge.SourceId, out var from) || !ids.TryGetValue(edge.TargetId, out var to))
            {
                continue;
            }
            var arrow = edge.Kind switch
            {
                MapEdgeKind.Uplink or MapEdgeKind.HostStack => "===",
                MapEdgeKind.SharesNamespace => "-.-",
                MapEdgeKind.PublishedPort => "-.->",
                _ => "---",
            };
            var lines = TopologyExport.EdgeLines(edge).Select(Text).ToList();
            sb.Append("  ").Append(from).Append(' ').Append(arrow);
            if (lines.Count > 0)
            {
                sb.Append("|\"").Append(string.Join(Br, lines)).Append("\"|");
            }
            sb.Append(' ').Append(to).Append('\n');
            var style = LinkStyle(edge);
            (styles.TryGetValue(style, out var list) ? list : styles[style] = []).Add(index++);
        }
        foreach (var (style, indexes) in styles.OrderBy(s => s.Value[0]))
        {
            sb.Append("  linkStyle ").Append(string.Join(",", indexes.Select(i => i.ToString(CultureInfo.InvariantCulture))))
              .Append(' ').Append(style).Append('\n');
        }

        foreach (var (cls, members) in graph.Nodes.GroupBy(ClassOf).Select(x => (x.Key, x.ToList())))
        {
            sb.Append("  class ").Append(string.Join(",", members.Select(m => ids[m.Id]))).Append(' ').Append(cls).Append('\n');
        }
        var warned = graph.Nodes.Where(x => !x.Warnings.IsEmpty).Select(x => ids[x.Id]).ToList();
        if (warned.Count > 0)
        {
            sb.Append("  class ").Append(string.Join(",", warned)).Append(" warning\n");
        }
        return sb.ToString();
    }

    private static void AppendNode(StringBuilder sb, MapNode node, string id, string indent)
    {
        var label = string.Join(Br, TopologyExport.NodeLines(node).Where(l => l.Length > 0).Select(Text));
        var (open, close) = node.Kind switch
        {
            MapNodeKind.Host => ("{{\"", "\"}}"),
            MapNodeKind.Bridge => ("([\"", "\"])"),
            MapNodeKind.Network => ("[/\"", "\"/]"),
            MapNodeKind.CollapsedNetwork => ("[[\"", "\"]]"),
            _ => ("[\"", "\"]"),
        };
        sb.Append(indent).Append(id).Append(open).Append(label).Append(close).Append('\n');
    }

    private static string ClassOf(MapNode node) => node.Kind switch
    {
        MapNodeKind.Host => node.Dimmed ? "disconnected" : "host",
        MapNodeKind.Bridge => "bridge",
        MapNodeKind.Network => "network",
        MapNodeKind.CollapsedNetwork => "collapsed",
        _ => node.State switch
        {
            "running" => "running",
            "paused" or "restarting" or "removing" => "paused",
            "dead" => "dead",
            _ => "stopped",
        },
    };

    private static string LinkStyle(MapEdge edge)
    {
        var style = edge.Kind switch
        {
            MapEdgeKind.Uplink => "stroke:#757575,stroke-width:2.4px",
            MapEdgeKind.HostStack => "stroke:#1ec8a5,stroke-width:2.2px",
            MapEdgeKind.SharesNamespace => "stroke:#ff4081,stroke-width:2.2px,stroke-dasharray:7 5",
            MapEdgeKind.PublishedPort => "stroke:#594ae2,stroke-width:2.6px,stroke-dasharray:1 6",
            _ => "stroke:#2196f3,stroke-width:1.7px",
        };
        // A warning (discarded ports, the namespace owner down) draws the link in the warning colour.
        return edge.Warning ? "stroke:#ff9800" + style[style.IndexOf(',', StringComparison.Ordinal)..] : style;
    }

    /// <summary>
    /// Label text for inside <c>"…"</c>: letters, digits, space and <c>. , - _ / + = @</c> as they are; every other
    /// character (quotes, brackets, pipes, <c>#</c>, <c>%</c>, <c>:</c>, <c>;</c>, markup, backticks, non-ASCII) as a
    /// numeric entity code <c>#N;</c>, which Mermaid turns into the character itself; control characters become spaces.
    /// </summary>
    public static string Text(string? text)
    {
        var clean = TopologyExport.Clean(text);
        var sb = new StringBuilder(clean.Length + 16);
        foreach (var rune in clean.EnumerateRunes())
        {
            var v = rune.Value;
            if (v < 0x80 && (char.IsAsciiLetterOrDigit((char)v) || v is ' ' or '.' or ',' or '-' or '_' or '/' or '+' or '=' or '@'))
            {
                sb.Append((char)v);
            }
            else
            {
                sb.Append('#').Append(v.ToString(CultureInfo.InvariantCulture)).Append(';');
            }
        }
        return sb.ToString();
    }
}
