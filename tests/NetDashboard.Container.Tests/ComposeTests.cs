using System.Net;
using System.Text.Json;
using NetDashboard.Container.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;

namespace NetDashboard.Container.Tests;

/// <summary>
/// docker-compose.yml as a user runs it, with docker-compose 1.29 and the local images: the dashboard reaches the
/// daemon only through the socket proxy (here the haproxy stand-in with a narrower allow-list than tecnativa's).
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed class ComposeTests(ContainerImages images, ITestOutputHelper output)
{
    [Fact]
    public async Task Compose_up_with_the_demo_profile_shows_every_network_mode_through_the_socket_proxy()
    {
        var port = ComposeProject.FreePort();
        var webPort = ComposeProject.FreePort();
        await using var compose = new ComposeProject("docker-compose.yml", new Dictionary<string, string>
        {
            ["NETDASHBOARD_IMAGE"] = ContainerImages.Dashboard,
            ["DOCKER_PROXY_IMAGE"] = images.ProxyImage,
            ["DEMO_IMAGE"] = DockerCli.Image,
            ["NETDASHBOARD_PORT"] = port.ToString(),
            ["DEMO_WEB_PORT"] = webPort.ToString(),
        }, "demo");
        try
        {
            await compose.UpAsync();
            using var dashboard = new DashboardClient(port);
            await dashboard.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            var self = await compose.ContainerIdAsync("netdashboard");
            await DockerHealth.WaitHealthyAsync(self, TimeSpan.FromSeconds(30));

            var topology = await dashboard.TopologyAsync();
            var host = Assert.Single(topology.GetProperty("hosts").EnumerateArray());
            Assert.Equal("tcp://socket-proxy:2375", host.GetProperty("endpoint").GetString()?.TrimEnd('/'));
            Assert.Equal("connected", host.GetProperty("status").GetString());

            // Every container of the project as docker inspect has it, then each mode of the seed.
            var ids = new Dictionary<string, string>();
            foreach (var service in (await compose.ComposeAsync("config", "--services")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                ids[service] = await compose.ContainerIdAsync(service);
                await dashboard.WaitForTopologyAsync(t => DaemonMatch.ContainerProblemAsync(t, ids[service]), TimeSpan.FromSeconds(15));
            }
            topology = await dashboard.TopologyAsync();
            JsonElement Mode(string service) => DaemonMatch.Container(topology, ids[service]).GetProperty("networkMode");

            Assert.Equal("bridge", Mode("demo-web").GetProperty("kind").GetString());
            Assert.Contains(DaemonMatch.Container(topology, ids["demo-web"]).GetProperty("ports").EnumerateArray(),
                p => p.GetProperty("containerPort").GetInt32() == 80 && p.GetProperty("hostPort").GetInt32() == webPort);
            Assert.Equal("container", Mode("demo-web-sidecar").GetProperty("kind").GetString());
            Assert.Equal(ids["demo-web"], Mode("demo-web-sidecar").GetProperty("sharesWith").GetString());
            Assert.Equal("host", Mode("demo-monitor").GetProperty("kind").GetString());
            Assert.Equal("none", Mode("demo-batch").GetProperty("kind").GetString());
            Assert.Equal("network", Mode("demo-api").GetProperty("kind").GetString());
            var dbEndpoints = DaemonMatch.Container(topology, ids["demo-db"]).GetProperty("endpoints").EnumerateArray().ToList();
            Assert.Contains("database", dbEndpoints.Single(e => e.GetProperty("networkName").GetString() == $"{compose.Name}_demo-app")
                .GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
            var backend = topology.GetProperty("networks").EnumerateArray().Single(n => n.GetProperty("name").GetString() == $"{compose.Name}_demo-backend");
            Assert.True(backend.GetProperty("internal").GetBoolean());

            await DaemonMatch.AssertWholeDaemonAsync(dashboard, TimeSpan.FromSeconds(30));

            // A change reaches the dashboard through the proxy's event stream, well before the 30 s resync.
            await using var docker = new DockerCli();
            var late = await docker.RunAsync("late");
            await dashboard.WaitForTopologyAsync(t => DaemonMatch.ContainerProblemAsync(t, late), TimeSpan.FromSeconds(10));

            await AssertProxyAllowsOnlyReadsAsync(ids["socket-proxy"], compose.Name, ids["demo-web"]);
        }
        finally
        {
            var logs = await Cli.TryRunAsync("docker-compose", ["--ansi", "never", "-p", compose.Name, "logs", "--tail", "20"], null, null, Repo.Root);
            output.WriteLine(logs.Stdout);
        }
    }

    /// <summary>From the host, straight to the proxy's address on the project network (it publishes no port).</summary>
    private static async Task AssertProxyAllowsOnlyReadsAsync(string proxy, string project, string web)
    {
        using var proxyClient = await ProxyClient.OpenAsync(proxy, project);
        Task<HttpStatusCode> Status(HttpMethod method, string path) => proxyClient.StatusAsync(method, path);

        Assert.Equal(HttpStatusCode.OK, await Status(HttpMethod.Get, "/version"));
        Assert.Equal(HttpStatusCode.OK, await Status(HttpMethod.Get, "/v1.41/containers/json"));
        Assert.Equal(HttpStatusCode.OK, await Status(HttpMethod.Get, $"/v1.41/containers/{web}/json"));
        Assert.Equal(HttpStatusCode.OK, await Status(HttpMethod.Get, "/v1.41/networks"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Get, "/v1.41/images/json"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Get, "/v1.41/info"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Get, $"/v1.41/containers/{web}/logs?stdout=1"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Get, $"/v1.41/containers/{web}/archive?path=/etc"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Post, $"/v1.41/containers/{web}/stop"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Post, $"/v1.41/containers/{web}/exec"));
        // Network writes too, until docker-compose.writes.yml turns them on.
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Post, "/v1.41/networks/create"));
        Assert.Equal(HttpStatusCode.Forbidden, await Status(HttpMethod.Delete, "/v1.41/networks/bridge"));
        Assert.Equal("running", (await Cli.DockerAsync("inspect", "-f", "{{.State.Status}}", web)).Trim());
    }
}
