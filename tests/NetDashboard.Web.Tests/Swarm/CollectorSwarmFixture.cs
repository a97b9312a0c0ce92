using System.Net;
using NetDashboard.Core.Model;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Collectors;

namespace NetDashboard.Web.Tests.Swarm;

/// <summary>
/// Issue 12's scenario on a real 3-node swarm (<see cref="SwarmLab"/>, <see cref="SwarmScenario"/>), plus one container per
/// node on its default bridge (a veth in that node's namespace), watched the way a multi-host user runs it: the dashboard
/// on the host, listening on the lab bridge's host address only, and one real collector process per node, run in that
/// node's network namespace (with its /sys), reaching the dashboard over the bridge like a remote host, with its own
/// token. Everything goes at the end, even when a test failed.
/// </summary>
public sealed class CollectorSwarmFixture : IAsyncLifetime
{
    public SwarmLab Lab { get; private set; } = null!;
    public SwarmScenario Scenario { get; private set; } = null!;
    public CollectorTestApp App { get; private set; } = null!;

    /// <summary>The collector of node n (1–3; index 0 unused).</summary>
    public CollectorProcess[] Collectors { get; } = new CollectorProcess[4];

    /// <summary>The bridge container of node n (1–3), by id (index 0 unused).</summary>
    public string[] Bridged { get; } = new string[4];

    public async Task InitializeAsync()
    {
        Lab = await SwarmLab.StartAsync("sw");
        Scenario = await SwarmScenario.CreateAsync(Lab);
        for (var n = 1; n <= 3; n++)
        {
            Bridged[n] = (await Lab.DockerAsync(n, "run", "-d", "--init", "--label", DockerCli.TestLabel, "--name", $"bridged{n}",
                DockerCli.Image, "sleep", "3600")).Trim();
        }
        await Lab.AddHostAddressAsync();
        App = new CollectorTestApp(["sw1", "sw2", "sw3"], IPAddress.Parse(SwarmLab.HostAddress), new Dictionary<string, string?>
        {
            ["NetDashboard:History:Enabled"] = "false",
        });
        for (var n = 1; n <= 3; n++)
        {
            Collectors[n] = CollectorProcess.Start(App.CollectorSettings($"sw{n}", daemon: Lab.Endpoint(n)), Lab.Namespace(n));
        }
        await WaitCompleteAsync(TimeSpan.FromSeconds(90), "three swarm nodes fed by their collectors");
    }

    /// <summary>The scenario complete, every bridge container running, every host fed by its collector.</summary>
    public bool Complete(TopologySnapshot t) =>
        SwarmFixture.IsComplete(t, Scenario.Plain)
        && Bridged.Skip(1).All(id => t.FindContainer(id)?.State == "running")
        && t.Hosts.All(h => h.Endpoint.StartsWith("collector at ", StringComparison.Ordinal));

    public async Task<TopologySnapshot> WaitCompleteAsync(TimeSpan timeout, string what)
    {
        try
        {
            return await App.App.WaitForAsync(Complete, timeout, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\n" + SwarmFixture.Describe(App.App.Store.Current)
                + string.Concat(Enumerable.Range(1, 3).Select(n => $"\ncollector {n}:\n{Collectors[n]?.Describe()}")), e);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var collector in Collectors.Skip(1).Where(c => c is not null))
        {
            await collector.DisposeAsync();
        }
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
