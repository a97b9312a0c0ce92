using System.Collections.Immutable;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Building;

/// <summary>
/// Finds the host-side peer of a container endpoint's veth: the container interface is matched by the endpoint's
/// MAC (never by order), its <c>iflink</c> names the peer's ifindex in the dashboard's namespace, and the peer is
/// accepted only when it points back, is plugged into the network's bridge, and that bridge carries the network's
/// gateway — so an index from another daemon's namespace is never taken for ours. A wrong name is worse than none.
/// </summary>
public sealed class VethResolver(HostInterfaceTable? host)
{
    private readonly Dictionary<int, HostInterface> _byIndex =
        host?.Interfaces.GroupBy(i => i.IfIndex).ToDictionary(g => g.Key, g => g.First()) ?? [];

    public sealed record Match(string ContainerName, string HostName, int HostIndex);

    public Match? Resolve(ImmutableArray<ContainerInterface>? interfaces, string? mac, NetworkInfo? network)
    {
        if (host is null || interfaces is null || mac is null || network?.Bridge is null)
        {
            return null;
        }
        var inside = FindByMac(interfaces.Value, mac);
        if (inside is null || inside.IfLink == inside.IfIndex || !_byIndex.TryGetValue(inside.IfLink, out var peer))
        {
            return null;
        }
        if (peer.IfLink != inside.IfIndex || !string.Equals(peer.Master, network.Bridge, StringComparison.Ordinal))
        {
            return null;
        }
        if (!BridgeCarriesGateway(network))
        {
            return null;
        }
        return new Match(inside.Name, peer.Name, peer.IfIndex);
    }

    public string? ContainerInterfaceName(ImmutableArray<ContainerInterface>? interfaces, string? mac) =>
        interfaces is null || mac is null ? null : FindByMac(interfaces.Value, mac)?.Name;

    private bool BridgeCarriesGateway(NetworkInfo network)
    {
        var gateways = network.Subnets.Select(s => s.Gateway).OfType<string>().Where(g => !g.Contains(':')).ToList();
        if (gateways.Count == 0)
        {
            return true; // nothing to compare with: the bridge name and the back-pointing index must do
        }
        return host!.BridgeAddresses.TryGetValue(network.Bridge!, out var addresses) && gateways.Any(addresses.Contains);
    }

    private static ContainerInterface? FindByMac(ImmutableArray<ContainerInterface> interfaces, string mac) =>
        interfaces.FirstOrDefault(i => string.Equals(i.Mac, mac, StringComparison.OrdinalIgnoreCase));
}
