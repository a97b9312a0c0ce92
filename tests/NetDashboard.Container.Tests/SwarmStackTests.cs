using System.Diagnostics;
using System.Text.Json;
using NetDashboard.Container.Tests.Infrastructure;
using NetDashboard.TestSupport;
using Xunit.Abstractions;

namespace NetDashboard.Container.Tests;

/// <summary>
/// deploy/netdashboard-stack.yml for real, on a real 3-node swarm (<see cref="SwarmLab"/>): the image built from the
/// Dockerfile is loaded on every node, tokens made with deploy/make-collector-tokens.sh, the stack deployed from the
/// manager with <c>--resolve-image never</c>; the dashboard then answers on the manager node's address (its published
/// host-mode port) and shows the three nodes, each fed by the collector the global service put on it. The stack and
/// the lab go even when the test fails.
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed class SwarmStackTests(ITestOutputHelper output)
{
    private const string Stack = "ndstack";
    private const int Port = 18080;

    [Fact]
    public async Task The_stack_puts_a_collector_on_every_node_and_one_dashboard_on_the_manager_that_shows_all_three_nodes()
    {
        var folder = Directory.CreateTempSubdirectory("nd-stack-").FullName;
        await using var lab = await SwarmLab.StartAsync("sw");
        try
        {
            var clock = Stopwatch.StartNew();
            for (var n = 1; n <= 3; n++)
            {
                await Cli.RunAsync("bash", ["-c", $"set -o pipefail; docker save {ContainerImages.Dashboard} | docker -H {lab.Endpoint(n)} load"], TimeSpan.FromMinutes(5));
            }
            output.WriteLine($"image loaded on three nodes in {clock.Elapsed.TotalSeconds:0.0} s");
            await Cli.RunAsync("bash", [Repo.PathOf("deploy/make-collector-tokens.sh"), "-o", folder, .. lab.Nodes]);
            await lab.AddHostAddressAsync();

            clock.Restart();
            await Cli.RunAsync("docker", ["-H", lab.Endpoint(1), "stack", "deploy", "--resolve-image", "never", "-c", Repo.PathOf("deploy/netdashboard-stack.yml"), Stack],
                TimeSpan.FromMinutes(2), new Dictionary<string, string>
                {
                    ["NETDASHBOARD_IMAGE"] = ContainerImages.Dashboard,
                    ["NETDASHBOARD_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["COLLECTOR_TOKENS"] = Path.Combine(folder, "collector-tokens.txt"),
                    ["DASHBOARD_COLLECTORS"] = Path.Combine(folder, "dashboard-collectors.json"),
                    ["DOCKER_SERVICE_PREFER_OFFLINE_IMAGE"] = "1",
                    // The lab's three daemons share this machine's file system: each node's collector takes its own
                    // node's socket (a swarm template in the bind source), not the machine's main daemon.
                    ["DOCKER_SOCKET"] = "/var/run/nd-{{.Node.Hostname}}.sock",
                });

            using var http = new HttpClient { BaseAddress = new Uri($"http://{SwarmLab.NodeAddress(1)}:{Port}/"), Timeout = TimeSpan.FromSeconds(5) };
            JsonElement? topology = null;
            await Eventually.WaitUntilAsync(async () =>
                {
                    topology = await TryGetAsync(http, "api/topology");
                    return topology is { } t && t.GetProperty("hosts").EnumerateArray().Count(h => h.GetProperty("status").GetString() == "connected"
                        && h.GetProperty("swarm").ValueKind == JsonValueKind.Object) == 3
                        && t.GetProperty("containers").EnumerateArray().Count(c => Service(c) == $"{Stack}_collector") == 3;
                }, "the dashboard answering with three connected swarm nodes and their collectors", TimeSpan.FromSeconds(240),
                () => topology?.GetProperty("hosts").ToString() ?? "no answer", TimeSpan.FromMilliseconds(500));
            output.WriteLine($"three nodes shown {clock.Elapsed.TotalSeconds:0.0} s after the deploy began");

            var hosts = topology!.Value.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("id").GetString()!);
            Assert.Equal(lab.Nodes, hosts.Keys.Order());
            foreach (var (id, host) in hosts)
            {
                Assert.StartsWith("collector at ", host.GetProperty("endpoint").GetString());
                Assert.EndsWith(": unix:///var/run/docker.sock", host.GetProperty("endpoint").GetString()); // its node's socket, mounted there
                Assert.Equal(id, host.GetProperty("swarm").GetProperty("hostname").GetString());
            }
            // The collectors' own containers, one per node, and the dashboard's on the manager, as the dashboard shows them.
            var containers = topology.Value.GetProperty("containers").EnumerateArray().ToList();
            Assert.Equal(lab.Nodes, containers.Where(c => Service(c) == $"{Stack}_collector").Select(c => c.GetProperty("hostId").GetString()!).Order());
            Assert.Equal("sw1", Assert.Single(containers, c => Service(c) == $"{Stack}_dashboard").GetProperty("hostId").GetString());
            var overlay = Assert.Single(topology.Value.GetProperty("networks").EnumerateArray(), n => n.GetProperty("name").GetString() == $"{Stack}_netdashboard");
            Assert.Equal(lab.Nodes, overlay.GetProperty("hostIds").EnumerateArray().Select(e => e.GetString()!));

            using var health = JsonDocument.Parse(await http.GetStringAsync("healthz"));
            Assert.All(health.RootElement.GetProperty("hosts").EnumerateArray(), h => Assert.True(h.GetProperty("reachable").GetBoolean()));
        }
        finally
        {
            try
            {
                await lab.DockerAsync(1, "stack", "rm", Stack);
            }
            catch (InvalidOperationException e)
            {
                output.WriteLine($"stack rm: {e.Message}");
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? Service(JsonElement container) =>
        container.TryGetProperty("service", out var s) && s.ValueKind == JsonValueKind.Object ? s.GetProperty("name").GetString() : null;

    private static async Task<JsonElement?> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }
}
