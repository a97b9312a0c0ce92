using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using NetDashboard.Core.Traffic;

namespace NetDashboard.Docker.Kernel;

/// <summary>
/// Reads one host's connections without touching a container or sending a packet: the connection tracking table of
/// the network namespace the daemon's bridges live in (<c>/proc/&lt;dockerd pid&gt;/net/nf_conntrack</c> — the daemon
/// found from the process answering on its socket, as the NAT comparison does; a daemon in its own namespace is read
/// there, never the dashboard's), falling back to <c>conntrack -L</c> in that namespace where the kernel has no
/// procfs table; and each container's socket tables (<c>/proc/&lt;pid&gt;/net/tcp</c>, <c>tcp6</c>, <c>udp</c>,
/// <c>udp6</c>, read through the host's /proc). At most <see cref="TrafficTarget.MaxFlows"/> connections are read per
/// host and <see cref="MaxSocketsPerNamespace"/> sockets per container: the answer says when it stopped. Refused
/// connections, which the table never shows, are heard from the namespace's event stream (<see cref="ConntrackEventWatch"/>).
/// </summary>
public sealed class ConntrackReader(string procPath = "/proc", TimeProvider? time = null) : ITrafficSource, IDisposable
{
    private static readonly (string File, string Protocol)[] SocketTables = [("tcp", "tcp"), ("tcp6", "tcp"), ("udp", "udp"), ("udp6", "udp")];

