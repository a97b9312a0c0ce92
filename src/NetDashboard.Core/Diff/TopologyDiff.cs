using System.Collections.Immutable;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Core.Diff;

/// <summary>
/// The pure difference between two snapshots, as the contract's <c>Changed</c> message, and its inverse
/// (<see cref="Apply"/>): applying the delta of (a, b) to a gives b.
/// </summary>
public static class TopologyDiff
{
    public static TopologyDelta Compute(TopologySnapshot from, TopologySnapshot to)
    {
        var (upHosts, rmHosts) = Compare(from.Hosts, to.Hosts, h => h.Id, h => h.Id);
        var (upNetworks, rmNetworks) = Compare(from.Networks, to.Networks, TopologyOrdering.NetworkKey, n => n.Id);
        var (upContainers, rmContainers) = Compare(from.Containers, to.Containers, c => (c.HostId, c.Id), c => c.Id);
        var (upServices, rmServices) = Compare(from.Services, to.Services, s => s.Id, s => s.Id);
        return new TopologyDelta
        {
            FromRevision = from.Revision,
            ToRevision = to.Revision,
            Upserted = new TopologyUpserts { Hosts = upHosts, Networks = upNetworks, Containers = upContainers, Services = upServices },
            Removed = new TopologyRemovals { Hosts = rmHosts, Networks = rmNetworks, Containers = rmContainers, Services = rmServices },
        };
    }

    /// <summary>True when the two snapshots describe the same topology (revision and time aside).</summary>
    public static bool SameContent(TopologySnapshot a, TopologySnapshot b) => Compute(a, b).IsEmpty;

    /// <summary>Applies a delta as a client would: upserts replace whole objects, removals drop them by id.</summary>
    public static TopologySnapshot Apply(TopologySnapshot snapshot, TopologyDelta delta, DateTimeOffset? generatedAt = null)
    {
        var hosts = Merge(snapshot.Hosts, delta.Upserted.Hosts, delta.Removed.Hosts, h => h.Id, h => h.Id);
        var networks = Merge(snapshot.Networks, delta.Upserted.Networks, delta.Removed.Networks, TopologyOrdering.NetworkKey, n => n.Id);
        var services = Merge(snapshot.Services, delta.Upserted.Services, delta.Removed.Services, s => s.Id, s => s.Id);
        var containers = Merge(snapshot.Containers, delta.Upserted.Containers, delta.Removed.Containers, c => (c.HostId, c.Id), c => c.Id);
        return TopologyOrdering.Sorted(snapshot with
        {
            Revision = delta.ToRevision,
            GeneratedAt = generatedAt ?? snapshot.GeneratedAt,
            Hosts = hosts,
            Networks = networks,
            Containers = containers,
            Services = services,
        });
    }

    private static (ImmutableArray<T> Upserted, ImmutableArray<string> Removed) Compare<T, TKey>(
        ImmutableArray<T> from, ImmutableArray<T> to, Func<T, TKey> key, Func<T, string> id)
        where TKey : notnull
    {
        var old = new Dictionary<TKey, T>();
        foreach (var item in from)
        {
            old[key(item)] = item;
        }
        var upserted = ImmutableArray.CreateBuilder<T>();
        foreach (var item in to)
        {
            if (!old.Remove(key(item), out var previous) || !SameValue(previous, item))
            {
                upserted.Add(item);
            }
        }
        var removed = old.Values.Select(id).ToImmutableArray();
        return (upserted.ToImmutable(), removed);
    }

    private static ImmutableArray<T> Merge<T, TKey>(
        ImmutableArray<T> items, ImmutableArray<T> upserted, ImmutableArray<string> removed, Func<T, TKey> key, Func<T, string> id)
        where TKey : notnull
    {
        var removedIds = removed.ToHashSet(StringComparer.Ordinal);
        var replaced = upserted.ToDictionary(key);
        var result = ImmutableArray.CreateBuilder<T>();
        foreach (var item in items)
        {
            if (removedIds.Contains(id(item)) && !replaced.ContainsKey(key(item)))
            {
                continue;
            }
            if (replaced.Remove(key(item), out var replacement))
            {
                result.Add(replacement);
            }
            else
            {
                result.Add(item);
            }
        }
        result.AddRange(replaced.Values);
        return result.ToImmutable();
    }

    // Records holding ImmutableArray compare by reference; the canonical JSON is the structural value.
    internal static bool SameValue<T>(T a, T b) =>
        ReferenceEquals(a, b) || TopologyJson.SerializeToUtf8(a).AsSpan().SequenceEqual(TopologyJson.SerializeToUtf8(b));
}
