using MudBlazor.Services;
using NetDashboard.Api;
using NetDashboard.Components;
using NetDashboard.Configuration;
using NetDashboard.Hubs;
using NetDashboard.Insight;
using NetDashboard.Core.Serialization;
using NetDashboard.History;
using NetDashboard.Monitoring;
using NetDashboard.Security;

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
        builder.Services.AddTopologyMonitoring();
        builder.Services.AddNetworkInsight();
        builder.Services.AddHistory();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => TopologyJson.Configure(o.SerializerOptions));

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddTopologyHub();
        return builder;
    }

    public static WebApplication UseNetDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
        }
        // A page that does not exist shows the app's own not-found page; the API answers problem+json itself.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<EmbedSecurityMiddleware>();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapTopologyApi();
        app.MapExportApi();
        app.MapInsightApi();
        app.MapHistoryApi();
        app.MapTopologyHub();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
