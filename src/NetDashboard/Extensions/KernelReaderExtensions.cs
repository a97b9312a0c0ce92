using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Traffic;
using NetDashboard.Docker.Kernel;

namespace NetDashboard.Extensions;

public static class KernelReaderExtensions
{
    /// <summary>
    /// The readers of a host's kernel (its nat table, its connections): the dashboard's for a local host, and a
    /// collector's for the dashboard's reads of its host — the same two in both.
    /// </summary>
    public static IServiceCollection AddKernelReaders(this IServiceCollection services)
    {
        services.TryAddSingleton<INatRuleSource, KernelNatReader>();
        services.TryAddSingleton<ITrafficSource>(sp => new ConntrackReader(sp.GetRequiredService<IOptions<NetDashboardOptions>>().Value.ProcPath, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
