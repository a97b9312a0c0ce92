using NetDashboard.Container.Tests.Infrastructure;
using NetDashboard.TestSupport;

namespace NetDashboard.Container.Tests;

/// <summary>docker-compose.host-namespaces.yml: the containerised dashboard names the host side of a veth pair.</summary>
[Collection(ContainerCollection.Name)]
public sealed class HostNamespacesComposeTests
{
    [Fact]
    public async Task In_the_hosts_namespaces_the_dashboard_names_each_veth_as_the_kernel_does()
    {
        await using var docker = new DockerCli();
        var probe = await docker.RunAsync("probe");
        var port = ComposeProject.FreePort();
        await using var compose = new ComposeProject("docker-compose.host-namespaces.yml", new Dictionary<string, string>
        {
            ["NETDASHBOARD_IMAGE"] = ContainerImages.Dashboard,
            ["NETDASHBOARD_PORT"] = port.ToString(),
        });
        await compose.UpAsync();
        using var dashboard = new DashboardClient(port);
        await dashboard.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        await DockerHealth.WaitHealthyAsync(await compose.ContainerIdAsync("netdashboard"), TimeSpan.FromSeconds(30));

        var topology = await dashboard.WaitForTopologyAsync(
            t => DaemonMatch.Container(t, probe).GetProperty("endpoints")[0].TryGetProperty("hostInterface", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String
                ? null : "no veth name for the probe yet", TimeSpan.FromSeconds(20));
        Assert.Null(await DaemonMatch.ContainerProblemAsync(topology, probe));
        var veth = DaemonMatch.Text(DaemonMatch.Container(topology, probe).GetProperty("endpoints")[0], "hostInterface")!;

        // The kernel's word (this test runs as root on the host): that veth is on docker0, and it is the peer of the
        // probe's eth0.
        var pid = (await Cli.DockerAsync("inspect", "-f", "{{.State.Pid}}", probe)).Trim();
        Assert.Equal("docker0", Path.GetFileName(new FileInfo($"/sys/class/net/{veth}/master").LinkTarget));
        Assert.Equal((await File.ReadAllTextAsync($"/proc/{pid}/root/sys/class/net/eth0/iflink")).Trim(),
            (await File.ReadAllTextAsync($"/sys/class/net/{veth}/ifindex")).Trim());
    }
}
