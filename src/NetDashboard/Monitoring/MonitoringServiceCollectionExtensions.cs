using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Observation;

namespace NetDashboard.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    public static IServiceCollection AddNetDashboardOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NetDashboardOptions>()
            .Bind(configuration.GetSection(NetDashboardOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NetDashboardOptions>, NetDashboardOptionsValidator>();
        services.AddOptions<EmbedOptions>()
            .Bind(configuration.GetSection(EmbedOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmbedOptions>, EmbedOptionsValidator>();
        return services;
    }

    /// <summary>The store, the observers (Docker or demo) and the one monitor that feeds the store.</summary>
    public static IServiceCollection AddTopologyMonitoring(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TopologyStore>();
        services.AddSingleton<HostObserverFactory>();
        services.AddSingleton<IEnumerable<IHostObserver>>(sp => sp.GetRequiredService<HostObserverFactory>().CreateAll());
        services.AddSingleton<TopologyMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<TopologyMonitor>());
        return services;
    }
}
