using System.Collections.Immutable;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Analysis;

/// <summary>
/// Derives a container's NAT path from the model — each published port DNAT'd from <c>hostIp:hostPort</c> to the
/// container's address on the network that owns its port mappings, and the MASQUERADE of each bridge subnet it leaves
/// by — and, when the kernel's rules could be read, compares the two rule by rule: iptables' nat table, or Engine 29's
/// nftables <c>docker-bridges</c> tables (whose IPv6 DNAT rules are compared too) when the daemon writes with nftables.
/// </summary>
public static class NatPathBuilder
{
    /// <param name="kernel">The rules read from the kernel of the container's daemon, or null when they could not be read.</param>
    /// <param name="unavailable">Why the kernel's rules are not compared (used when <paramref name="kernel"/> is null).</param>
    /// <param name="tableOf">Whose nat table <paramref name="kernel"/> is, in words (e.g. "the network namespace of dockerd (pid 812)").</param>
    public static NatPath Build(TopologySnapshot snapshot, ContainerInfo container, NatRules? kernel, string? unavailable = null, string? tableOf = null)
    {
        // The syntax of the expected rules: what was read, else what the daemon says it writes with.
        var backend = kernel?.Backend ?? snapshot.Hosts.FirstOrDefault(h => h.Id == container.HostId)?.FirewallBackend;
        var stack = NetworkStack.Of(snapshot, container);
        var owner = stack.Owner ?? container;
        var bridged = ReachabilityAnalyzer.Bridged(snapshot, owner).ToList();
        var portNetwork = PortNetwork(owner, bridged);

        var published = owner.Ports.Where(p => !p.Discarded && (p.HostPort is not null || p.Routed))
            .Select(p => Port(p, portNetwork, backend))
            .ToList();
        var masquerade = bridged.Where(x => NetworkFacts.Masquerades(x.Network))
            .SelectMany(x => x.Network.Subnets.Where(s => !s.Subnet.Contains(':')).Select(s => Masquerade(x.Network, s.Subnet, backend)))
            .ToList();

        var note = owner.NetworkMode.Kind switch
        {
            NetworkModeKind.Host => $"{owner.Name} uses the host's network stack: no NAT, its ports are the host's ports",
            NetworkModeKind.None => $"{owner.Name} runs with --network none: no NAT, nothing is published",
            _ => "",
        };
        foreach (var open in bridged.Where(x => NetworkFacts.GatewayModeIpv4(x.Network) == GatewayModes.NatUnprotected).Select(x => x.Network.Name).Distinct())
        {
            note = Join(note, $"{open} is nat-unprotected: besides its published ports, every port of its containers is open to a machine with a route to its subnet");
        }
        foreach (var routed in bridged.Where(x => NetworkFacts.IsRouted(x.Network)).Select(x => x.Network.Name).Distinct())
        {
            note = Join(note, $"{routed} is routed (gateway mode routed): no DNAT and no MASQUERADE, its containers are reached at and leave with their own addresses");
        }
        var unexpected = ImmutableArray<string>.Empty;
        string source;
        if (kernel is null)
        {
            source = "derived";
            note = Join(note, "derived from Docker's model: " + (unavailable ?? "the kernel's nat table was not read"));
        }
        else if (!kernel.HasDockerRules)
        {
            source = "derived";
            note = Join(note, $"derived from Docker's model: {kernel.Source}{(tableOf is null ? "" : $" in {tableOf}")} shows no {kernel.DockerRulesName} "
                              + (FirewallBackends.IsNftables(kernel.Backend) ? "(the daemon may run with --iptables=false)" : "(the daemon may use the other iptables backend, or --iptables=false)"));
        }
        else
        {
            source = "compared";
            published = published.Select(p => Compare(p, kernel)).ToList();
            masquerade = masquerade.Select(m => Compare(m, kernel)).ToList();
            var v6Compared = FirewallBackends.IsNftables(kernel.Backend);
            var addresses = bridged.SelectMany(x => v6Compared ? [x.Endpoint.Ipv4, x.Endpoint.Ipv6] : new[] { x.Endpoint.Ipv4 })
                .Where(a => a is not null).ToHashSet(StringComparer.Ordinal);
            var explained = published.Select(p => p.KernelRule).Where(r => r is not null).ToHashSet(StringComparer.Ordinal);
            unexpected = [.. kernel.Dnat.Where(r => addresses.Contains(r.ToAddress) && !explained.Contains(r.Text)).Select(r => r.Text)];
            var differences = published.Count(p => p.Kernel is NatRuleMatch.Missing or NatRuleMatch.Differs)
                              + masquerade.Count(m => m.Kernel == NatRuleMatch.Missing) + unexpected.Length;
            var table = (v6Compared, tableOf) switch
            {
                (false, null) => "the kernel's nat table",
                (false, _) => $"the nat table of {tableOf}",
                (true, null) => "the kernel's nftables rules",
                (true, _) => $"the nftables rules of {tableOf}",
            };
            note = Join(note, differences == 0
                ? $"checked against {table} ({kernel.Source}): every rule is there"
                : $"checked against {table} ({kernel.Source}): {differences} difference{(differences == 1 ? "" : "s")}");
        }

        return new NatPath
        {
            ContainerId = container.Id,
            ContainerName = container.Name,
            HostId = container.HostId,
            Published = [.. published],
            Masquerade = [.. masquerade],
            Source = source,
            Note = note,
            UnexpectedRules = unexpected,
        };
    }

