using NetDashboard.Core.Serialization;

namespace NetDashboard.Hubs;

public static class TopologyHubExtensions
{
    /// <summary>SignalR with the JSON (contract conventions) and MessagePack (camelCase, see <see cref="TopologyMessagePackResolver"/>) protocols, and the one publisher.</summary>
    public static IServiceCollection AddTopologyHub(this IServiceCollection services)
    {
        services.AddSignalR()
            .AddJsonProtocol(o => TopologyHubJson.Configure(o.PayloadSerializerOptions))
            .AddMessagePackProtocol(o => o.SerializerOptions = TopologyMessagePackResolver.Configure(o.SerializerOptions));
        services.AddSingleton<TopologyHubPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<TopologyHubPublisher>());
        return services;
    }

    public static IEndpointConventionBuilder MapTopologyHub(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHub<TopologyHub>(TopologyHub.Path);
}
