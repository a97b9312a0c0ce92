using NetDashboard.Core.Model;

namespace NetDashboard.Core.Analysis;

/// <summary>Small facts about networks the analyses share.</summary>
public static class NetworkFacts
{
    public static bool IsDefaultBridge(NetworkInfo network) =>
        network.Options.TryGetValue("com.docker.network.bridge.default_bridge", out var v)
            ? string.Equals(v, "true", StringComparison.OrdinalIgnoreCase)
            : network is { Name: "bridge", Driver: "bridge", Predefined: true };

    public static bool IsBridged(NetworkInfo network) => network.Driver is not ("host" or "null");

    /// <summary>The Linux bridge Docker names for this network (docker0, br-&lt;12 hex&gt;), or null for other drivers.</summary>
    public static string? BridgeName(NetworkInfo network) =>
        network.Bridge ?? (network.Driver == "bridge" && network.Id.Length >= 12 ? "br-" + network.Id[..12] : null);

    /// <summary>
    /// Does Docker masquerade IPv4 traffic leaving this bridge? (<c>com.docker.network.bridge.enable_ip_masquerade</c>,
    /// default true; never for --internal, an IPv4-less network, or the routed and isolated gateway modes.)
    /// </summary>
    public static bool Masquerades(NetworkInfo network) =>
        network.Driver == "bridge" && !network.Internal && network.EnableIPv4
        && GatewayModeIpv4(network) is not (GatewayModes.Routed or GatewayModes.Isolated)
        && !(network.Options.TryGetValue("com.docker.network.bridge.enable_ip_masquerade", out var v)
             && string.Equals(v, "false", StringComparison.OrdinalIgnoreCase));

    /// <summary>The IPv4 gateway mode of a bridge network (<c>nat</c> unless set); null for other drivers.</summary>
    public static string? GatewayModeIpv4(NetworkInfo network) =>
        network.GatewayMode?.Ipv4 ?? (network.Driver == "bridge" ? GatewayModes.Nat : null);

    /// <summary>Routed gateway mode (Engine 27+): no DNAT and no MASQUERADE; containers are reached at their own addresses.</summary>
    public static bool IsRouted(NetworkInfo network) => GatewayModeIpv4(network) == GatewayModes.Routed;

    /// <summary>Isolated gateway mode (Engine 28+): the bridge has no address on the host; no way in or out.</summary>
    public static bool IsIsolated(NetworkInfo network) => GatewayModeIpv4(network) == GatewayModes.Isolated;

    /// <summary>"nat", "routed", "nat / routed (IPv6)": the gateway modes in words, null for non-bridge networks.</summary>
    public static string? DescribeGatewayMode(NetworkInfo network) => network.GatewayMode is not { } m ? null
        : !network.EnableIPv6 || m.Ipv6 == m.Ipv4 ? m.Ipv4
        : !network.EnableIPv4 ? $"{m.Ipv6} (IPv6)"
        : $"{m.Ipv4} (IPv4) / {m.Ipv6} (IPv6)";

    /// <summary>Every name Docker's embedded DNS answers with this endpoint's address on its network.</summary>
    public static IEnumerable<string> DnsNames(ContainerInfo container, EndpointInfo endpoint)
    {
        yield return container.Name;
        foreach (var alias in endpoint.Aliases)
        {
            yield return alias;
        }
        foreach (var name in endpoint.DnsNames ?? [])
        {
            yield return name;
        }
        if (container.Id.Length >= 12)
        {
            yield return container.Id[..12];
        }
    }
}
