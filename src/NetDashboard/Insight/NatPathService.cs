using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Insight;

/// <summary>
/// A container's NAT path, compared with the kernel's nat table when it may be read for that host: the dashboard reads
/// it for a local host; a collector-fed host's collector reads its own (<see cref="Collectors.CollectorKernelReads"/>).
/// </summary>
public sealed class NatPathService(
    IOptionsMonitor<InsightOptions> insight,
    IOptions<NetDashboardOptions> dashboard,
    HostObserverFactory hosts,
    Collectors.CollectorKernelReads collectors,
    INatRuleSource kernel)
{
    public async Task<NatPath> GetAsync(TopologySnapshot snapshot, ContainerInfo container, CancellationToken cancellationToken)
    {
        var why = WhyNotCompared(container.HostId);
        if (why is not null)
        {
            return NatPathBuilder.Build(snapshot, container, null, why);
        }
        var backend = snapshot.Hosts.FirstOrDefault(h => h.Id == container.HostId)?.FirewallBackend;
        var read = collectors.Feeds(container.HostId)
            ? await collectors.ReadNatAsync(container.HostId, backend, cancellationToken)
            : await kernel.ReadAsync(new NatTableTarget(hosts.EndpointOf(container.HostId)?.SocketPath, backend), cancellationToken);
        return NatPathBuilder.Build(snapshot, container, read.Table, read.Error, read.Namespace);
    }

    /// <summary>
    /// Null when the host's nat table may be read: by the dashboard (a local socket's daemon, in whatever network
    /// namespace it runs; or a host KernelNatHosts lists), or by the host's connected collector; else the reason, in words.
    /// </summary>
    public string? WhyNotCompared(string hostId)
    {
        var o = insight.CurrentValue;
        if (dashboard.Value.Source == TopologySource.Demo)
        {
            return "this is the built-in demo, there is no kernel to compare with";
        }
        if (!o.ReadKernelNat)
        {
            return "reading the kernel's nat table is switched off (NetDashboard:Insight:ReadKernelNat)";
        }
        if (collectors.Feeds(hostId))
        {
            return collectors.WhyNotAsked(hostId) is { } notAsked ? $"{notAsked}, so its kernel's nat table cannot be read" : null;
        }
        if (o.KernelNatHosts.Count > 0)
        {
            return o.KernelNatHosts.Contains(hostId, StringComparer.Ordinal) ? null : $"host {hostId} is not listed in NetDashboard:Insight:KernelNatHosts";
        }
        return hosts.EndpointOf(hostId) is { IsLocalSocket: true } ? null : $"host {hostId} is a remote daemon: its kernel's rules are out of reach";
    }
}
