using System.Collections.Immutable;
using System.Globalization;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Building;

/// <summary>Maps observed containers: network mode, ports (with discarded host-mode ones), endpoints, veths, warnings.</summary>
public static class ContainerMapper
{
    public static ImmutableArray<ContainerInfo> MapAll(DaemonObservation observation, ImmutableArray<NetworkInfo> networks)
    {
        var hostId = observation.Host.Id;
        var byId = networks.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var byName = networks.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var veths = new VethResolver(observation.HostInterfaces);

        var mapped = observation.Containers
            .Select(c => Map(c, hostId, observation.Host.ApiVersion, observation.Containers, byId, byName, veths))
            .ToList();

        // Warnings that need the other containers (the owner of a shared namespace).
        var containersById = mapped.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return mapped.Select(c => c with { Warnings = c.Warnings.AddRange(SharingWarnings(c, containersById)) }).ToImmutableArray();
    }

    private static ContainerInfo Map(
        ObservedContainer c,
        string hostId,
        string? apiVersion,
        ImmutableArray<ObservedContainer> all,
        Dictionary<string, NetworkInfo> networksById,
        Dictionary<string, NetworkInfo> networksByName,
        VethResolver veths)
    {
        var mode = NetworkModeParser.Parse(c.Inspect?.NetworkMode ?? c.NetworkMode, all);
        var warnings = ImmutableArray.CreateBuilder<TopologyWarning>();
        var ports = Ports(c, mode, warnings);
        var endpoints = mode.Kind == NetworkModeKind.Container
            ? ImmutableArray<EndpointInfo>.Empty
            : Endpoints(c, networksById, networksByName, veths, apiVersion);
        endpoints = DefaultRouteResolver.Mark(endpoints, c, mode.Kind, networksById);

        return new ContainerInfo
        {
            Id = c.Id,
            HostId = hostId,
            Name = DisplayName(c),
            Image = c.Image,
            State = c.State,
            Status = c.Status,
            NetworkMode = mode,
            Ports = ports,
            Endpoints = endpoints,
            Warnings = warnings.ToImmutable(),
            Labels = c.Labels.ToImmutableSortedDictionary(StringComparer.Ordinal),
            Created = c.Created,
            StartedAt = ParseStartedAt(c.Inspect?.StartedAt),
            Pid = c.Inspect is { Pid: > 0 } i && c.State is "running" or "paused" or "restarting" ? i.Pid : null,
        };
    }

    /// <summary>The container's own name: the listed name without its slash (legacy links add "/other/alias" names).</summary>
    public static string DisplayName(ObservedContainer c)
    {
        var name = c.Names.FirstOrDefault(n => n.LastIndexOf('/') == 0) ?? c.Names.FirstOrDefault();
        return name is null ? (c.Id.Length > 12 ? c.Id[..12] : c.Id) : name.TrimStart('/');
    }

    private static ImmutableArray<PortInfo> Ports(ObservedContainer c, NetworkModeInfo mode, ImmutableArray<TopologyWarning>.Builder warnings)
    {
        var ports = c.Ports
            .Select(p => new PortInfo
            {
                ContainerPort = p.PrivatePort,
                Protocol = NormaliseProtocol(p.Type),
                // A binding with an address and no host port is a routed one (Engine 27+): no DNAT, the container's own address.
                HostIp = p.PublicPort is null or 0 && !IsRouted(p) ? null : NetworkMapper.NullIfEmpty(p.Ip),
                HostPort = p.PublicPort is 0 ? null : p.PublicPort,
                Routed = IsRouted(p),
            })
            .ToList();

        if (mode.Kind == NetworkModeKind.Host && c.Inspect is { RequestedBindings.IsEmpty: false } inspect)
        {
            var discarded = inspect.RequestedBindings
                .Select(b => new PortInfo
                {
                    ContainerPort = b.ContainerPort,
                    Protocol = NormaliseProtocol(b.Protocol),
                    HostIp = NetworkMapper.NullIfEmpty(b.HostIp),
                    HostPort = FirstPort(b.HostPort),
                    Discarded = true,
                })
                .ToList();
            ports.AddRange(discarded);
            var list = string.Join(", ", discarded.Select(p => $"{(p.HostPort?.ToString(CultureInfo.InvariantCulture) ?? "?")}→{p.ContainerPort}/{p.Protocol}"));
            warnings.Add(new TopologyWarning
            {
                Code = WarningCodes.PortsDiscardedHostMode,
                Message = $"Published ports are discarded when using host network mode: {list} was requested with -p, but the container listens on the host's own interfaces directly.",
            });
        }

        return ports
            .Distinct()
            .OrderBy(p => p.Discarded)
            .ThenBy(p => p.ContainerPort)
            .ThenBy(p => p.Protocol, StringComparer.Ordinal)
            .ThenBy(p => p.HostIp, StringComparer.Ordinal)
            .ThenBy(p => p.HostPort)
            .ToImmutableArray();
    }

    /// <summary>A published binding without a host port (<c>{"IP": "0.0.0.0", "PrivatePort": 80}</c>): routed gateway mode.</summary>
    private static bool IsRouted(ObservedPort p) => p.PublicPort is null or 0 && !string.IsNullOrWhiteSpace(p.Ip);

