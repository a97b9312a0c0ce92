using Microsoft.Extensions.Options;
using NetDashboard.Configuration;

namespace NetDashboard.History;

public static class HistoryServiceCollectionExtensions
{
    /// <summary>The history options, the access point, the badge set and the background writer.</summary>
    public static IServiceCollection AddHistory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HistoryOptions>()
            .Bind(configuration.GetSection(HistoryOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HistoryOptions>, HistoryOptionsValidator>();
        services.AddSingleton<HistoryPaths>();
        services.AddSingleton<HistoryAccess>();
        services.AddSingleton<IpChangeBadges>();
        services.AddSingleton<HistoryWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryWriter>());
        return services;
    }
}
