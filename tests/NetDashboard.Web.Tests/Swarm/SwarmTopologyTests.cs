using System.Diagnostics;
using System.Text.Json;
using NetDashboard.Core.Model;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Swarm;

/// <summary>
/// A real 3-node swarm watched as three hosts (<see cref="SwarmFixture"/>): the overlay is one network across the
/// three nodes with every node's endpoints, same-name local networks stay two, the service shows its tasks on their
/// hosts, and a node whose daemon stops changes status alone while the overlay keeps the others' endpoints.
/// </summary>
[Collection(SwarmLabCollection.Name)]
public sealed class SwarmTopologyTests(SwarmFixture swarm, ITestOutputHelper output) : IClassFixture<SwarmFixture>
{
    [Fact]
    public async Task The_API_shows_one_overlay_across_the_three_nodes_two_local_networks_and_the_service_with_its_tasks()
    {
        output.WriteLine($"swarm lab up in {swarm.Lab.StartDuration.TotalSeconds:0.0} s; with the scenario running in {swarm.ScenarioDuration.TotalSeconds:0.0} s");
        var t = await swarm.WaitCompleteAsync(TimeSpan.FromSeconds(30), "the scenario complete");
        using var client = swarm.App.CreateClient();
        var json = await client.GetStringAsync("/api/topology");
        ContractSchema.AssertValid(json);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        // Hosts: one manager, two workers of one cluster, each with its own node id and hostname.
        var hosts = root.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("id").GetString()!, h => h.GetProperty("swarm"));
        Assert.Equal(["sw1", "sw2", "sw3"], hosts.Keys.Order());
        Assert.Equal(["manager", "worker", "worker"], hosts.OrderBy(h => h.Key).Select(h => h.Value.GetProperty("role").GetString()!));
        Assert.Single(hosts.Values.Select(s => s.GetProperty("clusterId").GetString()).Distinct());
        Assert.Equal(3, hosts.Values.Select(s => s.GetProperty("nodeId").GetString()).Distinct().Count());
        Assert.All(hosts.Values, s => Assert.Equal(("active", "ready"), (s.GetProperty("availability").GetString(), s.GetProperty("state").GetString())));
        Assert.Equal(["sw1", "sw2", "sw3"], hosts.OrderBy(h => h.Key).Select(h => h.Value.GetProperty("hostname").GetString()!));

