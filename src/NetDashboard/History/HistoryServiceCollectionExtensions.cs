namespace NetDashboard.History;

public static class HistoryServiceCollectionExtensions
{
    /// <summary>The access point, the badge set and the background writer.</summary>
    public static IServiceCollection AddHistory(this IServiceCollection services)
    {
        services.AddSingleton<HistoryPaths>();
        services.AddSingleton<HistoryAccess>();
        services.AddSingleton<IpChangeBadges>();
        services.AddSingleton<TopologyTimeline>();
        services.AddSingleton<HistoryWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryWriter>());
        return services;
    }
}
