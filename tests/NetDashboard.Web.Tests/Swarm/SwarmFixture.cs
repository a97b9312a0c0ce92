using NetDashboard.Core.Model;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Swarm;

/// <summary>
/// One 3-node swarm (<see cref="SwarmLab"/>) for every test of a class, with the scenario of issue 12 on it and the
/// dashboard watching the three daemons as hosts sw1, sw2, sw3: an attachable overlay with its own subnet; a dnsrr
/// service of 3 replicas, one per node; a plain container per node on the overlay; a local bridge network of the same
/// name on sw1 and sw2. Everything goes with the lab at the end, even when a test failed.
/// </summary>
public sealed class SwarmFixture : IAsyncLifetime
{
    public const string Overlay = SwarmScenario.Overlay;
    public const string OverlaySubnet = SwarmScenario.OverlaySubnet;
    public const string Service = SwarmScenario.Service;
    public const string SameName = SwarmScenario.SameName;

    public SwarmLab Lab { get; private set; } = null!;
    public SwarmScenario Scenario { get; private set; } = null!;
    public DashboardFactory App { get; private set; } = null!;
    public string OverlayId => Scenario.OverlayId;
    /// <summary>The plain container of node n (1–3), by id.</summary>
    public string[] Plain => Scenario.Plain;
    /// <summary>The id of the same-name local network on sw1 and sw2.</summary>
    public string[] Local => Scenario.Local;

    /// <summary>From nothing to the scenario running on three nodes (the lab, then the objects).</summary>
    public TimeSpan ScenarioDuration { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Lab = await SwarmLab.StartAsync("sw");
        Scenario = await SwarmScenario.CreateAsync(Lab);
        ScenarioDuration = clock.Elapsed;

        App = new DashboardFactory(SwarmScenario.DashboardSettings(Lab));
        await WaitCompleteAsync(TimeSpan.FromSeconds(30), "three swarm nodes with the scenario");
        if (Environment.GetEnvironmentVariable("NETDASHBOARD_RECORD_SWARM") is { Length: > 0 } folder)
        {
            await RecordAsync(folder);
        }
    }

    /// <summary>
    /// Writes each node's observation, as the real observer reads it, to FOLDER/swN.json (kernel interface tables left
    /// out): the recordings the core's pure merge tests replay (tests/NetDashboard.Core.Tests/Recordings/swarm-3node).
    /// </summary>
    private async Task RecordAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        for (var n = 1; n <= 3; n++)
        {
            var observer = new NetDashboard.Docker.Observing.DockerHostObserver($"sw{n}", $"sw{n}",
                NetDashboard.Docker.Connection.DockerEndpoint.Resolve(Lab.Endpoint(n), false, null),
                new NetDashboard.Docker.Observing.DockerObserverOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            await using var run = new ObserverRun(observer);
            var (_, observation) = await run.NextAsync(TimeSpan.Zero, o => o.Host.Connected, $"sw{n} read");
            observation = observation with
            {
                HostInterfaces = null,
                Containers = [.. observation.Containers.Select(c => c with { Interfaces = null })],
            };
            await File.WriteAllTextAsync(Path.Combine(folder, $"sw{n}.json"),
                System.Text.Json.JsonSerializer.Serialize(observation, new System.Text.Json.JsonSerializerOptions(NetDashboard.Core.Serialization.TopologyJson.Options) { WriteIndented = true }));
        }
    }

    /// <summary>Waits for <see cref="Complete"/>; a timeout says what the dashboard showed instead.</summary>
    public async Task<TopologySnapshot> WaitCompleteAsync(TimeSpan timeout, string what)
    {
        try
        {
            return await App.WaitForAsync(Complete, timeout, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + Describe(App.Store.Current), e);
        }
    }

    public static string Describe(TopologySnapshot t) => string.Join('\n',
        t.Hosts.Select(h => $"host {h.Id} {h.Status} {h.Error} swarm={h.Swarm?.Role}/{h.Swarm?.NodeId}/{h.Swarm?.State}")
        .Concat(t.Services.Select(s => $"service {s.Name} {s.EndpointMode} tasks: {string.Join(", ", s.Tasks.Select(k => $"{k.State}/{k.DesiredState} on {k.HostId ?? k.NodeId} c={k.ContainerId?[..12]}"))}"))
        .Concat(t.Containers.Select(c => $"container {c.HostId} {c.Name} {c.State} service={c.Service?.Name}")));

    /// <summary>Every node connected, every plain container and task running, the service with its three placed tasks.</summary>
    public bool Complete(TopologySnapshot t) => IsComplete(t, Plain);

    /// <inheritdoc cref="Complete"/>
    public static bool IsComplete(TopologySnapshot t, string[] plain) =>
        t.Hosts.Length == 3 && t.Hosts.All(h => h.Status == HostStatus.Connected && h.Swarm is not null)
        && plain.Skip(1).All(id => t.FindContainer(id)?.State == "running")
        && t.Containers.Count(c => c.Service?.Name == Service && c.State == "running") == 3
        && t.Services.FirstOrDefault(s => s.Name == Service) is { } s
        && s.Tasks.Count(task => task.State == "running" && task.HostId is not null && task.ContainerId is not null) == 3
        // The manager's task list agrees with the nodes' containers (a task restarted on a worker is re-read from the manager).
        && s.Tasks.Where(task => task.State == "running").Select(task => task.ContainerId).Order().SequenceEqual(
            t.Containers.Where(c => c.Service?.Name == Service && c.State == "running").Select(c => c.Id).Order());

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        if (Lab is not null)
        {
            await Lab.DisposeAsync();
        }
    }
}
