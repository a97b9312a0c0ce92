using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Monitoring;
using StackExchange.Redis;

namespace NetDashboard.Replicas;

/// <summary>
/// Decides, every third of a lease, what this replica is: it renews the lease while it leads, otherwise tries to take
/// it; the leader observes (<see cref="IObservingTurns"/>) and publishes every revision of its own
/// (<see cref="RevisionFeed"/>), a follower stops observing and takes the leader's revisions. When Redis cannot be
/// reached the replica says so once (<see cref="ReplicaStatus.Problem"/>, the log) and observes on its own; when Redis
/// answers again the lease decides again, and a replica that served revisions meanwhile raises the floor so the
/// leader's next revision is above them (the leader checks the floor at every renewal): nobody's revision goes back.
/// </summary>
public sealed class ReplicaCoordinator : BackgroundService, IObservingTurns
{
    private readonly ReplicaRedis _redis;
    private readonly TopologyStore _store;
    private readonly ReplicaStatus _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RedisLease _lease;
    private readonly RevisionFeed _feed;
    private readonly Lock _gate = new();
    private readonly Channel<TopologyChange?> _outbox = Channel.CreateUnbounded<TopologyChange?>(new UnboundedChannelOptions { SingleReader = true });
    private TaskCompletionSource<CancellationToken> _nextTurn = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _turn;
    private ChannelMessageQueue? _subscription;
    private IDisposable? _storeSubscription;
    private volatile ReplicaRole _role = ReplicaRole.Starting;

