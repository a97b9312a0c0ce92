using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Observation;
using NetDashboard.Docker.Connection;
using NetDashboard.Docker.Observing;
using NetDashboard.Monitoring.Demo;

namespace NetDashboard.Monitoring;

/// <summary>Creates one observer per configured host: the Docker adapter, or the demo daemon with --demo.</summary>
public sealed class HostObserverFactory(IOptions<NetDashboardOptions> options, ILoggerFactory loggers, TimeProvider time)
{
    public const string DefaultHostId = "local";

    /// <summary>The Docker endpoint of a configured host, or null (unknown host, or the demo source).</summary>
    public DockerEndpoint? EndpointOf(string hostId)
    {
        var o = options.Value;
        if (o.Source == TopologySource.Demo)
        {
            return null;
        }
        return ConfiguredHosts().FirstOrDefault(h => h.Id == hostId) is { } host ? DockerEndpoint.Resolve(host.Endpoint, host.TlsVerify, host.CertPath) with { SshConfig = host.SshConfig } : null;
    }

    public IReadOnlyList<IHostObserver> CreateAll()
    {
        var o = options.Value;
        if (o.Source == TopologySource.Demo)
        {
            var daemon = o.DemoContainers > 0 ? DemoDaemon.Synthetic(o.DemoContainers, "demo") : DemoDaemon.Seed("demo");
            return [new DemoHostObserver(daemon, TimeSpan.FromSeconds(o.DemoIntervalSeconds), time)];
        }
        var hosts = ConfiguredHosts();
        var observerOptions = new DockerObserverOptions
        {
            ResyncInterval = TimeSpan.FromSeconds(o.ResyncSeconds),
            MaxRetryDelay = TimeSpan.FromSeconds(o.MaxRetrySeconds),
            ConnectTimeout = TimeSpan.FromSeconds(o.ConnectTimeoutSeconds),
            Time = time,
            ProcPath = o.ProcPath,
            SysPath = o.SysPath,
        };
        return hosts
            .Select(h => (IHostObserver)new DockerHostObserver(
                h.Id,
                string.IsNullOrWhiteSpace(h.Name) ? h.Id : h.Name,
                DockerEndpoint.Resolve(h.Endpoint, h.TlsVerify, h.CertPath) with { SshConfig = h.SshConfig },
                observerOptions,
                loggers.CreateLogger($"NetDashboard.Docker.{h.Id}")))
            .ToList();
    }

    /// <summary>The configured Docker hosts, or the one default host (DOCKER_HOST, else the local socket).</summary>
    private IReadOnlyList<DockerHostOptions> ConfiguredHosts() =>
        options.Value.Hosts.Count > 0 ? options.Value.Hosts : [new DockerHostOptions { Id = DefaultHostId }];
}
