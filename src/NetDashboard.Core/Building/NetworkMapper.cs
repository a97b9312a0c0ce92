using System.Collections.Immutable;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Building;

/// <summary>Maps one observed network: bridge interface name, subnets with (derived) gateways, dns and icc.</summary>
public static class NetworkMapper
{
    public const string BridgeNameOption = "com.docker.network.bridge.name";
    public const string EnableIccOption = "com.docker.network.bridge.enable_icc";
    public const string DefaultBridgeOption = "com.docker.network.bridge.default_bridge";
    public const string GatewayModeIpv4Option = "com.docker.network.bridge.gateway_mode_ipv4";
    public const string GatewayModeIpv6Option = "com.docker.network.bridge.gateway_mode_ipv6";

    public static NetworkInfo Map(ObservedNetwork n, string hostId, DaemonObservation context)
    {
        // Podman's options are empty: its bridges (cni-podman0, podman1…) are not named by Docker's rules, so not guessed.
        var bridge = context.Host.Product == Products.Podman && !n.Options.ContainsKey(BridgeNameOption) ? null : BridgeName(n);
        return new NetworkInfo
        {
            Id = n.Id,
            HostId = hostId,
            Name = n.Name,
            Driver = n.Driver,
            Scope = n.Scope,
            Internal = n.Internal,
            Attachable = n.Attachable,
            EnableIPv6 = n.EnableIPv6,
            Bridge = bridge,
            Subnets = Subnets(n, bridge, context),
            Dns = HasEmbeddedDns(n) && context.Host.Product != Products.Podman,
            Icc = Icc(n),
            Labels = n.Labels.ToImmutableSortedDictionary(StringComparer.Ordinal),
            Options = n.Options.ToImmutableSortedDictionary(StringComparer.Ordinal),
            IpamDriver = n.IpamDriver,
            Created = n.Created,
            Predefined = IsPredefined(n),
            EnableIPv4 = EnableIPv4(n, context.Host.ApiVersion),
            GatewayMode = GatewayMode(n),
        };
    }

    /// <summary>The daemon's EnableIPv4 where its API carries it (1.48+); true otherwise (every older network has IPv4).</summary>
    public static bool EnableIPv4(ObservedNetwork n, string? apiVersion) =>
        n.EnableIPv4 is not { } v || !ApiLevel.AtLeast(apiVersion, ApiLevel.EnableIPv4AndGwPriority) || v;

