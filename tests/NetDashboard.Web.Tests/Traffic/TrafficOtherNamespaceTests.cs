using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Traffic;
using NetDashboard.Traffic;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Traffic;

/// <summary>
/// A daemon in its own network namespace (as the engine tests run one): its containers' connections are tracked in
/// THAT namespace's table, found from the process answering on its socket — never the dashboard's own.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class TrafficOtherNamespaceTests
{
    [Fact]
    public async Task Connections_on_a_daemon_in_another_network_namespace_are_read_in_its_namespace()
    {
        await using var daemon = await SecondDaemon.StartAsync("ndtraffic", "10.231.45.1/24");
        await using var docker = new DockerCli(daemon.Endpoint);
        await docker.CreateNetworkAsync("net");
        var server = await docker.RunCommandAsync("srv", ["--network", docker.Name("net")], "sh", "-c", "sleep 600 | nc -l -p 8080");
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Hosts:0:Id"] = "second",
            ["NetDashboard:Hosts:0:Endpoint"] = daemon.Endpoint,
        });
        await app.WaitForAsync(t => t.FindContainer(server) is { State: "running" } c && c.Endpoints.Any(e => e.Ipv4 is not null), TimeSpan.FromSeconds(30),
            "the server on the second daemon");
        var client = await docker.RunCommandAsync("cli", ["--network", docker.Name("net")], "sh", "-c", $"sleep 600 | nc {docker.Name("srv")} 8080");

        var feed = app.Services.GetRequiredService<TrafficFeed>();
        var seen = new TaskCompletionSource<TrafficDocument>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (feed.Subscribe(d => { if (d.Flows.Any(f => f.Source.ContainerId == client)) seen.TrySetResult(d); }))
        {
            var document = feed.Current.Flows.Any(f => f.Source.ContainerId == client) ? feed.Current : await seen.Task.WaitAsync(TimeSpan.FromSeconds(20));
            var flow = document.Flows.Single(f => f.Source.ContainerId == client);
            Assert.Equal(("second", server, TrafficVia.Bridge), (flow.HostId, flow.Destination.ContainerId, flow.Via));
            var host = document.Hosts.Single(h => h.HostId == "second");
            Assert.True(host.Read);
            Assert.Matches(@"^Read from the network namespace of dockerd \(pid \d+\)\.$", host.Note);
        }
    }
}
