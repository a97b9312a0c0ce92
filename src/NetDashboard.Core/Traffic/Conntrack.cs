using System.Net;

namespace NetDashboard.Core.Traffic;

/// <summary>One direction of a tracked connection: who sent to whom, as the kernel saw the packets.</summary>
public readonly record struct FlowTuple(string Source, string Destination, int SourcePort, int DestinationPort);

/// <summary>
/// One entry of the kernel's connection tracking table: the original direction and the reply direction (which differ
/// after DNAT — the reply comes from the container a published port leads to — or SNAT/MASQUERADE).
/// </summary>
public sealed record ConntrackEntry(string Protocol, string? State, FlowTuple Original, FlowTuple Reply, bool Unreplied, bool Assured);

/// <summary>
/// Parses the text of <c>/proc/net/nf_conntrack</c> (<c>ipv4 2 tcp 6 431997 ESTABLISHED src=… dst=… sport=… dport=…
/// src=… … [ASSURED] mark=0 …</c>) and of <c>conntrack -L</c> (the same without the leading family). Only TCP and
/// UDP entries are kept; anything else, or a line it cannot read, is skipped.
/// </summary>
public static class ConntrackParser
{
    public static List<ConntrackEntry> Parse(string text, int max = int.MaxValue)
    {
        var entries = new List<ConntrackEntry>();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (entries.Count >= max)
            {
                break;
            }
            if (ParseLine(line) is { } entry)
            {
                entries.Add(entry);
            }
        }
        return entries;
    }

    public static ConntrackEntry? ParseLine(ReadOnlySpan<char> line)
    {
        string? protocol = null;
        string? state = null;
        var unreplied = false;
        var assured = false;
        Span<int> ports = stackalloc int[4];
        var addresses = new string?[4];
        var (addressCount, portCount, index) = (0, 0, 0);
        foreach (var range in line.Split(' '))
        {
            var token = line[range];
            if (token.IsEmpty)
            {
                continue;
            }
            index++;
            if (protocol is null)
            {
                if (token.SequenceEqual("tcp"))
                {
                    protocol = "tcp";
                }
                else if (token.SequenceEqual("udp"))
                {
                    protocol = "udp";
                }
                else if (index >= 3)
                {
                    return null; // icmp, sctp…: not a flow this view draws
                }
                continue;
            }
            var eq = token.IndexOf('=');
            if (eq < 0)
            {
                if (token[0] == '[')
                {
                    unreplied |= token.SequenceEqual("[UNREPLIED]");
                    assured |= token.SequenceEqual("[ASSURED]");
                }
                else if (protocol == "tcp" && addressCount == 0 && char.IsAsciiLetterUpper(token[0]))
                {
                    state = token.ToString();
                }
                continue;
            }
            var key = token[..eq];
            var value = token[(eq + 1)..];
            if ((key.SequenceEqual("src") || key.SequenceEqual("dst")) && addressCount < 4)
            {
                addresses[addressCount++] = Address(value);
            }
            else if ((key.SequenceEqual("sport") || key.SequenceEqual("dport")) && portCount < 4)
            {
                if (!int.TryParse(value, out ports[portCount++]))
                {
                    return null;
                }
            }
        }
        if (protocol is null || addressCount < 4 || portCount < 4 || addresses.Any(a => a is null))
        {
            return null;
        }
        return new ConntrackEntry(
            protocol,
            state,
            new FlowTuple(addresses[0]!, addresses[1]!, ports[0], ports[1]),
            new FlowTuple(addresses[2]!, addresses[3]!, ports[2], ports[3]),
            unreplied,
            assured);
    }

    /// <summary>IPv4 as written; IPv6 (printed in full by the kernel) in its short form, so it compares with the daemon's.</summary>
    private static string? Address(ReadOnlySpan<char> text)
    {
        if (text.IndexOf(':') < 0)
        {
            return text.ToString();
        }
        return IPAddress.TryParse(text, out var address) ? address.ToString() : null;
    }
}
