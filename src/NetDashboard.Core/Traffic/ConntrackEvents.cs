namespace NetDashboard.Core.Traffic;

/// <summary>
/// Reads the lines of the kernel's connection tracking event stream (<c>conntrack -E -e DESTROY -p tcp</c>:
/// <c>[DESTROY] tcp 6 120 CLOSE src=… dst=… sport=… dport=… [UNREPLIED] src=… …</c>, optionally after a
/// <c>[timestamp]</c>). A refused connection leaves no entry in the tracking table to read later: the SYN is answered
/// by a reset at once, and the entry ends in the same millisecond in state CLOSE, never marked as replied nor assured.
/// That ending is what is kept here; a connection that ran and closed ends assured, one never answered ends in
/// SYN_SENT when its timeout runs out (the table shows that one while it waits).
/// </summary>
public static class ConntrackEvents
{
    /// <summary>The entry of a TCP connection refused by its destination (or a firewall's reset), else null.</summary>
    public static ConntrackEntry? Refused(ReadOnlySpan<char> line)
    {
        if (!line.Contains("[DESTROY]", StringComparison.Ordinal))
        {
            return null;
        }
        return ConntrackParser.ParseLine(line) is { Protocol: "tcp", State: "CLOSE", Unreplied: true, Assured: false } entry ? entry : null;
    }
}

/// <summary>One refused connection attempt, as the event stream ended it, and when the dashboard heard of it.</summary>
public sealed record RefusedAttempt(ConntrackEntry Entry, DateTimeOffset At);
