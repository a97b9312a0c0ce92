using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetDashboard.Api;
using Microsoft.Extensions.DependencyInjection;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.History;
using NetDashboard.History.Model;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.History;

/// <summary>
/// The seed's S5 on the real dockerd: a container's IP changes across a restart when another container took the
/// freed address meanwhile. The history dates both addresses, answers "who had this IP at that time", raises the
/// badge, survives a dashboard restart, and reconstructs a change made while the dashboard was down.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class IpHistoryTests(ITestOutputHelper output) : IDisposable
{
    private const string Subnet = "10.231.60.0/29";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nd-history-web-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "history.db");

    private DashboardFactory StartApp() => new(new Dictionary<string, string?> { ["NetDashboard:History:DatabasePath"] = DatabasePath });

    private static Task<TopologySnapshot> Connected(DashboardFactory app, Func<TopologySnapshot, bool>? also = null) =>
        app.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected) && (also?.Invoke(t) ?? true), what: "the local host connected");

    private static async Task<string> IpOf(DockerCli docker, string container, string network)
    {
        var inspect = await docker.InspectAsync(container);
        return inspect.GetProperty("NetworkSettings").GetProperty("Networks").GetProperty(network).GetProperty("IPAddress").GetString()!;
    }

    [Fact]
    public async Task An_ip_taken_while_a_container_was_stopped_is_dated_answered_badged_and_survives_dashboard_restarts()
    {
        await using var docker = new DockerCli();
        await docker.CreateNetworkAsync("hist", "--subnet", Subnet);
        var network = docker.Name("hist");
        var (aName, bName) = (docker.Name("a"), docker.Name("b"));
        string aId, oldIp, newIp;
        DateTimeOffset whileAHeldIt;

        // 1. Live: A on .x, stopped; B takes .x; A comes back on another address.
        await using (var app = StartApp())
        {
            var history = new HistoryClient(app.CreateClient());
            await Connected(app);
            aId = await docker.RunAsync("a", "--network", network);
            oldIp = await IpOf(docker, aName, network);
            await history.WaitForContainerAsync(aName, h => h.Assignments.Any(x => x.Ipv4 == oldIp && x.Current), "A holding its first IP");
            // The history keeps milliseconds: a moment inside A's first assignment, at that precision, and the clock
            // past it before the stop begins, so the assignment's end (stamped after the stop) is strictly later.
            whileAHeldIt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await Eventually.WaitUntilAsync(() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() > whileAHeldIt.ToUnixTimeMilliseconds(), "the clock past that moment");

            await docker.DockerAsync("stop", aName);
            await history.WaitForContainerAsync(aName, h => h.Assignments.Count == 1 && !h.Assignments[0].Current, "A's first assignment closed");
            var bId = await docker.RunAsync("b", "--network", network, "--ip", oldIp);
            await docker.DockerAsync("start", aName);
            newIp = await IpOf(docker, aName, network);
            Assert.NotEqual(oldIp, newIp);

            var a = await history.WaitForContainerAsync(aName, h => h.Assignments.Count == 2 && h.Assignments[1].Current, "A on its second IP");
            output.WriteLine(JsonSerializer.Serialize(a.Assignments));
            Assert.Equal(aId, Assert.Single(a.Containers).ContainerId);
            Assert.Equal([oldIp, newIp], a.Assignments.Select(x => x.Ipv4));
            var (first, second) = (a.Assignments[0], a.Assignments[1]);
            Assert.True(first.From <= whileAHeldIt && whileAHeldIt < first.To, $"{first.From:O} ≤ {whileAHeldIt:O} < {first.To:O}");
            Assert.True(first.To <= second.From);
            Assert.All(a.Assignments, x => Assert.Equal((network, 29, false), (x.NetworkName, x.Ipv4PrefixLength, x.ObservedAtResync)));
            Assert.All(a.Assignments, x => Assert.NotNull(x.Mac));
            Assert.NotEqual(first.Veth, second.Veth);
            Assert.Contains(a.Events, e => e.Kind == "container-stop");
            Assert.Contains(a.Events, e => e.Kind == "container-start");
            var changed = Assert.Single(a.Events, e => e.Kind == HistoryEventKinds.IpChanged);
            Assert.Equal($"{oldIp} → {newIp}", changed.Detail);

            // The firewall-log question, before and after.
            Assert.Equal(aId, Assert.Single((await history.IpAsync(oldIp, whileAHeldIt)).Holders).ContainerId);
            var now = await history.WaitForIpAsync(oldIp, DateTimeOffset.UtcNow, r => r.Holders.Count == 1, "B holding it");
            Assert.Equal((bId, bName), (now.Holders[0].ContainerId, now.Holders[0].ContainerName));
            Assert.Equal([aName, bName], (await history.IpAsync(oldIp)).Holders.Select(h => h.ContainerName));
            // One holder per page: the newest (B), then, before it, A — and nothing older.
            var page = await history.Http.GetFromJsonAsync<IpHistoryResponse>($"/api/history/ip/{oldIp}?limit=1", TopologyJson.Options);
            Assert.Equal((bName, true), (Assert.Single(page!.Holders).ContainerName, page.Truncated));
            var older = await history.Http.GetFromJsonAsync<IpHistoryResponse>(
                $"/api/history/ip/{oldIp}?limit=1&before={Uri.EscapeDataString(page.NextBefore!.Value.ToString("O"))}", TopologyJson.Options);
            Assert.Equal((aName, false, (DateTimeOffset?)null), (Assert.Single(older!.Holders).ContainerName, older.Truncated, older.NextBefore));

            // The badge: in memory for the map, and in the API answer.
            var badge = Assert.Single(app.Services.GetRequiredService<IpChangeBadges>().For("local", aId));
            Assert.Equal((oldIp, newIp, network), (badge.PreviousIpv4, badge.CurrentIpv4, badge.NetworkName));
            Assert.Equal(newIp, Assert.Single(a.IpChanges).CurrentIpv4);
            Assert.Empty(app.Services.GetRequiredService<IpChangeBadges>().For("local", bId));

            // By id prefix too.
            Assert.Equal(2, (await history.ContainerAsync(aId[..12]))!.Assignments.Count);
        }

        // 2. A new dashboard on the same file: everything is still there, and nothing unchanged was re-opened.
        await using (var again = StartApp())
        {
            var history = new HistoryClient(again.CreateClient());
            await Connected(again, t => t.FindContainer(aId) is not null);
            // The writer takes the store's changes in order: once a container started after that snapshot shows in
            // the history, the first snapshot of this dashboard (the resync that could re-open rows) is written too.
            await docker.RunAsync("marker");
            await history.WaitForContainerAsync(docker.Name("marker"), h => h.Assignments.Any(x => x.Current), "a container started after the first snapshot");
            var a = await history.ContainerAsync(aName);
            Assert.NotNull(a);
            Assert.Equal([oldIp, newIp], a.Assignments.Select(x => x.Ipv4));
            Assert.True(a.Assignments[1].Current);
            Assert.All(a.Assignments, x => Assert.False(x.ObservedAtResync));
            Assert.Equal(aId, Assert.Single((await history.IpAsync(oldIp, whileAHeldIt)).Holders).ContainerId);
            Assert.Equal(newIp, Assert.Single(again.Services.GetRequiredService<IpChangeBadges>().For("local", aId)).CurrentIpv4);
        }

        // 3. B is removed while no dashboard runs: the next one reconstructs it, marked "observed at resync".
        var beforeRemoval = DateTimeOffset.UtcNow;
        await docker.DockerAsync("rm", "-f", bName);
        await using (var third = StartApp())
        {
            var history = new HistoryClient(third.CreateClient());
            await Connected(third);
            var b = await history.WaitForContainerAsync(bName, h => h.Assignments.Count == 1 && !h.Assignments[0].Current, "B's assignment closed");
            var closed = b.Assignments[0];
            Assert.True(closed.ClosedAtResync && closed.ObservedAtResync && !closed.OpenedAtResync);
            Assert.True(closed.To >= beforeRemoval, $"closed at {closed.To:O}, removed after {beforeRemoval:O}");
            var released = Assert.Single(b.Events, e => e.Kind == HistoryEventKinds.AddressReleased);
            Assert.Equal(HistorySources.Resync, released.Source);
            Assert.Empty((await history.IpAsync(oldIp, DateTimeOffset.UtcNow)).Holders);
        }
    }

    [Fact]
    public async Task Bad_questions_get_a_problem_with_one_sentence_and_an_unknown_container_a_404()
    {
        await using var app = StartApp();
        var http = app.CreateClient();
        await Connected(app);

        foreach (var (url, status, words) in new[]
        {
            ("/api/history/ip/not-an-ip", HttpStatusCode.BadRequest, "is not an IP address"),
            ("/api/history/ip/10.0.0.0%2F8", HttpStatusCode.BadRequest, "is not an IP address"),
            ("/api/history/ip/172.17.0.5?at=yesterday", HttpStatusCode.BadRequest, "is not a time"),
            ("/api/history/containers/never-seen-container", HttpStatusCode.NotFound, "has no container named 'never-seen-container'"),
            ("/api/history/events?limit=0", HttpStatusCode.BadRequest, "'limit' must be between"),
            ("/api/history/ip/172.17.0.5?limit=5000", HttpStatusCode.BadRequest, "is not a limit: give a whole number from 1 to 1000"),
            ("/api/history/ip/172.17.0.5?before=soon", HttpStatusCode.BadRequest, "is not a time"),
        })
        {
            using var response = await http.GetAsync(url);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(words, problem.RootElement.GetProperty("detail").GetString());
        }
        var ok = await new HistoryClient(http).IpAsync("172.17.0.5", DateTimeOffset.Parse("2026-11-28T14:00:00Z"));
        Assert.Equal("172.17.0.5", ok.Ip);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