    /// <summary>The bridge driver's gateway modes, <c>nat</c> where the option is not set; null for other drivers.</summary>
    public static GatewayModeInfo? GatewayMode(ObservedNetwork n)
    {
        if (!string.Equals(n.Driver, "bridge", StringComparison.Ordinal))
        {
            return null;
        }
        return new GatewayModeInfo
        {
            Ipv4 = Mode(GatewayModeIpv4Option),
            Ipv6 = Mode(GatewayModeIpv6Option),
        };

        string Mode(string option) =>
            n.Options.TryGetValue(option, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim().ToLowerInvariant() : GatewayModes.Nat;
    }

    /// <summary>
    /// The Linux bridge of a bridge-driver network: the <c>com.docker.network.bridge.name</c> option when set
    /// (the default bridge carries <c>docker0</c> there), else <c>br-</c> + the first 12 characters of the id.
    /// </summary>
    public static string? BridgeName(ObservedNetwork n)
    {
        if (!string.Equals(n.Driver, "bridge", StringComparison.Ordinal))
        {
            return null;
        }
        if (n.Options.TryGetValue(BridgeNameOption, out var name) && !string.IsNullOrWhiteSpace(name))
        {
            return name;
        }
        if (IsDefaultBridge(n))
        {
            return "docker0";
        }
        return n.Id.Length >= 12 ? "br-" + n.Id[..12] : null;
    }

    public static bool IsDefaultBridge(ObservedNetwork n) =>
        string.Equals(n.Driver, "bridge", StringComparison.Ordinal)
        && ((n.Options.TryGetValue(DefaultBridgeOption, out var v) && bool.TryParse(v, out var b) && b)
            || n.Name == "bridge");

    public static bool IsPredefined(ObservedNetwork n) =>
        (n.Name == "bridge" && n.Driver == "bridge") || (n.Name == "host" && n.Driver == "host") || (n.Name == "none" && n.Driver == "null");

    /// <summary>User-defined networks get Docker's embedded DNS; the default bridge, host and none do not.</summary>
    public static bool HasEmbeddedDns(ObservedNetwork n) =>
        !IsDefaultBridge(n) && n.Driver is not ("host" or "null");

    /// <summary>The enable_icc option where set; Docker's default (true) for other drivers; false for host and none.</summary>
    public static bool Icc(ObservedNetwork n)
    {
        if (n.Driver is "host" or "null")
        {
            return false;
        }
        if (n.Options.TryGetValue(EnableIccOption, out var v) && bool.TryParse(v, out var icc))
        {
            return icc;
        }
        return true;
    }

    private static ImmutableArray<SubnetInfo> Subnets(ObservedNetwork n, string? bridge, DaemonObservation context)
    {
        var result = ImmutableArray.CreateBuilder<SubnetInfo>();
        foreach (var config in n.IpamConfig)
        {
            if (string.IsNullOrWhiteSpace(config.Subnet))
            {
                continue;
            }
            var gateway = IpAddressMath.IsAddress(config.Gateway) ? config.Gateway : null; // Podman writes "<nil>"
            var derived = false;
            if (gateway is null)
            {
                gateway = DeriveGateway(n, config.Subnet, bridge, context);
                derived = gateway is not null;
            }
            var status = StatusOf(n, config.Subnet);
            result.Add(new SubnetInfo
            {
                Subnet = config.Subnet,
                Gateway = gateway,
                IpRange = NullIfEmpty(config.IpRange),
                GatewayDerived = derived,
                IpsInUse = status?.IpsInUse,
                DynamicIpsAvailable = status?.DynamicIpsAvailable,
            });
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// The daemon's address use for one IPAM subnet: its <c>Status</c> is keyed by the prefix in canonical form
    /// ("2001:db8:abcd:12::/96"), which need not be how the IPAM config spells it, so the two are compared as networks.
    /// </summary>
    private static ObservedSubnetStatus? StatusOf(ObservedNetwork n, string subnet)
    {
        if (n.SubnetStatus is not { Count: > 0 } statuses)
        {
            return null;
        }
        if (statuses.TryGetValue(subnet, out var exact))
        {
            return exact;
        }
        if (!IpAddressMath.TryParseCidr(subnet, out var wanted))
        {
            return null;
        }
        foreach (var (key, status) in statuses)
        {
            if (IpAddressMath.TryParseCidr(key, out var cidr) && cidr.Equals(wanted))
            {
                return status;
            }
        }
        return null;
    }

    /// <summary>
    /// Docker 20.10 omits the gateway from IPAM for the default bridge and for networks created with
    /// <c>--subnet</c> only. Derive it from the bridge interface's address, else from the endpoints' gateway.
    /// </summary>
    private static string? DeriveGateway(ObservedNetwork n, string subnet, string? bridge, DaemonObservation context)
    {
        if (!IpAddressMath.TryParseCidr(subnet, out var cidr))
        {
            return null;
        }
        if (bridge is not null && context.HostInterfaces?.BridgeAddresses.TryGetValue(bridge, out var addresses) == true)
        {
            var onBridge = addresses.FirstOrDefault(a => IpAddressMath.Contains(cidr, a));
            if (onBridge is not null)
            {
                return onBridge;
            }
        }
        foreach (var container in context.Containers)
        {
            foreach (var endpoint in container.Endpoints)
            {
                var matches = endpoint.NetworkId == n.Id || (string.IsNullOrEmpty(endpoint.NetworkId) && endpoint.NetworkName == n.Name);
                if (!matches)
                {
                    continue;
                }
                foreach (var candidate in new[] { endpoint.Gateway, endpoint.IPv6Gateway })
                {
                    if (!string.IsNullOrEmpty(candidate) && IpAddressMath.Contains(cidr, candidate))
                    {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    internal static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
