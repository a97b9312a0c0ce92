using NetDashboard.Hosting;
using MudBlazor.Services;
using NetDashboard.Access;
using NetDashboard.Api;
using NetDashboard.Collectors;
using NetDashboard.Components;
using NetDashboard.Configuration;
using NetDashboard.Hubs;
using NetDashboard.Insight;
using NetDashboard.Management;
using NetDashboard.Core.Serialization;
using NetDashboard.History;
using NetDashboard.Monitoring;
using NetDashboard.Replicas;
using NetDashboard.Security;
using NetDashboard.Traffic;

namespace NetDashboard.Extensions;

/// <summary>Registration of every layer, so Program.cs stays two lines.</summary>
public static class NetDashboardHostingExtensions
{
    public static WebApplicationBuilder AddNetDashboard(this WebApplicationBuilder builder, string[] args)
    {
        if (args.Contains("--demo", StringComparer.OrdinalIgnoreCase))
        {
            builder.Configuration[$"{NetDashboardOptions.SectionName}:{nameof(NetDashboardOptions.Source)}"] = nameof(TopologySource.Demo);
        }

        builder.Logging.KeepSecretsOutOfTheLog();
        builder.Services.AddNetDashboardOptions(builder.Configuration);
        builder.Services.AddAccess(builder.Configuration);
        builder.Services.AddReplicas(builder.Configuration);
        builder.Services.AddTopologyMonitoring();
        builder.Services.AddNetworkInsight();
        builder.Services.AddTraffic();
        builder.Services.AddHistory();
        builder.Services.AddManagement();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => TopologyJson.Configure(o.SerializerOptions));

        builder.Services.AddRazorComponents().AddInteractiveServerComponents(o =>
        {
            // A closed tab says goodbye and its circuit is released at once; one that vanished (a crash, a lost network)
            // is kept this long for a reconnect, and only this many such circuits are kept (Blazor's defaults: 3 min, 100),
            // so a burst of dropped tabs on a large map cannot hold hundreds of megabytes.
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(60);
            o.DisconnectedCircuitMaxRetained = 20;
        });
        builder.Services.AddMudServices();
        builder.Services.AddSingleton<NetDashboard.Components.Map.MapProjectionCache>(); // one graph and layout per view of a revision, for every circuit
        builder.Services.AddTopologyHub();
        builder.Services.AddCollectorHub();
        return builder;
    }

    public static WebApplication UseNetDashboard(this WebApplication app)
    {
        app.UseTrustedProxies();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
        }
        // A page that does not exist shows the app's own not-found page; the API answers problem+json itself.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<EmbedSecurityMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapLoginEndpoints();
        // Every read: open to all, or with RequireSignInToView to signed-in users, tokens, and the embed token on exports.
        var reads = app.MapGroup("").RequireAuthorization(AccessRoles.ViewPolicy);
        reads.MapTopologyApi();
        reads.MapExportApi();
        reads.MapTopologyTimeApi();
        reads.MapInsightApi();
        reads.MapTrafficApi();
        reads.MapHistoryApi();
        reads.MapManagementReads();
        app.MapManagementWrites(app.Configuration.GetValue<bool>($"{FeaturesOptions.SectionName}:{nameof(FeaturesOptions.Write)}"));
        app.MapTopologyHub().RequireAuthorization(AccessRoles.ViewPolicy);
        app.MapCollectorHub();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
