using Microsoft.Extensions.DependencyInjection.Extensions;
using NetDashboard.Collectors;
using NetDashboard.Core.Observation;

namespace NetDashboard.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>The store, the observers (Docker or demo, and the collector-fed hosts) and the one monitor that feeds the store.</summary>
    public static IServiceCollection AddTopologyMonitoring(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TopologyStore>();
        services.AddSingleton<HostObserverFactory>();
        services.TryAddSingleton<IObservingTurns, AlwaysObserving>(); // replicas register theirs first
        services.TryAddSingleton<CollectorRegistry>();
        services.AddSingleton<IEnumerable<IHostObserver>>(sp =>
            [.. sp.GetRequiredService<HostObserverFactory>().CreateAll(), .. sp.GetRequiredService<CollectorRegistry>().Observers]);
        services.AddSingleton<TopologyMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<TopologyMonitor>());
        return services;
    }
}
