using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using NetDashboard.Collectors;
using NetDashboard.Configuration;
using NetDashboard.Core.Model;
using NetDashboard.Core.Traffic;
using NetDashboard.Monitoring;

namespace NetDashboard.Traffic;

/// <summary>
/// Reads every readable host's connections on a short interval (<see cref="TrafficOptions.IntervalSeconds"/>), turns
/// them into the traffic document with the current topology (<see cref="TrafficAssembler"/>) and keeps it as
/// the <see cref="TrafficFeed"/>'s current document (whose subscribers hear only of real changes). A local host's
/// kernel is read here; a collector-fed host's by its collector (<see cref="CollectorKernelReads"/>), all hosts at once.
/// </summary>
public sealed class TrafficMonitor(
    TopologyStore store,
    ITrafficSource source,
    TrafficFeed feed,
    HostObserverFactory hosts,
    CollectorKernelReads collectors,
    IOptions<TrafficOptions> options,
    IOptions<NetDashboardOptions> dashboard,
    TimeProvider time,
    ILogger<TrafficMonitor> logger) : BackgroundService
{
    private TrafficLedger _ledger = TrafficLedger.Empty;

    /// <summary>Rounds completed so far (for tests and the bench).</summary>
    public long Rounds { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }
        var interval = TimeSpan.FromSeconds(o.IntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A traffic read failed; trying again in {Interval}.", interval);
            }
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One read of every host, then the document; public for the bench.</summary>
    public async Task RoundAsync(CancellationToken ct)
    {
        var o = options.Value;
        var snapshot = store.Current;
        var reading = new List<Task<TrafficRead>>();
        var unread = new List<TrafficHostStatus>();
        foreach (var host in snapshot.Hosts)
        {
            if (WhyNotRead(host) is { } why)
            {
                unread.Add(new TrafficHostStatus { HostId = host.Id, Read = false, Note = why });
                continue;
            }
            var target = new TrafficTarget(host.Id, hosts.EndpointOf(host.Id)?.SocketPath, Namespaces(snapshot, host.Id), o.MaxFlowsPerHost);
            // A collector answers over the network: its read runs on while the next hosts are read.
            reading.Add(collectors.Feeds(host.Id) ? collectors.ReadTrafficAsync(target, ct) : Task.FromResult(await source.ReadAsync(target, ct)));
        }
        var reads = await Task.WhenAll(reading);
        var (document, ledger) = TrafficAssembler.Assemble(snapshot, reads, unread, _ledger, time.GetUtcNow(),
            TimeSpan.FromMinutes(o.KeepEndedMinutes), maxKeptPerHost: o.MaxFlowsPerHost * 2);
        _ledger = ledger;
        Rounds++;
        feed.Publish(document);
    }

    /// <summary>Null when the host's kernel is this machine's and may be read, or its connected collector reads it; else the reason, in a sentence.</summary>
    private string? WhyNotRead(HostInfo host)
    {
        if (dashboard.Value.Source == TopologySource.Demo)
        {
            return "This is the built-in demo: there is no kernel to read connections from.";
        }
        if (collectors.Feeds(host.Id) && collectors.WhyNotAsked(host.Id) is { } notAsked)
        {
            return $"{char.ToUpperInvariant(notAsked[0])}{notAsked[1..]}: its connections are read again when it reconnects.";
        }
        if (host.Status != HostStatus.Connected)
        {
            return $"Host {host.Id} is not connected: its connections are read again when it answers.";
        }
        if (collectors.Feeds(host.Id))
        {
            return null; // its collector reads its own kernel
        }
        var listed = options.Value.Hosts;
        if (listed.Count > 0)
        {
            return listed.Contains(host.Id, StringComparer.Ordinal) ? null : $"Host {host.Id} is not listed in NetDashboard:Traffic:Hosts.";
        }
        return hosts.EndpointOf(host.Id) is { IsLocalSocket: true } ? null
            : $"Host {host.Id} is a remote daemon: its kernel's connection tracking is out of reach.";
    }

    /// <summary>
    /// One process per container network namespace: running containers with their own stack (bridge, user networks,
    /// none). A <c>container:</c> sharer's sockets are its owner's; a host-mode container's are the host's (left out).
    /// </summary>
    private static ImmutableArray<NamespaceProcess> Namespaces(TopologySnapshot snapshot, string hostId) =>
        [.. snapshot.Containers
            .Where(c => c.HostId == hostId && c.IsRunning && c.Pid is > 0
                        && c.NetworkMode.Kind is not (NetworkModeKind.Host or NetworkModeKind.Container))
            .Select(c => new NamespaceProcess(c.Id, c.Pid!.Value))];
}
