using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>The facts of one selected map node or link, resolved against the current snapshot.</summary>
public partial class MapSidePanel
{
    [Parameter, EditorRequired] public required TopologySnapshot Snapshot { get; set; }

    /// <summary>The selected node; null when a link is selected.</summary>
    [Parameter] public MapNode? Node { get; set; }

    /// <summary>The selected link; null when a node is selected.</summary>
    [Parameter] public MapEdge? Edge { get; set; }

    /// <summary>The host of the selected link (its source node's host).</summary>
    [Parameter] public string? EdgeHostId { get; set; }

    /// <summary>Whether the selected network is drawn collapsed.</summary>
    [Parameter] public bool Collapsed { get; set; }

    [Parameter] public EventCallback OnClose { get; set; }

    /// <summary>How far back the traffic section lists ended connections (the map's traffic window).</summary>
    [Parameter] public TimeSpan TrafficWindow { get; set; } = TimeSpan.FromMinutes(1);

    [Parameter] public EventCallback OnCenter { get; set; }

    [Parameter] public EventCallback<string> OnToggleCollapsed { get; set; }

    /// <summary>Draws the selected container's compose project or service as one node again (its group key).</summary>
    [Parameter] public EventCallback<string> OnCollapseGroup { get; set; }

    /// <summary>"Reach another container…": highlight the path from the selected container to the one picked.</summary>
    [Parameter] public EventCallback<ContainerInfo> OnReach { get; set; }

    private HostInfo? Host { get; set; }
    private ContainerInfo? Container { get; set; }
    private ContainerInfo? Owner { get; set; }
    private NetworkInfo? Network { get; set; }
    private EndpointInfo? Endpoint { get; set; }
    private IReadOnlyList<ContainerInfo> Sharers { get; set; } = [];
    private IReadOnlyList<(ContainerInfo, EndpointInfo)> Attached { get; set; } = [];
    private IReadOnlyList<ContainerInfo> NetworkSharers { get; set; } = [];

    private string PanelKind => Node is { } n ? n.Kind.ToString().ToLowerInvariant() : Edge is { } e ? "link-" + MapText.EdgeClass(e.Kind) : "none";

    private string KindText => Node is { } n
        ? n.Kind switch
        {
            MapNodeKind.Container => "Container",
            MapNodeKind.Bridge => "Bridge network",
            MapNodeKind.Network => "Network",
            MapNodeKind.CollapsedNetwork => "Network (collapsed)",
            _ => "Docker host",
        }
        : Edge is { } e
            ? e.Kind switch
            {
                MapEdgeKind.Endpoint => "Endpoint · veth pair",
                MapEdgeKind.PublishedPort => "Published port",
                MapEdgeKind.HostStack => "Host network stack",
                MapEdgeKind.SharesNamespace => "Shared network namespace",
                _ => "Bridge uplink",
            }
            : "";

    private string Title => Node is { } n
        ? n.Kind switch
        {
            MapNodeKind.Container => Container?.Name ?? n.Label,
            MapNodeKind.Host => Host?.Name ?? n.Label,
            _ => Network?.Name ?? n.Label,
        }
        : Edge is { } e
            ? e.Kind switch
            {
                MapEdgeKind.Endpoint when Container is not null => $"{Container.Name} ⇄ {Network?.Name ?? Endpoint?.NetworkName}",
                MapEdgeKind.PublishedPort => $"{Host?.Name ?? "host"} → {Container?.Name}",
                MapEdgeKind.HostStack => $"{Container?.Name} → {Host?.Name ?? "host"}",
                MapEdgeKind.SharesNamespace => $"{Container?.Name} → {Owner?.Name ?? "?"}",
                MapEdgeKind.Uplink => $"{Host?.Name ?? "host"} ⇄ {Network?.Bridge ?? Network?.Name}",
                _ => e.Label ?? e.Id,
            }
            : "";

    private string WarningText => Container?.Warnings.IsEmpty == false
        ? string.Join(" ", Container.Warnings.Select(w => w.Message))
        : "This link carries a warning.";

    protected override void OnParametersSet()
    {
        var hostId = Node?.HostId ?? EdgeHostId;
        Host = Snapshot.Hosts.FirstOrDefault(h => h.Id == hostId);
        Container = null;
        Owner = null;
        Network = null;
        Endpoint = null;
        if (Node is { } node)
        {
            switch (node.Kind)
            {
                case MapNodeKind.Container:
                    SetContainer(node.RefId, hostId);
                    break;
                case MapNodeKind.Bridge or MapNodeKind.Network or MapNodeKind.CollapsedNetwork:
                    SetNetwork(node.RefId, hostId);
                    break;
            }
        }
        else if (Edge is { } edge)
        {
            if (edge.ContainerId is { } cid)
            {
                SetContainer(cid, hostId);
            }
            if (edge.NetworkId is { } nid)
            {
                SetNetwork(nid, hostId);
                Endpoint = Container?.Endpoints.FirstOrDefault(e => e.NetworkId == nid);
            }
        }
    }

    private void SetContainer(string id, string? hostId)
    {
        Container = Snapshot.Containers.FirstOrDefault(c => c.HostId == hostId && c.Id == id);
        if (Container is not null)
        {
            Owner = TopologyRows.Owner(Snapshot, Container);
            Sharers = TopologyRows.Sharers(Snapshot, Container);
        }
    }

    private void SetNetwork(string id, string? hostId)
    {
        Network = Snapshot.Networks.FirstOrDefault(n => n.HostId == hostId && n.Id == id);
        if (Network is not null)
        {
            var attached = TopologyRows.Attached(Snapshot, Network);
            Attached = attached.Select(a => (a.Container, a.Endpoint)).ToList();
            var ids = attached.Select(a => a.Container.Id).ToHashSet(StringComparer.Ordinal);
            NetworkSharers = Snapshot.Containers
                .Where(c => c.HostId == Network.HostId && c.NetworkMode is { Kind: NetworkModeKind.Container, SharesWith: { } o } && ids.Contains(o))
                .ToList();
        }
    }

    /// <summary>hostIp:hostPort → containerIp:containerPort/proto, one per published binding.</summary>
    private ImmutableArray<string> DnatPaths(ContainerInfo c)
    {
        var target = Owner ?? c;
        var ip = target.Endpoints.Select(e => e.Ipv4).FirstOrDefault(a => a is not null) ?? "container";
        return c.Ports.Where(p => !p.Discarded && (p.HostPort is not null || p.Routed))
            .Select(p => p.Routed
                ? $"routed: no DNAT, reached at {ip}:{p.ContainerPort}/{p.Protocol} directly"
                : $"{HostSide(p)} → {ip}:{p.ContainerPort}/{p.Protocol}")
            .ToImmutableArray();
    }

    private static string HostSide(PortInfo p) => p.HostIp switch
    {
        null => $"{p.HostPort}",
        { } a when a.Contains(':') => $"[{a}]:{p.HostPort}",
        { } a => $"{a}:{p.HostPort}",
    };
}
