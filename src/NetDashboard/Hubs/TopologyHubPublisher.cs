using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Hubs;

/// <summary>
/// The hub's one subscription to the <see cref="TopologyStore"/> (one monitor, however many clients).
/// The store's callback (on the hub's own subscription reader) only collects the store's delta and the newest snapshot
/// and wakes the pump; the pump publishes a change at once when the last publish is at least <see cref="CoalesceWindow"/>
/// old, else at the end of that window, merging whatever arrived meanwhile into one delta
/// (<see cref="TopologyDeltaMerge.Merge"/> of the store's deltas, equal to diffing the last published snapshot and the
/// newest): a burst costs one message per window, and a lone change waits for nothing. It hands each delta to every
/// connection's bounded queue. Each connection has its own writer
/// task, so a slow client only stalls itself; when its queue overflows, its pending deltas are dropped and it gets a
/// fresh Snapshot instead. Queue handling and "which revision was published last" share one lock, so a connection's
/// Snapshot and the deltas after it always line up (fromRevision of the first delta = the Snapshot's revision).
/// </summary>
public sealed class TopologyHubPublisher(
    TopologyStore store,
    IHubContext<TopologyHub, ITopologyClient> hub,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService
{
    /// <summary>The shortest time between two published deltas; what arrives within it is merged into the next one.</summary>
    public static TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Messages a connection may have pending before it is switched to a fresh Snapshot.</summary>
    public const int QueueCapacity = 64;

    private readonly IHubContext<TopologyHub, ITopologyClient> _hub = hub;
    private readonly ILogger _logger = loggers.CreateLogger<TopologyHubPublisher>();
    private readonly ILogger _latency = loggers.CreateLogger(LatencyLog.Category);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<TopologyDelta> _pending = []; // the store's deltas since _published; under _gate
    private readonly List<(long Revision, ChangeTiming? Timing)> _pendingTimings = []; // under _gate, when the latency log is on
    private TopologySnapshot _latest = TopologySnapshot.Empty; // where _pending leads; under _gate
    private TopologySnapshot _published = TopologySnapshot.Empty;
    private IDisposable? _subscription;
    private Task _pump = Task.CompletedTask;

    public int ConnectionCount { get { lock (_gate) { return _connections.Count; } } }

    /// <summary>Deltas published so far (after coalescing); for tests and the bench.</summary>
    public long PublishedDeltas { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = store.Subscribe(
            current =>
            {
                lock (_gate)
                {
                    _latest = current;
                    _published = current;
                }
            },
            OnChange);
        _pump = Task.Run(() => PumpAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        await _stopping.CancelAsync();
        _wake.Writer.TryComplete();
        try { await _pump.WaitAsync(cancellationToken); } catch (OperationCanceledException) { }
        lock (_gate)
        {
            foreach (var c in _connections.Values) c.Close();
            _connections.Clear();
        }
    }

    // On the hub's subscription reader, every change in order: collect and wake the pump.
    private void OnChange(TopologyChange change)
    {
        lock (_gate)
        {
            _pending.Add(change.Delta);
            _latest = change.Snapshot;
            if (_latency.IsEnabled(LogLevel.Debug))
            {
                _pendingTimings.Add((change.Snapshot.Revision, change.Timing));
            }
        }
        _wake.Writer.TryWrite(true);
    }

    private async Task PumpAsync(CancellationToken ct)
    {
        long? lastPublish = null;
        try
        {
            while (await _wake.Reader.WaitToReadAsync(ct))
            {
                _wake.Reader.TryRead(out _);
                var since = lastPublish is { } last ? time.GetElapsedTime(last) : TimeSpan.MaxValue;
                if (since < CoalesceWindow)
                {
                    await Task.Delay(CoalesceWindow - since, time, ct);
                    _wake.Reader.TryRead(out _); // anything that arrived meanwhile is in _pending already
                }
                lastPublish = time.GetTimestamp();
                PublishLatest();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void PublishLatest()
    {
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            var delta = TopologyDeltaMerge.Merge(_published, _pending);
            _pending.Clear();
            _published = _latest;
            PublishedDeltas++;
            var message = new Message(null, delta);
            foreach (var connection in _connections.Values)
            {
                connection.Enqueue(message);
            }
            LatencyLog.Write(_latency, _pendingTimings, time.GetUtcNow());
            _pendingTimings.Clear();
        }
    }

    internal void Attach(string connectionId)
    {
        lock (_gate)
        {
            var connection = new Connection(connectionId, this);
            _connections[connectionId] = connection;
            connection.Enqueue(new Message(_published, null));
            connection.Start();
        }
    }

    internal void Detach(string connectionId)
    {
        lock (_gate)
        {
            if (_connections.Remove(connectionId, out var connection))
            {
                connection.Close();
            }
        }
    }

    internal void Resync(string connectionId)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue(connectionId, out var connection))
            {
                connection.ResetToSnapshot(_published);
            }
        }
    }

    private sealed record Message(TopologySnapshot? Snapshot, TopologyDelta? Delta);

    private sealed class Connection(string id, TopologyHubPublisher owner)
    {
        private readonly Channel<Message> _queue = Channel.CreateBounded<Message>(new BoundedChannelOptions(QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full; we never wait
        });
        private readonly CancellationTokenSource _closed = new();
        private volatile bool _overflowed;

        public long Resets { get; private set; }

        // Caller holds owner._gate.
        public void Enqueue(Message message)
        {
            if (_overflowed)
            {
                return; // the writer will replace everything with a Snapshot
            }
            if (!_queue.Writer.TryWrite(message))
            {
                _overflowed = true;
            }
        }

        // Caller holds owner._gate.
        public void ResetToSnapshot(TopologySnapshot published)
        {
            while (_queue.Reader.TryRead(out _)) { }
            _overflowed = false;
            Resets++;
            _queue.Writer.TryWrite(new Message(published, null));
        }

        public void Start() => _ = Task.Run(WriteLoopAsync);

        public void Close()
        {
            _queue.Writer.TryComplete();
            _closed.Cancel();
        }

        private async Task WriteLoopAsync()
        {
            var client = owner._hub.Clients.Client(id);
            try
            {
                await foreach (var message in _queue.Reader.ReadAllAsync(_closed.Token))
                {
                    if (_overflowed)
                    {
                        lock (owner._gate)
                        {
                            if (_overflowed)
                            {
                                owner._logger.LogInformation("Hub connection {ConnectionId} fell more than {Capacity} messages behind; sending a fresh Snapshot.", id, QueueCapacity);
                                ResetToSnapshot(owner._published);
                            }
                        }
                        continue; // the message just read is older than the Snapshot now queued
                    }
                    if (message.Snapshot is not null)
                    {
                        await client.Snapshot(message.Snapshot);
                    }
                    else
                    {
                        await client.Changed(message.Delta!);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                owner._logger.LogDebug(ex, "Hub writer for {ConnectionId} stopped.", id);
            }
        }
    }
}
