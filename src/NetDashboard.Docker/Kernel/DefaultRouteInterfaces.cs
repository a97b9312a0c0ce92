using System.Globalization;

namespace NetDashboard.Docker.Kernel;

/// <summary>
/// The interfaces a network namespace's default routes leave by, from <c>/proc/&lt;pid&gt;/net/route</c> and
/// <c>/proc/&lt;pid&gt;/net/ipv6_route</c> (the process's own namespace, read from outside without entering it).
/// Unreadable files give an empty set.
/// </summary>
internal static class DefaultRouteInterfaces
{
    /// <summary>IPv4: lines "Iface Destination Gateway Flags … Mask …" (hex); a default route has destination and mask 0.</summary>
    public static HashSet<string> ReadIpv4(string file) =>
        [.. Lines(file).Skip(1)
            .Select(l => l.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 8 && w[1] == "00000000" && w[7] == "00000000" && IsUp(w[3]))
            .Select(w => w[0])];

    /// <summary>
    /// IPv6: "dest prefixlen src srcprefixlen nexthop metric refcnt use flags iface"; a default route has destination
    /// ::/0, is up, and is not the kernel's "unreachable" entry on lo.
    /// </summary>
    public static HashSet<string> ReadIpv6(string file) =>
        [.. Lines(file)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 10 && w[0].Trim('0').Length == 0 && w[1] == "00" && IsUp(w[8]) && w[9] != "lo")
            .Select(w => w[9])];

    /// <summary>RTF_UP (0x1) set and RTF_REJECT (0x200) not.</summary>
    private static bool IsUp(string hexFlags) =>
        int.TryParse(hexFlags, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var f) && (f & 0x1) != 0 && (f & 0x200) == 0;

    private static string[] Lines(string file)
    {
        try
        {
            return File.ReadAllLines(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
