using System.Globalization;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Presentation;

/// <summary>How model values are written on the pages (one place, so tables and detail pages agree).</summary>
public static class TopologyFormat
{
    public const string Missing = "—";

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary><c>172.18.0.0/16 → 172.18.0.1</c>, or just the subnet when no gateway is known.</summary>
    public static string Subnet(SubnetInfo subnet) =>
        subnet.Gateway is null ? subnet.Subnet : $"{subnet.Subnet} → {subnet.Gateway}";

    /// <summary>
    /// "address pool: 6 in use, 65,530 free" — the daemon's count of a subnet's addresses in use or reserved and of those
    /// still free for dynamic allocation (API 1.52+); null when the engine does not report them.
    /// </summary>
    public static string? AddressPool(SubnetInfo subnet) =>
        subnet is { IpsInUse: { } used, DynamicIpsAvailable: { } free }
            ? string.Create(CultureInfo.InvariantCulture, $"address pool: {used:N0} in use, {free:N0} free")
            : null;

    /// <summary><c>172.18.0.2/16</c>; null without an IPv4 address.</summary>
    public static string? Ipv4(EndpointInfo endpoint) =>
        endpoint.Ipv4 is null ? null
        : endpoint.Ipv4PrefixLength is { } prefix ? $"{endpoint.Ipv4}/{prefix.ToString(CultureInfo.InvariantCulture)}"
        : endpoint.Ipv4;

    public static string? Ipv6(EndpointInfo endpoint) =>
        endpoint.Ipv6 is null ? null
        : endpoint.Ipv6PrefixLength is { } prefix ? $"{endpoint.Ipv6}/{prefix.ToString(CultureInfo.InvariantCulture)}"
        : endpoint.Ipv6;

    /// <summary><c>0.0.0.0:8080→80/tcp</c>, <c>[::]:8080→80/tcp</c>, or <c>80/tcp</c> for an exposed-only port.</summary>
    public static string Port(PortInfo port)
    {
        var target = $"{port.ContainerPort.ToString(CultureInfo.InvariantCulture)}/{port.Protocol}";
        if (port.Routed)
        {
            return $"{target} (routed: at the container's own address)";
        }
        if (port.HostPort is not { } hostPort)
        {
            return target;
        }
        var hostPortText = hostPort.ToString(CultureInfo.InvariantCulture);
        var host = port.HostIp switch
        {
            null => hostPortText,
            { } ip when ip.Contains(':') => $"[{ip}]:{hostPortText}",
            { } ip => $"{ip}:{hostPortText}",
        };
        return $"{host}→{target}";
    }

    /// <summary>The network mode as a user types it: bridge, host, none, container:&lt;owner name&gt; or network:&lt;name&gt;.</summary>
    public static string NetworkMode(NetworkModeInfo mode, ContainerInfo? owner) => mode.Kind switch
    {
        NetworkModeKind.Bridge => "bridge",
        NetworkModeKind.Host => "host",
        NetworkModeKind.None => "none",
        NetworkModeKind.Container => "container:" + (owner?.Name ?? ShortId(OwnerReference(mode))),
        _ => "network:" + mode.Raw,
    };

    /// <summary>What follows <c>container:</c> in the raw mode (an id or a name).</summary>
    public static string OwnerReference(NetworkModeInfo mode) =>
        mode.SharesWith ?? (mode.Raw.StartsWith("container:", StringComparison.Ordinal) ? mode.Raw["container:".Length..] : mode.Raw);

    public static string ShortId(string id) => id.Length > 12 && id.All(char.IsAsciiHexDigit) ? id[..12] : id;

    /// <summary>A key that sorts addresses numerically (172.18.0.2 before 172.18.0.10); null stays null.</summary>
    public static string? AddressSortKey(string? address) =>
        address is not null && System.Net.IPAddress.TryParse(address, out var ip)
            ? Convert.ToHexString(ip.MapToIPv6().GetAddressBytes())
            : address;

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? UtcText.Time(t) : Missing;
}
