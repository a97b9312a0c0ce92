using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Hub;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Replicas;

/// <summary>
/// Two replicas (two real processes, one real Redis, the real dockerd) behind ONE address: Debian's haproxy running
/// the shipped <c>deploy/haproxy-replicas.cfg</c>. It pins each client to a replica with its cookie; hub clients
/// (JSON and MessagePack, WebSockets and long polling, which needs the pinning for every poll) through the address see
/// the live state; when the leader is killed its clients reconnect through the SAME address to the survivor and,
/// like the survivor's own clients, keep getting increasing revisions (never one that goes back, never a gap) that
/// match <c>GET /api/topology</c> through the address, including a container started after the failover.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class OneAddressTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Hub_clients_through_one_haproxy_address_keep_one_live_state_through_a_leader_failover()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var docker = new DockerCli();
        await using var pair = await ReplicaPair.StartAsync(redis);
        var (first, second) = (pair.First, pair.Second);
        await using var proxy = await HaproxyServer.StartAsync([("replica1", first.BaseAddress), ("replica2", second.BaseAddress)]);

        using (var plain = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = proxy.BaseAddress })
        using (var answer = await plain.GetAsync("/healthz"))
        {
            // A client without the cookie gets one: from then on it stays on that replica.
            Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith(HaproxyServer.CookieName + "=replica", StringComparison.Ordinal));
        }
        Assert.Equal("leader", await RoleThroughAsync(proxy, "replica1"));
        Assert.Equal("follower", await RoleThroughAsync(proxy, "replica2"));

        await using var leaderJson = new HubTestClient(proxy.BaseAddress, messagePack: false, cookies: proxy.PinTo("replica1"), reconnect: true);
        await using var leaderPack = new HubTestClient(proxy.BaseAddress, messagePack: true, cookies: proxy.PinTo("replica1"), reconnect: true);
        await using var followerJson = new HubTestClient(proxy.BaseAddress, messagePack: false, cookies: proxy.PinTo("replica2"), reconnect: true);
        await using var followerPolling = new HubTestClient(proxy.BaseAddress, messagePack: true, HttpTransportType.LongPolling, proxy.PinTo("replica2"), reconnect: true);
        var onLeader = new[] { leaderJson, leaderPack };
        var onFollower = new[] { followerJson, followerPolling };
        var all = onLeader.Concat(onFollower).ToArray();
        foreach (var client in all)
        {
            await client.StartAsync();
        }

        var id = await docker.RunAsync("one-address");
        foreach (var client in all)
        {
            await client.WaitForAsync(t => Running(t, id), Live, "the container, through the one address");
        }
        await SameAsApiAsync(proxy, all);
        var before = all.Max(c => c.Document!.Revision);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        first.Kill(); // the leader, with the clients haproxy pinned to it
        await Eventually.WaitUntilAsync(() => onLeader.All(c => c.Reconnects >= 1 && c.Connection.State == HubConnectionState.Connected),
            "the killed replica's clients reconnected through the address", Live, () => proxy.Output);
        output.WriteLine($"the killed replica's clients reconnected through the address {clock.ElapsedMilliseconds} ms after the kill");
        await second.WaitForRoleAsync("leader", TimeSpan.FromSeconds(15));
        output.WriteLine($"replica 2 led {clock.ElapsedMilliseconds} ms after the kill");
        var late = await docker.RunAsync("one-address-late");
        foreach (var client in all)
        {
            var seen = await client.WaitForAsync(t => Running(t, late) && Running(t, id), Live, "a container started after the failover, through the same address");
            Assert.True(seen.Revision > before, $"revision {seen.Revision} after the failover, {before} before");
        }
        await SameAsApiAsync(proxy, all);
        Assert.Equal("leader", await RoleThroughAsync(proxy, "replica1")); // the dead replica's cookie now reaches the survivor

        foreach (var client in all)
        {
            output.WriteLine(string.Join(' ', client.Log));
            Assert.Equal(HubConnectionState.Connected, client.Connection.State);
            Assert.Equal(0, client.Gaps);
            Assert.Equal(0, client.Backwards);
            AssertIncreasing(client);
        }
        Assert.All(onLeader, c => Assert.True(c.Reconnects >= 1, "a client of the killed replica reconnected"));
        Assert.All(onFollower, c => Assert.Equal((0, 1), (c.Reconnects, c.Snapshots))); // the survivor's clients just carried on
    }

    /// <summary>The role of the replica a client pinned to <paramref name="server"/> reaches through the address.</summary>
    private static async Task<string> RoleThroughAsync(HaproxyServer proxy, string server)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = proxy.PinTo(server) }) { BaseAddress = proxy.BaseAddress };
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/healthz"));
        return doc.RootElement.GetProperty("replica").GetProperty("role").GetString()!;
    }

    /// <summary>
    /// Every client holds the revision <c>GET /api/topology</c> answers through the address (whichever replica serves
    /// it), with the same content.
    /// </summary>
    private static async Task SameAsApiAsync(HaproxyServer proxy, IReadOnlyList<HubTestClient> clients)
    {
        using var http = new HttpClient { BaseAddress = proxy.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        TopologySnapshot? api = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            api = JsonSerializer.Deserialize<TopologySnapshot>(await http.GetByteArrayAsync("/api/topology"), TopologyJson.Options)!;
            return clients.All(c => c.Document?.Revision == api.Revision);
        }, "every client at the revision GET /api/topology answers through the address", Live,
            () => $"api {api?.Revision}; clients {string.Join(", ", clients.Select(c => c.Document?.Revision))}", TimeSpan.FromMilliseconds(50));
        var expected = TopologyJson.Serialize(api! with { GeneratedAt = DateTimeOffset.UnixEpoch });
        Assert.All(clients, c => Assert.Equal(expected, c.Documents[api!.Revision]));
    }

    /// <summary>Each Changed goes forward from the revision before; a Snapshot (after a reconnection) never goes back.</summary>
    private static void AssertIncreasing(HubTestClient client)
    {
        long last = 0;
        foreach (var entry in client.Log)
        {
            if (entry.StartsWith("S:", StringComparison.Ordinal))
            {
                var revision = long.Parse(entry[2..], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(revision >= last, $"a Snapshot of revision {revision} after {last}");
                last = revision;
            }
            else if (entry.StartsWith("C:", StringComparison.Ordinal))
            {
                var to = long.Parse(entry[(entry.IndexOf("->", StringComparison.Ordinal) + 2)..], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(to > last, $"a Changed to revision {to} after {last}");
                last = to;
            }
        }
    }

    private static bool Running(TopologySnapshot t, string id) => t.Containers.Any(c => c.Id == id && c.State == "running");
}
