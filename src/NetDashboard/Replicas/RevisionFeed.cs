using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.Monitoring;
using StackExchange.Redis;

namespace NetDashboard.Replicas;

/// <summary>
/// How the leader's revisions reach the followers. For every revision the leader, in one script that first checks it
/// still holds the lease, raises the "floor" (the highest revision any replica has served) to it, publishes a small
/// message — the revision, its time and the store's delta from the revision before — and keeps what a follower
/// needs to catch up: mostly just that message, appended to the "deltas" list; the whole document goes under the
/// "latest" key (and the list starts again) only when this replica starts leading, when a delta would not continue
/// the chain Redis holds, after <see cref="MaxDeltas"/> deltas, or once the deltas since the last document add up to
/// more bytes than that document. So Redis receives about twice the deltas' bytes per revision instead of the whole
/// document, and a catch-up reads at most the document and as many bytes again of deltas.
/// A follower applies a delta that starts at its own revision (<see cref="TopologyDiff.Apply"/>, which rebuilds the
/// leader's document exactly, as the time-travel history does) and otherwise — a gap, a start, a reconnection —
/// reads the latest document and the deltas after it in one script. Both are the API's own JSON (<see cref="TopologyJson"/>).
/// </summary>
public sealed class RevisionFeed(ReplicaRedis redis, TopologyStore store, ILogger logger)
{
    /// <summary>The most deltas kept after the latest document before the leader writes the whole document again.</summary>
    public const int MaxDeltas = 100;

    /// <summary>The pub/sub message: the revision and, when it follows the one before, the delta from that one.</summary>
    public sealed record Message(long Revision, DateTimeOffset GeneratedAt, TopologyDelta? Delta);

    public enum Outcome { Published, NotLeader, Behind }

    // KEYS: leader, floor, latest, deltas, chain end. ARGV: holder, revision, document (when whole), message, channel,
    // 1 when the floor itself may be written again, 1 when the whole document is written, the delta's first revision.
    // -3: a delta that does not continue the chain Redis holds (another leader wrote since, or Redis lost it).
    private const string PublishScript = """
        if redis.call('get', KEYS[1]) ~= ARGV[1] then return -1 end
        local floor = tonumber(redis.call('get', KEYS[2]) or '0')
        local revision = tonumber(ARGV[2])
        if revision < floor or (revision == floor and ARGV[6] ~= '1') then return floor end
        if ARGV[7] ~= '1' and redis.call('get', KEYS[5]) ~= ARGV[8] then return -3 end
        redis.call('set', KEYS[2], ARGV[2])
        if ARGV[7] == '1' then
          redis.call('set', KEYS[3], ARGV[3])
          redis.call('del', KEYS[4])
        else
          redis.call('rpush', KEYS[4], ARGV[4])
        end
        redis.call('set', KEYS[5], ARGV[2])
        redis.call('publish', ARGV[5], ARGV[4])
        return -2
        """;

    // KEYS: latest, deltas. The document and the deltas after it, read together.
    private const string ReadScript = "return { redis.call('get', KEYS[1]), redis.call('lrange', KEYS[2], 0, -1) }";

    private const string RaiseFloorScript = """
        local floor = tonumber(redis.call('get', KEYS[1]) or '0')
        if tonumber(ARGV[1]) > floor then redis.call('set', KEYS[1], ARGV[1]) end
        return floor
        """;

    // The leader's side (one publishing loop at a time): what was appended since the last whole document.
    private int _deltasSinceDocument;
    private long _deltaBytesSinceDocument;
    private long _documentBytes;

    /// <summary>How many times this replica wrote the whole document (the rest of its revisions went as deltas).</summary>
    public int DocumentsWritten { get; private set; }

    /// <summary>How many revisions this replica published.</summary>
    public int RevisionsPublished { get; private set; }

