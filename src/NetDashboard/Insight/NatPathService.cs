using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Insight;

/// <summary>A container's NAT path, compared with the kernel's nat table when the dashboard may read it for that host.</summary>
public sealed class NatPathService(
    IOptionsMonitor<InsightOptions> insight,
    IOptions<NetDashboardOptions> dashboard,
    HostObserverFactory hosts,
    Collectors.CollectorRegistry collectors,
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
        var read = await kernel.ReadAsync(new NatTableTarget(hosts.EndpointOf(container.HostId)?.SocketPath, backend), cancellationToken);
        return NatPathBuilder.Build(snapshot, container, read.Table, read.Error, read.Namespace);
    }

    /// <summary>
    /// Null when the host's nat table is on this machine and may be read (a local socket's daemon, in whatever network
    /// namespace it runs; or a host KernelNatHosts lists); else the reason, in words.
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
        if (o.KernelNatHosts.Count > 0)
        {
            return o.KernelNatHosts.Contains(hostId, StringComparer.Ordinal) ? null : $"host {hostId} is not listed in NetDashboard:Insight:KernelNatHosts";
        }
        if (collectors.Find(hostId) is not null)
        {
            return $"host {hostId} is fed by a collector, which does not send its kernel's nat table (yet): the path is derived from what the daemon reports";
        }
        return hosts.EndpointOf(hostId) is { IsLocalSocket: true } ? null : $"host {hostId} is a remote daemon: its kernel's rules are out of reach";
    }
}
