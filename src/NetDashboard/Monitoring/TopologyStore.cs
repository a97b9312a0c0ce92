using System.Collections.Immutable;
using NetDashboard.Core.Building;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Monitoring;

/// <summary>
/// The one in-process home of the current topology: the monitor writes observations in, the REST API, the hub and
/// the Blazor pages read <see cref="Current"/> and subscribe to changes. A new revision is made only when the
/// content really changed, so <c>revision</c> stays put while nothing happens.
/// </summary>
public sealed class TopologyStore(TimeProvider time, ILogger<TopologyStore> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DaemonObservation> _observations = new(StringComparer.Ordinal);
    private ImmutableArray<Subscription> _subscribers = [];
    private readonly List<ObservationOrigin> _pendingOrigins = [];
    private TopologySnapshot _current = TopologySnapshot.Empty;

    public TopologySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Records what one host's observer saw and publishes the change, if any. Returns the new revision.</summary>
    public long Publish(DaemonObservation observation)
    {
        // Subscribers are called under the lock: every subscriber sees every change exactly once and in order,
        // and one that subscribes with Subscribe(out current) can never miss or double a revision.
        lock (_gate)
        {
            _observations[observation.Host.Id] = observation;
            _pendingOrigins.Add(ObservationOrigin.Of(observation));
            var change = Rebuild();
            if (change is not null)
            {
                change = change with { Origins = [.. _pendingOrigins] };
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

    /// <summary>Registers the hosts that are expected, so each shows up (as connecting) before its first answer.</summary>
    public void Register(IEnumerable<ObservedHost> hosts)
    {
        foreach (var host in hosts)
        {
            lock (_gate)
            {
                if (_observations.ContainsKey(host.Id))
                {
                    continue;
                }
            }
            Publish(new DaemonObservation { Host = host });
        }
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> for every change after this call, in order, under the store's lock:
    /// the callback must only hand the change over (to a channel, a throttler) and return. Dispose the result to stop.
    /// </summary>
    public IDisposable Subscribe(Action<TopologyChange> onChange)
    {
        var subscription = new Subscription(this, onChange);
        lock (_gate)
        {
            _subscribers = _subscribers.Add(subscription);
        }
        return subscription;
    }

    /// <summary>Atomically reads the current snapshot and subscribes, so no change falls between the two.</summary>
    public IDisposable Subscribe(Action<TopologyChange> onChange, out TopologySnapshot current)
    {
        var subscription = new Subscription(this, onChange);
        lock (_gate)
        {
            current = _current;
            _subscribers = _subscribers.Add(subscription);
        }
        return subscription;
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

    private TopologyChange? Rebuild()
    {
        var previous = _current;
        var candidate = TopologyBuilder.Build(_observations.Values, previous.Revision + 1, time.GetUtcNow());
        var delta = TopologyDiff.Compute(previous, candidate);
        if (delta.IsEmpty)
        {
            return null;
        }
        Volatile.Write(ref _current, candidate);
        return new TopologyChange(delta, candidate);
    }

    private void Notify(ImmutableArray<Subscription> subscribers, TopologyChange change)
    {
        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber.Callback(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A topology subscriber failed; the others still got revision {Revision}.", change.Snapshot.Revision);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(subscription);
        }
    }

    private sealed class Subscription(TopologyStore store, Action<TopologyChange> callback) : IDisposable
    {
        public Action<TopologyChange> Callback { get; } = callback;

        public void Dispose() => store.Remove(this);
    }
}
