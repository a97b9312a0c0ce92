using NetDashboard.Core.Management;
using NetDashboard.Docker.Management;
using NetDashboard.Monitoring;

namespace NetDashboard.Management;

public static class ManagementServiceCollectionExtensions
{
    /// <summary>The daemon writes (Docker adapter, per configured host), their answers and the audit log.</summary>
    public static IServiceCollection AddManagement(this IServiceCollection services)
    {
        services.AddSingleton<INetworkManager>(sp =>
        {
            var hosts = sp.GetRequiredService<HostObserverFactory>();
            return new DockerNetworkManager(hosts.EndpointOf);
        });
        services.AddSingleton<AuditLog>();
        services.AddSingleton<NetworkWrites>();
        services.AddScoped<Components.Management.WriteActions>();
        return services;
    }
}
