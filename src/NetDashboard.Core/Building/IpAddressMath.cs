using System.Net;

namespace NetDashboard.Core.Building;

/// <summary>Small CIDR helpers on top of <see cref="IPNetwork"/>.</summary>
public static class IpAddressMath
{
    public static bool TryParseCidr(string? text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        // IPNetwork.TryParse refuses host bits set (e.g. 172.17.0.1/16); normalise through the prefix.
        var slash = text.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out var address) || !int.TryParse(text.AsSpan(slash + 1), out var prefix))
        {
            return IPNetwork.TryParse(text, out network);
        }
        var max = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (prefix < 0 || prefix > max)
        {
            return false;
        }
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < max; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        network = new IPNetwork(new IPAddress(bytes), prefix);
        return true;
    }

    public static bool Contains(IPNetwork network, string? address) =>
        address is not null && IPAddress.TryParse(address, out var ip) && network.Contains(ip);

    /// <summary>True for an IPv4 or IPv6 address (not "", not Podman's "&lt;nil&gt;").</summary>
    public static bool IsAddress(string? text) => !string.IsNullOrWhiteSpace(text) && IPAddress.TryParse(text, out _);
}
