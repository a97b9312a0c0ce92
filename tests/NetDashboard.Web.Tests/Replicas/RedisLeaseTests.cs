using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Replicas;

namespace NetDashboard.Web.Tests.Replicas;

/// <summary>The leader's lease on a real Redis: one holder at a time, renewed and released only by it, gone by itself when not renewed.</summary>
public sealed class RedisLeaseTests
{
    [Fact]
    public async Task One_holder_at_a_time_renewed_and_released_only_by_it_and_expiring_when_not_renewed()
    {
        await using var server = await RedisServer.StartNewAsync();
        using var redis = new ReplicaRedis(Options.Create(new ReplicaOptions { Redis = server.Configuration, KeyPrefix = "lease-test" }));
        var a = new RedisLease(redis, "a", TimeSpan.FromSeconds(1));
        var b = new RedisLease(redis, "b", TimeSpan.FromSeconds(1));

        Assert.True(await a.TryAcquireAsync());
        Assert.False(await b.TryAcquireAsync());
        Assert.False(await b.RenewAsync()); // not b's to renew
        Assert.True(await a.RenewAsync());
        Assert.Equal("a", await a.LeaderAsync());

        await b.ReleaseAsync(); // not b's to release
        Assert.Equal("a", await b.LeaderAsync());
        await a.ReleaseAsync();
        Assert.Null(await a.LeaderAsync());

        Assert.True(await b.TryAcquireAsync()); // then b stops renewing, as a dead leader does
        await Eventually.WaitUntilAsync(async () => await a.TryAcquireAsync(), "the unrenewed lease expiring and a taking it", TimeSpan.FromSeconds(5));
        Assert.Equal("a", await b.LeaderAsync());
        Assert.False(await b.RenewAsync());
    }
}
