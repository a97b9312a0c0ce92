using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Serialization;
using NetDashboard.Docker.Kernel;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Insight;

/// <summary>GET /api/containers/{id}/nat on the real dockerd, compared with the kernel's own nat table.</summary>
[Collection(RealDockerCollection.Name)]
public sealed class NatPathTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_published_port_matches_the_kernels_DNAT_rule_and_a_removed_rule_is_flagged()
    {
        // The nat reader's cache runs on a clock this test turns, so the re-read after the change needs no waiting.
        var clock = new ManualClock();
        var reader = new KernelNatReader(clock);
        await using var app = new DashboardFactory { TestServices = s => s.AddSingleton<INatRuleSource>(reader) };
        await using var docker = new DockerCli();
        var id = await docker.RunAsync("natted", "-p", "127.0.0.1::80");
        var topology = await app.WaitForAsync(t => t.FindContainer(id) is { State: "running", Ports.Length: > 0 } c && c.Endpoints.Any(e => e.Ipv4 is not null),
            TimeSpan.FromSeconds(10), "the published container with its address");
        var container = topology.FindContainer(id)!;
        using var http = app.CreateClient();

        var path = await GetAsync(http, id);
        output.WriteLine(path.Note);
        var port = Assert.Single(path.Published);
        output.WriteLine($"{port.Summary}\n  expected: {port.ExpectedRule}\n  kernel:   {port.KernelRule}");
        Assert.Equal("compared", path.Source);
        Assert.Equal(NatRuleMatch.Match, port.Kernel);
        Assert.Equal($"127.0.0.1:{container.Ports[0].HostPort} → DNAT → {container.Endpoints[0].Ipv4}:80/tcp on docker0 (bridge)"
                     + " (loopback only: reachable from this host, never from other machines)", port.Summary);
        // The machine's dockerd shares the dashboard's network namespace: found from its socket, and said.
        Assert.Contains("the dashboard's own network namespace, which dockerd (pid", path.Note);
        Assert.Equal(NatRuleMatch.Match, Assert.Single(path.Masquerade).Kernel);
        Assert.Equal(0, path.Differences);

        // Take the kernel's rule away (it is this test's own container's rule): the comparison must say so.
        var spec = port.KernelRule!["-A ".Length..].Split(' ')[1..];
        await Iptables(["-t", "nat", "-D", "DOCKER", .. spec]);
        try
        {
            var cached = await GetAsync(http, id);
            Assert.Equal(NatRuleMatch.Match, cached.Published[0].Kernel); // still the table read before the change
            clock.Advance(reader.CacheFor);
            var broken = await GetAsync(http, id);
            Assert.Equal(NatRuleMatch.Missing, broken.Published[0].Kernel);
            Assert.Equal(1, broken.Differences);
            Assert.Contains("1 difference", broken.Note);
        }
        finally
        {
            await Iptables(["-t", "nat", "-A", "DOCKER", .. spec]); // put it back before Docker removes it with the container
        }
    }

    [Fact]
    public async Task An_unknown_container_is_a_404_sentence()
    {
        await using var app = new DashboardFactory();
        using var http = app.CreateClient();
        var response = await http.GetAsync("/api/containers/nd-no-such-container/nat");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No container is named or has the id 'nd-no-such-container'.", await response.Content.ReadAsStringAsync());
    }

    /// <summary>A clock that moves only when the test says.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private static async Task<NatPath> GetAsync(HttpClient http, string id) =>
        JsonSerializer.Deserialize<NatPath>(await http.GetStringAsync($"/api/containers/{id}/nat"), TopologyJson.Options)!;

    private static async Task Iptables(string[] args)
    {
        var (code, _, stderr) = await DockerCli.RunProcessAsync("iptables", args, TimeSpan.FromSeconds(10));
        Assert.True(code == 0, $"iptables {string.Join(' ', args)}: {stderr}");
    }
}
