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
        await CreateAsync(Docker, Subnet, Gateway);
        Topology = await WaitForAsync(App, Docker, TimeSpan.FromSeconds(30));
    }

    /// <summary>The seed's containers, by short name.</summary>
    public static readonly string[] Containers = ["web", "db", "hostmode", "none", "sharer", "multi"];

    /// <summary>Creates every seed scenario on the daemon <paramref name="docker"/> talks to (the machine's, or a test-owned one).</summary>
    public static async Task CreateAsync(DockerCli docker, string subnet, string? gateway)
    {
        await docker.CreateNetworkAsync("app", gateway is null ? ["--subnet", subnet] : ["--subnet", subnet, "--gateway", gateway]);
        await docker.CreateNetworkAsync("internal", "--internal");
        await docker.RunAsync("web", "-p", "8080");
        await docker.RunAsync("db", "--network", docker.Name("app"), "--network-alias", "database");
        await docker.RunAsync("hostmode", "--network", "host", "-p", "19999:80");
        await docker.RunAsync("none", "--network", "none");
        await docker.RunAsync("sharer", "--network", "container:" + docker.Name("web"));
        await docker.RunAsync("multi", "--network", docker.Name("app"));
        await docker.DockerAsync("network", "connect", docker.Name("internal"), docker.Name("multi"));
    }

    /// <summary>Waits until the app shows every seed container running, multi with both its endpoints.</summary>
    public static Task<TopologySnapshot> WaitForAsync(DashboardFactory app, DockerCli docker, TimeSpan timeout) =>
        app.WaitForAsync(
            t => Containers.All(n => t.FindContainer(docker.Name(n))?.State == "running")
                 && t.FindContainer(docker.Name("multi"))!.Endpoints.Length == 2,
            timeout, "every scenario container running");

    public ContainerInfo Container(string shortName) => Topology.FindContainer(Docker.Name(shortName)) ?? throw new InvalidOperationException($"{shortName} is not in the topology");

    public async Task DisposeAsync()
    {
        await Docker.DisposeAsync();
        await App.DisposeAsync();
    }
}
