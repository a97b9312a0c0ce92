using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Traffic;
using NetDashboard.Monitoring;

namespace NetDashboard.CollectorMode;

/// <summary>
/// The collector's one job: run the observer of its local daemon (the same adapter the dashboard runs for a direct
/// host: events and resync, veth names from this host's kernel) and hand every observation to the
/// <see cref="DashboardLink"/>, which also answers the dashboard's kernel reads (<see cref="CollectorKernel"/>). The two
/// run independently: a dashboard that is away never stops the observer, and what was seen meanwhile is sent,
/// coalesced, when it is back.
/// </summary>
public sealed class CollectorService(
    IOptions<NetDashboardOptions> options,
    HostObserverFactory observers,
    INatRuleSource nat,
    ITrafficSource traffic,
    TimeProvider time,
    ILogger<CollectorService> logger)
    : BackgroundService
{
    public CollectorOutbox Outbox { get; } = new(Guid.NewGuid().ToString("N"));

    public DashboardLink? Link { get; private set; }

    public string? HostId => options.Value.Collector.HostId;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.Collector;
        var name = string.IsNullOrWhiteSpace(o.HostName) ? Environment.MachineName : o.HostName;
        var observer = observers.CreateOne(o.HostId!, name);
        if (observer.Placeholder is { } placeholder)
        {
            Outbox.Offer(new DaemonObservation { Host = placeholder });
        }
        var kernel = new CollectorKernel(o.HostId!, observers.OneEndpoint(), nat, traffic, logger);
        Link = new DashboardLink(o, Outbox, observer.RequestResync, time, logger, kernel);
        logger.LogInformation("Collector for host {Host} ({Name}): reporting to {Dashboard}.", o.HostId, name, o.Dashboard);
        return Task.WhenAll(ObserverLoop.RunAsync(observer, Outbox.Offer, time, logger, stoppingToken), Link.RunAsync(stoppingToken));
    }
}
