using NetDashboard.Core.Model;
using NetDashboard.History.Storage;
using NetDashboard.History.Timeline;
using NetDashboard.Monitoring;

namespace NetDashboard.History;

/// <summary>A time nobody watched (the dashboard was not running) or nothing was recorded, between <see cref="From"/> and <see cref="To"/>.</summary>
public sealed record TimelineGap(DateTimeOffset From, DateTimeOffset To, string Message);

/// <summary>
/// The topology at an earlier time: the document current then (<see cref="Snapshot"/>, its own revision and
/// <c>generatedAt</c>), and <see cref="Unobserved"/> when that time fell while the dashboard was not running (the
/// document is then the last one seen before). <see cref="Problem"/> (one sentence) instead when the time is not covered.
/// </summary>
public sealed record TopologyAt(TopologySnapshot? Snapshot, TimelineGap? Unobserved, string? Problem);

/// <summary>What changed between two times, oldest first; <see cref="Next"/> is where to continue when <see cref="Truncated"/>.</summary>
public sealed record TopologyChanges(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<TimelineChange> Changes, bool Truncated, DateTimeOffset? Next, string? Problem);

/// <summary>
/// Answers "the topology at time T" and "what changed between two times" from the live store (for the current
/// revision) and the history's stored revisions (checkpoints and deltas, <see cref="TopologyReplay"/>). A time after
/// the current revision was made is answered with it; an earlier one waits (briefly) until the writer has stored
/// the revisions before it, so what comes back is exactly what <c>GET /api/topology</c> answered then.
/// </summary>
public sealed class TopologyTimeline(TopologyStore store, HistoryAccess access, TimeProvider time)
{
    /// <summary>The longest wait for the writer to store the revisions up to the current one.</summary>
    public static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(3);

    /// <summary>At most this many stored revisions are walked by one changes question (more: page on).</summary>
    public const int MaxRevisionsPerPage = 2000;

