using System.Collections.Concurrent;
using System.Collections.Immutable;
using NetDashboard.Core.Observation;

namespace NetDashboard.Docker.Observing;

/// <summary>
/// What <c>inspect</c> and the container's sysfs said, kept per container until it starts, stops, or its endpoints
/// change (Docker gives every (re)connected endpoint a new id), so a resync inspects only what is new.
/// </summary>
internal sealed class InspectCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public sealed record Entry(string Key, ObservedInspect? Inspect, ImmutableArray<ContainerInterface>? Interfaces);

    public static string KeyOf(ObservedContainer c) =>
        string.Join('|', [c.State, c.NetworkMode ?? "", .. c.Endpoints.Select(e => e.NetworkName + "=" + e.EndpointId)]);

    public bool TryGet(ObservedContainer c, out Entry entry) =>
        _entries.TryGetValue(c.Id, out entry!) && entry.Key == KeyOf(c);

    public void Set(ObservedContainer c, Entry entry) => _entries[c.Id] = entry;

    /// <summary>Makes the container's entry stale: never a cache hit again, still its <see cref="Last"/> details.</summary>
    public void Invalidate(string containerId)
    {
        if (_entries.TryGetValue(containerId, out var entry))
        {
            _entries.TryUpdate(containerId, entry with { Key = "" }, entry);
        }
    }

    /// <summary>The last details read of the container, current or stale; null when none.</summary>
    public Entry? Last(string containerId) => _entries.GetValueOrDefault(containerId);

    /// <summary>Forgets a container that is gone.</summary>
    public void Remove(string containerId) => _entries.TryRemove(containerId, out _);

    public void Clear() => _entries.Clear();

    /// <summary>Forgets containers that are gone.</summary>
    public void Retain(IReadOnlySet<string> ids)
    {
        foreach (var id in _entries.Keys)
        {
            if (!ids.Contains(id))
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    public int Count => _entries.Count;
}
