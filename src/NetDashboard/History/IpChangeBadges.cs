using System.Collections.Immutable;
using NetDashboard.History.Model;

namespace NetDashboard.History;

/// <summary>
/// The "IP changed after restart" set, in memory: the writer replaces it after each batch, the map, the side panel
/// and the detail page read it on every render (no SQLite query per render) and re-render when it changes.
/// </summary>
public sealed class IpChangeBadges
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<(string HostId, string ContainerId), ImmutableArray<IpChange>> _byContainer =
        ImmutableDictionary<(string, string), ImmutableArray<IpChange>>.Empty;
    private ImmutableArray<Action> _subscribers = [];

    /// <summary>The changes of one container (one per network whose address changed); empty when none.</summary>
    public ImmutableArray<IpChange> For(string hostId, string containerId) =>
        Volatile.Read(ref _byContainer).TryGetValue((hostId, containerId), out var changes) ? changes : [];

    public IReadOnlyList<IpChange> All => Volatile.Read(ref _byContainer).Values.SelectMany(v => v).ToList();

    /// <summary>Replaces the whole set; subscribers are told only when it differs.</summary>
    public void Replace(IEnumerable<IpChange> changes)
    {
        var next = changes
            .GroupBy(c => (c.HostId, c.ContainerId))
            .ToImmutableDictionary(g => g.Key, g => g.OrderBy(c => c.NetworkName, StringComparer.Ordinal).ToImmutableArray());
        ImmutableArray<Action> subscribers;
        lock (_gate)
        {
            if (Same(_byContainer, next))
            {
                return;
            }
            Volatile.Write(ref _byContainer, next);
            subscribers = _subscribers;
        }
        foreach (var subscriber in subscribers)
        {
            subscriber();
        }
    }

    /// <summary>Calls <paramref name="onChange"/> after the set changed (hand over and return). Dispose to stop.</summary>
    public IDisposable Subscribe(Action onChange)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Add(onChange);
        }
        return new Subscription(this, onChange);
    }

    public int SubscriberCount => _subscribers.Length;

    private static bool Same(
        ImmutableDictionary<(string, string), ImmutableArray<IpChange>> a,
        ImmutableDictionary<(string, string), ImmutableArray<IpChange>> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && kv.Value.SequenceEqual(other));

    private sealed class Subscription(IpChangeBadges owner, Action callback) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._subscribers = owner._subscribers.Remove(callback);
            }
        }
    }
}
