using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>The map's words and CSS class fragments, in one place so widgets, legend and tests agree.</summary>
public static class MapText
{
    /// <summary>A CSS-safe state word: running, exited, … ("unknown" for anything else).</summary>
    public static string StateClass(string? state) =>
        state is { Length: > 0 } s && s.All(char.IsAsciiLetterLower) ? s : "unknown";

    public static string ModeClass(NetworkModeKind? mode) => mode switch
    {
        NetworkModeKind.Bridge => "bridge",
        NetworkModeKind.Network => "network",
        NetworkModeKind.Host => "host",
        NetworkModeKind.None => "none",
        NetworkModeKind.Container => "container",
        _ => "unknown",
    };

    /// <summary>The mode marker on a container node (the exports write the same).</summary>
    public static string ModeMarker(NetworkModeKind? mode) => ModeMarkers.Of(mode);

    public static string ModeDescription(NetworkModeKind? mode) => mode switch
    {
        NetworkModeKind.Bridge => "--network bridge: on the default bridge (docker0)",
        NetworkModeKind.Network => "--network <name>: on a user-defined network",
        NetworkModeKind.Host => "--network host: uses the host's own network stack",
        NetworkModeKind.None => "--network none: loopback only",
        NetworkModeKind.Container => "--network container:<name>: shares another container's network namespace",
        _ => "unknown network mode",
    };

    public static string EdgeClass(MapEdgeKind kind) => kind switch
    {
        MapEdgeKind.Uplink => "uplink",
        MapEdgeKind.Endpoint => "endpoint",
        MapEdgeKind.HostStack => "host-stack",
        MapEdgeKind.SharesNamespace => "shares",
        MapEdgeKind.PublishedPort => "published",
        _ => "other",
    };

    public static string EdgeDescription(MapEdgeKind kind) => kind switch
    {
        MapEdgeKind.Uplink => "Host ⇄ bridge: the bridge is an interface of the host and carries the gateway address",
        MapEdgeKind.Endpoint => "Endpoint: the container's eth0 ⇄ its veth on the bridge, with the IP/prefix",
        MapEdgeKind.HostStack => "Host network mode: the container uses the host's own stack, no NAT",
        MapEdgeKind.SharesNamespace => "Shares the network namespace of another container (--network container:…)",
        MapEdgeKind.PublishedPort => "Published port: DNAT from hostIp:hostPort to the container's port",
        _ => "",
    };

    public static string RegionClass(MapRegionKind kind) => kind switch
    {
        MapRegionKind.BridgeNetwork => "bridge",
        MapRegionKind.OtherNetwork => "other",
        MapRegionKind.HostStack => "host-stack",
        _ => "isolated",
    };

    /// <summary>
    /// The published-port label on the map, two short lines: "0.0.0.0:8081 +[::]" and "→ 8080/tcp" (from the edge's
    /// "0.0.0.0:8081, [::]:8081 → 8080/tcp"); more container ports add "+N". The full text is its tooltip.
    /// </summary>
    public static (string? Main, string? Detail) PortLabel(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return (null, null);
        }
        var groups = label.Split("; ");
        var first = groups[0].Split(" → ");
        if (first.Length != 2)
        {
            return (label, null);
        }
        var hosts = first[0].Split(", ");
        var main = hosts[0] + (hosts.Length > 1 ? (hosts[1].StartsWith('[') ? " +[::]" : $" +{hosts.Length - 1}") : "");
        var detail = "→ " + first[1] + (groups.Length > 1 ? $" +{groups.Length - 1} more" : "");
        return (main, detail);
    }

    public static string Warnings(MapNode node) => string.Join(" · ", node.Warnings.Select(w => w.Message));

    /// <summary>The name of a node for assistive technology: what it is, then its summary.</summary>
    public static string NodeName(MapNode node) => node.Kind switch
    {
        MapNodeKind.Container => "Container " + Summary(node),
        MapNodeKind.Bridge => "Bridge " + Summary(node),
        MapNodeKind.Network => "Network " + Summary(node),
        MapNodeKind.Host => "Docker host " + Summary(node),
        MapNodeKind.CollapsedNetwork => $"{node.Label}, {node.Count} containers collapsed: press Enter to expand",
        MapNodeKind.Group => $"{Summary(node)}: press Enter to expand",
        _ => Summary(node),
    };

    /// <summary>
    /// The name of a link for assistive technology: what kind, between which two nodes, the label it shows
    /// (<paramref name="shown"/>, word for word, so speech input finds it) and, when the label abbreviates it, the full text.
    /// </summary>
    public static string LinkName(MapEdge edge, string source, string target, string? shown)
    {
        var kind = edge.Kind switch
        {
            MapEdgeKind.Uplink => "Uplink",
            MapEdgeKind.Endpoint => "Endpoint",
            MapEdgeKind.HostStack => "Host network stack",
            MapEdgeKind.SharesNamespace => "Shared network namespace",
            MapEdgeKind.PublishedPort => "Published port",
            _ => "Link",
        };
        var full = string.Join(" ", new[] { edge.Label, edge.Detail }.Where(s => !string.IsNullOrEmpty(s)));
        var name = $"{kind} from {source} to {target}";
        if (!string.IsNullOrEmpty(shown))
        {
            name += ": " + shown;
        }
        if (full.Length > 0 && full != shown)
        {
            name += string.IsNullOrEmpty(shown) ? ": " + full : $" ({full})";
        }
        return name;
    }

    /// <summary>The node's accessible one-line summary (also its tooltip).</summary>
    public static string Summary(MapNode node) => node.Kind switch
    {
        MapNodeKind.Container => $"{node.Label} · {node.Detail} · {node.State} · {ModeDescription(node.Mode)}"
                                 + (node.Warnings.IsEmpty ? "" : " · ⚠ " + Warnings(node)),
        MapNodeKind.CollapsedNetwork => $"{node.Label}: click to expand",
        MapNodeKind.Group => $"{node.Label}, {node.Count} containers ({node.State}) · {node.Detail}",
        _ => node.Detail is null ? node.Label : $"{node.Label} · {node.Detail}",
    };
}