    /// <summary>
    /// Where the kernel sends what arrives at the container's published ports: its address on the network that holds
    /// its port mappings, and that network's bridge (nulls when it has none). The map's published-port link shows it.
    /// </summary>
    public static (string? Address, string? Bridge) DnatTarget(TopologySnapshot snapshot, ContainerInfo container)
    {
        var owner = NetworkStack.Of(snapshot, container).Owner ?? container;
        return PortNetwork(owner, ReachabilityAnalyzer.Bridged(snapshot, owner).ToList()) is { } on
            ? (on.Endpoint.Ipv4 ?? on.Endpoint.Ipv6, NetworkFacts.BridgeName(on.Network))
            : (null, null);
    }

    /// <summary>
    /// The network whose endpoint holds the port mappings: the one the container was started on (HostConfig.NetworkMode),
    /// else the first with a gateway.
    /// </summary>
    private static (NetworkInfo Network, EndpointInfo Endpoint)? PortNetwork(ContainerInfo owner, List<(NetworkInfo Network, EndpointInfo Endpoint)> bridged)
    {
        var started = owner.NetworkMode.Raw is "default" or "" ? "bridge" : owner.NetworkMode.Raw;
        foreach (var x in bridged)
        {
            if (x.Network.Name == started || x.Network.Id == started)
            {
                return x;
            }
        }
        foreach (var x in bridged)
        {
            if (x.Endpoint.Gateway is not null && !x.Network.Internal)
            {
                return x;
            }
        }
        return bridged.Count > 0 ? bridged[0] : null;
    }

    private static PublishedPortPath Port(PortInfo p, (NetworkInfo Network, EndpointInfo Endpoint)? on, string? backend)
    {
        if (p.Routed)
        {
            return RoutedPort(p, on);
        }
        var hostIp = string.IsNullOrEmpty(p.HostIp) ? "0.0.0.0" : p.HostIp;
        var v6 = hostIp.Contains(':');
        var containerIp = on is { } x ? (v6 ? x.Endpoint.Ipv6 ?? x.Endpoint.Ipv4 : x.Endpoint.Ipv4) : null;
        var bridge = on is { } y ? NetworkFacts.BridgeName(y.Network) : null;
        // IPv4 DNAT always; IPv6 DNAT (host and container both IPv6) only where it is read: nftables' ip6 table.
        var nftables = FirewallBackends.IsNftables(backend);
        string? rule = null;
        if (containerIp is not null && bridge is not null && p.HostPort is { } hostPort && (!v6 || (nftables && containerIp.Contains(':'))))
        {
            rule = ExpectedNatRule.Dnat(backend, bridge, hostIp, p.Protocol, hostPort, containerIp, p.ContainerPort);
        }
        var hostSide = v6 ? $"[{hostIp}]:{p.HostPort}" : $"{hostIp}:{p.HostPort}";
        var containerSide = containerIp is null ? $"?:{p.ContainerPort}" : v6 && containerIp.Contains(':') ? $"[{containerIp}]:{p.ContainerPort}" : $"{containerIp}:{p.ContainerPort}";
        return new PublishedPortPath
        {
            HostIp = hostIp,
            HostPort = p.HostPort,
            Protocol = p.Protocol,
            ContainerIp = containerIp,
            ContainerPort = p.ContainerPort,
            Network = on?.Network.Name,
            Bridge = bridge,
            ExpectedRule = rule,
            Kernel = NatRuleMatch.NotCompared,
            Summary = v6 && containerIp is not null && !containerIp.Contains(':')
                // An IPv6 listener for a container without IPv6: Docker's userland proxy carries it over to IPv4.
                ? $"{hostSide} → docker-proxy → {containerSide}/{p.Protocol}{(bridge is null ? "" : " on " + bridge)} (IPv6 listener, no DNAT)"
                : $"{hostSide} → DNAT → {containerSide}/{p.Protocol}{(bridge is null ? "" : " on " + bridge)}{(on is null ? "" : $" ({on.Value.Network.Name})")}"
                  + (v6 && !nftables ? " (IPv6: ip6tables, not compared)" : "")
                  + (IsLoopback(hostIp) ? " (loopback only: reachable from this host, never from other machines)" : ""),
        };
    }

