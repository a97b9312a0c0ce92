namespace NetDashboard.TestSupport;

/// <summary>
/// Two replica processes on <paramref name="redis"/>: the first started until it leads, then the second until it
/// follows. Disposing stops both (the Redis server is the caller's).
/// </summary>
public sealed class ReplicaPair : IAsyncDisposable
{
    private ReplicaPair(ReplicaProcess first, ReplicaProcess second) => (First, Second) = (first, second);

    /// <summary>The replica that led first ("replica 1").</summary>
    public ReplicaProcess First { get; }

    /// <summary>The replica that followed it ("replica 2").</summary>
    public ReplicaProcess Second { get; }

    public static async Task<ReplicaPair> StartAsync(RedisServer redis, IReadOnlyDictionary<string, string>? settings = null)
    {
        var first = new ReplicaProcess("replica 1", redis.Configuration, settings);
        ReplicaProcess? second = null;
        try
        {
            await first.WaitForRoleAsync("leader");
            second = new ReplicaProcess("replica 2", redis.Configuration, settings);
            await second.WaitForRoleAsync("follower");
            return new ReplicaPair(first, second);
        }
        catch
        {
            if (second is not null)
                await second.DisposeAsync();
            await first.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