        // The overlay: ONE object, on the three nodes, first node its hostId.
        var overlays = root.GetProperty("networks").EnumerateArray().Where(n => n.GetProperty("name").GetString() == SwarmFixture.Overlay).ToList();
        var overlay = Assert.Single(overlays);
        Assert.Equal((swarm.OverlayId, "swarm", "overlay", "sw1"),
            (overlay.GetProperty("id").GetString(), overlay.GetProperty("scope").GetString(), overlay.GetProperty("driver").GetString(), overlay.GetProperty("hostId").GetString()));
        Assert.Equal(["sw1", "sw2", "sw3"], overlay.GetProperty("hostIds").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(SwarmFixture.OverlaySubnet, overlay.GetProperty("subnets")[0].GetProperty("subnet").GetString());
        Assert.Single(root.GetProperty("networks").EnumerateArray(), n => n.GetProperty("name").GetString() == "ingress");

        // Every node's endpoints on it: the three plain containers and the three tasks, on three hosts, six addresses.
        var onOverlay = t.Containers.Where(c => c.Endpoints.Any(e => e.NetworkId == swarm.OverlayId)).ToList();
        Assert.Equal(6, onOverlay.Count);
        Assert.Equal(["sw1", "sw1", "sw2", "sw2", "sw3", "sw3"], onOverlay.Select(c => c.HostId).Order());
        var addresses = onOverlay.Select(c => c.Endpoints.Single(e => e.NetworkId == swarm.OverlayId).Ipv4!).ToList();
        Assert.Equal(6, addresses.Distinct().Count());
        Assert.All(addresses, a => Assert.StartsWith("10.231.60.", a));
        for (var n = 1; n <= 3; n++)
        {
            var plain = t.FindContainer(swarm.Plain[n])!;
            Assert.Equal(($"sw{n}", null), (plain.HostId, plain.Service));
            // The daemon's own inspect agrees with the address shown.
            var inspect = JsonDocument.Parse(await swarm.Lab.DockerAsync(n, "inspect", swarm.Plain[n])).RootElement[0];
            Assert.Equal(inspect.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty(SwarmFixture.Overlay).GetProperty("IPAddress").GetString(),
                plain.Endpoints.Single(e => e.NetworkId == swarm.OverlayId).Ipv4);
        }

        // Same name, two hosts: two local networks, two ids, each on its own host only.
        var locals = root.GetProperty("networks").EnumerateArray().Where(n => n.GetProperty("name").GetString() == SwarmFixture.SameName).ToList();
        Assert.Equal(2, locals.Count);
        Assert.Equal(new[] { swarm.Local[1], swarm.Local[2] }.Order(), locals.Select(n => n.GetProperty("id").GetString()!).Order());
        Assert.Equal(["sw1", "sw2"], locals.Select(n => n.GetProperty("hostId").GetString()!).Order());
        Assert.All(locals, n => Assert.Equal([n.GetProperty("hostId").GetString()], n.GetProperty("hostIds").EnumerateArray().Select(e => e.GetString())));

        // The service: dnsrr, 3 replicas, one running task per node, each task's container marked with it.
        var service = Assert.Single(root.GetProperty("services").EnumerateArray(), s => s.GetProperty("name").GetString() == SwarmFixture.Service);
        Assert.Equal(("replicated", 3, "dnsrr", 0), (service.GetProperty("mode").GetString(), service.GetProperty("replicas").GetInt32(),
            service.GetProperty("endpointMode").GetString(), service.GetProperty("virtualIps").GetArrayLength()));
        var tasks = service.GetProperty("tasks").EnumerateArray().Where(k => k.GetProperty("desiredState").GetString() == "running").ToList();
        Assert.Equal(["sw1", "sw2", "sw3"], tasks.Select(k => k.GetProperty("hostId").GetString()!).Order());
        foreach (var task in tasks)
        {
            var container = t.FindContainer(task.GetProperty("containerId").GetString()!)!;
            Assert.Equal(task.GetProperty("hostId").GetString(), container.HostId);
            Assert.Equal((service.GetProperty("id").GetString(), SwarmFixture.Service, task.GetProperty("id").GetString()),
                (container.Service!.Id, container.Service.Name, container.Service.TaskId));
            var taskAddress = Assert.Single(task.GetProperty("addresses").EnumerateArray());
            Assert.Equal(swarm.OverlayId, taskAddress.GetProperty("networkId").GetString());
            Assert.Equal(container.Endpoints.Single(e => e.NetworkId == swarm.OverlayId).Ipv4 + "/24", taskAddress.GetProperty("address").GetString());
        }
    }

    [Fact]
    public async Task A_plain_container_reaches_a_task_on_another_node_over_the_overlay_and_the_service_name_resolves_to_every_task()
    {
        var t = await swarm.WaitCompleteAsync(TimeSpan.FromSeconds(30), "the scenario complete");
        var task = t.Containers.Single(c => c.Service?.Name == SwarmFixture.Service && c.HostId == "sw2");
        using var client = swarm.App.CreateClient();
        var json = await client.GetStringAsync($"/api/reachability?from={swarm.Plain[1]}&to={task.Id}");
        var report = JsonDocument.Parse(json).RootElement;
        var byIp = report.GetProperty("byIp");
        Assert.True(byIp.GetProperty("reachable").GetBoolean(), json);
        Assert.Equal(task.Endpoints.Single(e => e.NetworkId == swarm.OverlayId).Ipv4, byIp.GetProperty("address").GetString());
        var byName = report.GetProperty("byName");
        Assert.True(byName.GetProperty("reachable").GetBoolean(), json);
        var names = byName.GetProperty("names").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(SwarmFixture.Service, names);
        Assert.Contains("tasks." + SwarmFixture.Service, names);
        var reason = byName.GetProperty("reason").GetString()!;
        Assert.Contains("dnsrr", reason);
        var taskAddresses = t.Containers.Where(c => c.Service?.Name == SwarmFixture.Service)
            .Select(c => $"{c.Endpoints.Single(e => e.NetworkId == swarm.OverlayId).Ipv4} on {c.HostId}");
        Assert.All(taskAddresses, a => Assert.Contains(a, reason));
        output.WriteLine(reason);
    }

