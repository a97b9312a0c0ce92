using NetDashboard.Core.Building;
using NetDashboard.Core.Demo;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Core.Tests.Diff;

/// <summary>
/// Merging the store's consecutive deltas gives exactly (byte for byte in the contract's JSON) the delta of the first
/// and last snapshot, over many generated sequences of real changes: demo-daemon steps (restarts with new addresses,
/// joins, leaves), containers added and removed, hosts appearing, disconnecting and going away, and reverts to an
/// earlier state (so objects change and change back, or come and go again, within one merge).
/// </summary>
public sealed class TopologyDeltaMergeTests
{
    [Fact]
    public void Merging_consecutive_deltas_equals_the_diff_of_the_first_and_last_snapshot()
    {
        var windows = 0;
        for (var seed = 0; seed < 25; seed++)
        {
            var snapshots = Sequence(seed, changes: 30);
            var deltas = snapshots.Zip(snapshots.Skip(1), TopologyDiff.Compute).ToList();
            var random = new Random(seed);
            for (var i = 0; i < 20; i++)
            {
                var first = random.Next(snapshots.Count - 1);
                var last = random.Next(first + 1, snapshots.Count);
                var merged = TopologyDeltaMerge.Merge(snapshots[first], deltas[first..last]);
                var expected = TopologyDiff.Compute(snapshots[first], snapshots[last]);
                Assert.True(TopologyJson.Serialize(expected) == TopologyJson.Serialize(merged),
                    $"seed {seed}, revisions {snapshots[first].Revision}..{snapshots[last].Revision}");
                windows++;
            }
            // The whole sequence at once, from the empty topology (as a first subscriber sees it).
            var all = TopologyDeltaMerge.Merge(snapshots[0], deltas);
            Assert.Equal(TopologyJson.Serialize(TopologyDiff.Compute(snapshots[0], snapshots[^1])), TopologyJson.Serialize(all));
        }
        Assert.Equal(25 * 20, windows);
    }

    [Fact]
    public void The_generated_sequences_cover_adds_removals_and_reverts_within_a_window()
    {
        // Guards the property test above against a generator that stopped making interesting changes.
        var snapshots = Sequence(seed: 3, changes: 30);
        var deltas = snapshots.Zip(snapshots.Skip(1), TopologyDiff.Compute).ToList();
        Assert.Contains(deltas, d => !d.Removed.Containers.IsEmpty);
        Assert.Contains(deltas, d => !d.Removed.Hosts.IsEmpty && !d.Removed.Networks.IsEmpty);
        Assert.Contains(deltas, d => d.Upserted.Hosts.Any(h => h.Status == HostStatus.Disconnected));
        var touchedTwice = Enumerable.Range(0, deltas.Count - 1).Any(i =>
            deltas[i].Upserted.Containers.Select(c => c.Id).Intersect(deltas[i + 1].Upserted.Containers.Select(c => c.Id)).Any()
            && TopologyDiff.Compute(snapshots[i], snapshots[i + 2]).Upserted.Containers.Length
               < deltas[i].Upserted.Containers.Select(c => c.Id).Union(deltas[i + 1].Upserted.Containers.Select(c => c.Id)).Count());
        Assert.True(touchedTwice, "no window where an object changed and changed back");
    }

    [Fact]
    public void One_delta_is_its_own_merge_and_none_is_an_empty_one()
    {
        var snapshots = Sequence(seed: 1, changes: 3);
        var delta = TopologyDiff.Compute(snapshots[1], snapshots[2]);
        Assert.Same(delta, TopologyDeltaMerge.Merge(snapshots[1], [delta]));

        var none = TopologyDeltaMerge.Merge(snapshots[1], []);
        Assert.True(none.IsEmpty);
        Assert.Equal((snapshots[1].Revision, snapshots[1].Revision), (none.FromRevision, none.ToRevision));
    }

    [Fact]
    public void Deltas_that_do_not_follow_one_another_are_refused()
    {
        var snapshots = Sequence(seed: 2, changes: 4);
        var d1 = TopologyDiff.Compute(snapshots[0], snapshots[1]);
        var d3 = TopologyDiff.Compute(snapshots[2], snapshots[3]);
        Assert.Throws<ArgumentException>(() => TopologyDeltaMerge.Merge(snapshots[0], [d1, d3]));
        Assert.Throws<ArgumentException>(() => TopologyDeltaMerge.Merge(snapshots[1], [d3]));
    }

    /// <summary>
    /// Snapshots as the store makes them: one per observation that changed the content (revision + 1 each), starting
    /// from the empty topology.
    /// </summary>
    private static List<TopologySnapshot> Sequence(int seed, int changes)
    {
        var random = new Random(seed);
        var seedHost = DemoDaemon.Seed("alpha");
        var observations = new Dictionary<string, DaemonObservation>(StringComparer.Ordinal);
        var history = new List<DaemonObservation>();
        var snapshots = new List<TopologySnapshot> { TopologySnapshot.Empty };
        var at = DateTimeOffset.UnixEpoch;
        var attempts = 0;
        while (snapshots.Count <= changes && attempts++ < changes * 20)
        {
            DaemonObservation? next = null;
            string? gone = null;
            switch (random.Next(7))
            {
                case 0 or 1:
                    seedHost.Step();
                    next = seedHost.Observe();
                    break;
                case 2: // containers come and go: the first n of the same synthetic host
                    next = DemoDaemon.Synthetic(random.Next(1, 24), "beta", seed: 7).Observe();
                    break;
                case 3: // a host appears, or disconnects
                    next = random.Next(2) == 0
                        ? DemoDaemon.Synthetic(3, "gamma", seed: 9).Observe()
                        : new DaemonObservation { Host = new ObservedHost { Id = "gamma", Name = "gamma", Endpoint = "tcp://gamma:2375", Error = "unreachable" } };
                    break;
                case 4: // a host goes away with everything on it
                    gone = observations.Keys.ElementAtOrDefault(random.Next(Math.Max(1, observations.Count)));
                    break;
                case 5: // back to an earlier state of a host
                    next = history.Count == 0 ? null : history[random.Next(history.Count)];
                    break;
                default: // an observation that changes nothing
                    next = observations.Values.FirstOrDefault();
                    break;
            }
            if (next is not null)
            {
                observations[next.Host.Id] = next;
                history.Add(next);
            }
            else if (gone is not null)
            {
                observations.Remove(gone);
            }
            var previous = snapshots[^1];
            at = at.AddSeconds(1);
            var candidate = TopologyBuilder.Build(observations.Values, previous.Revision + 1, at);
            if (!TopologyDiff.Compute(previous, candidate).IsEmpty)
            {
                snapshots.Add(candidate);
            }
        }
        Assert.True(snapshots.Count > changes, $"seed {seed} made only {snapshots.Count - 1} changes");
        return snapshots;
    }
}
