using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using NetDashboard.History;
using NetDashboard.Core.Observation;
using NetDashboard.Monitoring;
using NetDashboard.Components.Tests.Insight;

namespace NetDashboard.Components.Tests;

/// <summary>
/// The bunit context of every component test: loose JS interop, MudBlazor's services without the popover-provider
/// check, an interactive server renderer and a real <see cref="TopologyStore"/> the test feeds with observations.
/// Use with <c>await using</c> (a MudBlazor service is only async-disposable).
/// </summary>
public sealed class NetDashboardTestContext : BunitContext
{
    /// <param name="time">The live components' clock (their re-render pacing); a fake one for throttling tests.</param>
    /// <param name="writes"><c>NetDashboard:Features:Write</c>: off, as by default.</param>
    public NetDashboardTestContext(TimeProvider? time = null, bool writes = false)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(Store);
        Services.AddSingleton(time ?? TimeProvider.System);
        Services.AddInsightForTests();
        Services.AddSingleton(Badges);
        Services.AddSingleton(Replicas);
        Services.AddSingleton(Projections);
        Services.AddSingleton(Traffic);
        Services.AddSingleton(History);
        Services.AddSingleton(sp => new TopologyTimeline(Store, History, sp.GetRequiredService<TimeProvider>()));
        Audit = new NetDashboard.Management.AuditLog(History, TimeProvider.System, NullLogger<NetDashboard.Management.AuditLog>.Instance);
        Services.AddSingleton(Audit);
        Services.AddSingleton<NetDashboard.Core.Management.INetworkManager>(Daemon);
        Services.AddSingleton<NetDashboard.Management.NetworkWrites>();
        Services.AddScoped<NetDashboard.Components.Management.WriteActions>();
        Services.AddOptions<NetDashboard.Configuration.AuthOptions>();
        Services.AddOptions<NetDashboard.Configuration.MapSizeOptions>();
        Services.AddOptions<NetDashboard.Configuration.FeaturesOptions>().Configure(o => o.Write = writes);
        Authorization = AddAuthorization(); // anonymous, as a dashboard without sign-in sees everyone
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>The audit log the audit page reads (in memory: the history is not open in component tests).</summary>
    public NetDashboard.Management.AuditLog Audit { get; }

    /// <summary>What the write dialogs asked of the daemon (component tests do not write to a real one).</summary>
    internal Management.RecordingNetworkManager Daemon { get; } = new();

    /// <summary>Who the components see as signed in (anonymous until a test says otherwise).</summary>
    public Bunit.TestDoubles.BunitAuthorizationContext Authorization { get; }

    public TopologyStore Store { get; } = new(TimeProvider.System, NullLogger<TopologyStore>.Instance);

    /// <summary>The traffic the map and its side panel show; a test publishes documents to it.</summary>
    public NetDashboard.Traffic.TrafficFeed Traffic { get; } = new(NullLogger<NetDashboard.Traffic.TrafficFeed>.Instance);

    /// <summary>The "IP changed after restart" set the map, panel and detail page read; a test fills it.</summary>
    public IpChangeBadges Badges { get; } = new();
    /// <summary>The replica status the layout's banner shows (role Single: no replicas, as by default).</summary>
    public NetDashboard.Replicas.ReplicaStatus Replicas { get; } = new();

    /// <summary>The map's shared graph and layout cache (one per app, as in production).</summary>
    public NetDashboard.Components.Map.MapProjectionCache Projections { get; } = new();

    /// <summary>The history's access point: "starting" until a test opens a store on it (HistoryFixture).</summary>
    public HistoryAccess History { get; } = new();

    public void Publish(DaemonObservation observation) => Store.Publish(observation);

    /// <summary>Long enough for a throttled live re-render to land.</summary>
    public static TimeSpan LiveTimeout => TimeSpan.FromSeconds(5);
}
