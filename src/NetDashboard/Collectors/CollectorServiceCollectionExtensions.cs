using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NetDashboard.Collectors;

public static class CollectorServiceCollectionExtensions
{
    /// <summary>The collector-fed hosts, their kernel reads, the collector token scheme and the collector hub's limits (large messages, quick timeouts).</summary>
    public static IServiceCollection AddCollectorHub(this IServiceCollection services)
    {
        services.TryAddSingleton<CollectorRegistry>();
        services.TryAddSingleton<CollectorKernelReads>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, CollectorTokenAuthentication>(CollectorTokenAuthentication.SchemeName, null);
        services.AddSignalR().AddHubOptions<CollectorHub>(o =>
        {
            o.MaximumReceiveMessageSize = CollectorProtocol.MaximumMessageSize;
            o.KeepAliveInterval = TimeSpan.FromSeconds(1);
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(3); // the observer's own silence watch is quicker
            o.EnableDetailedErrors = false;
        });
        return services;
    }

    /// <summary>The hub, for collectors with a token only (never the viewer's cookie or an API token).</summary>
    public static IEndpointConventionBuilder MapCollectorHub(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHub<CollectorHub>(CollectorProtocol.Path)
            .RequireAuthorization(new AuthorizationPolicyBuilder(CollectorTokenAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(CollectorTokenAuthentication.HostClaim).Build());
}
