using NetDashboard.Core.Model;
using NetDashboard.TestSupport;

namespace NetDashboard.Web.Tests.Infrastructure;

/// <summary>
/// Every scenario of the seed, created for real on the local dockerd: the default bridge with a published port,
/// a user-defined network with subnet/gateway and an alias, an --internal network, host mode with -p, none,
/// container:, and one container on two networks. Removed again (all labelled netdashboard.test=1) at the end.
/// </summary>
public sealed class SeedScenario : IAsyncLifetime
{
    public DockerCli Docker { get; } = new();
    public DashboardFactory App { get; } = new();
    public TopologySnapshot Topology { get; private set; } = TopologySnapshot.Empty;

    public string Subnet { get; } = $"172.31.{Random.Shared.Next(100, 250)}.0/24";
    public string Gateway => Subnet.Replace(".0/24", ".1");

    public async Task InitializeAsync()
    {
        _ = App.Server; // the app is up before the scenario: everything below arrives live
        await Docker.CreateNetworkAsync("app", "--subnet", Subnet, "--gateway", Gateway);
        await Docker.CreateNetworkAsync("internal", "--internal");
        await Docker.RunAsync("web", "-p", "8080");
        await Docker.RunAsync("db", "--network", Docker.Name("app"), "--network-alias", "database");
        await Docker.RunAsync("hostmode", "--network", "host", "-p", "19999:80");
        await Docker.RunAsync("none", "--network", "none");
        await Docker.RunAsync("sharer", "--network", "container:" + Docker.Name("web"));
        await Docker.RunAsync("multi", "--network", Docker.Name("app"));
        await Docker.DockerAsync("network", "connect", Docker.Name("internal"), Docker.Name("multi"));

        Topology = await App.WaitForAsync(
            t => new[] { "web", "db", "hostmode", "none", "sharer", "multi" }.All(n => t.FindContainer(Docker.Name(n))?.State == "running")
                 && t.FindContainer(Docker.Name("multi"))!.Endpoints.Length == 2,
            TimeSpan.FromSeconds(30), "every scenario container running");
    }

    public ContainerInfo Container(string shortName) => Topology.FindContainer(Docker.Name(shortName)) ?? throw new InvalidOperationException($"{shortName} is not in the topology");

    public async Task DisposeAsync()
    {
        await Docker.DisposeAsync();
        await App.DisposeAsync();
    }
}
