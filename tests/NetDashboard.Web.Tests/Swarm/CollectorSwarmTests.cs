using System.Diagnostics;
using System.Text.Json;
using NetDashboard.Core.Model;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Swarm;

/// <summary>
/// A real 3-node swarm fed by one real collector per node (<see cref="CollectorSwarmFixture"/>): the API shows the three
/// hosts through their collectors, the overlay once with every node's endpoints, each node's veth names as read by its
/// own collector; and the faults of a multi-host set-up — a collector killed and restarted, a node's daemon stopped, a
/// node cut off the network — show on that host alone within 2 s and converge within 5 s of the return, nothing doubled.
/// </summary>
[Collection(SwarmLabCollection.Name)]
public sealed class CollectorSwarmTests(CollectorSwarmFixture swarm, ITestOutputHelper output) : IClassFixture<CollectorSwarmFixture>
{
    private static readonly TimeSpan StatusDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ConvergeDeadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task The_API_shows_three_hosts_through_their_collectors_one_overlay_with_every_endpoint_and_each_nodes_veth_names()
    {
        var t = await swarm.WaitCompleteAsync(TimeSpan.FromSeconds(30), "the scenario complete");
        using var client = new HttpClient { BaseAddress = swarm.App.BaseAddress };
        var json = await client.GetStringAsync("/api/topology");
        ContractSchema.AssertValid(json);
        var root = JsonDocument.Parse(json).RootElement;

        var hosts = root.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("id").GetString()!);
        Assert.Equal(["sw1", "sw2", "sw3"], hosts.Keys.Order());
        for (var n = 1; n <= 3; n++)
        {
            var host = hosts[$"sw{n}"];
            // Reached from the node's own address over the lab's bridge, reading the node's own socket.
            Assert.Equal($"collector at {SwarmLab.NodeAddress(n)}: {swarm.Lab.Endpoint(n)}", host.GetProperty("endpoint").GetString());
            Assert.Equal("connected", host.GetProperty("status").GetString());
            Assert.Equal($"sw{n}", host.GetProperty("swarm").GetProperty("hostname").GetString());
        }

        var overlay = Assert.Single(root.GetProperty("networks").EnumerateArray(), n => n.GetProperty("name").GetString() == SwarmScenario.Overlay);
        Assert.Equal(swarm.Scenario.OverlayId, overlay.GetProperty("id").GetString());
        Assert.Equal(["sw1", "sw2", "sw3"], overlay.GetProperty("hostIds").EnumerateArray().Select(e => e.GetString()!));
        var onOverlay = t.Containers.Where(c => c.Endpoints.Any(e => e.NetworkId == swarm.Scenario.OverlayId)).ToList();
        Assert.Equal(["sw1", "sw1", "sw2", "sw2", "sw3", "sw3"], onOverlay.Select(c => c.HostId).Order());
        Assert.Equal(6, onOverlay.Select(c => c.Endpoints.Single(e => e.NetworkId == swarm.Scenario.OverlayId).Ipv4).Distinct().Count());
        Assert.Equal(3, t.Services.Single(s => s.Name == SwarmScenario.Service).Tasks.Count(k => k.State == "running"));

