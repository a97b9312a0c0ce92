using System.Collections.Immutable;
using System.Net;
using NetDashboard.Core.Building;
using NetDashboard.Core.Lookup;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Management;

/// <summary>What a remove, connect or disconnect is about, once found on the host.</summary>
public sealed record NetworkTarget(NetworkInfo Network, ContainerInfo? Container);

/// <summary>
/// Checks a remove, connect or disconnect against the host's current topology before the daemon is called: the
/// network and container exist (404), Docker's own networks stay, a network in use is not removed (409, naming what
/// is attached), a container sharing another stack cannot be connected, a static address lies in the subnet and is
/// free, and the container is (or is not yet) connected.
/// </summary>
public static class NetworkChangeValidator
{
    public static readonly ImmutableArray<string> BuiltIn = ["bridge", "host", "none"];

    public static (NetworkTarget? Target, ManagementRefusal? Refusal) Remove(TopologySnapshot snapshot, string hostId, string network)
    {
        if (FindNetwork(snapshot, hostId, network) is not { } found)
        {
            return (null, NotFound(snapshot, hostId, network));
        }
        if (BuiltIn.Contains(found.Name) || found.Predefined)
        {
            return (null, new ManagementRefusal(400, $"'{found.Name}' is one of Docker's own networks: it cannot be removed."));
        }
        var attached = Attached(snapshot, found);
        if (!attached.IsEmpty)
        {
            var names = string.Join(", ", attached.Select(a => a.Name));
            return (null, new ManagementRefusal(409, $"The network '{found.Name}' still has {attached.Length} container{(attached.Length == 1 ? "" : "s")} attached ({names}): disconnect {(attached.Length == 1 ? "it" : "them")} first.")
            {
                Attached = attached,
            });
        }
        return (new NetworkTarget(found, null), null);
    }

