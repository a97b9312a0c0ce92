using System.Collections.Immutable;
using System.Net;
using System.Text.RegularExpressions;
using NetDashboard.Core.Building;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Management;

/// <summary>
/// Checks a network to create against the host's current topology before the daemon is called, every problem at once,
/// a sentence per field: Docker's name rule, a known driver, CIDR syntax, the gateway and the ip-range inside the
/// subnet, no overlap with another network's subnet on that host, and a name not yet in use (409).
/// </summary>
public static partial class NetworkCreateValidator
{
    /// <summary>The drivers this dashboard creates; the daemon may still refuse one it lacks (e.g. overlay outside a swarm).</summary>
    public static readonly ImmutableArray<string> Drivers = ["bridge", "macvlan", "ipvlan", "overlay"];

    public const int MaxNameLength = 128;

    public static ManagementRefusal? Validate(NetworkCreateRequest request, TopologySnapshot snapshot, string hostId)
    {
        var errors = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string sentence) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(sentence);

        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            Add("name", "A network needs a name.");
        }
        else if (name.Length > MaxNameLength || !NameRule().IsMatch(name))
        {
            Add("name", $"'{Shorten(name)}' is not a valid network name: start with a letter or digit, then letters, digits, '_', '.' or '-', at most {MaxNameLength} characters.");
        }
        if (!Drivers.Contains(request.DriverOrDefault))
        {
            Add("driver", $"'{Shorten(request.DriverOrDefault)}' is not a driver this dashboard creates: use {string.Join(", ", Drivers)}.");
        }

        var subnet = ParseSubnet(request.Subnet, "subnet", System.Net.Sockets.AddressFamily.InterNetwork, Add);
        var ipv6Subnet = ParseSubnet(request.Ipv6Subnet, "ipv6Subnet", System.Net.Sockets.AddressFamily.InterNetworkV6, Add);
        if (ipv6Subnet is not null && !request.EnableIPv6)
        {
            Add("ipv6Subnet", "An IPv6 subnet needs IPv6 turned on (enableIPv6).");
        }
        CheckInside(request.Gateway, "gateway", subnet, request.Subnet, isRange: false, Add);
        CheckInside(request.IpRange, "ipRange", subnet, request.Subnet, isRange: true, Add);

        var hostNetworks = snapshot.Networks.Where(n => n.HostId == hostId).ToList();
        foreach (var (candidate, field) in new[] { (subnet, "subnet"), (ipv6Subnet, "ipv6Subnet") })
        {
            if (candidate is not { } mine)
            {
                continue;
            }
            foreach (var other in hostNetworks)
            {
                foreach (var used in other.Subnets)
                {
                    if (IpAddressMath.TryParseCidr(used.Subnet, out var theirs) && Overlap(mine, theirs))
                    {
                        Add(field, $"{mine} overlaps {used.Subnet} of the network '{other.Name}' on this host: choose a subnet no other network uses.");
                    }
                }
            }
        }

        if (errors.Count > 0)
        {
            var count = errors.Values.Sum(v => v.Count);
            return new ManagementRefusal(400, count == 1 ? errors.Values.Single()[0] : $"The network cannot be created as asked: {count} problems, listed per field.")
            {
                Errors = errors.ToImmutableSortedDictionary(e => e.Key, e => e.Value.ToImmutableArray(), StringComparer.Ordinal),
            };
        }
        if (hostNetworks.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal)) is { } existing)
        {
            return new ManagementRefusal(409, $"A network named '{name}' already exists on host {hostId} (id {existing.Id[..Math.Min(12, existing.Id.Length)]}): choose another name.");
        }
        return null;
    }

    private static IPNetwork? ParseSubnet(string? text, string field, System.Net.Sockets.AddressFamily family, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!text.Contains('/', StringComparison.Ordinal) || !IpAddressMath.TryParseCidr(text.Trim(), out var network))
        {
            add(field, $"'{Shorten(text)}' is not a subnet in CIDR notation, such as {(family == System.Net.Sockets.AddressFamily.InterNetwork ? "172.30.0.0/16" : "fd00:30::/64")}.");
            return null;
        }
        if (network.BaseAddress.AddressFamily != family)
        {
            add(field, $"{text.Trim()} is not an {(family == System.Net.Sockets.AddressFamily.InterNetwork ? "IPv4" : "IPv6")} subnet.");
            return null;
        }
        return network;
    }

    private static void CheckInside(string? text, string field, IPNetwork? subnet, string? subnetText, bool isRange, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        text = text.Trim();
        if (subnet is null)
        {
            if (string.IsNullOrWhiteSpace(subnetText))
            {
                add(field, $"{(isRange ? "An ip-range" : "A gateway")} needs a subnet to lie in: give the subnet too.");
            }
            return; // a subnet that did not parse has its own sentence
        }
        if (isRange)
        {
            if (!text.Contains('/', StringComparison.Ordinal) || !IpAddressMath.TryParseCidr(text, out var range))
            {
                add(field, $"'{Shorten(text)}' is not an ip-range in CIDR notation, such as 172.30.5.0/24.");
            }
            else if (!subnet.Value.Contains(range.BaseAddress) || range.PrefixLength < subnet.Value.PrefixLength)
            {
                add(field, $"The ip-range {text} is not inside the subnet {subnet}.");
            }
            return;
        }
        if (!IPAddress.TryParse(text, out var gateway) || text.Contains('/', StringComparison.Ordinal))
        {
            add(field, $"'{Shorten(text)}' is not an IP address.");
        }
        else if (!subnet.Value.Contains(gateway))
        {
            add(field, $"The gateway {text} is not inside the subnet {subnet}.");
        }
    }

    private static bool Overlap(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    /// <summary>What a user typed, cut short for a sentence.</summary>
    internal static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex NameRule();
}
