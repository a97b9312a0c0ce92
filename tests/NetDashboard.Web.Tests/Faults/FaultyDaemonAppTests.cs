using System.Text.Json;
using NetDashboard.Core.Model;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;

namespace NetDashboard.Web.Tests.Faults;

/// <summary>
/// The app watching the real dockerd and a daemon that hangs or answers nonsense: both hosts are listed from the start,
/// the faulty one shows disconnected with a sentence within 2 s, and the real one is unaffected.
/// </summary>
[Collection(RealDockerCollection.Name)]
public class FaultyDaemonAppTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(DaemonFault.Silent)]
    [InlineData(DaemonFault.MalformedJson)]
    [InlineData(DaemonFault.Nulls)]
    [InlineData(DaemonFault.NullVersion)]
    public async Task A_faulty_daemon_is_disconnected_with_a_sentence_within_2_s_and_the_others_are_unaffected(DaemonFault fault)
    {
        await using var daemon = FaultyDaemon.Start(fault);
        await using var app = new DashboardFactory(new Dictionary<string, string?>
        {
            ["NetDashboard:Hosts:0:Id"] = "faulty",
            ["NetDashboard:Hosts:0:Endpoint"] = daemon.Endpoint,
            ["NetDashboard:Hosts:1:Id"] = "local",
            ["NetDashboard:Hosts:1:Endpoint"] = "unix:///var/run/docker.sock",
            ["NetDashboard:ConnectTimeoutSeconds"] = "1",
        });

        // Both listed from the first moment, each with its status.
        _ = app.Store; // starts the app
        var first = await app.WaitForAsync(t => t.Hosts.Length == 2, TimeSpan.FromSeconds(1), "both configured hosts listed");
        Assert.All(first.Hosts, h => Assert.True(h.Status == HostStatus.Connected || !string.IsNullOrEmpty(h.Error)));

        var down = await app.WaitForAsync(t => Faulty(t) is { Status: HostStatus.Disconnected, Error: { } e } && !e.EndsWith(" yet.", StringComparison.Ordinal),
            Deadline, $"the {fault} daemon disconnected with its reason");
        var error = Faulty(down)!.Error!;
        Assert.StartsWith($"The Docker daemon at {daemon.Endpoint} ", error);
        foreach (var leak in new[] { "Exception", "Docker.DotNet", "Object reference", "   at " })
        {
            Assert.DoesNotContain(leak, error);
        }
        Assert.False(Faulty(down)!.Stale); // never reached: nothing to keep
        Assert.DoesNotContain(down.Containers, c => c.HostId == "faulty");

        var healthy = await app.WaitForAsync(t => t.Hosts.Single(h => h.Id == "local").Status == HostStatus.Connected && t.Networks.Any(n => n.HostId == "local" && n.Name == "bridge"),
            TimeSpan.FromSeconds(20), "the real daemon connected with its networks");
        Assert.Equal(HostStatus.Disconnected, Faulty(healthy)!.Status);

        using var client = app.CreateClient();
        using var health = JsonDocument.Parse(await client.GetStringAsync("/healthz"));
        var hosts = health.RootElement.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("id").GetString()!);
        Assert.Equal(["faulty", "local"], hosts.Keys.Order());
        Assert.False(hosts["faulty"].GetProperty("reachable").GetBoolean());
        Assert.StartsWith($"The Docker daemon at {daemon.Endpoint} ", hosts["faulty"].GetProperty("error").GetString());
        Assert.True(hosts["local"].GetProperty("reachable").GetBoolean());
        ContractSchema.AssertValid(await client.GetStringAsync("/api/topology"));
    }

    private static HostInfo? Faulty(TopologySnapshot t) => t.Hosts.FirstOrDefault(h => h.Id == "faulty");
}
