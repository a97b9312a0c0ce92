using NetDashboard.Configuration;
using NetDashboard.Extensions;
using NetDashboard.Core.Serialization;
using NetDashboard.Monitoring;
using NetDashboard.Security;

namespace NetDashboard.CollectorMode;

/// <summary>
/// <c>dotnet NetDashboard.dll --collector</c>: the same binary as a collector. It watches its local daemon
/// (<c>NetDashboard:Hosts</c> with one entry, or DOCKER_HOST, else the local socket; <c>--demo</c>: a simulated one) and
/// streams what it sees to the dashboard of <c>NetDashboard:Collector:Dashboard</c>, answering the dashboard's reads of
/// this host's kernel (nat table, connections) over the same connection. It serves no UI and no API: only
/// <c>GET /healthz</c>, saying whether its daemon and the dashboard are reached.
/// </summary>
public static class CollectorApp
{
    public const string Argument = "--collector";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration[$"{NetDashboardOptions.SectionName}:Collector:{nameof(CollectorModeOptions.Enabled)}"] = "true";
        if (args.Contains("--demo", StringComparer.OrdinalIgnoreCase))
        {
            builder.Configuration[$"{NetDashboardOptions.SectionName}:{nameof(NetDashboardOptions.Source)}"] = nameof(TopologySource.Demo);
        }
        builder.Logging.KeepSecretsOutOfTheLog();
        builder.Services.AddNetDashboardOptions(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<HostObserverFactory>();
        builder.Services.AddKernelReaders(); // for the dashboard's reads of this host's kernel
        builder.Services.AddSingleton<CollectorService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CollectorService>());

        var app = builder.Build();
        app.MapGet("/healthz", (CollectorService collector) =>
        {
            var latest = collector.Outbox.Latest?.Host;
            return Results.Json(new
            {
                status = "up",
                role = "collector",
                hostId = collector.HostId,
                daemon = new { connected = latest?.Connected ?? false, error = latest?.Error },
                dashboard = new { connected = collector.Link?.Connected ?? false, error = collector.Link?.LastError },
            }, TopologyJson.Options);
        });
        await app.RunAsync();
        return 0;
    }
}
