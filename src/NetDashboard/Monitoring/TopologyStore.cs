using System.Collections.Immutable;
using System.Threading.Channels;
using NetDashboard.Core.Building;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Monitoring;

/// <summary>
/// The one in-process home of the current topology: the monitor writes observations in, the REST API, the hub and
/// the Blazor pages read <see cref="Current"/> and subscribe to changes. A new revision is made only when the
/// content really changed, so <c>revision</c> stays put while nothing happens.
/// Each change is computed once (<see cref="TopologyChange.Delta"/>) and handed to every subscriber through the
/// subscriber's own ordered queue and reader: <see cref="Publish"/> never waits for a subscriber, and one that is slow,
/// blocks or throws delays or hurts nobody else.
/// </summary>
public sealed partial class TopologyStore(TimeProvider time, ILogger<TopologyStore> logger)
{
    private readonly Lock _gate = new();
    private readonly ILogger _logger = logger;
    private readonly Dictionary<string, DaemonObservation> _observations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _confirmedAt = new(StringComparer.Ordinal);
    private ImmutableArray<Subscription> _subscribers = [];
    private readonly List<ObservationOrigin> _pendingOrigins = [];
    private TopologySnapshot _current = TopologySnapshot.Empty;

    public TopologySnapshot Current => Volatile.Read(ref _current);

    /// <summary>A subscriber that falls this many changes behind gets the later ones merged into one (nothing lost).</summary>
    public const int SubscriberQueueCapacity = 1024;

    /// <summary>
    /// Records what one host's observer saw and publishes the change, if any. Returns the new revision without
    /// waiting for any subscriber.
    /// </summary>
    public long Publish(DaemonObservation observation)
    {
        // The change is queued to every subscriber under the lock (so each gets every change once and in order, and
        // one that subscribes with Subscribe(out current) can never miss or double a revision); nobody is called here.
        lock (_gate)
        {
            if (_following)
            {
                return _current.Revision; // a replica that follows the leader's revisions makes none of its own
            }
            var now = time.GetUtcNow(); // one reading: a host confirmed now and the snapshot built now agree
            _observations[observation.Host.Id] = WithLastGood(observation, now);
            _pendingOrigins.Add(ObservationOrigin.Of(observation));
            if (StillTakingOver(observation.Host.Id))
            {
                return _current.Revision;
            }
            var change = Rebuild(now);
            if (change is not null)
            {
                change = change with { Origins = [.. _pendingOrigins], Timing = new ChangeTiming(observation.Timing, now, time.GetUtcNow()) };
                _pendingOrigins.Clear();
                Notify(_subscribers, change);
            }
            else
            {
                KeepOriginsWithEvents();
            }
            return _current.Revision;
        }
    }

    /// <summary>
    /// A host that stops answering keeps the networks and containers of its last good read, marked stale with the time
    /// they were last confirmed; a host never reached has none. Its next connected observation replaces them.
    /// Caller holds <see cref="_gate"/>.
    /// </summary>
    private DaemonObservation WithLastGood(DaemonObservation observation, DateTimeOffset now)
    {
        var id = observation.Host.Id;
        if (observation.Host.Connected)
        {
            _confirmedAt[id] = now;
            return observation;
        }
        if (!_confirmedAt.TryGetValue(id, out var confirmed) || !_observations.TryGetValue(id, out var previous))
        {
            return observation;
        }
        return observation with
        {
            Host = observation.Host with { LastSeenAt = confirmed },
            Networks = previous.Networks,
            Containers = previous.Containers,
            HostInterfaces = previous.HostInterfaces,
            SwarmCluster = previous.SwarmCluster,
        };
    }

