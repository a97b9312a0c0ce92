using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Core.Traffic;
using NetDashboard.Traffic;
using NetDashboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Collectors;

/// <summary>
/// A dashboard whose only host is fed by a real collector process watching the machine's dockerd: the collector reads
/// its own kernel for the dashboard — the NAT path is compared with its nat table exactly as a dashboard on the direct
/// socket compares it, and two labelled containers talking are a flow with both container ids — and once the
/// collector is killed both answers say, in a sentence, that its collector is not connected. Traffic goes only between
/// the test's own containers.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class CollectorKernelTests(ITestOutputHelper output)
{
    private const string NotConnectedNat = "derived from Docker's model: the collector of host c1 is not connected, so its kernel's nat table cannot be read";
    private const string NotConnectedTraffic = "The collector of host c1 is not connected: its connections are read again when it reconnects.";

    private static CollectorTestApp StartApp() => new(["c1"], IPAddress.Loopback, new Dictionary<string, string?>
    {
        ["NetDashboard:History:Enabled"] = "false",
    });

    [Fact]
    public async Task A_collector_fed_hosts_NAT_path_is_compared_with_its_kernel_like_a_direct_hosts_and_says_so_when_its_collector_is_gone()
    {
        await using var app = StartApp();
        await using var direct = new DashboardFactory(new Dictionary<string, string?> { ["NetDashboard:History:Enabled"] = "false" });
        await using var collector = CollectorProcess.Start(app.CollectorSettings("c1", daemon: "unix:///var/run/docker.sock"));
        await using var docker = new DockerCli();
        var id = await docker.RunAsync("natted", "-p", "127.0.0.1::80");
        bool Ready(TopologySnapshot t) => t.FindContainer(id) is { State: "running", Ports.Length: > 0 } c && c.Endpoints.Any(e => e.Ipv4 is not null);
        await WaitAsync(app, t => t.Hosts.Single().Status == HostStatus.Connected && Ready(t), "the published container through the collector", collector);
        await direct.WaitForAsync(Ready, TimeSpan.FromSeconds(20), "the published container on the direct socket");

        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var directHttp = direct.CreateClient();
        var viaCollector = await GetNatAsync(http, id);
        var local = await GetNatAsync(directHttp, id);
        output.WriteLine($"collector: {viaCollector.Note}\ndirect:    {local.Note}");

        Assert.Equal(("compared", "c1"), (viaCollector.Source, viaCollector.HostId));
        Assert.DoesNotContain("fed by a collector", viaCollector.Note);
        Assert.Contains("the nat table of the collector's own network namespace, which dockerd (pid", viaCollector.Note);
        Assert.Contains(") shares on host c1 (iptables-save -t nat): every rule is there", viaCollector.Note);
        // The same verdict, rule by rule, as the dashboard that reads the same kernel itself.
        Assert.Equal("compared", local.Source);
        Assert.Equal(local.Published.Length, viaCollector.Published.Length);
        Assert.All(local.Published.Zip(viaCollector.Published), p => Assert.Equal(p.First, p.Second));
        Assert.Equal(NatRuleMatch.Match, Assert.Single(viaCollector.Published).Kernel);
        Assert.Equal(local.Masquerade.Length, viaCollector.Masquerade.Length);
        Assert.All(local.Masquerade.Zip(viaCollector.Masquerade), m => Assert.Equal(m.First, m.Second));
        Assert.Equal((0, 0), (viaCollector.Differences, local.Differences));
        Assert.Equal(local.UnexpectedRules, viaCollector.UnexpectedRules);

        await collector.KillAsync();
        await WaitAsync(app, t => t.Hosts.Single().Status == HostStatus.Disconnected, "c1 disconnected once its collector is killed", collector);
        var gone = await GetNatAsync(http, id);
        Assert.Equal("derived", gone.Source);
        Assert.Equal(NatRuleMatch.NotCompared, Assert.Single(gone.Published).Kernel);
        Assert.EndsWith(NotConnectedNat, gone.Note);
    }

    [Fact]
    public async Task Two_containers_talking_on_a_collector_fed_host_are_a_flow_with_both_ids_and_a_killed_collector_is_said()
    {
        await using var app = StartApp();
        await using var collector = CollectorProcess.Start(app.CollectorSettings("c1", daemon: "unix:///var/run/docker.sock"));
        await using var docker = new DockerCli();
        var network = await docker.CreateNetworkAsync("talk");
        var server = await docker.RunCommandAsync("srv", ["--network", docker.Name("talk")], "sh", "-c", "sleep 600 | nc -l -p 8080");
        await WaitAsync(app, t => t.FindContainer(server) is { State: "running" } c && c.Endpoints.Any(e => e.Ipv4 is not null), "the server through the collector", collector);
        var idle = await docker.RunCommandAsync("idle", ["--network", docker.Name("talk")], "sh", "-c", "sleep 600 | nc -l -p 9000");
        var client = await docker.RunCommandAsync("cli", ["--network", docker.Name("talk")], "sh", "-c", $"sleep 600 | nc {docker.Name("srv")} 8080");

        var document = await WaitForTrafficAsync(app, d => d.Flows.Any(f => f.Source.ContainerId == client && f.Destination.ContainerId == server)
            && d.Listeners.Any(l => l.ContainerId == idle), "the client's connection to the server and the idle listener, read by the collector");
        var flow = document.Flows.First(f => f.Source.ContainerId == client && f.Destination.ContainerId == server);
        Assert.Equal(("c1", "tcp", 8080, TrafficVia.Bridge, network), (flow.HostId, flow.Protocol, flow.Destination.Port, flow.Via, flow.NetworkId));
        var status = document.Hosts.Single(h => h.HostId == "c1");
        output.WriteLine(status.Note);
        Assert.True(status.Read);
        Assert.StartsWith("Read from the collector's own network namespace, which dockerd (pid ", status.Note);
        // The collector read the containers' sockets too: the idle one listens (the server's nc stopped listening once it accepted).
        Assert.Contains(document.Listeners, l => l.ContainerId == idle && l.Port == 9000);

        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var api = JsonSerializer.Deserialize<TrafficDocument>(await http.GetStringAsync($"/api/traffic?host=c1&container={docker.Name("cli")}"), TopologyJson.Options)!;
        Assert.Contains(api.Flows, f => f.Source.ContainerId == client && f.Destination.ContainerId == server);

        await collector.KillAsync();
        var gone = await WaitForTrafficAsync(app, d => d.Hosts.Any(h => h.HostId == "c1" && !h.Read), "c1 unread once its collector is killed");
        Assert.Equal(NotConnectedTraffic, gone.Hosts.Single(h => h.HostId == "c1").Note);
        Assert.DoesNotContain(gone.Flows, f => f.HostId == "c1" && f.Live);
    }

    private static async Task<NatPath> GetNatAsync(HttpClient http, string id) =>
        JsonSerializer.Deserialize<NatPath>(await http.GetStringAsync($"/api/containers/{id}/nat"), TopologyJson.Options)!;

    private static async Task WaitAsync(CollectorTestApp app, Func<TopologySnapshot, bool> condition, string what, CollectorProcess collector)
    {
        try
        {
            await app.App.WaitForAsync(condition, TimeSpan.FromSeconds(60), what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nhosts: {string.Join("; ", app.App.Store.Current.Hosts.Select(h => $"{h.Id} {h.Status} {h.Error}"))}\ncollector:\n{collector.Describe()}", e);
        }
    }

    /// <summary>Waits on the traffic feed's own announcement (its subscription), not on a clock.</summary>
    private static async Task<TrafficDocument> WaitForTrafficAsync(CollectorTestApp app, Func<TrafficDocument, bool> condition, string what)
    {
        var feed = app.App.Services.GetRequiredService<TrafficFeed>();
        var seen = new TaskCompletionSource<TrafficDocument>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = feed.Subscribe(d =>
        {
            if (condition(d)) seen.TrySetResult(d);
        });
        if (condition(feed.Current))
        {
            return feed.Current;
        }
        try
        {
            return await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Never saw {what}; last: {TopologyJson.Serialize(feed.Current with { Listeners = [] })}");
        }
    }
}