    private readonly ConcurrentDictionary<string, DaemonNamespace.Found> _daemons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long At, string Why)> _notFound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Namespace, ConntrackEventWatch Watch)> _events = new(StringComparer.Ordinal);

    /// <summary>How long a daemon that could not be found is not looked for again (each look connects to its socket).</summary>
    public TimeSpan RetryNotFoundAfter { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxSocketsPerNamespace { get; init; } = 4096;

    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public async Task<TrafficRead> ReadAsync(TrafficTarget target, CancellationToken cancellationToken)
    {
        var read = await ReadConnectionsAsync(target, cancellationToken);
        var sockets = ImmutableDictionary.CreateBuilder<string, IReadOnlyList<SocketEntry>>(StringComparer.Ordinal);
        foreach (var process in target.Namespaces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ReadSockets(process.Pid) is { } entries)
            {
                sockets[process.ContainerId] = entries;
            }
        }
        return read with { Sockets = sockets.ToImmutable() };
    }

    private async Task<TrafficRead> ReadConnectionsAsync(TrafficTarget target, CancellationToken ct)
    {
        var (netDir, nsenter, where, whyNot) = Locate(target.DaemonSocket, relocate: false);
        if (whyNot is not null)
        {
            return NotRead(target, whyNot);
        }
        var file = Path.Combine(netDir!, "nf_conntrack");
        var (entries, capped, error) = ReadTable(file, target.MaxFlows);
        if (error is FileNotFoundException or DirectoryNotFoundException && target.DaemonSocket is not null)
        {
            // The daemon restarted (another pid): find it again once.
            (netDir, nsenter, where, whyNot) = Locate(target.DaemonSocket, relocate: true);
            if (whyNot is not null)
            {
                return NotRead(target, whyNot);
            }
            file = Path.Combine(netDir!, "nf_conntrack");
            (entries, capped, error) = ReadTable(file, target.MaxFlows);
        }
        if (error is FileNotFoundException)
        {
            // No procfs table in this kernel: the conntrack tool asks netlink instead.
            var (text, toolError) = await KernelCommand.RunAsync([.. nsenter, "conntrack", "-L"], ToolTimeout, ct);
            if (text is null)
            {
                return NotRead(target, $"{file} does not exist and {toolError}");
            }
            entries = ConntrackParser.Parse(text, target.MaxFlows + 1);
            capped = entries.Count > target.MaxFlows;
            if (capped) entries.RemoveAt(entries.Count - 1);
            where = $"conntrack -L in {where}";
        }
        else if (error is UnauthorizedAccessException)
        {
            return NotRead(target, $"{file} cannot be read: the dashboard needs root (or CAP_NET_ADMIN) to see the kernel's connection tracking");
        }
        else if (error is not null)
        {
            return NotRead(target, $"{file} could not be read ({error.GetType().Name})");
        }
        var note = capped
            ? $"Read from {where}; more than {target.MaxFlows} connections are tracked, only the first {target.MaxFlows} were read (NetDashboard:Traffic:MaxFlowsPerHost)."
            : $"Read from {where}.";
        var (refused, eventNote) = Events(target.DaemonSocket ?? "", nsenter).Drain();
        return new TrafficRead
        {
            HostId = target.HostId, Connections = entries, Capped = capped, Cap = target.MaxFlows, Refused = refused,
            Note = eventNote is null ? note : $"{note} {eventNote}",
        };
    }

    /// <summary>The event watch of the namespace the daemon behind <paramref name="socket"/> lives in (a new one when the daemon moved).</summary>
    private ConntrackEventWatch Events(string socket, string[] nsenter)
    {
        var where = string.Join(' ', nsenter);
        if (_events.TryGetValue(socket, out var known) && known.Namespace == where)
        {
            return known.Watch;
        }
        var watch = new ConntrackEventWatch(nsenter, time ?? TimeProvider.System);
        if (_events.TryGetValue(socket, out var moved))
        {
            moved.Watch.Dispose();
        }
        _events[socket] = (where, watch);
        return watch;
    }

    /// <summary>Stops every event stream's conntrack process.</summary>
    public void Dispose()
    {
        foreach (var (_, watch) in _events.Values)
        {
            watch.Dispose();
        }
        _events.Clear();
    }

    private static TrafficRead NotRead(TrafficTarget target, string why) =>
        new() { HostId = target.HostId, Cap = target.MaxFlows, Note = char.ToUpperInvariant(why[0]) + why[1..] + "." };

    /// <summary>The /proc net folder of the daemon's namespace, the nsenter prefix for a tool run there, and where that is in words.</summary>
    private (string? NetDir, string[] Nsenter, string Where, string? WhyNot) Locate(string? socket, bool relocate)
    {
        if (socket is null)
        {
            return (Path.Combine(procPath, "self", "net"), [], "the dashboard's own network namespace", null);
        }
        if (relocate || !_daemons.TryGetValue(socket, out var found))
        {
            if (!relocate && _notFound.TryGetValue(socket, out var miss) && Environment.TickCount64 - miss.At < RetryNotFoundAfter.TotalMilliseconds)
            {
                return (null, [], "", miss.Why);
            }
            var (located, whyNot) = DaemonNamespace.Locate(socket, procPath);
            if (located is null)
            {
                _daemons.TryRemove(socket, out _);
                _notFound[socket] = (Environment.TickCount64, whyNot ?? "the daemon's network namespace is unknown");
                return (null, [], "", whyNot ?? "the daemon's network namespace is unknown");
            }
            _notFound.TryRemove(socket, out _);
            found = _daemons[socket] = located;
        }
        var pid = found.Pid.ToString(CultureInfo.InvariantCulture);
        return found.IsOwn
            ? (Path.Combine(procPath, pid, "net"), [], $"the dashboard's own network namespace, which {found.Process} (pid {pid}) shares", null)
            : (Path.Combine(procPath, pid, "net"), ["nsenter", $"--net={found.NetNsPath}"], $"the network namespace of {found.Process} (pid {pid})", null);
    }

    /// <summary>Reads at most <paramref name="max"/> TCP/UDP entries; capped when there were more.</summary>
    private static (List<ConntrackEntry> Entries, bool Capped, Exception? Error) ReadTable(string file, int max)
    {
        var entries = new List<ConntrackEntry>();
        try
        {
            using var reader = new StreamReader(file);
            while (reader.ReadLine() is { } line)
            {
                if (ConntrackParser.ParseLine(line) is not { } entry)
                {
                    continue;
                }
                if (entries.Count == max)
                {
                    return (entries, true, null);
                }
                entries.Add(entry);
            }
            return (entries, false, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (entries, false, ex);
        }
    }

    /// <summary>The sockets of the namespace <paramref name="pid"/> lives in; null when it is gone or unreadable.</summary>
    private List<SocketEntry>? ReadSockets(long pid)
    {
        var dir = Path.Combine(procPath, pid.ToString(CultureInfo.InvariantCulture), "net");
        var all = new List<SocketEntry>();
        foreach (var (file, protocol) in SocketTables)
        {
            try
            {
                using var reader = new StreamReader(Path.Combine(dir, file));
                while (all.Count < MaxSocketsPerNamespace && reader.ReadLine() is { } line)
                {
                    if (SocketTableParser.ParseLine(line, protocol) is { } entry)
                    {
                        all.Add(entry);
                    }
                }
            }
            catch (FileNotFoundException) when (file.EndsWith('6'))
            {
                // IPv6 disabled in the kernel: no tcp6/udp6 table.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        return all;
    }
}
