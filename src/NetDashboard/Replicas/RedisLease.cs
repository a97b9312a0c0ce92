using StackExchange.Redis;

namespace NetDashboard.Replicas;

/// <summary>
/// The leader's lease: one Redis key holding the leader's id, set only where absent (<c>SET NX PX</c>), renewed and
/// released only by its holder (compare-and-set scripts), gone by itself <see cref="Duration"/> after the leader's
/// last renewal, so a dead leader is replaced.
/// </summary>
public sealed class RedisLease(ReplicaRedis redis, string holder, TimeSpan duration)
{
    private const string RenewScript = """
        if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
        return 0
        """;

    public TimeSpan Duration { get; } = duration;

    public string Holder { get; } = holder;

    private long Milliseconds => (long)Duration.TotalMilliseconds;

    /// <summary>Takes the lease if nobody holds it; true when this replica holds it now.</summary>
    public Task<bool> TryAcquireAsync() => redis.Database.StringSetAsync(redis.LeaderKey, Holder, Duration, When.NotExists);

    /// <summary>Extends the lease if this replica still holds it; false when it has lost it.</summary>
    public async Task<bool> RenewAsync() =>
        (long)await redis.Database.ScriptEvaluateAsync(RenewScript, [redis.LeaderKey], [Holder, Milliseconds]) == 1;

    /// <summary>Gives the lease up (on a clean stop), so another replica leads at once instead of after it expires.</summary>
    public async Task ReleaseAsync() =>
        await redis.Database.ScriptEvaluateAsync(ReleaseScript, [redis.LeaderKey], [Holder]);

    /// <summary>Who leads now, or null.</summary>
    public async Task<string?> LeaderAsync() => await redis.Database.StringGetAsync(redis.LeaderKey);
}