    [Fact]
    public async Task Host_narrows_the_document_to_one_node_with_the_overlay_it_carries_and_its_tasks()
    {
        await swarm.WaitCompleteAsync(TimeSpan.FromSeconds(30), "the scenario complete");
        using var client = swarm.App.CreateClient();
        var json = await client.GetStringAsync("/api/topology?host=sw3");
        ContractSchema.AssertValid(json);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal("sw3", Assert.Single(root.GetProperty("hosts").EnumerateArray()).GetProperty("id").GetString());
        Assert.All(root.GetProperty("containers").EnumerateArray(), c => Assert.Equal("sw3", c.GetProperty("hostId").GetString()));
        var overlay = Assert.Single(root.GetProperty("networks").EnumerateArray(), n => n.GetProperty("id").GetString() == swarm.OverlayId);
        Assert.Equal(3, overlay.GetProperty("hostIds").GetArrayLength()); // the network itself is the same object
        Assert.DoesNotContain(root.GetProperty("networks").EnumerateArray(), n => n.GetProperty("name").GetString() == SwarmFixture.SameName);
        var service = Assert.Single(root.GetProperty("services").EnumerateArray());
        Assert.All(service.GetProperty("tasks").EnumerateArray(), k => Assert.Equal("sw3", k.GetProperty("hostId").GetString()));
    }

    [Fact]
    public async Task A_node_whose_daemon_stops_changes_status_within_2_s_alone_and_the_overlay_keeps_the_other_nodes_endpoints()
    {
        await swarm.WaitCompleteAsync(TimeSpan.FromSeconds(30), "the scenario complete");
        var clock = Stopwatch.StartNew();
        var stopping = swarm.Lab.StopNodeAsync(3);
        var down = await swarm.App.WaitForAsync(t => t.Hosts.Single(h => h.Id == "sw3").Status == HostStatus.Disconnected,
            TimeSpan.FromSeconds(25), "sw3 disconnected");
        var noticed = clock.Elapsed;
        await stopping;
        var stopped = clock.Elapsed;
        output.WriteLine($"sw3 disconnected {noticed.TotalSeconds:0.00} s after the stop began (the daemon was gone {stopped.TotalSeconds:0.00} s after)");
        Assert.True(noticed <= stopped + TimeSpan.FromSeconds(2), $"sw3 was shown disconnected {noticed.TotalSeconds:0.00} s after the stop began; the daemon was gone at {stopped.TotalSeconds:0.00} s");
        try
        {
            var now = swarm.App.Store.Current;
            Assert.All(now.Hosts.Where(h => h.Id != "sw3"), h => Assert.Equal((HostStatus.Connected, null), (h.Status, h.Error)));
            Assert.Contains("nd-sw3.sock", now.Hosts.Single(h => h.Id == "sw3").Error);
            // The overlay is still one network; the endpoints of sw1 and sw2 are all there (sw3's, stale, too).
            var overlay = Assert.Single(now.Networks, n => n.Id == swarm.OverlayId);
            Assert.Equal("sw1", overlay.HostId);
            Assert.Equal(4, now.Containers.Count(c => c.HostId is "sw1" or "sw2" && c.State == "running" && c.Endpoints.Any(e => e.NetworkId == swarm.OverlayId)));
            Assert.True(now.Hosts.Single(h => h.Id == "sw3").Stale);
        }
        finally
        {
            await swarm.Lab.StartNodeAsync(3);
            // The plain container of sw3 stopped with its daemon (no restart policy): bring it back for the other tests.
            await swarm.Scenario.StartAgainAsync(swarm.Lab, 3);
            await swarm.WaitCompleteAsync(TimeSpan.FromSeconds(90), "the scenario complete again after sw3 came back");
        }
    }
}
