using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Traffic;

namespace NetDashboard.Collectors;

/// <summary>
/// Reads a collector-fed host's kernel by asking its collector (a SignalR client result on the host's one live
/// connection, <see cref="CollectorProtocol.ReadNat"/> and <see cref="CollectorProtocol.ReadTraffic"/>), which answers
/// with the same readers the dashboard runs for a local host. Never throws for the collector: no collector connected,
/// no answer within <see cref="Timeout"/>, a collector too old to know the read, or a connection lost meanwhile is the
/// answer's sentence, naming the host.
/// </summary>
public sealed class CollectorKernelReads(CollectorRegistry registry, IHubContext<CollectorHub> hub, ILogger<CollectorKernelReads> logger)
{
    public TimeSpan Timeout { get; init; } = CollectorProtocol.KernelReadTimeout;

    /// <summary>True when <paramref name="hostId"/> is fed by a collector (its kernel is read through it).</summary>
    public bool Feeds(string hostId) => registry.Find(hostId) is not null;

    /// <summary>Why the collector of <paramref name="hostId"/> cannot be asked now (a clause); null when it is connected.</summary>
    public string? WhyNotAsked(string hostId) => registry.Find(hostId) switch
    {
        null => $"host {hostId} is not fed by a collector",
        { HasCollector: false } => $"the collector of host {hostId} is not connected",
        _ => null,
    };

    /// <summary>The nat table of the host's daemon, as its collector read it; <see cref="NatTableRead.Namespace"/> names the host.</summary>
    public async Task<NatTableRead> ReadNatAsync(string hostId, string? firewallBackend, CancellationToken cancellationToken)
    {
        var (read, why) = await AskAsync<NatTableRead>(hostId, CollectorProtocol.ReadNat, new NatReadRequest(firewallBackend), "nat table", cancellationToken);
        if (read is null)
        {
            return new NatTableRead(null, why, null);
        }
        return read with { Namespace = read.Namespace is null ? null : $"{read.Namespace} on host {hostId}" };
    }

    /// <summary>The host's connections, as its collector read them (under <see cref="TrafficTarget.HostId"/>).</summary>
    public async Task<TrafficRead> ReadTrafficAsync(TrafficTarget target, CancellationToken cancellationToken)
    {
        var request = new TrafficReadRequest(target.Namespaces, target.MaxFlows);
        var (read, why) = await AskAsync<TrafficRead>(target.HostId, CollectorProtocol.ReadTraffic, request, "connection", cancellationToken);
        return read is null
            ? new TrafficRead { HostId = target.HostId, Cap = target.MaxFlows, Note = char.ToUpperInvariant(why![0]) + why[1..] + "." }
            : read with { HostId = target.HostId };
    }

    private async Task<(T? Answer, string? Why)> AskAsync<T>(string hostId, string method, object request, string what, CancellationToken cancellationToken)
        where T : class
    {
        if (registry.Find(hostId)?.Session is not { } session)
        {
            return (null, WhyNotAsked(hostId) ?? $"the collector of host {hostId} is not connected");
        }
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        try
        {
            var answer = await hub.Clients.Client(session.ConnectionId).InvokeAsync<T>(method, request, bounded.Token);
            return answer is null ? (null, $"the collector of host {hostId} answered the {what} read with nothing") : (answer, null);
        }
        catch (Exception) when (bounded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The hub ends a cancelled invocation with a HubException ("canceled by the server"), not an OperationCanceledException.
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"the collector of host {hostId} did not answer the {what} read within {Timeout.TotalSeconds:0.##} s"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The hub fails a pending invocation with an IOException when the connection ends, maybe before the observer hears of it.
            if (ex is IOException || !ReferenceEquals(registry.Find(hostId)?.Session, session))
            {
                return (null, $"the collector of host {hostId} lost its connection during the {what} read");
            }
            if (ex is HubException)
            {
                // The collector's client refused the invocation: it registers no such method (an older collector).
                logger.LogDebug(ex, "Host {Host}: the collector refused the {Method} read.", hostId, method);
                return (null, $"the collector of host {hostId} does not answer {what} reads: it is older than this dashboard (run the same version on both)");
            }
            logger.LogWarning(ex, "Host {Host}: the {Method} read through the collector failed.", hostId, method);
            return (null, $"the collector of host {hostId} could not be asked for its {what} ({ex.GetType().Name})");
        }
    }
}
