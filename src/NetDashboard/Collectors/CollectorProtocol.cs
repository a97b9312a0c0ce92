using System.Collections.Immutable;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Traffic;

namespace NetDashboard.Collectors;

/// <summary>
/// The link between a collector and the dashboard: a SignalR hub (WebSockets, the JSON protocol with the API's
/// conventions) that the collector connects to with its token. The collector sends <see cref="Publish"/> (an
/// <see cref="CollectorEnvelope"/>, a full observation) whenever its daemon's picture changes and on every (re)connect,
/// and <see cref="Beat"/> every <see cref="BeatInterval"/>; the dashboard may send <see cref="Resync"/>, and asks for its
/// host's kernel with <see cref="ReadNat"/> (<see cref="NatReadRequest"/> → <c>NatTableRead</c>) and
/// <see cref="ReadTraffic"/> (<see cref="TrafficReadRequest"/> → <c>TrafficRead</c>): client results, which the
/// collector answers with the same kernel readers the dashboard uses for a local host.
/// </summary>
public static class CollectorProtocol
{
    public const string Path = "/hubs/collector";

    /// <summary>The host id the collector says it is; the dashboard refuses a token that names another.</summary>
    public const string HostHeader = "X-NetDashboard-Collector-Host";

    public const string Publish = "Publish";
    public const string Beat = "Beat";
    public const string Resync = "Resync";
    public const string ReadNat = "ReadNat";
    public const string ReadTraffic = "ReadTraffic";

    /// <summary>How long the dashboard waits for a collector's answer to a kernel read.</summary>
    public static readonly TimeSpan KernelReadTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How often a connected collector says it is alive.</summary>
    public static readonly TimeSpan BeatInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>A collector that sends nothing (no observation, no beat) this long is taken as gone (default of NetDashboard:CollectorTimeoutSeconds).</summary>
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(1.2);

    /// <summary>The largest observation a collector may send (a host of some 20,000 containers).</summary>
    public const long MaximumMessageSize = 64L * 1024 * 1024;
}

/// <summary>
/// One observation as a collector sends it. <paramref name="Instance"/> names the collector process (new on each start);
/// <paramref name="Sequence"/> counts its observations from 1. The dashboard applies a host's envelopes in the order
/// received; one whose sequence it has already applied (a resend after a lost acknowledgement, or the confirmation
/// sent on reconnect) only re-confirms the state, its events are not recorded twice.
/// </summary>
public sealed record CollectorEnvelope(string Instance, long Sequence, DaemonObservation Observation);

/// <summary>The dashboard asks a collector for its daemon's nat table, written by <paramref name="FirewallBackend"/> (what the daemon reports).</summary>
public sealed record NatReadRequest(string? FirewallBackend);

/// <summary>
/// The dashboard asks a collector for its host's connections: at most <paramref name="MaxFlows"/> tracked ones, and the
/// sockets of each container network namespace in <paramref name="Namespaces"/> (pids as the collector's daemon reported them).
/// </summary>
public sealed record TrafficReadRequest(ImmutableArray<NamespaceProcess> Namespaces, int MaxFlows);