    /// <summary>
    /// Publishes one revision of the leader (<paramref name="delta"/> null: the whole document only, e.g. the current
    /// one when a replica starts leading; it may repeat the floor). <see cref="Outcome.Behind"/> with the floor when
    /// another replica already served this revision number: the caller advances past it and publishes again.
    /// </summary>
    public async Task<(Outcome Outcome, long Floor)> PublishAsync(string holder, TopologySnapshot snapshot, TopologyDelta? delta)
    {
        var message = TopologyJson.SerializeToUtf8(new Message(snapshot.Revision, snapshot.GeneratedAt, delta));
        var whole = delta is null || _deltasSinceDocument >= MaxDeltas || _deltaBytesSinceDocument + message.Length > _documentBytes;
        while (true)
        {
            var document = whole ? TopologyJson.SerializeToUtf8(snapshot) : [];
            var result = (long)await redis.Database.ScriptEvaluateAsync(PublishScript,
                [redis.LeaderKey, redis.FloorKey, redis.LatestKey, redis.DeltasKey, redis.ChainEndKey],
                [holder, snapshot.Revision, document, message, redis.RevisionChannel.ToString(), delta is null ? "1" : "0",
                    whole ? "1" : "0", delta?.FromRevision ?? -1]);
            switch (result)
            {
                case -2:
                    RevisionsPublished++;
                    if (whole)
                    {
                        DocumentsWritten++;
                        (_deltasSinceDocument, _deltaBytesSinceDocument, _documentBytes) = (0, 0, document.Length);
                    }
                    else
                    {
                        _deltasSinceDocument++;
                        _deltaBytesSinceDocument += message.Length;
                    }
                    return (Outcome.Published, snapshot.Revision);
                case -3 when !whole:
                    whole = true; // the chain in Redis ends elsewhere: start it again from this document
                    continue;
                case -1:
                    return (Outcome.NotLeader, 0);
                default:
                    return (Outcome.Behind, result);
            }
        }
    }

    /// <summary>Makes sure the leader numbers its next revisions above <paramref name="revision"/> (one this replica served).</summary>
    public async Task RaiseFloorAsync(long revision) =>
        await redis.Database.ScriptEvaluateAsync(RaiseFloorScript, [redis.FloorKey], [revision]);

    /// <summary>The floor: the highest revision any replica has served (0 when none).</summary>
    public async Task<long> FloorAsync() => (long?)await redis.Database.StringGetAsync(redis.FloorKey) ?? 0;

    /// <summary>A follower's handling of one message, in order of arrival.</summary>
    /// <summary>
    /// The revision of the current document when it is the leader's (taken from it, or a delta of its applied to one of
    /// its); -1 while it is this replica's own — after a time apart the same number may be a different document, and a
    /// leader's delta applied to it would make a third.
    /// </summary>
    private long _leaderBase = -1;

    /// <summary>The current document is this replica's own (it observed alone or led): the next change comes whole.</summary>
    public void ForgetBase() => _leaderBase = -1;

    public async Task ReceiveAsync(RedisValue payload)
    {
        var message = System.Text.Json.JsonSerializer.Deserialize<Message>((byte[])payload!, TopologyJson.Options);
        var current = store.Current;
        if (message is null || message.Revision <= current.Revision)
        {
            return;
        }
        if (message.Delta is { } delta && delta.FromRevision == current.Revision && _leaderBase == current.Revision && delta.ToRevision == message.Revision
            && store.Follow(TopologyDiff.Apply(current, delta, message.GeneratedAt), delta))
        {
            _leaderBase = message.Revision;
            return;
        }
        await CatchUpAsync();
    }

    /// <summary>
    /// Takes the latest document the leader stored and the deltas after it, as far as they are newer than the current
    /// revision and continue it.
    /// </summary>
    public async Task CatchUpAsync()
    {
        var reply = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(ReadScript, [redis.LatestKey, redis.DeltasKey]))!;
        if (reply[0].IsNull)
        {
            return;
        }
        var snapshot = System.Text.Json.JsonSerializer.Deserialize<TopologySnapshot>((byte[])reply[0]!, TopologyJson.Options);
        if (snapshot is null)
        {
            return;
        }
        // The leader's chain, built on its own document (never on this replica's, which may differ at the same number).
        var chain = new List<(TopologySnapshot Snapshot, TopologyDelta? Delta)> { (snapshot, null) };
        foreach (var entry in (RedisResult[])reply[1]!)
        {
            var message = System.Text.Json.JsonSerializer.Deserialize<Message>((byte[])entry!, TopologyJson.Options);
            var last = chain[^1].Snapshot;
            if (message?.Delta is { } delta && delta.FromRevision == last.Revision && delta.ToRevision == message.Revision)
            {
                chain.Add((TopologyDiff.Apply(last, delta, message.GeneratedAt), delta));
            }
        }
        var before = store.Current.Revision;
        foreach (var (document, delta) in chain.Where(c => c.Snapshot.Revision > before))
        {
            // A delta only continues what this replica holds when that is the leader's; else the document goes whole.
            var continues = delta is not null && _leaderBase == store.Current.Revision && delta.FromRevision == store.Current.Revision;
            if (store.Follow(document, continues ? delta : null))
            {
                _leaderBase = document.Revision;
            }
        }
        if (store.Current.Revision > before)
        {
            logger.LogDebug("Caught up with the leader at revision {Revision}.", store.Current.Revision);
        }
    }
}
