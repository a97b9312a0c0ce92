using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Monitoring;
using StackExchange.Redis;

namespace NetDashboard.Replicas;

/// <summary>
/// How the leader's revisions reach the followers. For every revision the leader, in one script that first checks it
/// still holds the lease, stores the whole document under the "latest" key, raises the "floor" (the highest revision
/// any replica has served) to it and publishes a small message: the revision, its time and the store's delta from
/// the revision before. A follower applies a delta that starts at its own revision (<see cref="TopologyDiff.Apply"/>,
/// which rebuilds the leader's document exactly, as the time-travel history does) and otherwise — a gap, a start, a
/// reconnection — reads the latest document. Both are the API's own JSON (<see cref="TopologyJson"/>).
/// </summary>
public sealed class RevisionFeed(ReplicaRedis redis, TopologyStore store, ILogger logger)
{
    /// <summary>The pub/sub message: the revision and, when it follows the one before, the delta from that one.</summary>
    public sealed record Message(long Revision, DateTimeOffset GeneratedAt, TopologyDelta? Delta);

    public enum Outcome { Published, NotLeader, Behind }

    // KEYS: leader, floor, latest. ARGV: holder, revision, document, message, channel, 1 when the floor itself may be written again.
    private const string PublishScript = """
        if redis.call('get', KEYS[1]) ~= ARGV[1] then return -1 end
        local floor = tonumber(redis.call('get', KEYS[2]) or '0')
        local revision = tonumber(ARGV[2])
        if revision < floor or (revision == floor and ARGV[6] ~= '1') then return floor end
        redis.call('set', KEYS[2], ARGV[2])
        redis.call('set', KEYS[3], ARGV[3])
        redis.call('publish', ARGV[5], ARGV[4])
        return -2
        """;

    private const string RaiseFloorScript = """
        local floor = tonumber(redis.call('get', KEYS[1]) or '0')
        if tonumber(ARGV[1]) > floor then redis.call('set', KEYS[1], ARGV[1]) end
        return floor
        """;

    /// <summary>
    /// Publishes one revision of the leader (<paramref name="delta"/> null: the whole document only, e.g. the current
    /// one when a replica starts leading; it may repeat the floor). <see cref="Outcome.Behind"/> with the floor when
    /// another replica already served this revision number: the caller advances past it and publishes again.
    /// </summary>
    public async Task<(Outcome Outcome, long Floor)> PublishAsync(string holder, TopologySnapshot snapshot, TopologyDelta? delta)
    {
        var document = TopologyJson.SerializeToUtf8(snapshot);
        var message = TopologyJson.SerializeToUtf8(new Message(snapshot.Revision, snapshot.GeneratedAt, delta));
        var result = (long)await redis.Database.ScriptEvaluateAsync(PublishScript,
            [redis.LeaderKey, redis.FloorKey, redis.LatestKey],
            [holder, snapshot.Revision, document, message, redis.RevisionChannel.ToString(), delta is null ? "1" : "0"]);
        return result switch
        {
            -2 => (Outcome.Published, snapshot.Revision),
            -1 => (Outcome.NotLeader, 0),
            _ => (Outcome.Behind, result),
        };
    }

    /// <summary>Makes sure the leader numbers its next revisions above <paramref name="revision"/> (one this replica served).</summary>
    public async Task RaiseFloorAsync(long revision) =>
        await redis.Database.ScriptEvaluateAsync(RaiseFloorScript, [redis.FloorKey], [revision]);

    /// <summary>The floor: the highest revision any replica has served (0 when none).</summary>
    public async Task<long> FloorAsync() => (long?)await redis.Database.StringGetAsync(redis.FloorKey) ?? 0;

    /// <summary>A follower's handling of one message, in order of arrival.</summary>
    public async Task ReceiveAsync(RedisValue payload)
    {
        var message = System.Text.Json.JsonSerializer.Deserialize<Message>((byte[])payload!, TopologyJson.Options);
        var current = store.Current;
        if (message is null || message.Revision <= current.Revision)
        {
            return;
        }
        if (message.Delta is { } delta && delta.FromRevision == current.Revision && delta.ToRevision == message.Revision)
        {
            store.Follow(TopologyDiff.Apply(current, delta, message.GeneratedAt), delta);
            return;
        }
        await CatchUpAsync();
    }

    /// <summary>Takes the latest document the leader stored, when it is newer than the current one.</summary>
    public async Task CatchUpAsync()
    {
        var latest = await redis.Database.StringGetAsync(redis.LatestKey);
        if (latest.IsNull)
        {
            return;
        }
        var snapshot = System.Text.Json.JsonSerializer.Deserialize<TopologySnapshot>((byte[])latest!, TopologyJson.Options);
        if (snapshot is not null && store.Follow(snapshot))
        {
            logger.LogDebug("Caught up with the leader at revision {Revision}.", snapshot.Revision);
        }
    }
}
