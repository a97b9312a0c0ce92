using System.Collections.Immutable;
using NetDashboard.Core.Traffic;

namespace NetDashboard.Traffic;

/// <summary>
/// The one in-process home of the current traffic document (as <see cref="Monitoring.TopologyStore"/> is of the
/// topology): the <see cref="TrafficMonitor"/> publishes each round; the API reads <see cref="Current"/>; the hub and
/// the pages subscribe. Subscribers hear only of real changes (<see cref="TrafficAssembler.Differs"/>: a live flow's
/// last-seen moving is not one), on the publisher's thread: they must only hand the document on.
/// </summary>
public sealed class TrafficFeed(ILogger<TrafficFeed> logger)
{
    private readonly Lock _gate = new();
    private ImmutableArray<Action<TrafficDocument>> _subscribers = [];
    private TrafficDocument _current = TrafficDocument.Empty;

    public TrafficDocument Current => Volatile.Read(ref _current);

    public int SubscriberCount => _subscribers.Length;

    /// <summary>Makes <paramref name="document"/> current; tells the subscribers when it differs from the previous one.</summary>
    public void Publish(TrafficDocument document)
    {
        ImmutableArray<Action<TrafficDocument>> subscribers;
        lock (_gate)
        {
            var previous = _current;
            Volatile.Write(ref _current, document);
            if (!TrafficAssembler.Differs(previous, document))
            {
                return;
            }
            subscribers = _subscribers;
        }
        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber(document);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A traffic subscriber failed.");
            }
        }
    }

    /// <summary>Calls <paramref name="onChange"/> with every changed document until disposed.</summary>
    public IDisposable Subscribe(Action<TrafficDocument> onChange)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Add(onChange);
        }
        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                _subscribers = _subscribers.Remove(onChange);
            }
        });
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
