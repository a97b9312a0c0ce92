using System.Collections.Immutable;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Traffic;

/// <summary>
/// What the dashboard remembers between reads: every flow seen within the kept window, by <see cref="TrafficFlow.Key"/>,
/// with when it was first and last seen.
/// </summary>
public sealed record TrafficLedger
{
    public ImmutableDictionary<string, TrafficFlow> Flows { get; init; } = ImmutableDictionary<string, TrafficFlow>.Empty;

    public static TrafficLedger Empty { get; } = new();
}

/// <summary>
/// One collection round, pure: the hosts' raw reads + the topology + the previous ledger → the traffic document and
/// the next ledger. Attributes each connection (<see cref="TrafficAttribution"/>), keeps first/last seen, keeps ended
/// flows for <c>retention</c> (bounded), cross-checks container-to-container flows with the reachability analysis,
/// lists listening sockets and flags published ports nothing listens on.
/// </summary>
public static class TrafficAssembler
{
    private static readonly HashSet<string> AnyAddress = ["0.0.0.0", "::"];

    public static (TrafficDocument Document, TrafficLedger Ledger) Assemble(
        TopologySnapshot snapshot,
        IReadOnlyList<TrafficRead> reads,
        IReadOnlyList<TrafficHostStatus> unread,
        TrafficLedger previous,
        DateTimeOffset now,
        TimeSpan retention,
        int maxKeptPerHost)
    {
        var flows = previous.Flows.ToBuilder();
        var listeners = new List<TrafficListener>();
        var unheard = new List<UnheardPort>();
        var statuses = new List<TrafficHostStatus>(unread);
        var readHosts = new HashSet<string>(StringComparer.Ordinal);

        foreach (var read in reads)
        {
            readHosts.Add(read.HostId);
            var book = new TrafficAddressBook(snapshot, read.HostId);
            var seen = new Dictionary<string, TrafficFlow>(StringComparer.Ordinal);
            foreach (var entry in read.Connections ?? [])
            {
                if (TrafficAttribution.Attribute(entry, book, read.HostId, now) is { } flow)
                {
                    seen.TryAdd(flow.Key, flow);
                }
            }
            foreach (var (containerId, sockets) in read.Sockets)
            {
                if (book.Container(containerId) is not { } container)
                {
                    continue;
                }
                foreach (var flow in TrafficAttribution.Loopback(container, sockets, now))
                {
                    seen.TryAdd(flow.Key, flow);
                }
                var own = Listeners(container, sockets);
                listeners.AddRange(own);
                unheard.AddRange(Unheard(container, own));
            }
            var checks = new CrossCheck(snapshot);
            foreach (var flow in seen.Values)
            {
                var firstSeen = flows.TryGetValue(flow.Key, out var known) ? known.FirstSeen : now;
                flows[flow.Key] = flow with { FirstSeen = firstSeen, Finding = checks.Of(flow, book) };
            }
            foreach (var attempt in read.Refused)
            {
                if (TrafficAttribution.Attribute(attempt.Entry, book, read.HostId, attempt.At) is not { } observed)
                {
                    continue;
                }
                var refused = observed with { Refused = true, Live = false, Replied = false, Attempts = 1 };
                if (flows.TryGetValue(refused.Key, out var known))
                {
                    refused = refused with
                    {
                        FirstSeen = known.FirstSeen,
                        LastSeen = known.LastSeen > attempt.At ? known.LastSeen : attempt.At,
                        Attempts = (known.Attempts ?? 0) + 1,
                    };
                }
                flows[refused.Key] = refused with { Finding = checks.Of(refused, book) };
            }
            foreach (var (key, flow) in flows.Where(kv => kv.Value.HostId == read.HostId && kv.Value.Live && !seen.ContainsKey(kv.Key)).ToList())
            {
                flows[key] = flow with { Live = false };
            }
            statuses.Add(new TrafficHostStatus { HostId = read.HostId, Read = read.Connections is not null, Capped = read.Capped, Cap = read.Cap, Note = read.Note });
        }

        // A host not read this round (disconnected, or no longer readable) has no live flows: what it had ended as far as we know.
        var unreadHosts = unread.Select(u => u.HostId).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, flow) in flows.Where(kv => kv.Value.Live && unreadHosts.Contains(kv.Value.HostId)).ToList())
        {
            flows[key] = flow with { Live = false };
        }

        // Ended flows stay for the window, at most maxKeptPerHost per host (the oldest go first); hosts gone from the
        // topology lose theirs.
        var hosts = snapshot.Hosts.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, flow) in flows.Where(kv => !hosts.Contains(kv.Value.HostId) || (!kv.Value.Live && now - kv.Value.LastSeen > retention)).ToList())
        {
            flows.Remove(key);
        }
        foreach (var host in flows.Values.GroupBy(f => f.HostId).Where(g => g.Count() > maxKeptPerHost))
        {
            foreach (var flow in host.OrderByDescending(f => f.Live).ThenByDescending(f => f.LastSeen).Skip(maxKeptPerHost))
            {
                flows.Remove(flow.Key);
            }
        }

        var ledger = new TrafficLedger { Flows = flows.ToImmutable() };
        var document = new TrafficDocument
        {
            GeneratedAt = now,
            Flows = [.. ledger.Flows.Values.OrderBy(f => f.HostId, StringComparer.Ordinal).ThenBy(f => f.Key, StringComparer.Ordinal)],
            Listeners = [.. listeners.OrderBy(l => l.HostId, StringComparer.Ordinal).ThenBy(l => l.ContainerId, StringComparer.Ordinal).ThenBy(l => l.Port).ThenBy(l => l.Protocol, StringComparer.Ordinal).ThenBy(l => l.Address, StringComparer.Ordinal)],
            UnheardPorts = [.. unheard],
            Hosts = [.. statuses.OrderBy(s => s.HostId, StringComparer.Ordinal)],
        };
        return (document, ledger);
    }

    /// <summary>True when the two documents differ in more than their times (a live flow's last-seen moves every read).</summary>
    public static bool Differs(TrafficDocument a, TrafficDocument b) =>
        a.Flows.Length != b.Flows.Length
        || !a.Flows.Select(Timeless).SequenceEqual(b.Flows.Select(Timeless))
        || !a.Listeners.SequenceEqual(b.Listeners)
        || !a.UnheardPorts.SequenceEqual(b.UnheardPorts)
        || !a.Hosts.SequenceEqual(b.Hosts);

    private static TrafficFlow Timeless(TrafficFlow f) => f.Live ? f with { LastSeen = default } : f;

    private static List<TrafficListener> Listeners(ContainerInfo container, IReadOnlyList<SocketEntry> sockets) =>
        sockets
            .Where(s => s.Listening && s.LocalAddress != TrafficAttribution.EmbeddedDns)
            .Select(s => new TrafficListener { HostId = container.HostId, ContainerId = container.Id, Protocol = s.Protocol, Address = s.LocalAddress, Port = s.LocalPort })
            .Distinct()
            .ToList();

    /// <summary>Published ports with no listener the published traffic could reach (any address, or one of the container's own).</summary>
    private static IEnumerable<UnheardPort> Unheard(ContainerInfo container, List<TrafficListener> listeners)
    {
        if (!container.IsRunning)
        {
            yield break;
        }
        var own = container.Endpoints.SelectMany(e => new[] { e.Ipv4, e.Ipv6 }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var port in container.Ports.Where(p => !p.Discarded && (p.HostPort is not null || p.Routed)).DistinctBy(p => (p.ContainerPort, p.Protocol)))
        {
            var onPort = listeners.Where(l => l.Protocol == port.Protocol && l.Port == port.ContainerPort).ToList();
            if (onPort.Any(l => AnyAddress.Contains(l.Address) || own.Contains(l.Address)))
            {
                continue;
            }
            var published = port.HostPort is { } hp ? $"published on {(string.IsNullOrEmpty(port.HostIp) ? "0.0.0.0" : port.HostIp)}:{hp}" : "published (routed)";
            var why = onPort.Count > 0
                ? $"inside {container.Name} it listens only on {string.Join(", ", onPort.Select(l => l.Address))}, which published traffic never reaches"
                : $"nothing inside {container.Name} listens on {port.ContainerPort}/{port.Protocol}";
            yield return new UnheardPort
            {
                HostId = container.HostId,
                ContainerId = container.Id,
                ContainerPort = port.ContainerPort,
                Protocol = port.Protocol,
                HostIp = port.HostIp,
                HostPort = port.HostPort,
                Message = $"Port {port.ContainerPort}/{port.Protocol} is {published}, but {why}.",
            };
        }
    }

    /// <summary>
    /// The reachability analysis of each container pair, once per round: the matrix's cheap verdict first (each
    /// container's stack read once), the full analysis with its sentences only where the observation disagrees.
    /// </summary>
    private sealed class CrossCheck(TopologySnapshot snapshot)
    {
        private readonly Func<ContainerInfo, ContainerInfo, MatrixCell> _verdicts = ReachabilityMatrix.Verdicts(snapshot);

        public TrafficFinding? Of(TrafficFlow flow, TrafficAddressBook book)
        {
            if (flow.Via is not (TrafficVia.Bridge or TrafficVia.Host)
                || flow.Source.ContainerId is not { } fromId || flow.Destination.ContainerId is not { } toId || fromId == toId
                || book.Container(fromId) is not { } from || book.Container(toId) is not { } to)
            {
                return null;
            }
            var reachable = _verdicts(from, to).ByIp;
            var unexpected = flow.Replied && !reachable;
            var unanswered = !flow.Replied && !flow.Refused && flow.Protocol == "tcp" && reachable;
            var refused = flow.Refused && reachable;
            if (!unexpected && !unanswered && !refused)
            {
                return null;
            }
            var reason = ReachabilityAnalyzer.Analyze(snapshot, from, to).ByIp.Reason;
            var destination = TrafficAttribution.Join(flow.Destination.Address, flow.Destination.Port);
            if (refused)
            {
                var times = flow.Attempts is > 1 ? $"{flow.Attempts} times" : "once";
                return new TrafficFinding
                {
                    Code = TrafficFindingCodes.Refused,
                    Observed = $"{from.Name} ({flow.Source.Address}) tried {to.Name} ({destination}) over tcp {times}, and the connection was refused at once (a reset answered it): nothing in {to.Name} listens on port {flow.Destination.Port}, or a firewall rejects it.",
                    Analysis = $"The analysis says {from.Name} can reach {to.Name} by IP: {reason}.",
                };
            }
            var what = $"{from.Name} ({TrafficAttribution.Join(flow.Source.Address, flow.Source.Port)}) → {to.Name} ({destination}) over {flow.Protocol}";
            return unexpected
                ? new TrafficFinding
                {
                    Code = TrafficFindingCodes.UnexpectedFlow,
                    Observed = $"The kernel tracks {what}, answered ({flow.State}).",
                    Analysis = $"The analysis says {from.Name} cannot reach {to.Name} by IP: {reason}.",
                }
                : new TrafficFinding
                {
                    Code = TrafficFindingCodes.Unanswered,
                    Observed = $"The kernel tracks {what}, never answered ({flow.State}): the packets are dropped on the way or by {to.Name}.",
                    Analysis = $"The analysis says {from.Name} can reach {to.Name} by IP: {reason}.",
                };
        }
    }
}
