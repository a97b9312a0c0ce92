using System.Collections.Immutable;
using System.Globalization;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Map;

/// <summary>Projects a topology snapshot onto the map's regions, nodes and edges. Pure and deterministic.</summary>
public static class TopologyGraphBuilder
{
    public static string HostNodeId(string hostId) => $"host:{hostId}";
    public static string NetworkNodeId(string hostId, string networkId) => $"net:{hostId}:{networkId}";
    public static string CollapsedNodeId(string hostId, string networkId) => $"col:{hostId}:{networkId}";
    public static string ContainerNodeId(string hostId, string containerId) => $"ctr:{hostId}:{containerId}";
    public static string NetworkRegionId(string hostId, string networkId) => $"grp:{hostId}:{networkId}";
    public static string HostStackRegionId(string hostId) => $"grp:{hostId}:~host";
    public static string IsolatedRegionId(string hostId) => $"grp:{hostId}:~isolated";

    /// <summary>The networks a large map starts collapsed with (empty for a small one), so it stays readable.</summary>
    public static ImmutableHashSet<string> DefaultCollapsed(TopologySnapshot snapshot)
    {
        if (snapshot.Containers.Length <= MapOptions.AutoCollapseAbove)
        {
            return ImmutableHashSet<string>.Empty;
        }
        var homes = snapshot.Containers.GroupBy(c => HomeNetwork(c, snapshot)?.Id).Where(g => g.Key is not null);
        return homes.Where(g => g.Count() > MapOptions.AutoCollapseNetworkSize).Select(g => g.Key!).ToImmutableHashSet();
    }

    public static TopologyGraph Build(TopologySnapshot snapshot, MapOptions? options = null)
    {
        options ??= new MapOptions();
        var regions = ImmutableArray.CreateBuilder<MapRegion>();
        var nodes = ImmutableArray.CreateBuilder<MapNode>();
        var edges = new Dictionary<string, MapEdge>(StringComparer.Ordinal);
        var spans = SwarmSpans.Of(snapshot);
        foreach (var host in snapshot.Hosts)
        {
            BuildHost(snapshot, host, options, spans, regions, nodes, edges);
        }
        var nodeIds = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var stale = snapshot.Hosts.Where(h => h.Stale).Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        return MapGroups.Collapse(new TopologyGraph
        {
            Regions = [.. regions.Select(r => stale.Contains(r.HostId) ? r with { Stale = true } : r)],
            Nodes = [.. nodes.Select(n => stale.Contains(n.HostId) ? n with { Stale = true } : n)],
            // An edge whose far end is not drawn (a hidden stopped owner, say) is left out, never dangling.
            Edges = edges.Values
                .Where(e => nodeIds.Contains(e.SourceId) && nodeIds.Contains(e.TargetId))
                .OrderBy(e => e.Id, StringComparer.Ordinal)
                .ToImmutableArray(),
        }, snapshot, options.CollapsedGroups); // a collapsed project or service: one node per host
    }

    private static void BuildHost(TopologySnapshot snapshot, HostInfo host, MapOptions options, SwarmSpans spans,
        ImmutableArray<MapRegion>.Builder regions, ImmutableArray<MapNode>.Builder nodes, Dictionary<string, MapEdge> edges)
    {
        var hostNode = HostNodeId(host.Id);
        nodes.Add(new MapNode
        {
            Id = hostNode,
            Kind = MapNodeKind.Host,
            HostId = host.Id,
            RefId = host.Id,
            Label = host.Name,
            Detail = host.Status == HostStatus.Connected
                ? $"{(host.Product == "podman" ? "Podman" : "Docker")} {host.EngineVersion} · API {host.ApiVersion}{(host.FirewallBackend is { } fw ? " · " + fw : "")}"
                : host.Error,
            State = host.Status == HostStatus.Connected ? "connected" : "disconnected",
            Dimmed = host.Status != HostStatus.Connected,
            SortKey = host.Id,
        });

        var networks = snapshot.Networks.Where(n => n.IsOn(host.Id)).ToList();
        var containers = snapshot.Containers.Where(c => c.HostId == host.Id && (!options.HideStopped || c.IsRunning)).ToList();
        var byId = snapshot.Containers.Where(c => c.HostId == host.Id).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var home = containers.ToDictionary(c => c.Id, c => HomeGroup(c, host.Id, snapshot, byId, spans), StringComparer.Ordinal);
        var counts = home.Values.GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var (regionId, count) in spans.Counts(snapshot, options, (c, h, b) => HomeGroup(c, h, snapshot, b, spans)))
        {
            counts[regionId] = count; // a swarm network's one region counts every node's containers
        }

