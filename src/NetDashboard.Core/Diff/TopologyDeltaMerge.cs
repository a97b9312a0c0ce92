using System.Collections.Immutable;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Diff;

/// <summary>
/// Composes consecutive deltas into one: for snapshots <c>s0 … sn</c> and their deltas <c>Diff(s0, s1) … Diff(sn-1, sn)</c>,
/// <see cref="Merge"/> of <c>s0</c> and the deltas equals <see cref="TopologyDiff.Compute"/> of <c>s0</c> and <c>sn</c>,
/// element for element and in the same order (so a publisher that coalesces changes sends exactly what diffing the
/// first and last snapshot would). Only the objects the deltas touch are compared with their value in <c>s0</c>
/// (an object changed and changed back, or added and removed again, drops out); the rest of the topology is not
/// looked at beyond an index of <c>s0</c>. Upserts come in <see cref="TopologyOrdering"/>'s order (the order of every
/// built snapshot), removals in <c>s0</c>'s order, as <see cref="TopologyDiff.Compute"/> gives them.
/// </summary>
public static class TopologyDeltaMerge
{
    /// <summary>One delta from <paramref name="from"/> to where the chained <paramref name="deltas"/> lead.</summary>
    /// <exception cref="ArgumentException">The deltas do not start at <paramref name="from"/> or do not follow one another.</exception>
    public static TopologyDelta Merge(TopologySnapshot from, IReadOnlyList<TopologyDelta> deltas)
    {
        var revision = from.Revision;
        foreach (var delta in deltas)
        {
            if (delta.FromRevision != revision)
            {
                throw new ArgumentException($"A delta from revision {delta.FromRevision} does not follow revision {revision}.", nameof(deltas));
            }
            revision = delta.ToRevision;
        }
        if (deltas.Count == 1)
        {
            return deltas[0];
        }
        var (upHosts, rmHosts) = Compose(from.Hosts, deltas.Select(d => (d.Upserted.Hosts, d.Removed.Hosts)), h => h.Id, h => h.Id, TopologyOrdering.Hosts);
        var (upNetworks, rmNetworks) = Compose(from.Networks, deltas.Select(d => (d.Upserted.Networks, d.Removed.Networks)), TopologyOrdering.NetworkKey, n => n.Id, TopologyOrdering.Networks);
        var (upServices, rmServices) = Compose(from.Services, deltas.Select(d => (d.Upserted.Services, d.Removed.Services)), s => s.Id, s => s.Id, TopologyOrdering.Services);
        var (upContainers, rmContainers) = Compose(from.Containers, deltas.Select(d => (d.Upserted.Containers, d.Removed.Containers)), c => (c.HostId, c.Id), c => c.Id, TopologyOrdering.Containers);
        return new TopologyDelta
        {
            FromRevision = from.Revision,
            ToRevision = revision,
            Upserted = new TopologyUpserts { Hosts = upHosts, Networks = upNetworks, Containers = upContainers, Services = upServices },
            Removed = new TopologyRemovals { Hosts = rmHosts, Networks = rmNetworks, Containers = rmContainers, Services = rmServices },
        };
    }

    /// <summary>
    /// Follows each touched object through the steps as <see cref="TopologyDiff.Apply"/> would (an upsert replaces by
    /// key; a removal drops every present object with that id that the same step does not upsert), then compares its
    /// final state with the base.
    /// </summary>
    private static (ImmutableArray<T> Upserted, ImmutableArray<string> Removed) Compose<T, TKey>(
        ImmutableArray<T> baseItems,
        IEnumerable<(ImmutableArray<T> Upserted, ImmutableArray<string> Removed)> steps,
        Func<T, TKey> key,
        Func<T, string> id,
        IComparer<T> order)
        where T : class
        where TKey : notnull
    {
        var positions = new Dictionary<TKey, int>(baseItems.Length);
        var keysById = new Dictionary<string, List<TKey>>(StringComparer.Ordinal);
        for (var i = 0; i < baseItems.Length; i++)
        {
            var k = key(baseItems[i]);
            positions[k] = i;
            AddKey(keysById, id(baseItems[i]), k);
        }

        var final = new Dictionary<TKey, T?>(); // every touched key: its last value, null when absent
        foreach (var (upserted, removed) in steps)
        {
            var upsertedKeys = new HashSet<TKey>();
            foreach (var item in upserted)
            {
                var k = key(item);
                upsertedKeys.Add(k);
                if (!positions.ContainsKey(k) && !final.ContainsKey(k))
                {
                    AddKey(keysById, id(item), k);
                }
                final[k] = item;
            }
            foreach (var removedId in removed)
            {
                if (keysById.TryGetValue(removedId, out var keys))
                {
                    foreach (var k in keys.Where(k => !upsertedKeys.Contains(k)))
                    {
                        final[k] = null;
                    }
                }
            }
        }

        var upserts = new List<T>();
        var removals = new List<int>();
        foreach (var (k, item) in final)
        {
            var inBase = positions.TryGetValue(k, out var position);
            if (item is not null)
            {
                if (!inBase || !TopologyDiff.SameValue(baseItems[position], item))
                {
                    upserts.Add(item);
                }
            }
            else if (inBase)
            {
                removals.Add(position);
            }
        }
        upserts.Sort(order);
        removals.Sort();
        return ([.. upserts], [.. removals.Select(p => id(baseItems[p]))]);
    }

    private static void AddKey<TKey>(Dictionary<string, List<TKey>> keysById, string id, TKey key)
    {
        if (!keysById.TryGetValue(id, out var keys))
        {
            keysById[id] = keys = [];
        }
        keys.Add(key);
    }
}
