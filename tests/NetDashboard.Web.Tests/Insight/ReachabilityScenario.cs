using NetDashboard.Core.Model;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Insight;

/// <summary>
/// Pairs for every reachability rule, created for real: two containers on the default bridge (one publishing a port on
/// 127.0.0.1), two on a user network (one with an alias), two on an --internal network, two on a network with
/// enable_icc=false, a container: sharer, a host-mode and a none container. The app runs with live verification on.
/// </summary>
public sealed class ReachabilityScenario : IAsyncLifetime
{
    public DockerCli Docker { get; } = new(prefix: "ndr" + Random.Shared.Next(1000, 9999));
    public DashboardFactory App { get; } = new(new Dictionary<string, string?> { ["NetDashboard:Insight:LiveVerification"] = "true" });
    public TopologySnapshot Topology { get; private set; } = TopologySnapshot.Empty;

    public static readonly string[] Names = ["b1", "b2", "u1", "u2", "i1", "i2", "c1", "c2", "s1", "h1", "n1"];

    public async Task InitializeAsync()
    {
        _ = App.Server;
        var third = Random.Shared.Next(100, 250);
        await Docker.CreateNetworkAsync("user", "--subnet", $"172.30.{third}.0/24");
        await Docker.CreateNetworkAsync("internal", "--internal");
        await Docker.CreateNetworkAsync("noicc", "-o", "com.docker.network.bridge.enable_icc=false");
        await Task.WhenAll(
            Docker.RunAsync("b1", "-p", "80"),
            Docker.RunAsync("b2", "-p", "127.0.0.1::80"),
            Docker.RunAsync("u1", "--network", Docker.Name("user")),
            Docker.RunAsync("u2", "--network", Docker.Name("user"), "--network-alias", "u2-alias"),
            Docker.RunAsync("i1", "--network", Docker.Name("internal")),
            Docker.RunAsync("i2", "--network", Docker.Name("internal")),
            Docker.RunAsync("c1", "--network", Docker.Name("noicc")),
            Docker.RunAsync("c2", "--network", Docker.Name("noicc")),
            Docker.RunAsync("h1", "--network", "host"),
            Docker.RunAsync("n1", "--network", "none"));
        await Docker.RunAsync("s1", "--network", "container:" + Docker.Name("u1"));
        Topology = await App.WaitForAsync(
            t => Names.All(n => t.FindContainer(Docker.Name(n))?.State == "running"),
            TimeSpan.FromSeconds(30), "every reachability container running");
    }

    public async Task DisposeAsync()
    {
        await Docker.DisposeAsync();
        await App.DisposeAsync();
    }
}
