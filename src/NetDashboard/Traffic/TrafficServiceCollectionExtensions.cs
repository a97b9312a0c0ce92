using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Traffic;
using NetDashboard.Docker.Kernel;
using NetDashboard.Hubs;

namespace NetDashboard.Traffic;

public static class TrafficServiceCollectionExtensions
{
    /// <summary>The kernel reader, the feed, the one monitor that reads on an interval, and the hub's Traffic publisher.</summary>
    public static IServiceCollection AddTraffic(this IServiceCollection services)
    {
        services.AddSingleton<ITrafficSource>(sp => new ConntrackReader(sp.GetRequiredService<IOptions<NetDashboardOptions>>().Value.ProcPath, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TrafficFeed>();
        services.AddSingleton<TrafficMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<TrafficMonitor>());
        services.AddSingleton<TrafficHubPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<TrafficHubPublisher>());
        return services;
    }
}
