using NetDashboard.Core.Model;

namespace NetDashboard.Core.Analysis;

/// <summary>
/// Can a container reach anything outside its networks (the host, the internet), and by which network: the endpoint
/// that carries its default route (<see cref="EndpointInfo.DefaultRoute"/>, decided by <c>GwPriority</c> on Engine 28),
/// source-NATed unless that network is routed or does not masquerade.
/// </summary>
public static class EgressAnalyzer
{
    public static EgressVerdict Egress(TopologySnapshot snapshot, NetworkStack source)
    {
        if (source.DownReason() is { } down)
        {
            return new EgressVerdict { Reachable = false, Reason = down };
        }
        var owner = source.Owner!;
        var name = source.IsShared ? $"{source.Container.Name} (in {owner.Name}'s stack)" : source.Container.Name;
        switch (owner.NetworkMode.Kind)
        {
            case NetworkModeKind.Host:
                return new EgressVerdict { Reachable = true, Reason = $"{name} uses the host's network stack: it goes out exactly as the host does" };
            case NetworkModeKind.None:
                return new EgressVerdict { Reachable = false, Reason = $"{name} runs with --network none: no route out" };
        }
        var bridged = ReachabilityAnalyzer.Bridged(snapshot, owner).ToList();
        var outward = bridged
            .Where(x => !x.Network.Internal && !NetworkFacts.IsIsolated(x.Network) && (x.Endpoint.Gateway ?? x.Endpoint.Ipv6Gateway) is not null)
            .OrderByDescending(x => x.Endpoint.DefaultRoute == true)
            .ToList();
        if (outward.Count > 0 && outward.All(x => x.Endpoint.DefaultRoute == false))
        {
            return new EgressVerdict { Reachable = false, Reason = $"{name} has no default route in its routing table: nothing leaves its networks" };
        }
        if (outward.Count > 0)
        {
            var o = outward[0];
            var gateway = o.Endpoint.Gateway ?? o.Endpoint.Ipv6Gateway;
            var via = o.Endpoint.DefaultRoute switch
            {
                true when bridged.Count > 1 => $"its default route is on {o.Network.Name}" + (o.Endpoint.GwPriority is { } p ? $" (gateway priority {p}, the highest)" : "") + ": ",
                null when outward.Count > 1 => $"which of {string.Join(", ", outward.Select(x => x.Network.Name))} carries its default route is the daemon's choice (equal priorities); through {o.Network.Name}: ",
                _ => "",
            };
            var masq = NetworkFacts.IsRouted(o.Network)
                ? $", without NAT ({o.Network.Name} is routed: it leaves with its own address {o.Endpoint.Ipv4 ?? o.Endpoint.Ipv6})"
                : o.Endpoint.Gateway is null
                    ? " (IPv6 only, without NAT)"
                    : NetworkFacts.Masquerades(o.Network)
                        ? $", source-NATed (MASQUERADE of {string.Join(", ", o.Network.Subnets.Where(s => !s.Subnet.Contains(':')).Select(s => s.Subnet))} leaving {NetworkFacts.BridgeName(o.Network)})"
                        : ", without MASQUERADE (enable_ip_masquerade=false)";
            return new EgressVerdict { Reachable = true, Reason = $"{via}{name} goes out through {o.Network.Name}'s gateway {gateway}{masq}" };
        }
        if (bridged.Count > 0 && bridged.All(x => x.Network.Internal || NetworkFacts.IsIsolated(x.Network)))
        {
            return new EgressVerdict
            {
                Reachable = false,
                Reason = $"every network of {name} is --internal or isolated ({string.Join(", ", bridged.Select(x => x.Network.Name))}): no traffic leaves them",
            };
        }
        return new EgressVerdict { Reachable = false, Reason = $"{name} has no gateway on any network" };
    }
}