    public static (NetworkTarget? Target, ManagementRefusal? Refusal) Connect(TopologySnapshot snapshot, string hostId, string network, NetworkConnectRequest request)
    {
        var (target, refusal) = FindBoth(snapshot, hostId, network, request.Container);
        if (target is not { Container: { } container } || refusal is not null)
        {
            return (null, refusal);
        }
        var net = target.Network;
        if (net.Driver is "host" or "null")
        {
            return (null, new ManagementRefusal(409, $"'{net.Name}' is not a network a container can be connected to: it stands for {(net.Driver == "host" ? "the host's own network stack" : "no network at all")}, chosen when a container is created."));
        }
        if (container.NetworkMode.Kind is NetworkModeKind.Host or NetworkModeKind.None or NetworkModeKind.Container)
        {
            var mode = container.NetworkMode.Kind switch
            {
                NetworkModeKind.Host => "the host's network stack (--network host)",
                NetworkModeKind.None => "no network (--network none)",
                _ => $"another container's network stack (--network {container.NetworkMode.Raw})",
            };
            return (null, new ManagementRefusal(409, $"The container '{container.Name}' uses {mode}: Docker cannot connect it to another network."));
        }
        if (container.Endpoints.Any(e => e.NetworkId == net.Id))
        {
            return (null, new ManagementRefusal(409, $"The container '{container.Name}' is already connected to '{net.Name}'."));
        }
        var errors = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        CheckStaticAddress(snapshot, net, request.Ipv4, "ipv4", System.Net.Sockets.AddressFamily.InterNetwork, errors);
        CheckStaticAddress(snapshot, net, request.Ipv6, "ipv6", System.Net.Sockets.AddressFamily.InterNetworkV6, errors);
        foreach (var alias in request.Aliases.Where(a => string.IsNullOrWhiteSpace(a) || a.Length > 255 || a.Any(char.IsWhiteSpace)))
        {
            (errors.TryGetValue("aliases", out var l) ? l : errors["aliases"] = []).Add($"'{NetworkCreateValidator.Shorten(alias)}' is not an alias: a name without spaces, at most 255 characters.");
        }
        if (errors.Count > 0)
        {
            var all = errors.SelectMany(e => e.Value).ToList();
            return (null, new ManagementRefusal(400, all.Count == 1 ? all[0] : $"The container cannot be connected as asked: {all.Count} problems, listed per field.")
            {
                Errors = errors.ToImmutableSortedDictionary(e => e.Key, e => e.Value.ToImmutableArray(), StringComparer.Ordinal),
            });
        }
        return (target, null);
    }

    public static (NetworkTarget? Target, ManagementRefusal? Refusal) Disconnect(TopologySnapshot snapshot, string hostId, string network, NetworkDisconnectRequest request)
    {
        var (target, refusal) = FindBoth(snapshot, hostId, network, request.Container);
        if (target is not { Container: { } container } || refusal is not null)
        {
            return (null, refusal);
        }
        if (!container.Endpoints.Any(e => e.NetworkId == target.Network.Id))
        {
            return (null, new ManagementRefusal(409, $"The container '{container.Name}' is not connected to '{target.Network.Name}'."));
        }
        return (target, null);
    }

    /// <summary>The running containers with an endpoint on <paramref name="network"/>.</summary>
    public static ImmutableArray<ContainerRef> Attached(TopologySnapshot snapshot, NetworkInfo network) =>
        [.. snapshot.Containers
            .Where(c => c.HostId == network.HostId && c.IsRunning && c.Endpoints.Any(e => e.NetworkId == network.Id))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new ContainerRef(c.Id, c.Name))];

    private static (NetworkTarget? Target, ManagementRefusal? Refusal) FindBoth(TopologySnapshot snapshot, string hostId, string network, string? container)
    {
        if (FindNetwork(snapshot, hostId, network) is not { } net)
        {
            return (null, NotFound(snapshot, hostId, network));
        }
        if (string.IsNullOrWhiteSpace(container))
        {
            return (null, new ManagementRefusal(400, "Name the container (its name or id).")
            {
                Errors = ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty.Add("container", ["Name the container (its name or id)."]),
            });
        }
        var lookup = TopologyResolver.Container(snapshot, container, hostId);
        if (lookup.IsAmbiguous)
        {
            return (null, new ManagementRefusal(400, lookup.Ambiguity ?? $"'{container}' names more than one container: use the full id."));
        }
        if (lookup.Single is not { } found)
        {
            return (null, new ManagementRefusal(404, $"There is no container '{NetworkCreateValidator.Shorten(container)}' on host {hostId}."));
        }
        return (new NetworkTarget(net, found), null);
    }

    private static NetworkInfo? FindNetwork(TopologySnapshot snapshot, string hostId, string text) =>
        TopologyResolver.Network(snapshot, text, hostId).Single;

    private static ManagementRefusal NotFound(TopologySnapshot snapshot, string hostId, string text) =>
        TopologyResolver.Network(snapshot, text, hostId) is { IsAmbiguous: true } ambiguous
            ? new ManagementRefusal(400, ambiguous.Ambiguity ?? $"'{text}' names more than one network: use the full id.")
            : new ManagementRefusal(404, $"There is no network '{NetworkCreateValidator.Shorten(text)}' on host {hostId}.");

    private static void CheckStaticAddress(TopologySnapshot snapshot, NetworkInfo network, string? text, string field, System.Net.Sockets.AddressFamily family, SortedDictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        void Add(string s) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(s);
        text = text.Trim();
        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != family || text.Contains('/', StringComparison.Ordinal))
        {
            Add($"'{NetworkCreateValidator.Shorten(text)}' is not an {(family == System.Net.Sockets.AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address.");
            return;
        }
        var subnets = network.Subnets.Select(s => IpAddressMath.TryParseCidr(s.Subnet, out var n) ? n : (IPNetwork?)null).OfType<IPNetwork>()
            .Where(n => n.BaseAddress.AddressFamily == family).ToList();
        if (subnets.Count == 0)
        {
            Add($"The network '{network.Name}' has no {(family == System.Net.Sockets.AddressFamily.InterNetwork ? "IPv4" : "IPv6")} subnet to give {text} from.");
            return;
        }
        if (!subnets.Any(s => s.Contains(address)))
        {
            Add($"{text} is outside the network's subnet {string.Join(", ", subnets)}.");
            return;
        }
        var holder = snapshot.Containers.FirstOrDefault(c => c.HostId == network.HostId
            && c.Endpoints.Any(e => e.NetworkId == network.Id && (e.Ipv4 == text || e.Ipv6 == text)));
        if (holder is not null || network.Subnets.Any(s => s.Gateway == text))
        {
            Add(holder is not null ? $"{text} is in use by '{holder.Name}' on this network." : $"{text} is the network's gateway.");
        }
    }
}
