using NetDashboard.Core.Model;
using NetDashboard.History.Pending;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Timeline;

namespace NetDashboard.History;

/// <summary>
/// The writer's recording of whole topology revisions, for time travel: one <see cref="TopologyRecorder"/> per run.
/// While the database refuses writes the revisions wait in memory with everything else; past
/// <see cref="MaxWaiting"/> of them the recording stops (the waiting ones are dropped whole, the run's row says why and
/// ends at its last stored revision) and starts again as a new run, with a checkpoint of the live topology, once the
/// database takes writes again — so the timeline says "nothing was recorded" for exactly that span, never shows a stale
/// document as if it were current, and memory stays bounded.
/// </summary>
internal sealed class RevisionRecording(DateTimeOffset started, TimeProvider time, ILogger logger, int maxWaiting)
{
    private TopologyRecorder _recorder = new(NewRun());
    private DateTimeOffset _runStarted = started;
    private DateTimeOffset? _stoppedAt;

    /// <summary>Revisions that may wait in memory (about 0.7 KB each) before the recording stops.</summary>
    public int MaxWaiting { get; } = maxWaiting;

    public string Run => _recorder.Run;

    public bool Stopped => _stoppedAt is not null;

    /// <summary>The operation that stores <paramref name="snapshot"/>, or null (not new, or the recording is stopped).</summary>
    public RecordRevision? Record(TopologySnapshot snapshot, TopologyDelta? delta) =>
        _stoppedAt is null ? _recorder.Record(snapshot, delta) : null;

    /// <summary>The next revision is stored whole (the chain of deltas broke).</summary>
    public void Reset() => _recorder.Reset();

    /// <summary>This run seen running now.</summary>
    public SeeRun SeeRun() => new(_recorder.Run, _runStarted, time.GetUtcNow());

    /// <summary>Stops the recording when too many revisions wait; answers true when it did.</summary>
    public bool StopIfTooMany(PendingWrites pending)
    {
        if (_stoppedAt is not null || pending.Revisions <= MaxWaiting)
        {
            return false;
        }
        var now = time.GetUtcNow();
        var dropped = pending.DropRecording(_recorder.Run);
        var why = $"the history database refused writes for so long that {dropped} topology revisions waited in memory; recording stopped at {UtcText.Time(now)} and started again when the database took writes";
        // Started = now: an insert (no row stored yet) must not claim the run was alive later than what it stored.
        pending.Add([new SeeRun(_recorder.Run, _runStarted, _runStarted, why)]);
        _stoppedAt = now;
        logger.LogWarning("History stopped recording topology revisions at {Time}: {Count} waited in memory while the database refused writes. Time travel shows nothing recorded from the last stored revision until writing resumes.",
            UtcText.Time(now), dropped);
        return true;
    }

    /// <summary>After the database took writes again: a new run whose first revision (the live topology) is stored whole.</summary>
    public bool ResumeIfStopped()
    {
        if (_stoppedAt is not { } since)
        {
            return false;
        }
        _recorder = new TopologyRecorder(NewRun());
        _runStarted = time.GetUtcNow();
        _stoppedAt = null;
        logger.LogInformation("History records topology revisions again, {Duration} after it stopped.", UtcText.Duration(_runStarted - since));
        return true;
    }

    private static string NewRun() => Guid.NewGuid().ToString("N");
}