    /// <summary>Registers the hosts that are expected, so each shows up (as connecting) before its first answer.</summary>
    public void Register(IEnumerable<ObservedHost> hosts)
    {
        foreach (var host in hosts)
        {
            lock (_gate)
            {
                if (_observations.ContainsKey(host.Id) || IsAwaited(host.Id))
                {
                    continue;
                }
            }
            Publish(new DaemonObservation { Host = host });
        }
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> for every change after this call, in order, on the subscription's own reader
    /// (never under the store's lock, never two at a time). Dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(Action<TopologyChange> onChange) => Subscribe(onChange, out _);

    /// <summary>Atomically reads the current snapshot and subscribes, so no change falls between the two.</summary>
    public IDisposable Subscribe(Action<TopologyChange> onChange, out TopologySnapshot current)
    {
        var subscription = Add(onChange, out current);
        subscription.Start();
        return subscription;
    }

    /// <summary>
    /// Hands <paramref name="onCurrent"/> the current snapshot (synchronously, before this returns), then
    /// <paramref name="onChange"/> every change after it, in order: for a subscriber that treats the first sight of
    /// the topology like any later one, without a made-up delta.
    /// </summary>
    public IDisposable Subscribe(Action<TopologySnapshot> onCurrent, Action<TopologyChange> onChange)
    {
        var subscription = Add(onChange, out var current);
        try
        {
            onCurrent(current); // changes published meanwhile wait in the subscription's queue
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
        subscription.Start();
        return subscription;
    }

    private Subscription Add(Action<TopologyChange> onChange, out TopologySnapshot current)
    {
        lock (_gate)
        {
            current = _current;
            var subscription = new Subscription(this, onChange, current);
            _subscribers = _subscribers.Add(subscription);
            return subscription;
        }
    }

    public int SubscriberCount => _subscribers.Length;

    /// <summary>
    /// Waits until the store holds a topology that satisfies <paramref name="condition"/> (checked on the current
    /// snapshot and on every change after it, with nothing missed between the two).
    /// </summary>
    public async Task<TopologySnapshot> WaitForAsync(Func<TopologySnapshot, bool> condition, TimeSpan timeout, string? what = null)
    {
        var done = new TaskCompletionSource<TopologySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = Subscribe(change =>
        {
            if (condition(change.Snapshot))
            {
                done.TrySetResult(change.Snapshot);
            }
        }, out var current);
        if (condition(current))
        {
            return current;
        }
        if (await Task.WhenAny(done.Task, Task.Delay(timeout)) != done.Task)
        {
            throw new TimeoutException($"The topology never showed {what ?? "the expected state"}; last revision {Current.Revision}.");
        }
        return await done.Task;
    }

    /// <summary>
    /// An observation that changed nothing is kept for the next change only when it carried daemon events (a
    /// connect is announced before the container's record shows it, and history records every event); bounded,
    /// oldest dropped.
    /// </summary>
    private void KeepOriginsWithEvents()
    {
        _pendingOrigins.RemoveAll(o => o.Events.IsEmpty);
        if (_pendingOrigins.Count > MaxPendingOrigins)
        {
            _pendingOrigins.RemoveRange(0, _pendingOrigins.Count - MaxPendingOrigins);
        }
    }

    private const int MaxPendingOrigins = 1000;

    private TopologyChange? Rebuild(DateTimeOffset now)
    {
        var previous = _current;
        var candidate = TopologyBuilder.Build(_observations.Values, previous.Revision + 1, now);
        var delta = TopologyDiff.Compute(previous, candidate);
        if (delta.IsEmpty)
        {
            return null;
        }
        Volatile.Write(ref _current, candidate);
        return new TopologyChange(delta, candidate);
    }

    // Caller holds _gate.
    private static void Notify(ImmutableArray<Subscription> subscribers, TopologyChange change)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Post(change);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(subscription);
        }
    }

    /// <summary>
    /// One subscriber's queue and reader. <see cref="Post"/> runs under the store's lock and only enqueues; the reader
    /// calls the subscriber, one change at a time. Past <see cref="SubscriberQueueCapacity"/> queued changes, later ones
    /// are merged into one pending change (deltas composed, origins kept) until the reader catches up.
    /// </summary>
    private sealed class Subscription(TopologyStore store, Action<TopologyChange> callback, TopologySnapshot current) : IDisposable
    {
        private readonly Channel<TopologyChange> _queue = Channel.CreateUnbounded<TopologyChange>(); // (not SingleReader: that one cannot count)
        private TopologySnapshot _queuedUpTo = current; // where the queued changes lead; under store._gate
        private TopologyChange? _overflow; // under store._gate
        private volatile bool _disposed;

        public void Start() => _ = Task.Run(ReadAsync);

        // Caller holds store._gate.
        public void Post(TopologyChange change)
        {
            if (_overflow is null && _queue.Reader.Count < SubscriberQueueCapacity)
            {
                _queue.Writer.TryWrite(change);
                _queuedUpTo = change.Snapshot;
                return;
            }
            _overflow = _overflow is null ? change : new TopologyChange(
                TopologyDeltaMerge.Merge(_queuedUpTo, [_overflow.Delta, change.Delta]), change.Snapshot)
            {
                Origins = _overflow.Origins.AddRange(change.Origins),
            };
        }

        private TopologyChange? TakeOverflow()
        {
            lock (store._gate)
            {
                var overflow = _overflow;
                if (overflow is not null)
                {
                    _overflow = null;
                    _queuedUpTo = overflow.Snapshot;
                }
                return overflow;
            }
        }

        private async Task ReadAsync()
        {
            while (await _queue.Reader.WaitToReadAsync() && !_disposed)
            {
                while (!_disposed && (_queue.Reader.TryRead(out var change) || (change = TakeOverflow()) is not null))
                {
                    try
                    {
                        callback(change);
                    }
                    catch (Exception ex)
                    {
                        store._logger.LogWarning(ex, "A topology subscriber failed on revision {Revision}; it and the others still get the next ones.", change.Snapshot.Revision);
                    }
                }
            }
        }

        public void Dispose()
        {
            _disposed = true;
            store.Remove(this);
            _queue.Writer.TryComplete();
        }
    }
}
