using NetDashboard.Core.Model;
using NetDashboard.History.Reconciling;

namespace NetDashboard.History.Timeline;

/// <summary>
/// Decides how each published revision is stored: the whole document (a checkpoint) for the first revision of a run,
/// after a break in the chain (a revision not following the last one recorded), every <see cref="CheckpointEvery"/>
/// revisions and when the last checkpoint is older than <see cref="CheckpointAge"/>; the delta from the previous
/// revision otherwise. So any revision is rebuilt from one checkpoint and fewer than <see cref="CheckpointEvery"/>
/// deltas, and retention can drop everything before a checkpoint. Pure: no clock (times are the revisions' own),
/// no database.
/// </summary>
public sealed class TopologyRecorder(string run, int checkpointEvery = TopologyRecorder.DefaultCheckpointEvery, TimeSpan? checkpointAge = null)
{
    public const int DefaultCheckpointEvery = 100;

    public static readonly TimeSpan DefaultCheckpointAge = TimeSpan.FromHours(1);

    private long? _lastRevision;
    private int _sinceCheckpoint;
    private DateTimeOffset _checkpointAt;

    /// <summary>The dashboard run these revisions belong to.</summary>
    public string Run { get; } = run;

    public int CheckpointEvery { get; } = checkpointEvery;

    public TimeSpan CheckpointAge { get; } = checkpointAge ?? DefaultCheckpointAge;

    /// <summary>The revision last recorded; null before the first.</summary>
    public long? LastRevision => _lastRevision;

    /// <summary>
    /// The operation that stores <paramref name="snapshot"/>; <paramref name="delta"/> is the change that led to it
    /// (null when unknown, e.g. the snapshot current at start). Null for revision 0 (nothing observed yet) or a revision
    /// already recorded.
    /// </summary>
    public RecordRevision? Record(TopologySnapshot snapshot, TopologyDelta? delta)
    {
        if (snapshot.Revision == 0 || (_lastRevision is { } last && snapshot.Revision <= last))
        {
            return null;
        }
        var checkpoint = delta is null
                         || _lastRevision != delta.FromRevision
                         || delta.ToRevision != snapshot.Revision
                         || _sinceCheckpoint + 1 >= CheckpointEvery
                         || snapshot.GeneratedAt - _checkpointAt >= CheckpointAge;
        _lastRevision = snapshot.Revision;
        if (checkpoint)
        {
            _sinceCheckpoint = 0;
            _checkpointAt = snapshot.GeneratedAt;
        }
        else
        {
            _sinceCheckpoint++;
        }
        return new RecordRevision(new RevisionRecord
        {
            Run = Run,
            Revision = snapshot.Revision,
            Time = snapshot.GeneratedAt,
            IsCheckpoint = checkpoint,
            Body = checkpoint ? RevisionCodec.Encode(snapshot) : RevisionCodec.Encode(delta!),
        });
    }

    /// <summary>What was recorded is gone (the queue was cleared, the database replaced): the next revision is a checkpoint.</summary>
    public void Reset()
    {
        _lastRevision = null;
        _sinceCheckpoint = 0;
    }
}