        // Each node's bridge container: its veth is named, and that name is the node's own (in the node's namespace,
        // on its docker0, whose peer index is the one inside the container).
        for (var n = 1; n <= 3; n++)
        {
            var endpoint = t.FindContainer(swarm.Bridged[n])!.Endpoints.Single(e => e.NetworkName == "bridge");
            Assert.NotNull(endpoint.HostInterface);
            Assert.StartsWith("veth", endpoint.HostInterface);
            var (exit, link, err) = await ProcessRunner.RunAsync("nsenter", [$"--net=/var/run/netns/{swarm.Lab.Namespace(n)}", "ip", "-o", "link", "show", endpoint.HostInterface!], TimeSpan.FromSeconds(10));
            Assert.True(exit == 0, $"{endpoint.HostInterface} is not in {swarm.Lab.Namespace(n)}: {err}");
            Assert.StartsWith($"{endpoint.HostInterfaceIndex}: {endpoint.HostInterface}@", link);
            Assert.Contains("master docker0", link);
            output.WriteLine($"sw{n}: bridged{n} eth0 ⇄ {endpoint.HostInterface} (ifindex {endpoint.HostInterfaceIndex} in {swarm.Lab.Namespace(n)})");
        }
        AssertNoDoubles(t);
    }

    [Fact]
    public async Task A_collector_killed_shows_its_host_disconnected_within_2_s_alone_and_restarted_converges_within_5_s()
    {
        var before = await swarm.WaitCompleteAsync(TimeSpan.FromSeconds(60), "the scenario complete");
        var collector = swarm.Collectors[2];
        try
        {
            await collector.KillAsync();
            var clock = Stopwatch.StartNew();
            var down = await swarm.App.App.WaitForAsync(t => Host(t, 2).Status == HostStatus.Disconnected, TimeSpan.FromSeconds(10), "sw2 disconnected");
            output.WriteLine($"killed collector: sw2 disconnected after {clock.Elapsed.TotalSeconds:0.00} s");
            Assert.True(clock.Elapsed <= StatusDeadline, $"after {clock.Elapsed.TotalSeconds:0.00} s");
            Assert.Equal("The collector of host sw2 closed its connection.", Host(down, 2).Error);
            AssertOthersConnected(down, 2);
            Assert.True(Host(down, 2).Stale);
            Assert.Equal(Count(before, 2), Count(down, 2)); // kept, stale

            collector.Start();
            var back = await swarm.App.App.WaitForAsync(t => Host(t, 2).Status == HostStatus.Connected, TimeSpan.FromSeconds(60), "sw2 back");
            output.WriteLine($"restarted collector: sw2 connected {clock.Elapsed.TotalSeconds:0.00} s after the kill");
            AssertConverged(before, back);
        }
        finally
        {
            if (collector.Pid is null) collector.Start();
        }
    }

    [Fact]
    public async Task A_nodes_daemon_stopped_shows_through_its_collector_within_2_s_and_its_return_within_5_s()
    {
        await swarm.WaitCompleteAsync(TimeSpan.FromSeconds(60), "the scenario complete");
        try
        {
            var clock = Stopwatch.StartNew();
            var stopping = swarm.Lab.StopNodeAsync(3);
            var down = await swarm.App.App.WaitForAsync(t => Host(t, 3).Status == HostStatus.Disconnected, TimeSpan.FromSeconds(30), "sw3 disconnected");
            var noticed = clock.Elapsed;
            await stopping;
            var stopped = clock.Elapsed;
            output.WriteLine($"sw3 disconnected {noticed.TotalSeconds:0.00} s after the stop began (the daemon was gone {stopped.TotalSeconds:0.00} s after)");
            Assert.True(noticed <= stopped + StatusDeadline, $"shown disconnected at {noticed.TotalSeconds:0.00} s; the daemon was gone at {stopped.TotalSeconds:0.00} s");
            Assert.Contains("nd-sw3.sock", Host(down, 3).Error); // the collector's own sentence about its daemon
            AssertOthersConnected(down, 3);

            clock.Restart();
            await swarm.Lab.StartNodeAsync(3); // returns once the manager lists the node ready
            var answered = clock.Elapsed;
            await swarm.App.App.WaitForAsync(t => Host(t, 3).Status == HostStatus.Connected, TimeSpan.FromSeconds(30), "sw3 connected again");
            var back = clock.Elapsed - answered;
            output.WriteLine($"sw3 connected again {back.TotalSeconds:0.00} s after its daemon answered");
            Assert.True(back <= ConvergeDeadline, $"after {back.TotalSeconds:0.00} s");
        }
        finally
        {
            await swarm.Lab.StartNodeAsync(3);
            // Containers without a restart policy stopped with their daemon: bring them back for the other tests.
            await swarm.Scenario.StartAgainAsync(swarm.Lab, 3, swarm.Bridged[3]);
            var t = await swarm.WaitCompleteAsync(TimeSpan.FromSeconds(90), "the scenario complete again after sw3 came back");
            AssertNoDoubles(t);
        }
    }

    [Fact]
    public async Task A_node_cut_off_the_network_shows_disconnected_within_2_s_alone_and_converges_within_5_s_of_its_return()
    {
        var before = await swarm.WaitCompleteAsync(TimeSpan.FromSeconds(60), "the scenario complete");
        var restored = false;
        try
        {
            await swarm.Lab.SetConnectedAsync(2, false);
            var clock = Stopwatch.StartNew();
            var cut = await swarm.App.App.WaitForAsync(t => Host(t, 2).Status == HostStatus.Disconnected, TimeSpan.FromSeconds(10), "sw2 disconnected by the partition");
            output.WriteLine($"partition: sw2 disconnected after {clock.Elapsed.TotalSeconds:0.00} s");
            Assert.True(clock.Elapsed <= StatusDeadline, $"after {clock.Elapsed.TotalSeconds:0.00} s");
            Assert.StartsWith("The collector of host sw2 sent nothing for 1.2 s", Host(cut, 2).Error);
            AssertOthersConnected(cut, 2);
            Assert.Equal(Count(before, 2), Count(cut, 2));

            await Task.Delay(TimeSpan.FromSeconds(4)); // a partition longer than the collector's own server timeout (3 s)
            await swarm.Lab.SetConnectedAsync(2, true);
            restored = true;
            clock.Restart();
            var back = await swarm.App.App.WaitForAsync(t => Host(t, 2).Status == HostStatus.Connected, TimeSpan.FromSeconds(30), "sw2 back after the partition");
            output.WriteLine($"partition over: sw2 connected after {clock.Elapsed.TotalSeconds:0.00} s");
            Assert.True(clock.Elapsed <= ConvergeDeadline, $"after {clock.Elapsed.TotalSeconds:0.00} s");
            AssertConverged(before, back);
        }
        finally
        {
            if (!restored) await swarm.Lab.SetConnectedAsync(2, true);
            AssertNoDoubles(await swarm.WaitCompleteAsync(TimeSpan.FromSeconds(90), "the scenario complete after the partition"));
        }
    }

    private static void AssertConverged(TopologySnapshot before, TopologySnapshot after)
    {
        AssertNoDoubles(after);
        Assert.Equal(before.Containers.Select(c => c.Id).Order(), after.Containers.Select(c => c.Id).Order());
        Assert.Equal(before.Networks.Length, after.Networks.Length);
    }

    private static void AssertNoDoubles(TopologySnapshot t)
    {
        Assert.Equal(t.Containers.Length, t.Containers.Select(c => c.Id).Distinct().Count());
        Assert.Equal(t.Networks.Length, t.Networks.Select(n => n.Id).Distinct().Count());
    }

    private static void AssertOthersConnected(TopologySnapshot t, int n) =>
        Assert.All(t.Hosts.Where(h => h.Id != $"sw{n}"), h => Assert.Equal((HostStatus.Connected, null), (h.Status, h.Error)));

    private static HostInfo Host(TopologySnapshot t, int n) => t.Hosts.Single(h => h.Id == $"sw{n}");

    private static int Count(TopologySnapshot t, int n) => t.Containers.Count(c => c.HostId == $"sw{n}");
}
