using Microsoft.Extensions.Options;
using NetDashboard.Configuration;

namespace NetDashboard.Collectors;

/// <summary>The collector-fed hosts of <c>NetDashboard:Collectors</c>, one observer each, shared by the monitor and the hub.</summary>
public sealed class CollectorRegistry
{
    private readonly Dictionary<string, CollectorHostObserver> _byId;

    public CollectorRegistry(IOptions<NetDashboardOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        var o = options.Value;
        Observers = o.Source == TopologySource.Demo || o.Collector.Enabled
            ? []
            : [.. o.Collectors.Select(c => new CollectorHostObserver(c, time, loggers.CreateLogger($"NetDashboard.Collectors.{c.Id}"), TimeSpan.FromSeconds(o.CollectorTimeoutSeconds)))];
        _byId = Observers.ToDictionary(c => c.HostId, StringComparer.Ordinal);
    }

    public IReadOnlyList<CollectorHostObserver> Observers { get; }

    public CollectorHostObserver? Find(string hostId) => _byId.GetValueOrDefault(hostId);
}
