using System.Globalization;
using System.Text;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Export;

/// <summary>
/// The topology as a Graphviz digraph: a cluster per region, node shapes per kind, edge styles per kind (bold
/// uplinks, dashed shared namespaces, dotted published ports with an arrow host → container). Every id and label is
/// a quoted string with <c>\</c> and <c>"</c> escaped and line breaks as <c>\n</c>; ids are generated (n1, cluster_g1…),
/// never HTML labels, so no name can end a string, open a statement or use a keyword.
/// </summary>
public static class DotExporter
{
    public static string Export(TopologySnapshot snapshot)
    {
        var graph = TopologyExport.Graph(snapshot);
        var sb = new StringBuilder();
        sb.Append("digraph \"netdashboard\" {\n");
        sb.Append(CultureInfo.InvariantCulture, $"  graph [rankdir=\"LR\", fontname=\"DejaVu Sans\", fontsize=\"11\", nodesep=\"0.3\", ranksep=\"0.8\", label={Quote($"NetDashboard topology · revision {snapshot.Revision}")}, labelloc=\"t\"];\n");
        sb.Append("  node [fontname=\"DejaVu Sans\", fontsize=\"10\", shape=\"box\", style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#9e9e9e\"];\n");
        sb.Append("  edge [fontname=\"DejaVu Sans Mono\", fontsize=\"9\", dir=\"none\", color=\"#2196f3\"];\n");

        var ids = TopologyExport.NodeIds(graph);
        var (topLevel, regions) = TopologyExport.Sections(graph);
        foreach (var node in topLevel)
        {
            AppendNode(sb, node, ids[node.Id], "  ");
        }
        foreach (var (group, number, nodes) in regions)
        {
            sb.Append("  subgraph ").Append(Quote("cluster_g" + number.ToString(CultureInfo.InvariantCulture))).Append(" {\n");
            var label = $"{group.Label} · {group.ContainerCount.ToString(CultureInfo.InvariantCulture)}" + (group.Detail is null ? "" : "\n" + group.Detail);
            var (color, style) = group.Kind switch
            {
                MapRegionKind.BridgeNetwork => ("#2196f3", "rounded"),
                MapRegionKind.OtherNetwork => ("#594ae2", "rounded,dashed"),
                MapRegionKind.HostStack => ("#1ec8a5", "rounded,bold"),
                _ => ("#9e9e9e", "rounded,dotted"),
            };
            sb.Append("    graph [label=").Append(Quote(label)).Append(", style=").Append(Quote(style)).Append(", color=").Append(Quote(color))
              .Append(", fontcolor=\"#424242\", labeljust=\"l\"];\n");
            foreach (var node in nodes)
            {
                AppendNode(sb, node, ids[node.Id], "    ");
            }
            sb.Append("  }\n");
        }

        foreach (var edge in graph.Edges)
        {
            if (!ids.TryGetValue(edge.SourceId, out var from) || !ids.TryGetValue(edge.TargetId, out var to))
            {
                continue;
            }
            var (color, style, width, dir) = edge.Kind switch
            {
                MapEdgeKind.Uplink => ("#757575", "bold", "2.4", "none"),
                MapEdgeKind.HostStack => ("#1ec8a5", "bold", "2.2", "none"),
                MapEdgeKind.SharesNamespace => ("#ff4081", "dashed", "2.2", "forward"),
                MapEdgeKind.PublishedPort => ("#594ae2", "dotted", "2.6", "forward"),
                _ => ("#2196f3", "solid", "1.7", "none"),
            };
            if (edge.Warning)
            {
                color = "#ff9800";
            }
            sb.Append("  ").Append(Quote(from)).Append(" -> ").Append(Quote(to)).Append(" [");
            var lines = TopologyExport.EdgeLines(edge).ToList();
            if (lines.Count > 0)
            {
                sb.Append("label=").Append(Quote(string.Join("\n", lines))).Append(", ");
            }
            sb.Append("color=").Append(Quote(color)).Append(", fontcolor=").Append(Quote(color == "#757575" ? "#424242" : color))
              .Append(", style=").Append(Quote(style)).Append(", penwidth=").Append(Quote(width)).Append(", dir=").Append(Quote(dir)).Append("];\n");
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    private static void AppendNode(StringBuilder sb, MapNode node, string id, string indent)
    {
        var label = string.Join("\n", TopologyExport.NodeLines(node).Where(l => l.Length > 0));
        var (shape, style, color, fill) = node.Kind switch
        {
            MapNodeKind.Host => ("box", "rounded,filled,bold", node.Dimmed ? "#f44336" : "#594ae2", "#ecebfc"),
            MapNodeKind.Bridge => ("box", "rounded,filled,bold", "#2196f3", "#e3f2fd"),
            MapNodeKind.Network => ("box", "rounded,filled,dashed", "#594ae2", "#efedfc"),
            MapNodeKind.CollapsedNetwork => ("box3d", "filled", "#2196f3", "#ffffff"),
            _ => ("box", node.Dimmed ? "rounded,filled,dashed" : "rounded,filled", StateColor(node.State), node.Dimmed ? "#f5f5f5" : "#ffffff"),
        };
        if (!node.Warnings.IsEmpty)
        {
            color = "#ff9800";
        }
        sb.Append(indent).Append(Quote(id)).Append(" [label=").Append(Quote(label)).Append(", shape=").Append(Quote(shape))
          .Append(", style=").Append(Quote(style)).Append(", color=").Append(Quote(color)).Append(", fillcolor=").Append(Quote(fill))
          .Append(node.Kind == MapNodeKind.Bridge ? ", fontname=\"DejaVu Sans Mono\"" : "")
          .Append(node.Dimmed ? ", fontcolor=\"#757575\"" : "").Append("];\n");
    }

    private static string StateColor(string? state) => state switch
    {
        "running" => "#00c853",
        "paused" or "restarting" or "removing" => "#ff9800",
        "dead" => "#f44336",
        _ => "#9e9e9e",
    };

    /// <summary>
    /// A DOT quoted string: <c>\</c> → <c>\\</c>, <c>"</c> → <c>\"</c>, <c>&amp;</c> → <c>&amp;amp;</c> (Graphviz decodes
    /// entities in labels), a line break → <c>\n</c>, other control characters dropped.
    /// </summary>
    public static string Quote(string? text)
    {
        var sb = new StringBuilder("\"");
        // Split on the line breaks we put in ourselves before cleaning (which turns stray ones into spaces).
        var lines = (text ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                sb.Append("\\n");
            }
            foreach (var c in TopologyExport.Clean(lines[i]))
            {
                sb.Append(c switch
                {
                    '\\' => "\\\\",
                    '"' => "\\\"",
                    '&' => "&amp;", // Graphviz decodes entities in labels: keep a literal '&' literal
                    _ => c.ToString(),
                });
            }
        }
        return sb.Append('"').ToString();
    }
}
