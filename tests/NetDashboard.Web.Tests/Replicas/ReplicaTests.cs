using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using NetDashboard.Access;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Access;
using NetDashboard.Web.Tests.Hub;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Replicas;

/// <summary>
/// Two dashboard replicas (two real processes on two ports) sharing one real Redis, watching the real dockerd:
/// hub clients on both see the same revisions with the same documents, and <c>GET /api/topology</c> is the same bytes
/// at the same revision; when the leader is killed the other leads within 10 s and its clients carry on without a
/// reconnect or a fresh Snapshot; a cookie signed in on one replica works on the other; when Redis dies each replica
/// says so and keeps serving live changes on its own, and once Redis is back there is one leader again.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class ReplicaTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Two_replicas_serve_the_same_revisions_and_the_follower_takes_over_within_10_s_when_the_leader_is_killed()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var docker = new DockerCli();
        await using var pair = await ReplicaPair.StartAsync(redis);
        var (first, second) = (pair.First, pair.Second);

        await using var onFirst = new HubTestClient(first.BaseAddress, messagePack: false);
        await using var onSecond = new HubTestClient(second.BaseAddress, messagePack: true);
        await onFirst.StartAsync();
        await onSecond.StartAsync();

        var id = await docker.RunAsync("shared");
        var a = await onFirst.WaitForAsync(t => Running(t, id), Live, "the container on replica 1");
        var b = await onSecond.WaitForAsync(t => Running(t, id), Live, "the container on replica 2");
        await SameRevisionsAsync(onFirst, onSecond, Math.Max(a.Revision, b.Revision));
        await SameBytesAsync(first, second);

        var before = (await second.HealthAsync())!.Value.Revision;
        var clock = Stopwatch.StartNew();
        first.Kill(); // no clean stop: the lease is not given back, it expires
        await second.WaitForRoleAsync("leader", TimeSpan.FromSeconds(15));
        output.WriteLine($"replica 2 led {clock.ElapsedMilliseconds} ms after replica 1 was killed");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"replica 2 led only after {clock.Elapsed}");

        var late = await docker.RunAsync("after-failover");
        var seen = await onSecond.WaitForAsync(t => Running(t, late) && Running(t, id), Live, "a container started after the failover");
        Assert.True(seen.Revision > before, $"revision {seen.Revision} after the failover, {before} before");
        Assert.Equal(HubConnectionState.Connected, onSecond.Connection.State);
        Assert.Equal(1, onSecond.Snapshots); // no fresh Snapshot, no reconnect: only Changed, each from the revision before
        Assert.Equal(0, onSecond.Gaps);
        var (revision, _) = await second.TopologyAsync();
        Assert.True(revision >= seen.Revision);
    }

    [Fact]
    public async Task A_cookie_signed_in_on_one_replica_is_accepted_by_the_other()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var auth = new Dictionary<string, string>
        {
            ["NetDashboard__Auth__RequireSignInToView"] = "true",
            ["NetDashboard__Auth__Users__0__Name"] = "olga",
            ["NetDashboard__Auth__Users__0__PasswordHash"] = PasswordHashes.Hash(AccessApp.Password),
            ["NetDashboard__Auth__Users__0__Role"] = "operator",
        };
        await using var first = new ReplicaProcess("replica 1", redis.Configuration, auth);
        await using var second = new ReplicaProcess("replica 2", redis.Configuration, auth);
        await OneLeaderAsync(first, second); // started together: either may lead

        var cookies = new CookieContainer();
        using var onFirst = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = first.BaseAddress };
        using var signedIn = await AccessApp.SignInAsync(onFirst, "olga", AccessApp.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync("/api/topology")).StatusCode);

        using var onSecond = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = second.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await onSecond.GetAsync("/api/topology")).StatusCode); // not without it
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/topology");
        withCookie.Headers.Add("Cookie", cookies.GetCookieHeader(first.BaseAddress));
        using var answer = await onSecond.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task Without_Redis_each_replica_says_so_and_serves_live_changes_alone_and_one_leads_again_when_it_returns()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await using var docker = new DockerCli();
        await using var pair = await ReplicaPair.StartAsync(redis);
        var (first, second) = (pair.First, pair.Second);
        await using var onFirst = new HubTestClient(first.BaseAddress, messagePack: false);
        await using var onSecond = new HubTestClient(second.BaseAddress, messagePack: false);
        await onFirst.StartAsync();
        await onSecond.StartAsync();

        redis.Stop();
        foreach (var replica in new[] { first, second })
        {
            await replica.WaitForRoleAsync("alone", TimeSpan.FromSeconds(15));
            var problem = (await replica.HealthAsync())!.Value.Problem;
            Assert.Equal($"Redis at {redis.Configuration} cannot be reached, so this replica watches the daemons on its own and may differ from the others until Redis answers again.", problem);
        }
        var revisionsBefore = (onFirst.Document!.Revision, onSecond.Document!.Revision);
        var id = await docker.RunAsync("alone");
        await onFirst.WaitForAsync(t => Running(t, id), Live, "the container on replica 1, without Redis");
        await onSecond.WaitForAsync(t => Running(t, id), Live, "the container on replica 2, without Redis");
        await using (var newcomer = new HubTestClient(second.BaseAddress, messagePack: true))
        {
            await newcomer.StartAsync(); // a new hub connection is served without Redis too
            Assert.True(Running(newcomer.Document!, id));
        }
        Assert.Equal(1, onSecond.Snapshots);
        Assert.Equal(0, onSecond.Gaps);

        await redis.StartAsync();
        await OneLeaderAsync(first, second);
        Assert.Null((await first.HealthAsync())!.Value.Problem);
        Assert.Null((await second.HealthAsync())!.Value.Problem);
        // The last revision either made on its own, read from the replicas themselves: a hub client may not have
        // received its replica's last revision of the time apart yet.
        var apart = Math.Max((await first.TopologyAsync()).Revision, (await second.TopologyAsync()).Revision);

        var again = await docker.RunAsync("rejoined");
        var a = await onFirst.WaitForAsync(t => Running(t, again), Live, "a later container on replica 1");
        var b = await onSecond.WaitForAsync(t => Running(t, again), Live, "a later container on replica 2");
        Assert.True(a.Revision > revisionsBefore.Item1 && b.Revision > revisionsBefore.Item2);
        Assert.Equal(0, onFirst.Gaps + onSecond.Gaps); // revisions only went forward on both
        await SameRevisionsAsync(onFirst, onSecond, Math.Max(a.Revision, b.Revision), after: apart);
        await SameBytesAsync(first, second);
    }

    /// <summary>Waits until one of the two leads and the other follows.</summary>
    private static Task OneLeaderAsync(ReplicaProcess one, ReplicaProcess other) =>
        Eventually.WaitUntilAsync(async () =>
        {
            var roles = new[] { (await one.HealthAsync())?.Role, (await other.HealthAsync())?.Role };
            return roles.Count(r => r == "leader") == 1 && roles.Count(r => r == "follower") == 1;
        }, "one leader and one follower", TimeSpan.FromSeconds(60), () => one.Output + "\n---\n" + other.Output, TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task A_replica_started_while_Redis_is_down_serves_its_pages_alone_and_leads_once_Redis_answers()
    {
        await using var redis = await RedisServer.StartNewAsync();
        redis.Stop();
        await using var replica = new ReplicaProcess("replica 1", redis.Configuration);
        await replica.WaitForRoleAsync("alone");
        Assert.StartsWith($"Redis at {redis.Configuration} cannot be reached", (await replica.HealthAsync())!.Value.Problem);
        using (var page = await replica.Http.GetAsync("/")) // its pages need the sign-in keys, kept locally too
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        Assert.True((await replica.TopologyAsync()).Revision > 0);

        await redis.StartAsync();
        await replica.WaitForRoleAsync("leader", TimeSpan.FromSeconds(20));
        Assert.Null((await replica.HealthAsync())!.Value.Problem);
        using (var page = await replica.Http.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    private static bool Running(Core.Model.TopologySnapshot t, string id) => t.Containers.Any(c => c.Id == id && c.State == "running");

    /// <summary>
    /// Both clients reach <paramref name="revision"/>, and every revision both held (above <paramref name="after"/>:
    /// replicas apart from each other number their own) is the same document.
    /// </summary>
    private static async Task SameRevisionsAsync(HubTestClient one, HubTestClient other, long revision, long after = 0)
    {
        await one.WaitForAsync(t => t.Revision >= revision, Live, $"revision {revision} on the first client");
        await other.WaitForAsync(t => t.Revision >= revision, Live, $"revision {revision} on the second client");
        var shared = one.Documents.Keys.Intersect(other.Documents.Keys).Where(r => r > after).ToList();
        Assert.Contains(revision, shared);
        Assert.All(shared, r => Assert.Equal(one.Documents[r], other.Documents[r]));
    }

    /// <summary><c>GET /api/topology</c> answers the same bytes on both replicas once both serve the same revision.</summary>
    internal static async Task SameBytesAsync(ReplicaProcess one, ReplicaProcess other)
    {
        (long Revision, byte[] Body) a = default, b = default;
        await Eventually.WaitUntilAsync(async () =>
        {
            a = await one.TopologyAsync();
            b = await other.TopologyAsync();
            return a.Revision == b.Revision;
        }, "both replicas at the same revision", Live, () => $"{a.Revision} and {b.Revision}", TimeSpan.FromMilliseconds(50));
        Assert.Equal(a.Body, b.Body);
    }
}