        // Regions: the host's own stack, each network, the isolated containers.
        regions.Add(new MapRegion
        {
            Id = HostStackRegionId(host.Id),
            Kind = MapRegionKind.HostStack,
            HostId = host.Id,
            Label = "host network stack",
            Detail = "--network host: the host's own interfaces, no NAT",
            NetworkId = networks.FirstOrDefault(n => n.Driver == "host")?.Id,
            ContainerCount = counts.GetValueOrDefault(HostStackRegionId(host.Id)),
            SortKey = "0",
        });
        // A swarm network spanning several drawn nodes is drawn once, by the node that owns it (SwarmSpans).
        foreach (var n in networks.Where(n => n.Driver is not ("host" or "null") && spans.Owner(n.Id, host.Id) == host.Id))
        {
            var regionId = NetworkRegionId(host.Id, n.Id);
            var collapsed = options.Collapsed.Contains(n.Id);
            var isBridge = n.Bridge is not null;
            regions.Add(new MapRegion
            {
                Id = regionId,
                Kind = isBridge ? MapRegionKind.BridgeNetwork : MapRegionKind.OtherNetwork,
                HostId = host.Id,
                NetworkId = n.Id,
                Label = $"{n.Name} ({n.Driver})",
                Detail = NetworkDetail(n),
                Collapsed = collapsed,
                ContainerCount = counts.GetValueOrDefault(regionId),
                SortKey = (n.Name == "bridge" ? "1" : isBridge ? "2" : "3") + n.Name,
                HostIds = spans.HostsOf(n.Id),
            });
            var networkNode = NetworkNodeId(host.Id, n.Id);
            nodes.Add(new MapNode
            {
                Id = networkNode,
                Kind = isBridge ? MapNodeKind.Bridge : MapNodeKind.Network,
                HostId = host.Id,
                RefId = n.Id,
                RegionId = regionId,
                Label = n.Bridge ?? n.Name,
                Detail = string.Join(", ", n.Subnets.Select(s => s.Gateway is null ? s.Subnet : $"{s.Subnet} gw {s.Gateway}")),
                SortKey = "",
            });
            if (isBridge)
            {
                var gateway = n.Subnets.Select(s => s.Gateway).FirstOrDefault(g => g is not null);
                AddEdge(edges, new MapEdge
                {
                    Id = $"up:{host.Id}:{n.Id}",
                    Kind = MapEdgeKind.Uplink,
                    SourceId = hostNode,
                    TargetId = networkNode,
                    Label = gateway is null ? n.Bridge : $"{n.Bridge} {gateway}",
                    Detail = UplinkText(n),
                    NetworkId = n.Id,
                });
            }
            if (collapsed)
            {
                nodes.Add(new MapNode
                {
                    Id = CollapsedNodeId(host.Id, n.Id),
                    Kind = MapNodeKind.CollapsedNetwork,
                    HostId = host.Id,
                    RefId = n.Id,
                    RegionId = regionId,
                    Label = $"{counts.GetValueOrDefault(regionId)} containers",
                    Detail = "collapsed: click to expand",
                    Count = counts.GetValueOrDefault(regionId),
                    SortKey = "",
                });
            }
        }
        regions.Add(new MapRegion
        {
            Id = IsolatedRegionId(host.Id),
            Kind = MapRegionKind.Isolated,
            HostId = host.Id,
            Label = "isolated (none)",
            Detail = "--network none: loopback only",
            NetworkId = networks.FirstOrDefault(n => n.Driver == "null")?.Id,
            ContainerCount = counts.GetValueOrDefault(IsolatedRegionId(host.Id)),
            SortKey = "9",
        });

