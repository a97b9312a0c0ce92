using NetDashboard.Core.Analysis;
using NetDashboard.Docker.Exec;
using NetDashboard.Extensions;
using NetDashboard.Monitoring;

namespace NetDashboard.Insight;

public static class InsightServiceCollectionExtensions
{
    /// <summary>Reachability, live verification through docker exec, and NAT paths.</summary>
    public static IServiceCollection AddNetworkInsight(this IServiceCollection services)
    {
        services.AddSingleton<IContainerExec>(sp =>
        {
            var hosts = sp.GetRequiredService<HostObserverFactory>();
            var store = sp.GetRequiredService<TopologyStore>();
            return new DockerContainerExec(hostId => hosts.EndpointOf(hostId) is { } endpoint
                ? (endpoint, store.Current.Hosts.FirstOrDefault(h => h.Id == hostId)?.ApiVersion)
                : null);
        });
        services.AddKernelReaders();
        services.AddSingleton<ReachabilityService>();
        services.AddSingleton<NatPathService>();
        return services;
    }
}
