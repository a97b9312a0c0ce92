using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;

namespace NetDashboard.Monitoring;

/// <summary>
/// The store of a replica (<c>NetDashboard:Replicas:Redis</c>): a follower takes the leader's revisions as they are
/// (<see cref="Follow"/>) and makes none of its own; a replica that starts observing again continues from the last
/// revision it had (<see cref="ResumeObserving"/>), keeping the followed document until its observers have all
/// answered, so its clients see no empty map in between; <see cref="Advance"/> moves the revision past one another
/// replica has already served. Without replicas none of this is called.
/// </summary>
public sealed partial class TopologyStore
{
    private bool _following; // under _gate
    private HashSet<string>? _awaiting; // hosts of the followed document whose first observation is awaited; under _gate

    /// <summary>True while this store follows another replica's revisions.</summary>
    public bool Following { get { lock (_gate) { return _following; } } }

    /// <summary>
    /// From now on the store takes revisions only through <see cref="Follow"/>: what the observers saw so far is
    /// dropped (an observation still in flight is ignored), the current document stays until the leader's next one.
    /// </summary>
    public void StartFollowing()
    {
        lock (_gate)
        {
            _following = true;
            _awaiting = null;
            _observations.Clear();
            _confirmedAt.Clear();
            _pendingOrigins.Clear();
        }
    }

    /// <summary>
    /// Takes the leader's revision <paramref name="snapshot"/> (with the delta that leads to it from the current
    /// one, when known) and tells every subscriber, like a change of its own. Ignored, returning false, when the
    /// store is not following or the revision is not newer than the current one (revisions never go back).
    /// </summary>
    public bool Follow(TopologySnapshot snapshot, TopologyDelta? delta = null)
    {
        lock (_gate)
        {
            var previous = _current;
            if (!_following || snapshot.Revision <= previous.Revision)
            {
                return false;
            }
            if (delta is null || delta.FromRevision != previous.Revision || delta.ToRevision != snapshot.Revision)
            {
                delta = TopologyDiff.Compute(previous, snapshot);
            }
            Volatile.Write(ref _current, snapshot);
            Notify(_subscribers, new TopologyChange(delta, snapshot) { Followed = true });
            return true;
        }
    }

    /// <summary>
    /// The observers run again (this replica leads, or watches on its own). When the store was following, the
    /// followed document stays current until every host of <paramref name="hostIds"/> that it lists has been
    /// observed once (or <see cref="EndTakeover"/>); the next revision then continues from the followed one.
    /// </summary>
    public void ResumeObserving(IEnumerable<string> hostIds)
    {
        lock (_gate)
        {
            if (!_following)
            {
                return;
            }
            _following = false;
            var listed = _current.Hosts.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
            _awaiting = hostIds.Where(listed.Contains).ToHashSet(StringComparer.Ordinal);
            if (_awaiting.Count == 0)
            {
                _awaiting = null;
            }
        }
    }

    /// <summary>Stops waiting for the hosts not yet observed after <see cref="ResumeObserving"/> and rebuilds from what was.</summary>
    public void EndTakeover()
    {
        lock (_gate)
        {
            if (_awaiting is null)
            {
                return;
            }
            _awaiting = null;
            if (_observations.Count > 0 && Rebuild(time.GetUtcNow()) is { } change)
            {
                change = change with { Origins = [.. _pendingOrigins] };
                _pendingOrigins.Clear();
                Notify(_subscribers, change);
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="revision"/> the current revision, with the same content, when it is ahead of the current
    /// one (another replica served revisions up to just below it while this one could not hear it). Returns whether
    /// it did. Subscribers get a change with nothing upserted or removed.
    /// </summary>
    public bool Advance(long revision)
    {
        lock (_gate)
        {
            var previous = _current;
            if (_following || revision <= previous.Revision)
            {
                return false;
            }
            var advanced = previous with { Revision = revision, GeneratedAt = time.GetUtcNow() };
            var delta = TopologyDiff.Compute(previous, advanced);
            Volatile.Write(ref _current, advanced);
            Notify(_subscribers, new TopologyChange(delta, advanced));
            return true;
        }
    }

    // Caller holds _gate. True while the followed document waits for hosts still unobserved (this one now is).
    private bool StillTakingOver(string hostId)
    {
        if (_awaiting is null)
        {
            return false;
        }
        _awaiting.Remove(hostId);
        if (_awaiting.Count > 0)
        {
            return true;
        }
        _awaiting = null;
        return false;
    }

    // Caller holds _gate.
    private bool IsAwaited(string hostId) => _awaiting?.Contains(hostId) ?? false;
}
