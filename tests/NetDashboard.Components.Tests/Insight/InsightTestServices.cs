using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Analysis;
using NetDashboard.Docker.Kernel;
using NetDashboard.Insight;
using NetDashboard.Monitoring;

namespace NetDashboard.Components.Tests.Insight;

/// <summary>The network insight services as the UI injects them, for bunit.</summary>
public static class InsightTestServices
{
    /// <summary>
    /// The real <see cref="ReachabilityService"/> and <see cref="NatPathService"/> as in demo mode: NAT paths derived
    /// from the model (no kernel is read), live verification off, and an exec that answers nothing until a test says.
    /// </summary>
    public static IServiceCollection AddInsightForTests(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton<IOptionsMonitor<InsightOptions>>(new FixedOptionsMonitor<InsightOptions>(new InsightOptions()));
        services.AddSingleton<IOptions<NetDashboardOptions>>(Options.Create(new NetDashboardOptions { Source = TopologySource.Demo }));
        services.AddSingleton<HostObserverFactory>();
        services.AddSingleton<INatRuleSource, KernelNatReader>();
        services.AddSingleton<FakeContainerExec>();
        services.AddSingleton<IContainerExec>(sp => sp.GetRequiredService<FakeContainerExec>());
        services.AddSingleton<ReachabilityService>();
        services.AddSingleton<NetDashboard.Collectors.CollectorRegistry>();
        services.AddLogging();
        services.AddSignalR(); // the collectors' hub context, which NatPathService asks a collector-fed host's kernel through
        services.AddSingleton<NetDashboard.Collectors.CollectorKernelReads>();
        services.AddSingleton<NatPathService>();
        return services;
    }

    /// <summary>Switches live verification on (read at each use, like the real options) and returns the exec to give answers to.</summary>
    public static FakeContainerExec EnableLiveVerification(this NetDashboardTestContext ctx)
    {
        ctx.Services.GetRequiredService<IOptionsMonitor<InsightOptions>>().CurrentValue.LiveVerification = true;
        return ctx.Services.GetRequiredService<FakeContainerExec>();
    }

    /// <summary>One options instance a test may change (the context's services are sealed once built).</summary>
    private sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