        var drawn = containers.Where(c => !IsCollapsed(home[c.Id], options)).ToList();
        var drawnIds = drawn.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var c in drawn)
        {
            nodes.Add(ContainerNode(c, home[c.Id], byId));
        }
        foreach (var c in containers)
        {
            // Edges start at the container when it is drawn, else at its collapsed network.
            var from = drawnIds.Contains(c.Id) ? ContainerNodeId(host.Id, c.Id) : CollapsedNodeFor(home[c.Id]);
            AddContainerEdges(c, from, hostNode, host.Id, options, snapshot, spans, byId, drawnIds, edges);
        }
    }

    private static void AddContainerEdges(ContainerInfo c, string from, string hostNode, string hostId, MapOptions options,
        TopologySnapshot snapshot, SwarmSpans spans, Dictionary<string, ContainerInfo> byId, HashSet<string> drawnIds, Dictionary<string, MapEdge> edges)
    {
        var collapsedSource = from.StartsWith("col:", StringComparison.Ordinal);
        switch (c.NetworkMode.Kind)
        {
            case NetworkModeKind.Host when !collapsedSource:
                AddEdge(edges, new MapEdge
                {
                    Id = $"hs:{hostId}:{c.Id}",
                    Kind = MapEdgeKind.HostStack,
                    SourceId = from,
                    TargetId = hostNode,
                    Label = "host stack",
                    Warning = c.Ports.Any(p => p.Discarded),
                    Detail = c.Ports.Any(p => p.Discarded) ? "-p discarded: " + string.Join(", ", c.Ports.Where(p => p.Discarded).Select(PortText)) : null,
                    ContainerId = c.Id,
                });
                return;
            case NetworkModeKind.Container when c.NetworkMode.SharesWith is { } ownerId && !collapsedSource:
                var ownerDrawn = drawnIds.Contains(ownerId);
                var target = ownerDrawn ? ContainerNodeId(hostId, ownerId)
                    : byId.TryGetValue(ownerId, out var owner) ? CollapsedNodeFor(HomeGroup(owner, hostId, snapshot, byId, spans)) : null;
                if (target is not null)
                {
                    AddEdge(edges, new MapEdge
                    {
                        Id = $"ns:{hostId}:{c.Id}",
                        Kind = MapEdgeKind.SharesNamespace,
                        SourceId = from,
                        TargetId = target,
                        Label = "shares network namespace",
                        Warning = c.Warnings.Any(w => w.Code is WarningCodes.SharedNamespaceOwnerDown or WarningCodes.SharedNamespaceOwnerMissing),
                        ContainerId = c.Id,
                    });
                }
                return;
        }

        foreach (var e in c.Endpoints)
        {
            var network = snapshot.Networks.FirstOrDefault(n => n.IsOn(hostId) && n.Id == e.NetworkId);
            if (network is null || network.Driver is "host" or "null")
            {
                continue;
            }
            var drawnBy = spans.Owner(network.Id, hostId);
            var target = options.Collapsed.Contains(network.Id) ? CollapsedNodeId(drawnBy, network.Id) : NetworkNodeId(drawnBy, network.Id);
            if (target == from)
            {
                continue; // a collapsed container's own network
            }
            AddEdge(edges, new MapEdge
            {
                Id = collapsedSource ? $"agg:{from}>{target}" : $"ep:{hostId}:{c.Id}:{network.Id}",
                Kind = MapEdgeKind.Endpoint,
                SourceId = from,
                TargetId = target,
                Label = collapsedSource ? null : (e.Ipv4 is null ? e.Ipv6 : $"{e.Ipv4}/{e.Ipv4PrefixLength}")
                                                 + (e.DefaultRoute == true && c.Endpoints.Length > 1 ? " · default route" : ""),
                Detail = collapsedSource ? null : VethText(e),
                ContainerId = collapsedSource ? null : c.Id,
                NetworkId = network.Id,
            });
        }

        var published = c.Ports.Where(p => !p.Discarded && (p.HostPort is not null || p.Routed)).ToList();
        if (published.Count > 0 && !collapsedSource)
        {
            AddEdge(edges, new MapEdge
            {
                Id = $"pp:{hostId}:{c.Id}",
                Kind = MapEdgeKind.PublishedPort,
                SourceId = hostNode,
                TargetId = from,
                Label = PublishedText(published),
                Detail = DnatText(snapshot, c),
                ContainerId = c.Id,
            });
        }
    }

    private static MapNode ContainerNode(ContainerInfo c, string regionId, Dictionary<string, ContainerInfo> byId)
    {
        var ownerName = c.NetworkMode.SharesWith is { } o && byId.TryGetValue(o, out var owner) ? owner.Name : null;
        return new MapNode
        {
            Id = ContainerNodeId(c.HostId, c.Id),
            Kind = MapNodeKind.Container,
            HostId = c.HostId,
            RefId = c.Id,
            RegionId = regionId,
            Label = c.Name,
            Detail = c.Service is { } service ? $"{c.Image} · service {service.Name}" : c.Image,
            State = c.State,
            Dimmed = !c.IsRunning,
            Mode = c.NetworkMode.Kind,
            Warnings = c.Warnings,
            // Sharers sit right after their owner; a service's tasks sit together.
            SortKey = ownerName is not null ? ownerName + "\u0001" + c.Name
                : c.Service is { } task ? task.Name + "\u0002" + c.Name
                : c.Name,
            Service = c.Service?.Name,
        };
    }

    /// <summary>The region a container lives in: its network mode's network, the host stack, or the isolated ones.</summary>
    private static string HomeGroup(ContainerInfo c, string hostId, TopologySnapshot snapshot, Dictionary<string, ContainerInfo> byId, SwarmSpans spans)
    {
        switch (c.NetworkMode.Kind)
        {
            case NetworkModeKind.Host:
                return HostStackRegionId(hostId);
            case NetworkModeKind.None:
                return IsolatedRegionId(hostId);
            case NetworkModeKind.Container:
                return c.NetworkMode.SharesWith is { } ownerId && byId.TryGetValue(ownerId, out var owner) && owner.NetworkMode.Kind != NetworkModeKind.Container
                    ? HomeGroup(owner, hostId, snapshot, byId, spans)
                    : IsolatedRegionId(hostId);
        }
        var network = HomeNetwork(c, snapshot);
        return network is null ? IsolatedRegionId(hostId) : NetworkRegionId(spans.Owner(network.Id, hostId), network.Id);
    }

    private static NetworkInfo? HomeNetwork(ContainerInfo c, TopologySnapshot snapshot)
    {
        var modeName = c.NetworkMode.Kind == NetworkModeKind.Bridge ? "bridge" : c.NetworkMode.Raw;
        var byMode = snapshot.Networks.FirstOrDefault(n => n.IsOn(c.HostId) && (n.Name == modeName || n.Id == modeName));
        // A Swarm task's mode is "default" (read as bridge) while its endpoints are on the service's networks only.
        if (byMode is not null && byMode.Driver is not ("host" or "null") && (c.Endpoints.IsEmpty || c.Endpoints.Any(e => e.NetworkId == byMode.Id)))
        {
            return byMode;
        }
        return c.Endpoints
            .Select(e => snapshot.Networks.FirstOrDefault(n => n.IsOn(c.HostId) && n.Id == e.NetworkId))
            .FirstOrDefault(n => n is not null && n.Driver is not ("host" or "null"));
    }

    /// <summary>The collapsed node of a network region ("grp:{host}:{network}"): that host's node for the network.</summary>
    private static string CollapsedNodeFor(string regionId)
    {
        var split = regionId.LastIndexOf(':');
        return CollapsedNodeId(regionId["grp:".Length..split], regionId[(split + 1)..]);
    }

    /// <summary>True when a container's home region is a network the map draws collapsed (never the host stack or the isolated).</summary>
    private static bool IsCollapsed(string regionId, MapOptions options) =>
        !options.Collapsed.IsEmpty && regionId[(regionId.LastIndexOf(':') + 1)..] is var network && options.Collapsed.Contains(network);

    private static void AddEdge(Dictionary<string, MapEdge> edges, MapEdge edge) => edges.TryAdd(edge.Id, edge);

    private static string NetworkDetail(NetworkInfo n)
    {
        var parts = new List<string>();
        parts.AddRange(n.Subnets.Select(s => s.Gateway is null ? s.Subnet : $"{s.Subnet} · gw {s.Gateway}"));
        if (n.IsSwarmScope)
        {
            // Drawn in each of its hosts' regions: one network, the same id, spanning these nodes.
            parts.Add($"swarm network across {string.Join(", ", n.HostIds)}");
        }
        parts.Add(n.Dns ? "DNS by name" : "no DNS by name");
        if (!n.Icc)
        {
            parts.Add("ICC off");
        }
        if (n.Internal)
        {
            parts.Add("internal");
        }
        if (!n.EnableIPv4)
        {
            parts.Add("IPv6 only");
        }
        if (NetworkFacts.DescribeGatewayMode(n) is { } mode)
        {
            parts.Add("gateway mode " + mode);
        }
        return string.Join(" · ", parts);
    }

    public static string? VethText(EndpointInfo e) =>
        e.HostInterface is null ? null : $"{e.ContainerInterface ?? "eth?"} ⇄ {e.HostInterface}";

    public static string PortText(PortInfo p) =>
        $"{(p.HostIp is null ? "" : (p.HostIp.Contains(':') ? $"[{p.HostIp}]" : p.HostIp) + ":")}{p.HostPort?.ToString(CultureInfo.InvariantCulture) ?? "?"} → {p.ContainerPort}/{p.Protocol}";

    /// <summary>"DNAT → 172.17.0.2 on docker0": where the kernel sends what arrives at the published ports.</summary>
    private static string DnatText(TopologySnapshot snapshot, ContainerInfo c)
    {
        var target = NatPathBuilder.DnatTarget(snapshot, c);
        var on = target.Bridge is null ? "" : " on " + target.Bridge;
        var dnat = target.Address is { } address ? $"DNAT → {address}{on}" : "DNAT";
        var owner = NetworkStack.Of(snapshot, c).Owner ?? c;
        if (!owner.Ports.Any(p => p.Routed))
        {
            return dnat;
        }
        var routed = $"routed: no DNAT, reached at {target.Address ?? "the container's address"} directly{on}";
        return owner.Ports.Any(p => !p.Discarded && !p.Routed && p.HostPort is not null) ? $"{dnat}; {routed}" : routed;
    }

    /// <summary>How a bridge network's traffic leaves the host, by its gateway mode.</summary>
    private static string UplinkText(NetworkInfo n) => NetworkFacts.GatewayModeIpv4(n) switch
    {
        _ when n.Internal && NetworkFacts.IsIsolated(n) => "isolated: no route out, and no address on the host",
        _ when n.Internal => "internal: no route out",
        GatewayModes.Routed => "routed: no NAT, containers are reached at and leave with their own addresses",
        GatewayModes.NatUnprotected => "NAT (MASQUERADE) out, unprotected: every port is open to direct routing",
        _ when !n.EnableIPv4 => "IPv6 only: routed out, no NAT",
        _ => "NAT (MASQUERADE) out",
    };

    /// <summary>"0.0.0.0:8081, [::]:8081 → 8080/tcp": one line per container port.</summary>
    public static string PublishedText(IEnumerable<PortInfo> ports) =>
        string.Join("; ", ports
            .GroupBy(p => (p.ContainerPort, p.Protocol))
            .Select(g => string.Join(", ", g.Select(p => p.Routed ? "routed" : $"{(p.HostIp is null ? "" : (p.HostIp.Contains(':') ? $"[{p.HostIp}]" : p.HostIp) + ":")}{p.HostPort}")) + $" → {g.Key.ContainerPort}/{g.Key.Protocol}"));
}
