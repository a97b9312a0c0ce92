using System.Collections.Immutable;
using System.Globalization;
using Docker.DotNet.Models;
using NetDashboard.Core.Observation;

namespace NetDashboard.Docker.Mapping;

/// <summary>Maps Docker.DotNet's wire models into the core's observations. No decisions here: the builder makes them.</summary>
internal static class DockerModelMapper
{
    public static ObservedNetwork ToObserved(NetworkResponse n) => new()
    {
        Id = n.ID ?? "",
        Name = n.Name ?? "",
        Driver = n.Driver ?? "",
        Scope = n.Scope ?? "",
        Internal = n.Internal,
        Attachable = n.Attachable,
        EnableIPv6 = n.EnableIPv6,
        EnableIPv4 = n.EnableIPv4, // the builder trusts it only from API 1.48 (an absent field reads as false)
        IpamDriver = n.IPAM?.Driver,
        IpamConfig = (n.IPAM?.Config ?? [])
            .Select(c => new ObservedIpamConfig { Subnet = c.Subnet, Gateway = c.Gateway, IpRange = c.IPRange })
            .ToImmutableArray(),
        Options = ToImmutable(n.Options),
        Labels = ToImmutable(n.Labels),
        Created = n.Created == default ? null : new DateTimeOffset(DateTime.SpecifyKind(n.Created, DateTimeKind.Utc)),
    };

    public static ObservedContainer ToObserved(ContainerListResponse c) => new()
    {
        Id = c.ID ?? "",
        Names = (c.Names ?? []).ToImmutableArray(),
        Image = c.Image ?? "",
        State = c.State ?? "",
        Status = c.Status,
        Created = c.Created == default ? null : new DateTimeOffset(DateTime.SpecifyKind(c.Created, DateTimeKind.Utc)),
        Labels = ToImmutable(c.Labels),
        NetworkMode = c.HostConfig?.NetworkMode,
        Ports = (c.Ports ?? [])
            .Select(p => new ObservedPort { PrivatePort = p.PrivatePort, PublicPort = p.PublicPort, Type = p.Type ?? "tcp", Ip = p.IP })
            .ToImmutableArray(),
        Endpoints = ToObserved(c.NetworkSettings?.Networks),
    };

    public static ObservedInspect ToObserved(ContainerInspectResponse i) => new()
    {
        StartedAt = i.State?.StartedAt,
        Pid = i.State?.Pid ?? 0,
        NetworkMode = i.HostConfig?.NetworkMode,
        RequestedBindings = RequestedBindings(i.HostConfig?.PortBindings),
        Endpoints = ToObserved(i.NetworkSettings?.Networks),
    };

    public static ImmutableArray<ObservedEndpoint> ToObserved(IDictionary<string, EndpointSettings>? networks) =>
        (networks ?? new Dictionary<string, EndpointSettings>())
            .Where(kv => kv.Value is not null)
            .Select(kv => new ObservedEndpoint
            {
                NetworkName = kv.Key,
                NetworkId = kv.Value.NetworkID,
                EndpointId = kv.Value.EndpointID,
                IpAddress = kv.Value.IPAddress,
                IpPrefixLen = (int)kv.Value.IPPrefixLen,
                Gateway = kv.Value.Gateway,
                GlobalIPv6Address = kv.Value.GlobalIPv6Address,
                GlobalIPv6PrefixLen = (int)kv.Value.GlobalIPv6PrefixLen,
                IPv6Gateway = kv.Value.IPv6Gateway,
                MacAddress = kv.Value.MacAddress,
                Aliases = kv.Value.Aliases?.ToImmutableArray(),
                DnsNames = kv.Value.DNSNames?.ToImmutableArray(),
                GwPriority = kv.Value.GwPriority, // the builder trusts it only from API 1.48 (an absent field reads as 0)
            })
            .OrderBy(e => e.NetworkName, StringComparer.Ordinal)
            .ToImmutableArray();

    /// <summary><c>Status.IPAM.Subnets</c> of a network's inspect (API 1.52+); null when the answer has none.</summary>
    public static ImmutableDictionary<string, ObservedSubnetStatus>? SubnetStatus(NetworkResponse? n) =>
        n?.Status?.IPAM?.Subnets is { } subnets
            ? subnets.Where(kv => kv.Value is not null && !string.IsNullOrWhiteSpace(kv.Key))
                .ToImmutableDictionary(kv => kv.Key, kv => new ObservedSubnetStatus(kv.Value.IPsInUse, kv.Value.DynamicIPsAvailable), StringComparer.Ordinal)
            : null;

    /// <summary>"podman" when the version's components name a Podman Engine, else "docker".</summary>
    public static string Product(VersionResponse version) =>
        (version.Components ?? []).Any(c => c?.Name?.Contains("Podman", StringComparison.OrdinalIgnoreCase) == true)
            ? Products.Podman
            : Products.Docker;

    /// <summary><c>FirewallBackend.Driver</c> of <c>/info</c> (API 1.49+); null when the engine does not report it.</summary>
    public static string? FirewallBackend(SystemInfoResponse? info) =>
        string.IsNullOrWhiteSpace(info?.FirewallBackend?.Driver) ? null : info.FirewallBackend.Driver.Trim();

    private static ImmutableArray<ObservedPortBinding> RequestedBindings(IDictionary<string, IList<PortBinding>>? bindings)
    {
        if (bindings is null)
        {
            return [];
        }
        var result = ImmutableArray.CreateBuilder<ObservedPortBinding>();
        foreach (var (key, list) in bindings.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            // Keys look like "80/tcp"; a missing protocol means tcp.
            var slash = key.IndexOf('/');
            var portText = slash < 0 ? key : key[..slash];
            var protocol = slash < 0 ? "tcp" : key[(slash + 1)..];
            if (!int.TryParse(portText.Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var containerPort))
            {
                continue;
            }
            foreach (var binding in list ?? [])
            {
                result.Add(new ObservedPortBinding { ContainerPort = containerPort, Protocol = protocol, HostIp = binding?.HostIP, HostPort = binding?.HostPort });
            }
            if (list is null || list.Count == 0)
            {
                result.Add(new ObservedPortBinding { ContainerPort = containerPort, Protocol = protocol });
            }
        }
        return result.ToImmutable();
    }

    private static ImmutableDictionary<string, string> ToImmutable(IDictionary<string, string>? d) =>
        d is null ? ImmutableDictionary<string, string>.Empty : d.Where(kv => kv.Value is not null).ToImmutableDictionary(StringComparer.Ordinal);
}