    private static ImmutableArray<EndpointInfo> Endpoints(
        ObservedContainer c,
        Dictionary<string, NetworkInfo> networksById,
        Dictionary<string, NetworkInfo> networksByName,
        VethResolver veths,
        string? apiVersion)
    {
        var gwPriorityKnown = ApiLevel.AtLeast(apiVersion, ApiLevel.EnableIPv4AndGwPriority);
        var inspected = c.Inspect?.Endpoints.ToDictionary(e => e.NetworkName, StringComparer.Ordinal)
                        ?? new Dictionary<string, ObservedEndpoint>(StringComparer.Ordinal);
        var listed = c.Endpoints.IsEmpty && c.Inspect is not null ? c.Inspect.Endpoints : c.Endpoints;

        return listed
            .Select(e =>
            {
                inspected.TryGetValue(e.NetworkName, out var fromInspect);
                var network = ResolveNetwork(e, networksById, networksByName);
                var ipv4 = NetworkMapper.NullIfEmpty(e.IpAddress);
                var ipv6 = NetworkMapper.NullIfEmpty(e.GlobalIPv6Address);
                var mac = NetworkMapper.NullIfEmpty(e.MacAddress);
                var veth = veths.Resolve(c.Interfaces, mac, network);
                return new EndpointInfo
                {
                    NetworkId = network?.Id ?? NetworkMapper.NullIfEmpty(e.NetworkId) ?? "",
                    NetworkName = network?.Name ?? e.NetworkName,
                    Ipv4 = ipv4,
                    Ipv4PrefixLength = ipv4 is null ? null : e.IpPrefixLen,
                    Ipv6 = ipv6,
                    Ipv6PrefixLength = ipv6 is null ? null : e.GlobalIPv6PrefixLen,
                    Gateway = NetworkMapper.NullIfEmpty(e.Gateway),
                    Ipv6Gateway = NetworkMapper.NullIfEmpty(e.IPv6Gateway),
                    Mac = mac,
                    EndpointId = NetworkMapper.NullIfEmpty(e.EndpointId),
                    Aliases = (e.Aliases ?? fromInspect?.Aliases ?? []).ToImmutableArray(),
                    DnsNames = e.DnsNames ?? fromInspect?.DnsNames,
                    GwPriority = gwPriorityKnown && (e.GwPriority ?? fromInspect?.GwPriority) is { } prio
                        ? (int)Math.Clamp(prio, int.MinValue, int.MaxValue)
                        : null,
                    HostInterface = veth?.HostName,
                    HostInterfaceIndex = veth?.HostIndex,
                    ContainerInterface = veth?.ContainerName ?? veths.ContainerInterfaceName(c.Interfaces, mac),
                };
            })
            .OrderBy(e => e.NetworkName, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    private static NetworkInfo? ResolveNetwork(ObservedEndpoint e, Dictionary<string, NetworkInfo> byId, Dictionary<string, NetworkInfo> byName)
    {
        if (!string.IsNullOrEmpty(e.NetworkId) && byId.TryGetValue(e.NetworkId, out var n))
        {
            return n;
        }
        // A stopped container lists an empty NetworkID; Podman puts the network's name there.
        if (!string.IsNullOrEmpty(e.NetworkId) && byName.TryGetValue(e.NetworkId, out n))
        {
            return n;
        }
        if (byName.GetValueOrDefault(e.NetworkName) is { } named)
        {
            return named;
        }
        // Podman's default network is "podman" on its endpoints and "bridge" in its network list: the same network when
        // the endpoint's address lies in that network's subnet.
        if (e.NetworkName == "podman" && byName.GetValueOrDefault("bridge") is { } bridge
            && bridge.Subnets.Any(s => IpAddressMath.TryParseCidr(s.Subnet, out var cidr) && IpAddressMath.Contains(cidr, e.IpAddress)))
        {
            return bridge;
        }
        return null;
    }

    private static IEnumerable<TopologyWarning> SharingWarnings(ContainerInfo c, Dictionary<string, ContainerInfo> byId)
    {
        if (c.NetworkMode.Kind != NetworkModeKind.Container)
        {
            yield break;
        }
        if (c.NetworkMode.SharesWith is null || !byId.TryGetValue(c.NetworkMode.SharesWith, out var owner))
        {
            yield return new TopologyWarning
            {
                Code = WarningCodes.SharedNamespaceOwnerMissing,
                Message = $"This container shares the network namespace of {c.NetworkMode.Raw["container:".Length..]}, which no longer exists: it has no network.",
            };
            yield break;
        }
        if (owner.State != "running")
        {
            yield return new TopologyWarning
            {
                Code = WarningCodes.SharedNamespaceOwnerDown,
                Message = $"This container shares the network namespace of {owner.Name}, which is {owner.State}: it has no network until {owner.Name} runs again.",
            };
        }
    }

    private static string NormaliseProtocol(string? protocol) =>
        string.IsNullOrWhiteSpace(protocol) ? "tcp" : protocol.Trim().ToLowerInvariant();

    private static int? FirstPort(string? hostPort)
    {
        if (string.IsNullOrWhiteSpace(hostPort))
        {
            return null;
        }
        var first = hostPort.Split('-')[0];
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static DateTimeOffset? ParseStartedAt(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t.Year > 1
            ? t.ToUniversalTime()
            : null;
}
