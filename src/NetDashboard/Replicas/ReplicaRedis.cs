using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using StackExchange.Redis;

namespace NetDashboard.Replicas;

/// <summary>
/// The one Redis connection of this replica (lease, revision feed, hub backplane, Data Protection keys) and the names
/// of its keys. Calls fail at once while Redis is unreachable (no backlog), so a replica notices and carries on alone;
/// the connection keeps retrying in the background.
/// </summary>
public sealed class ReplicaRedis(IOptions<ReplicaOptions> options) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection = new(() => ConnectionMultiplexer.Connect(Configure(options.Value.Redis!)));

    /// <summary>All keys share one hash slot (<c>{prefix}</c>), so the scripts may touch them together on a cluster too.</summary>
    private string Prefix => "{" + options.Value.KeyPrefix + "}:";

    public RedisKey LeaderKey => Prefix + "leader";
    public RedisKey LatestKey => Prefix + "latest";
    public RedisKey FloorKey => Prefix + "floor";
    /// <summary>The leader's deltas since the document under <see cref="LatestKey"/>, oldest first (a list).</summary>
    public RedisKey DeltasKey => Prefix + "deltas";
    /// <summary>The revision the latest document and its deltas reach (the end of the chain a delta must continue).</summary>
    public RedisKey ChainEndKey => Prefix + "chain-end";
    public RedisKey DataProtectionKey => Prefix + "dataprotection-keys";
    public RedisChannel RevisionChannel => RedisChannel.Literal(Prefix + "revisions");
    /// <summary>The SignalR backplane's channel prefix.</summary>
    public string HubChannelPrefix => Prefix + "hubs";

    /// <summary>What the user configured, without secrets, for sentences ("Redis at localhost:6379").</summary>
    public string Where => string.Join(", ", ConfigurationOptions.Parse(options.Value.Redis!).EndPoints.Select(e => e.ToString()));

    public ConnectionMultiplexer Connection => _connection.Value;

    public IDatabase Database => Connection.GetDatabase();

    public static ConfigurationOptions Configure(string configuration)
    {
        var c = ConfigurationOptions.Parse(configuration);
        c.AbortOnConnectFail = false;
        c.BacklogPolicy = BacklogPolicy.FailFast;
        c.ConnectTimeout = Math.Min(c.ConnectTimeout, 2000);
        c.AsyncTimeout = Math.Min(c.AsyncTimeout, 2000);
        c.SyncTimeout = Math.Min(c.SyncTimeout, 2000);
        c.ConnectRetry = Math.Max(c.ConnectRetry, 1);
        c.ReconnectRetryPolicy = new LinearRetry(500);
        c.ClientName ??= "netdashboard";
        return c;
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }
}
