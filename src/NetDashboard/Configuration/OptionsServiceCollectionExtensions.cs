using Microsoft.Extensions.Options;

namespace NetDashboard.Configuration;

public static class OptionsServiceCollectionExtensions
{
    /// <summary>
    /// Every options class of the app, bound to its section and checked at start-up by its validator: invalid settings
    /// stop the app before it serves anything, with every problem listed, each naming its key. Call it before any other
    /// registration of a hosted service, so the check runs before those are built.
    /// </summary>
    public static IServiceCollection AddNetDashboardOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostedService<EarlyOptionsValidation>();
        services.AddValidatedOptions<NetDashboardOptions, NetDashboardOptionsValidator>(configuration, NetDashboardOptions.SectionName);
        services.AddValidatedOptions<EmbedOptions, EmbedOptionsValidator>(configuration, EmbedOptions.SectionName);
        services.AddValidatedOptions<HistoryOptions, HistoryOptionsValidator>(configuration, HistoryOptions.SectionName);
        services.AddValidatedOptions<InsightOptions, InsightOptionsValidator>(configuration, InsightOptions.SectionName);
        services.AddValidatedOptions<TrafficOptions, TrafficOptionsValidator>(configuration, TrafficOptions.SectionName);
        services.AddValidatedOptions<FeaturesOptions, FeaturesOptionsValidator>(configuration, FeaturesOptions.SectionName);
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(configuration, AuthOptions.SectionName);
        services.AddValidatedOptions<ReplicaOptions, ReplicaOptionsValidator>(configuration, ReplicaOptions.SectionName);
        services.AddValidatedOptions<MapSizeOptions, MapSizeOptionsValidator>(configuration, MapSizeOptions.SectionName);
        return services;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
