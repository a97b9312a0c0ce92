using NetDashboard.Collectors;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Traffic;
using NetDashboard.Docker.Connection;

namespace NetDashboard.CollectorMode;

/// <summary>
/// The collector's answers to the dashboard's kernel reads (<see cref="CollectorProtocol.ReadNat"/>,
/// <see cref="CollectorProtocol.ReadTraffic"/>): the same readers the dashboard runs for a local host
/// (<see cref="INatRuleSource"/>, <see cref="ITrafficSource"/>), aimed at this collector's own daemon — the namespace of the
/// process answering on its socket. Never throws: a failure is the answer's sentence, said from the collector's side
/// ("the collector's own network namespace", "the collector needs root").
/// </summary>
public sealed class CollectorKernel(
    string hostId,
    DockerEndpoint? daemon,
    INatRuleSource nat,
    ITrafficSource traffic,
    ILogger logger)
{
    public async Task<NatTableRead> ReadNatAsync(NatReadRequest request, CancellationToken cancellationToken)
    {
        if (WhyNotRead() is { } why)
        {
            return new NatTableRead(null, why, null);
        }
        try
        {
            var read = await nat.ReadAsync(new NatTableTarget(daemon!.SocketPath, request.FirewallBackend), cancellationToken);
            return read with { Error = Speaking(read.Error), Namespace = Speaking(read.Namespace) };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Host {Host}: the nat table read for the dashboard failed.", hostId);
            return new NatTableRead(null, $"the collector of host {hostId} could not read its nat table ({ex.GetType().Name})", null);
        }
    }

    public async Task<TrafficRead> ReadTrafficAsync(TrafficReadRequest request, CancellationToken cancellationToken)
    {
        if (WhyNotRead() is { } why)
        {
            return new TrafficRead { HostId = hostId, Cap = request.MaxFlows, Note = Sentence(why) };
        }
        try
        {
            var read = await traffic.ReadAsync(new TrafficTarget(hostId, daemon!.SocketPath, request.Namespaces, request.MaxFlows), cancellationToken);
            return read with { Note = Speaking(read.Note) };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Host {Host}: the connection read for the dashboard failed.", hostId);
            return new TrafficRead { HostId = hostId, Cap = request.MaxFlows, Note = $"The collector of host {hostId} could not read its connections ({ex.GetType().Name})." };
        }
    }

    /// <summary>Null when this collector's daemon is on a local socket (its kernel is this machine's); else why not, as a clause.</summary>
    private string? WhyNotRead() => daemon switch
    {
        null => $"the collector of host {hostId} watches a simulated daemon (--demo): there is no kernel to read",
        { IsLocalSocket: false } => $"the collector of host {hostId} reaches its daemon over {daemon.Uri.Scheme}://, so the daemon's kernel is out of its reach",
        _ => null,
    };

    /// <summary>The readers speak as the process that runs them; here that is the collector, not the dashboard.</summary>
    internal static string? Speaking(string? text) => text?.Replace("the dashboard", "the collector", StringComparison.Ordinal);

    private static string Sentence(string clause) => char.ToUpperInvariant(clause[0]) + clause[1..] + ".";
}