    public async Task<TopologyAt> AtAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var current = store.Current;
        if (at > now)
        {
            return new TopologyAt(null, null, $"{UtcText.Time(at)} is in the future. {Covered(current)}");
        }
        if (current.Revision > 0 && at >= current.GeneratedAt)
        {
            return new TopologyAt(current, null, null);
        }
        if (!access.IsAvailable)
        {
            return new TopologyAt(null, null, $"{UtcText.Time(at)} is before the current topology was observed, and {Lower(access.Reason ?? "history is starting")} {Covered(current)}");
        }
        await WaitForStoredAsync(current.Revision, cancellationToken);
        if (!access.TryQuery(s => (Chain: s.RevisionChainAt(at), Runs: s.Runs()), out var found, out var problem))
        {
            return new TopologyAt(null, null, problem);
        }
        if (found.Chain.Count == 0)
        {
            return new TopologyAt(null, null, $"{UtcText.Time(at)} is before the history starts. {Covered(current)}");
        }
        var snapshot = TopologyReplay.Rebuild(found.Chain);
        return new TopologyAt(snapshot, Gap(found.Runs, found.Chain[^1].Run, at), null);
    }

    /// <summary>What changed after <paramref name="from"/> up to <paramref name="to"/> (default now), oldest first.</summary>
    public async Task<TopologyChanges> ChangesAsync(DateTimeOffset from, DateTimeOffset? to, int maxRevisions = MaxRevisionsPerPage, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var until = to is { } t && t < now ? t : now;
        if (from > until)
        {
            return new TopologyChanges(from, until, [], false, null, $"'from' ({UtcText.Time(from)}) is after 'to' ({UtcText.Time(until)}): give the earlier time as 'from'.");
        }
        if (!access.IsAvailable)
        {
            return new TopologyChanges(from, until, [], false, null, access.Reason ?? "History is starting; try again in a moment.");
        }
        await WaitForStoredAsync(store.Current.Revision, cancellationToken);
        maxRevisions = Math.Clamp(maxRevisions, 1, MaxRevisionsPerPage);
        if (!access.TryQuery(s => Walk(s, from, until, maxRevisions), out var walked, out var problem))
        {
            return new TopologyChanges(from, until, [], false, null, problem);
        }
        return walked! with { From = from, To = until };
    }

    /// <summary>
    /// Waits (at most <see cref="CatchUpTimeout"/>) until the revisions up to <paramref name="revision"/> are stored: by
    /// this process's writer, or — on a replica that follows another (the history then lives in a shared database) —
    /// by the leader's, seen in the database.
    /// </summary>
    private async Task WaitForStoredAsync(long revision, CancellationToken cancellationToken)
    {
        if (!store.Following)
        {
            await access.WaitForRecordedAsync(revision, CatchUpTimeout, cancellationToken);
            return;
        }
        if (access.Store?.Database.IsShared != true)
        {
            return; // a follower's own SQLite file never gets the leader's revisions: nothing to wait for
        }
        var deadline = time.GetUtcNow() + CatchUpTimeout;
        while (!(access.TryQuery(s => s.NewestRevision(), out var stored, out _) && stored >= revision) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(FollowerPollInterval, time, cancellationToken);
        }
    }

    private static readonly TimeSpan FollowerPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The times of the newest <paramref name="limit"/> stored revisions before <paramref name="before"/> (the timeline's ticks), oldest first; empty without history.</summary>
    public IReadOnlyList<(DateTimeOffset Time, long Revision)> Ticks(DateTimeOffset before, int limit = 1000) =>
        access.TryQuery(s => s.RevisionTimes(before, limit), out var ticks, out _) ? ticks! : [];

    /// <summary>Where the stored history starts; null when nothing is stored (or history is off).</summary>
    public DateTimeOffset? CoveredFrom() =>
        access.TryQuery(s => s.RevisionCoverage(), out var coverage, out _) && coverage is { } c ? c.First : null;

    /// <summary>A sentence naming the times the history covers.</summary>
    public string Covered(TopologySnapshot current)
    {
        var first = CoveredFrom();
        if (first is { } f)
        {
            return $"The history covers {UtcText.Time(f)} until now.";
        }
        return current.Revision > 0
            ? $"Only the current topology is known, since {UtcText.Time(current.GeneratedAt)}."
            : "No topology has been observed yet.";
    }

    private static TopologyChanges Walk(HistoryStore history, DateTimeOffset from, DateTimeOffset until, int maxRevisions)
    {
        var runs = history.Runs();
        var baseChain = history.RevisionChainAt(from);
        var rows = history.RevisionsBetween(from, until, maxRevisions + 1);
        var truncated = rows.Count > maxRevisions;
        if (truncated)
        {
            rows = rows.Take(maxRevisions).ToList();
        }
        var changes = new List<TimelineChange>();
        TopologySnapshot? state = baseChain.Count > 0 ? TopologyReplay.Rebuild(baseChain) : null;
        var run = baseChain.Count > 0 ? baseChain[^1].Run : null;
        foreach (var row in rows)
        {
            if (state is null || row.Run != run)
            {
                if (row.IsCheckpoint)
                {
                    var next = RevisionCodec.DecodeSnapshot(row.Body);
                    if (state is not null && runs.FirstOrDefault(r => r.Run == run) is { } ended)
                    {
                        var started = runs.FirstOrDefault(r => r.Run == row.Run)?.StartedAt ?? row.Time;
                        changes.Add(TopologyChangeDescriber.NotWatched(ended.AliveUntil, started < ended.AliveUntil ? row.Time : started, next.Revision, ended.StoppedRecording));
                    }
                    changes.AddRange(TopologyChangeDescriber.Describe(state ?? TopologySnapshot.Empty with { GeneratedAt = row.Time }, next, observedLate: state is not null));
                    state = next;
                    run = row.Run;
                }
                continue; // a delta whose checkpoint was pruned: nothing to compare it with
            }
            if (row.IsCheckpoint)
            {
                var next = RevisionCodec.DecodeSnapshot(row.Body);
                changes.AddRange(TopologyChangeDescriber.Describe(state, next));
                state = next;
            }
            else
            {
                var delta = RevisionCodec.DecodeDelta(row.Body);
                changes.AddRange(TopologyChangeDescriber.Describe(state, delta, row.Time));
                state = Core.Diff.TopologyDiff.Apply(state, delta, row.Time);
            }
        }
        return new TopologyChanges(from, until, changes, truncated, truncated ? rows[^1].Time : null, null);
    }

    private static TimelineGap? Gap(IReadOnlyList<RunRecord> runs, string run, DateTimeOffset at)
    {
        var index = runs.ToList().FindIndex(r => r.Run == run);
        if (index < 0 || at <= runs[index].AliveUntil)
        {
            return null;
        }
        var ended = runs[index].AliveUntil;
        var next = index + 1 < runs.Count ? runs[index + 1].StartedAt : (DateTimeOffset?)null;
        if (next is { } n && at >= n)
        {
            return null; // the next run had started: its first revision was not stored yet
        }
        var to = next ?? at;
        if (runs[index].StoppedRecording is { } why)
        {
            return new TimelineGap(ended, to,
                $"Nothing was recorded at {UtcText.Time(at)} (from {UtcText.Time(ended)}" + (next is null ? "" : $" to {UtcText.Time(to)}")
                + $": {Lower(why).TrimEnd('.')}): this is the last topology recorded before.");
        }
        return new TimelineGap(ended, to,
            $"The dashboard was not running at {UtcText.Time(at)} (nothing was observed from {UtcText.Time(ended)}"
            + (next is null ? "" : $" to {UtcText.Time(to)}") + "): this is the last topology it saw before.");
    }

    private static string Lower(string sentence) => sentence.Length > 0 ? char.ToLowerInvariant(sentence[0]) + sentence[1..] : sentence;
}
