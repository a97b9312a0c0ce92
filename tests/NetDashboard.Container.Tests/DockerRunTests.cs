using System.Globalization;
using System.Net;
using NetDashboard.Container.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;

namespace NetDashboard.Container.Tests;

/// <summary>The image run with the README's <c>docker run</c> line: socket mounted read-only, its group added, a data
/// volume, a read-only root filesystem, a published loopback port.</summary>
[Collection(ContainerCollection.Name)]
public sealed class DockerRunTests(ContainerImages images, ITestOutputHelper output)
{
    [Fact]
    public async Task The_documented_docker_run_serves_healthz_and_the_daemons_topology_on_a_loopback_port()
    {
        await using var docker = new DockerCli();
        await docker.CreateNetworkAsync("net");
        var probe = await docker.RunAsync("probe", "--network", docker.Name("net"), "--network-alias", "probe-alias", "-p", "127.0.0.1::80");
        var socketGroup = (await Cli.RunAsync("stat", ["-c", "%g", "/var/run/docker.sock"])).Trim();
        var name = docker.Name("dashboard");
        var volume = docker.Name("data");
        await Cli.DockerAsync("volume", "create", "--label", DockerCli.TestLabel, volume);
        try
        {
            var id = (await Cli.DockerAsync("run", "-d", "--name", name, "--label", DockerCli.TestLabel,
                "-p", "127.0.0.1::8080",
                "-v", "/var/run/docker.sock:/var/run/docker.sock:ro", "--group-add", socketGroup,
                "-v", $"{volume}:/data", "--read-only", "--tmpfs", "/tmp",
                "--health-interval", "1s", // the image's own check, run every second instead of every 30
                ContainerImages.Dashboard)).Trim();
            var port = int.Parse((await Cli.DockerAsync("port", id, "8080/tcp")).Trim().Split('\n')[0].Split(':')[^1], CultureInfo.InvariantCulture);
            using var dashboard = new DashboardClient(port);

            var health = await dashboard.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            Assert.Equal("up", health.GetProperty("status").GetString());
            await DockerHealth.WaitHealthyAsync(id, TimeSpan.FromSeconds(30));

            var topology = await dashboard.TopologyAsync();
            var host = Assert.Single(topology.GetProperty("hosts").EnumerateArray());
            Assert.Equal("connected", host.GetProperty("status").GetString());
            Assert.Equal("unix:///var/run/docker.sock", host.GetProperty("endpoint").GetString());
            Assert.Equal((await Cli.DockerAsync("version", "-f", "{{.Server.Version}}")).Trim(), host.GetProperty("engineVersion").GetString());

            await DaemonMatch.AssertWholeDaemonAsync(dashboard, TimeSpan.FromSeconds(30));
            foreach (var container in new[] { probe, id })
            {
                await dashboard.WaitForTopologyAsync(t => DaemonMatch.ContainerProblemAsync(t, container), TimeSpan.FromSeconds(15));
            }
            var endpoint = Assert.Single(DaemonMatch.Container(await dashboard.TopologyAsync(), probe).GetProperty("endpoints").EnumerateArray());
            Assert.Contains("probe-alias", endpoint.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));

            // Not root, yet the data volume is its own.
            Assert.NotEqual("0", (await Cli.DockerAsync("exec", id, "id", "-u")).Trim());
            await Cli.DockerAsync("exec", id, "sh", "-c", "touch /data/.probe && rm /data/.probe");

            // The PNG export draws in the image too: SkiaSharp's native library and the embedded fonts need nothing
            // the ASP.NET base lacks.
            var (pngStatus, pngType, png) = await dashboard.GetBytesAsync("/api/topology/export?format=png&scale=2");
            Assert.Equal(HttpStatusCode.OK, pngStatus);
            Assert.Equal("image/png", pngType);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            output.WriteLine($"PNG export from the container: {png.Length / 1024} KB");

            var total = await ContainerImages.SizeAsync(ContainerImages.Dashboard);
            var app = total - await ContainerImages.SizeAsync(images.AspnetImage);
            output.WriteLine($"image {ContainerImages.Dashboard}: {total / 1e6:0.0} MB, of which the dashboard {app / 1e6:0.0} MB on {images.AspnetImage}; " +
                $"base images {images.BaseImagesTime.TotalSeconds:0} s, build {images.BuildTime.TotalSeconds:0} s");
            Assert.InRange(app, 1, 60_000_000);
        }
        finally
        {
            var logs = await Cli.TryRunAsync("docker", ["logs", "--tail", "40", name]);
            output.WriteLine(logs.Stdout + logs.Stderr);
            await Cli.TryRunAsync("docker", ["rm", "-f", "-v", name]);
            await Cli.TryRunAsync("docker", ["volume", "rm", volume]);
        }
    }
}
