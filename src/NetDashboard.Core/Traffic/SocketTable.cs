using System.Globalization;
using System.Net;

namespace NetDashboard.Core.Traffic;

/// <summary>One socket of a network namespace, from <c>/proc/&lt;pid&gt;/net/tcp</c>, <c>tcp6</c>, <c>udp</c> or <c>udp6</c>.</summary>
public sealed record SocketEntry(string Protocol, string LocalAddress, int LocalPort, string RemoteAddress, int RemotePort, string State)
{
    /// <summary>A TCP socket in LISTEN, or a UDP socket bound with no peer (it receives from anyone).</summary>
    public bool Listening => Protocol == "tcp" ? State == "LISTEN" : RemotePort == 0;
}

/// <summary>
/// Parses the kernel's socket tables (<c>sl local_address rem_address st …</c>): addresses are hex in the kernel's byte
/// order (IPv4 one little-endian word; IPv6 four), ports hex, the state a hex code. IPv4-mapped IPv6 addresses are
/// given as IPv4 so they compare with the daemon's. Lines it cannot read are skipped.
/// </summary>
public static class SocketTableParser
{
    private static readonly string[] TcpStates =
        ["?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"];

    /// <param name="protocol"><c>tcp</c> or <c>udp</c> (the tcp6/udp6 tables too).</param>
    public static List<SocketEntry> Parse(string text, string protocol, int max = int.MaxValue)
    {
        var entries = new List<SocketEntry>();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (entries.Count >= max)
            {
                break;
            }
            if (ParseLine(line, protocol) is { } entry)
            {
                entries.Add(entry);
            }
        }
        return entries;
    }

    public static SocketEntry? ParseLine(ReadOnlySpan<char> line, string protocol)
    {
        Span<Range> parts = stackalloc Range[5];
        var trimmed = line.Trim();
        if (trimmed.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) < 4 || !trimmed[parts[0]].EndsWith(':'))
        {
            return null; // the header
        }
        if (Endpoint(trimmed[parts[1]]) is not { } local || Endpoint(trimmed[parts[2]]) is not { } remote
            || !int.TryParse(trimmed[parts[3]], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            return null;
        }
        var state = protocol == "tcp"
            ? code < TcpStates.Length ? TcpStates[code] : code.ToString(CultureInfo.InvariantCulture)
            : code == 1 ? "ESTABLISHED" : "UNCONN";
        return new SocketEntry(protocol, local.Address, local.Port, remote.Address, remote.Port, state);
    }

    private static (string Address, int Port)? Endpoint(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        if (colon < 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }
        var hex = text[..colon];
        if (hex.Length == 8)
        {
            if (!uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v4))
            {
                return null;
            }
            // The kernel prints the network-order word as a host-order (little-endian) number.
            return (new IPAddress(v4).ToString(), port);
        }
        if (hex.Length != 32)
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[16];
        for (var word = 0; word < 4; word++)
        {
            if (!uint.TryParse(hex.Slice(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var w))
            {
                return null;
            }
            bytes[word * 4] = (byte)w;
            bytes[word * 4 + 1] = (byte)(w >> 8);
            bytes[word * 4 + 2] = (byte)(w >> 16);
            bytes[word * 4 + 3] = (byte)(w >> 24);
        }
        var address = new IPAddress(bytes);
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString(), port);
    }
}
