using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Observation;
using NetDashboard.Docker.Connection;
using NetDashboard.Docker.Observing;
using NetDashboard.Monitoring.Demo;

namespace NetDashboard.Monitoring;

/// <summary>Creates one observer per configured Docker host: the Docker adapter, or the demo daemon with --demo (collector-fed hosts: <see cref="Collectors.CollectorRegistry"/>).</summary>
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
        return ConfiguredHosts().FirstOrDefault(h => h.Id == hostId) is { } host ? Endpoint(host) : null;
    }

    public IReadOnlyList<IHostObserver> CreateAll()
    {
        var o = options.Value;
        if (o.Source == TopologySource.Demo)
        {
            return [Demo("demo")];
        }
        return ConfiguredHosts()
            .Select(h => Docker(h, h.Id, string.IsNullOrWhiteSpace(h.Name) ? h.Id : h.Name))
            .ToList();
    }

    /// <summary>
    /// A collector's one observer, under the id and name it reports as: the one configured daemon (or DOCKER_HOST, else
    /// the local socket), or a demo daemon seeded by <paramref name="id"/> with --demo.
    /// </summary>
    public IHostObserver CreateOne(string id, string name) =>
        options.Value.Source == TopologySource.Demo ? Demo(id) : Docker(ConfiguredHosts()[0], id, name);

    /// <summary>The daemon endpoint <see cref="CreateOne"/> watches; null with --demo.</summary>
    public DockerEndpoint? OneEndpoint() =>
        options.Value.Source == TopologySource.Demo ? null : Endpoint(ConfiguredHosts()[0]);

    private DemoHostObserver Demo(string id)
    {
        var o = options.Value;
        var daemon = o.DemoContainers > 0
            ? DemoDaemon.Synthetic(o.DemoContainers, id, seed: id == "demo" ? 7 : StableSeed(id))
            : DemoDaemon.Seed(id);
        return new DemoHostObserver(daemon, TimeSpan.FromSeconds(o.DemoIntervalSeconds), time);
    }

    private DockerHostObserver Docker(DockerHostOptions host, string id, string name)
    {
        var o = options.Value;
        var observerOptions = new DockerObserverOptions
        {
            ResyncInterval = TimeSpan.FromSeconds(o.ResyncSeconds),
            MaxRetryDelay = TimeSpan.FromSeconds(o.MaxRetrySeconds),
            ConnectTimeout = TimeSpan.FromSeconds(o.ConnectTimeoutSeconds),
            Time = time,
            ProcPath = o.ProcPath,
            SysPath = o.SysPath,
        };
        return new DockerHostObserver(id, name, Endpoint(host), observerOptions, loggers.CreateLogger($"NetDashboard.Docker.{id}"));
    }

    private static DockerEndpoint Endpoint(DockerHostOptions host) =>
        DockerEndpoint.Resolve(host.Endpoint, host.TlsVerify, host.CertPath) with { SshConfig = host.SshConfig };

    /// <summary>Distinct demo hosts get distinct container ids (a string's own hash code changes per process).</summary>
    private static int StableSeed(string id) => id.Aggregate(17, (h, c) => unchecked(h * 31 + c));

    /// <summary>
    /// The configured Docker hosts, or the one default host (DOCKER_HOST, else the local socket); none when only
    /// collector-fed hosts are configured (a dashboard fed by collectors needs no socket of its own).
    /// </summary>
    private IReadOnlyList<DockerHostOptions> ConfiguredHosts() =>
        options.Value.Hosts.Count > 0 ? options.Value.Hosts
        : options.Value.Collectors.Count > 0 && !options.Value.Collector.Enabled ? []
        : [new DockerHostOptions { Id = DefaultHostId }];
}