    public ReplicaCoordinator(ReplicaRedis redis, TopologyStore store, ReplicaStatus status, IOptions<ReplicaOptions> options,
        TimeProvider time, ILogger<ReplicaCoordinator> logger)
    {
        _redis = redis;
        _store = store;
        _status = status;
        _time = time;
        _logger = logger;
        Id = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}"[..^24];
        _lease = new RedisLease(redis, Id, TimeSpan.FromSeconds(options.Value.LeaseSeconds));
        _feed = new RevisionFeed(redis, store, logger);
        status.Set(ReplicaRole.Starting, Id, null);
    }

    /// <summary>This replica's id (the lease's value while it leads).</summary>
    public string Id { get; }

    public ReplicaRole Role => _role;

    private TimeSpan RenewInterval => _lease.Duration / 3;

    public async ValueTask<CancellationToken> WaitForTurnAsync(CancellationToken stoppingToken)
    {
        Task<CancellationToken> next;
        lock (_gate)
        {
            next = _nextTurn.Task;
        }
        return await next.WaitAsync(stoppingToken);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The leader's own revisions, in order, to the feed (a follower's followed ones never go back out).
        _storeSubscription = _store.Subscribe(change =>
        {
            if (!change.Followed && _role == ReplicaRole.Leader)
            {
                _outbox.Writer.TryWrite(change);
            }
        });
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var publishing = Task.Run(() => PublishLoopAsync(stoppingToken), CancellationToken.None);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_redis.Connection.IsConnected)
                {
                    await DecideAsync();
                    Reached();
                }
                else
                {
                    Unreachable("not connected");
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                Unreachable(ex.GetType().Name);
            }
            try
            {
                await Task.Delay(RenewInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        _outbox.Writer.TryComplete();
        await publishing;
    }

    private async Task DecideAsync()
    {
        _subscription ??= await SubscribeAsync();
        if (_role == ReplicaRole.Leader)
        {
            if (!await _lease.RenewAsync())
            {
                _logger.LogWarning("Replica {Id} lost the lease; it follows the new leader.", Id);
                await FollowAsync();
                return;
            }
            if (await _feed.FloorAsync() is var floor && floor > _store.Current.Revision)
            {
                _store.Advance(floor + 1); // another replica served revisions up to the floor while apart
            }
            return;
        }
        // Still ours (Redis was away for less than a lease: renew it rather than wait for it to expire), or free.
        if (await _lease.RenewAsync() || await _lease.TryAcquireAsync())
        {
            if (await _feed.FloorAsync() is var floor && floor > _store.Current.Revision)
            {
                _store.Advance(floor + 1); // number above what the others served while apart, before anything is shown
            }
            Lead();
            return;
        }
        if (_role != ReplicaRole.Follower)
        {
            await FollowAsync();
        }
    }

    private void Lead()
    {
        _logger.LogInformation("Replica {Id} leads: it watches the daemons and publishes every revision.", Id);
        SetRole(ReplicaRole.Leader, null);
        BeginTurn();
        _outbox.Writer.TryWrite(null); // the current document first, so a follower that starts now has it
    }

    private async Task FollowAsync()
    {
        var wasObserving = _role is ReplicaRole.Leader or ReplicaRole.Alone or ReplicaRole.Starting;
        EndTurn();
        _feed.ForgetBase(); // what it shows now is its own: the leader's next change comes whole
        _store.StartFollowing();
        SetRole(ReplicaRole.Follower, null);
        if (wasObserving)
        {
            _logger.LogInformation("Replica {Id} follows the leader {Leader}.", Id, await _lease.LeaderAsync() ?? "(none yet)");
        }
        await _feed.RaiseFloorAsync(_store.Current.Revision);
        await _feed.CatchUpAsync();
    }

    private async Task<ChannelMessageQueue> SubscribeAsync()
    {
        var queue = await _redis.Connection.GetSubscriber().SubscribeAsync(_redis.RevisionChannel);
        queue.OnMessage(async message =>
        {
            if (_role != ReplicaRole.Follower)
            {
                return;
            }
            try
            {
                await _feed.ReceiveAsync(message.Message);
            }
            catch (Exception ex)
            {
                _logger.LogWarning("A revision from the leader could not be taken ({Reason}); the next one catches up.", ex.GetType().Name);
            }
        });
        return queue;
    }

    private async Task PublishLoopAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in _outbox.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (_role != ReplicaRole.Leader || stoppingToken.IsCancellationRequested)
            {
                continue;
            }
            var snapshot = change?.Snapshot ?? _store.Current;
            try
            {
                var (outcome, floor) = await _feed.PublishAsync(Id, snapshot, change?.Delta);
                if (outcome == RevisionFeed.Outcome.Behind)
                {
                    _store.Advance(floor + 1); // the advanced revision comes back through the outbox
                }
                else if (outcome == RevisionFeed.Outcome.NotLeader)
                {
                    _logger.LogInformation("Replica {Id} could not publish revision {Revision}: it no longer holds the lease.", Id, snapshot.Revision);
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Redis went away: the next decision notices; once back, a new leader publishes its whole document.
            }
            catch (Exception ex)
            {
                _logger.LogWarning("Revision {Revision} could not be published to the other replicas ({Reason}).", snapshot.Revision, ex.GetType().Name);
            }
        }
    }

    private void Reached()
    {
        if (_status.Problem is not null)
        {
            _logger.LogInformation("Redis at {Where} answers again; replica {Id} is {Role}.", _redis.Where, Id, _role);
            SetRole(_role, null);
        }
    }

    private void Unreachable(string reason)
    {
        if (_role == ReplicaRole.Alone)
        {
            return;
        }
        var sentence = $"Redis at {_redis.Where} cannot be reached, so this replica watches the daemons on its own and may differ from the others until Redis answers again.";
        _logger.LogWarning("{Sentence} ({Reason})", sentence, reason);
        // A leader keeps observing through the outage without a break; a follower starts (continuing its revisions).
        SetRole(ReplicaRole.Alone, sentence);
        BeginTurn();
    }

    private void SetRole(ReplicaRole role, string? problem)
    {
        _role = role;
        _status.Set(role, Id, problem);
    }

    private void BeginTurn()
    {
        lock (_gate)
        {
            if (_turn is not null)
            {
                return;
            }
            _turn = new CancellationTokenSource();
            _nextTurn.TrySetResult(_turn.Token);
        }
    }

    private void EndTurn()
    {
        CancellationTokenSource? ended;
        lock (_gate)
        {
            ended = _turn;
            if (ended is null)
            {
                return;
            }
            _turn = null;
            _nextTurn = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        ended.Cancel();
        ended.Dispose();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _storeSubscription?.Dispose();
        await base.StopAsync(cancellationToken);
        if (_role == ReplicaRole.Leader)
        {
            try
            {
                await _lease.ReleaseAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                _logger.LogInformation("Replica {Id} stopped and gave up the lease.", Id);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
            {
                // The lease expires by itself.
            }
        }
        EndTurn();
    }
}
