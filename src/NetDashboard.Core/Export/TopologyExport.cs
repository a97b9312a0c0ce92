using System.Collections.Immutable;
using NetDashboard.Core.Lookup;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Export;

/// <summary>The export formats of <c>GET /api/topology/export</c>.</summary>
public enum ExportFormat
{
    Mermaid,
    Dot,
    Svg,
    Json,

    /// <summary>A picture of the SVG export, rendered by the web app (<see cref="TopologyExport.Render"/> writes only the text formats).</summary>
    Png,
}

public enum ExportTheme
{
    Light,
    Dark,
}

/// <summary>What a caller chose for one export (the SVG reads the theme and the legend; the others ignore them).</summary>
public sealed record ExportOptions
{
    public ExportTheme Theme { get; init; } = ExportTheme.Light;
    public bool Legend { get; init; } = true;
}

/// <summary>
/// The entry point of the exporters: narrowing a snapshot to one network, and rendering it in one format. Pure: the
/// same snapshot gives the same text.
/// </summary>
public static class TopologyExport
{
    public static IReadOnlyList<string> FormatNames { get; } = ["mermaid", "dot", "svg", "json", "png"];

    public static bool TryParseFormat(string? value, out ExportFormat format)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "mermaid" or "mmd":
                format = ExportFormat.Mermaid;
                return true;
            case "dot" or "gv" or "graphviz":
                format = ExportFormat.Dot;
                return true;
            case "svg":
                format = ExportFormat.Svg;
                return true;
            case "json":
                format = ExportFormat.Json;
                return true;
            case "png":
                format = ExportFormat.Png;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static string FileExtension(ExportFormat format) => format switch
    {
        ExportFormat.Mermaid => "mmd",
        ExportFormat.Dot => "dot",
        ExportFormat.Svg => "svg",
        ExportFormat.Png => "png",
        _ => "json",
    };

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Mermaid => "text/vnd.mermaid; charset=utf-8",
        ExportFormat.Dot => "text/vnd.graphviz; charset=utf-8",
        ExportFormat.Svg => "image/svg+xml; charset=utf-8",
        ExportFormat.Png => "image/png",
        _ => "application/json; charset=utf-8",
    };

    /// <summary>The text of a text format; <see cref="ExportFormat.Png"/> is a picture of the SVG, drawn by the web app.</summary>
    public static string Render(TopologySnapshot snapshot, ExportFormat format, ExportOptions? options = null) => format switch
    {
        ExportFormat.Mermaid => MermaidExporter.Export(snapshot),
        ExportFormat.Dot => DotExporter.Export(snapshot),
        ExportFormat.Svg or ExportFormat.Png => SvgExporter.Export(snapshot, options),
        _ => JsonExporter.Export(snapshot),
    };

    /// <summary>The graph every drawing exporter reads: everything drawn, nothing collapsed.</summary>
    internal static TopologyGraph Graph(TopologySnapshot snapshot) => TopologyGraphBuilder.Build(snapshot, new MapOptions());

    /// <summary>
    /// The part of <paramref name="snapshot"/> that <paramref name="network"/> (a name, an id or an id prefix) draws:
    /// that network alone, the containers attached to it (an endpoint on it, living in it by network mode, or sharing
    /// the namespace of one that is) and their host. <paramref name="host"/> narrows to one host first; null
    /// <paramref name="network"/> keeps every network. Throws <see cref="KeyNotFoundException"/> for an unknown host or a
    /// network that names no single one (callers that answer users check with <see cref="TopologyResolver.Network"/> first).
    /// </summary>
    public static TopologySnapshot Narrow(TopologySnapshot snapshot, string? network, string? host = null)
    {
        if (host is not null)
        {
            if (!snapshot.Hosts.Any(h => h.Id == host))
            {
                throw new KeyNotFoundException($"No watched host has the id '{host}'.");
            }
            snapshot = snapshot.ForHost(host);
        }
        if (network is null)
        {
            return snapshot;
        }
        var found = TopologyResolver.Network(snapshot, network, host);
        var net = found.Single
                  ?? throw new KeyNotFoundException(found.Ambiguity ?? $"No network is named '{network}' or has that id.");

        var onHost = snapshot.Containers.Where(c => net.IsOn(c.HostId)).ToList();
        var byId = onHost.ToDictionary(c => c.Id, StringComparer.Ordinal);
        bool Attached(ContainerInfo c, int depth)
        {
            if (depth > 16)
            {
                return false; // a sharing loop: a daemon never reports one, but a malformed document must not hang us
            }
            if (c.Endpoints.Any(e => e.NetworkId == net.Id))
            {
                return true;
            }
            var mode = c.NetworkMode;
            if (mode.Kind == NetworkModeKind.Container)
            {
                return mode.SharesWith is { } owner && byId.TryGetValue(owner, out var o) && Attached(o, depth + 1);
            }
            var modeName = mode.Kind switch
            {
                NetworkModeKind.Bridge => "bridge",
                NetworkModeKind.Host => "host",
                NetworkModeKind.None => "none",
                _ => mode.Raw,
            };
            return modeName == net.Name || modeName == net.Id
                   || (mode.Kind == NetworkModeKind.Host && net.Driver == "host")
                   || (mode.Kind == NetworkModeKind.None && net.Driver == "null");
        }

        return snapshot with
        {
            Hosts = snapshot.Hosts.Where(h => net.IsOn(h.Id)).ToImmutableArray(),
            Networks = [net],
            Containers = onHost.Where(c => Attached(c, 0)).ToImmutableArray(),
        };
    }

    /// <summary>Drops what no text format can carry: control characters (tabs and newlines become spaces), lone surrogates, U+FFFE/U+FFFF.</summary>
    internal static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                // dropped
            }
            else if (c is '\t' or '\n' or '\r' or '\u2028' or '\u2029' or '\u0085')
            {
                sb.Append(' ');
            }
            else if (c < 0x20 || c is >= '\u007F' and <= '\u009F')
            {
                // dropped
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>A one-line summary of a node, for tooltips and labels.</summary>
    internal static IEnumerable<string> NodeLines(MapNode n) => n.Kind switch
    {
        MapNodeKind.Container => new[] { n.Label, n.Detail ?? "", $"{n.State} · {ModeMarkers.Of(n.Mode)}" }
            .Concat(n.Warnings.Select(w => "⚠ " + w.Message)),
        MapNodeKind.Host => [n.Label, $"{n.State}{(n.Detail is null ? "" : " · " + n.Detail)}"],
        MapNodeKind.CollapsedNetwork => [n.Label],
        _ => string.IsNullOrEmpty(n.Detail) ? [n.Label] : [n.Label, n.Detail],
    };

    internal static IEnumerable<string> EdgeLines(MapEdge e) =>
        new[] { e.Label, e.Detail }.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!);

    internal static string EdgeDescription(MapEdgeKind kind) => kind switch
    {
        MapEdgeKind.Uplink => "Host ⇄ bridge: the bridge is a host interface with the gateway address",
        MapEdgeKind.Endpoint => "Endpoint: eth0 ⇄ veth on the bridge, with IP/prefix",
        MapEdgeKind.HostStack => "Host network mode: the host's own stack, no NAT",
        MapEdgeKind.SharesNamespace => "Shares the network namespace of another container",
        _ => "Published port: DNAT from hostIp:hostPort to the container",
    };

    /// <summary>Regions worth drawing: every network region, and the host stack / isolated ones when they hold something.</summary>
    public static bool Drawn(MapRegion g, TopologyGraph graph) =>
        g.Kind is MapRegionKind.BridgeNetwork or MapRegionKind.OtherNetwork || graph.Nodes.Any(n => n.RegionId == g.Id);

    /// <summary>
    /// The order both text exporters write a graph in: the nodes outside any region, then each drawn region
    /// (<see cref="Drawn"/>) with its 1-based number and its nodes.
    /// </summary>
    internal static (IReadOnlyList<MapNode> TopLevel, IReadOnlyList<ExportRegion> Regions) Sections(TopologyGraph graph)
    {
        var topLevel = graph.Nodes.Where(x => x.RegionId is null).ToList();
        var regions = graph.Regions.Where(x => Drawn(x, graph))
            .Select((g, i) => new ExportRegion(g, i + 1, graph.Nodes.Where(x => x.RegionId == g.Id).ToList()))
            .ToList();
        return (topLevel, regions);
    }

    /// <summary>Safe generated identifiers (n1, n2…) for every node: names never become syntax in DOT or Mermaid.</summary>
    internal static Dictionary<string, string> NodeIds(TopologyGraph graph)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var node in graph.Nodes)
        {
            ids[node.Id] = "n" + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return ids;
    }
}

/// <summary>One region as an exporter writes it: the region, its number (1-based, for generated ids) and its nodes.</summary>
internal sealed record ExportRegion(MapRegion Region, int Number, IReadOnlyList<MapNode> Nodes);
