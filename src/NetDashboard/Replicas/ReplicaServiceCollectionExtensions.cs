using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using NetDashboard.History;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using NetDashboard.Configuration;
using NetDashboard.Hubs;
using NetDashboard.Monitoring;

namespace NetDashboard.Replicas;

public static class ReplicaServiceCollectionExtensions
{
    /// <summary>The application name every replica protects its cookies and antiforgery tokens under.</summary>
    public const string ApplicationName = "NetDashboard";

    /// <summary>
    /// With <c>NetDashboard:Replicas:Redis</c> set: the coordinator (lease, revision feed, observing turns), the topology
    /// hub's Redis backplane and the Data Protection key ring shared in Redis. Without it only the status (role
    /// <see cref="ReplicaRole.Single"/>), and the app is one process as before. Call before AddTopologyMonitoring.
    /// </summary>
    public static IServiceCollection AddReplicas(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ReplicaStatus>();
        var options = configuration.GetSection(ReplicaOptions.SectionName).Get<ReplicaOptions>() ?? new ReplicaOptions();
        if (!options.Enabled)
        {
            return services;
        }
        services.AddSingleton<ReplicaRedis>();
        services.AddSingleton<ReplicaCoordinator>();
        services.AddSingleton<IObservingTurns>(sp => sp.GetRequiredService<ReplicaCoordinator>());
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaCoordinator>());

        // The backplane for the topology hub only: Blazor's circuits stay on this replica (sticky sessions) and
        // need none, and must not stop working when Redis does.
        services.AddOptions<RedisOptions>().Configure<ReplicaRedis>((o, redis) =>
        {
            o.Configuration = ReplicaRedis.Configure(options.Redis!);
            o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(redis.HubChannelPrefix);
            o.ConnectionFactory = _ => Task.FromResult<StackExchange.Redis.IConnectionMultiplexer>(redis.Connection);
        });
        services.AddSingleton<RedisHubLifetimeManager<TopologyHub>>();
        services.AddSingleton<HubLifetimeManager<TopologyHub>, ReplicaHubLifetimeManager<TopologyHub>>();

        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<ReplicaRedis, IOptions<NetDashboardOptions>, IHostEnvironment, ILoggerFactory>((o, redis, dashboard, environment, loggers) =>
            o.XmlRepository = new ReplicaKeyRepository(redis,
                new DirectoryInfo(Path.Combine(HistoryPaths.ResolveDataDirectory(dashboard.Value.DataDirectory, environment.ContentRootPath), "dataprotection-keys")),
                loggers));
        return services;
    }
}
