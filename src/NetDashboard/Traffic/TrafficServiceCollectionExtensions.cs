using NetDashboard.Extensions;
using NetDashboard.Hubs;

namespace NetDashboard.Traffic;

public static class TrafficServiceCollectionExtensions
{
    /// <summary>The kernel reader, the feed, the one monitor that reads on an interval, and the hub's Traffic publisher.</summary>
    public static IServiceCollection AddTraffic(this IServiceCollection services)
    {
        services.AddKernelReaders();
        services.AddSingleton<TrafficFeed>();
        services.AddSingleton<TrafficMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<TrafficMonitor>());
        services.AddSingleton<TrafficHubPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<TrafficHubPublisher>());
        return services;
    }
}