    /// <summary>
    /// A port published on a routed network: the daemon writes no DNAT (nor a host port); the port is open at the
    /// container's own address to whoever has a route to its subnet.
    /// </summary>
    private static PublishedPortPath RoutedPort(PortInfo p, (NetworkInfo Network, EndpointInfo Endpoint)? on)
    {
        var hostIp = string.IsNullOrEmpty(p.HostIp) ? "0.0.0.0" : p.HostIp;
        var v6 = hostIp.Contains(':');
        var containerIp = on is { } x ? (v6 ? x.Endpoint.Ipv6 : x.Endpoint.Ipv4) : null;
        var bridge = on is { } y ? NetworkFacts.BridgeName(y.Network) : null;
        var at = containerIp is null ? $"the container's own address, port {p.ContainerPort}"
            : v6 ? $"[{containerIp}]:{p.ContainerPort}" : $"{containerIp}:{p.ContainerPort}";
        return new PublishedPortPath
        {
            HostIp = hostIp,
            HostPort = null,
            Routed = true,
            Protocol = p.Protocol,
            ContainerIp = containerIp,
            ContainerPort = p.ContainerPort,
            Network = on?.Network.Name,
            Bridge = bridge,
            Kernel = NatRuleMatch.NotCompared,
            Summary = $"routed: no DNAT, reached at {at}/{p.Protocol} directly{(bridge is null ? "" : " on " + bridge)}{(on is null ? "" : $" ({on.Value.Network.Name})")}",
        };
    }

    private static bool IsLoopback(string hostIp) =>
        System.Net.IPAddress.TryParse(hostIp, out var a) && System.Net.IPAddress.IsLoopback(a);

    /// <summary>The MASQUERADE Docker writes for one IPv4 subnet of a bridge network (also shown per network).</summary>
    public static MasqueradePath Masquerade(NetworkInfo network, string subnet, string? backend = null)
    {
        var bridge = NetworkFacts.BridgeName(network);
        return new MasqueradePath
        {
            Network = network.Name,
            Subnet = subnet,
            Bridge = bridge,
            ExpectedRule = ExpectedNatRule.Masquerade(backend, bridge, subnet),
            Kernel = NatRuleMatch.NotCompared,
            Summary = $"{subnet} leaving {bridge} → MASQUERADE (source address becomes the host's outgoing address)",
        };
    }

    private static PublishedPortPath Compare(PublishedPortPath p, NatRules kernel)
    {
        if (p.HostIp.Contains(':') && (!FirewallBackends.IsNftables(kernel.Backend) || p.ContainerIp?.Contains(':') != true))
        {
            return p; // ip6tables is not read; an IPv6 listener for an IPv4 container is docker-proxy's, not a DNAT
        }
        if (p.Routed)
        {
            // Routed mode writes no DNAT: a rule that sends traffic to this port anyway is a difference.
            var dnat = kernel.Dnat.FirstOrDefault(r => r.ToAddress == p.ContainerIp && r.ToPort == p.ContainerPort
                                                       && string.Equals(r.Protocol, p.Protocol, StringComparison.OrdinalIgnoreCase));
            return dnat is null ? p with { Kernel = NatRuleMatch.Match } : p with { Kernel = NatRuleMatch.Differs, KernelRule = dnat.Text };
        }
        var wanted = p.HostIp is "0.0.0.0" or "::" ? null : p.HostIp;
        var v6 = p.HostIp.Contains(':');
        var candidates = kernel.Dnat.Where(r => r.Chain == kernel.DnatChain && r.HostPort == p.HostPort && r.ToAddress.Contains(':') == v6
                                                && string.Equals(r.Protocol, p.Protocol, StringComparison.OrdinalIgnoreCase)
                                                && r.Destination == wanted).ToList();
        var exact = candidates.FirstOrDefault(r => r.ToAddress == p.ContainerIp && r.ToPort == p.ContainerPort);
        if (exact is not null)
        {
            return p with { Kernel = NatRuleMatch.Match, KernelRule = exact.Text };
        }
        return candidates.Count > 0
            ? p with { Kernel = NatRuleMatch.Differs, KernelRule = candidates[0].Text }
            : p with { Kernel = NatRuleMatch.Missing };
    }

    private static MasqueradePath Compare(MasqueradePath m, NatRules kernel) =>
        kernel.Masquerade.Any(r => r.Source == m.Subnet && r.ExcludedOutInterface == m.Bridge && r.Destination is null)
            ? m with { Kernel = NatRuleMatch.Match }
            : m with { Kernel = NatRuleMatch.Missing };

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;
}
