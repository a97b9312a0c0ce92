using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.History.Pending;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;
using NetDashboard.History.Timeline;
using NetDashboard.Monitoring;

namespace NetDashboard.History;

/// <summary>
/// Records the topology's history: subscribes to the <see cref="TopologyStore"/> (the callbacks only hand the current
/// snapshot, then each change, to a channel), reconciles each in order against the rows left open, queues the
/// operations that asks for (<see cref="PendingWrites"/>) and writes them in one transaction. Every minute it notes
/// the watched hosts as seen (so a restart knows how long the dashboard was away) and prunes rows older than the
/// retention. Every revision of the whole document is stored too (<see cref="TopologyRecorder"/>: checkpoints and
/// deltas, tagged with this dashboard run, whose start and last sighting are noted; <see cref="RevisionRecording"/>), so
/// the topology at any earlier time can be rebuilt (<see cref="TopologyTimeline"/>). The live view never waits for it.
/// <para>
/// When the database cannot be written (locked by another program, disk full, read-only) the operations stay queued,
/// bounded as <see cref="PendingWrites"/> says, and writing is retried with a growing pause (at most
/// <see cref="MaxRetryInterval"/>); <see cref="HistoryAccess.Problem"/> says why in a sentence and the exception is
/// logged once per fault. A database found damaged is moved aside and a new one started from the live topology
/// (<see cref="HistoryAccess.Notice"/> says so). If no database can be opened it says so once and the dashboard runs
/// on without history; a lock or a full disk at start-up is waited out (<see cref="HistoryOpener"/>).
/// </para>
/// </summary>
public sealed class HistoryWriter(
    TopologyStore store,
    HistoryAccess access,
    IpChangeBadges badges,
    HistoryPaths paths,
    IOptions<HistoryOptions> options,
    TimeProvider time,
    ILogger<HistoryWriter> logger) : BackgroundService
{
    /// <summary>Between two "host still seen" notes and two prunes.</summary>
    public static readonly TimeSpan HousekeepingInterval = TimeSpan.FromMinutes(1);

    /// <summary>The longest pause between two attempts to write (or open) while the database refuses.</summary>
    public static readonly TimeSpan MaxRetryInterval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan FirstRetryInterval = TimeSpan.FromMilliseconds(250);

    private const int MaxOperationsPerTransaction = 5000;

    private readonly Channel<Sighting> _changes = Channel.CreateUnbounded<Sighting>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PendingWrites _pending = new();
    private readonly HistoryOpener _opener = new(paths, access, time, logger, options.Value.ConnectionString);
    private IDisposable? _subscription;
    private HistoryStore? _history;
    private HistoryState _state = new();
    private Trouble? _trouble;
    private readonly RevisionRecording _recording = new(time.GetUtcNow(), time, logger, options.Value.MaxWaitingRevisions);
    private bool _followed; // on the subscription's reader only

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            access.SetDisabled();
            logger.LogInformation("History is turned off (NetDashboard:History:Enabled is false).");
            return Task.CompletedTask;
        }
        if (!TryOpen() && !_opener.WorthRetrying)
        {
            return Task.CompletedTask;
        }
        // The current snapshot first (the first sight of each host: a resync), then every change after it.
        _subscription = store.Subscribe(
            current => _changes.Writer.TryWrite(new Sighting(current, [])),
            change =>
            {
                // A replica's revision taken from the leader: the leader records it. The first revision of its own after
                // following (it leads now) starts from what the database holds, which the old leader kept writing.
                if (change.Followed)
                {
                    _followed = true;
                    return;
                }
                _changes.Writer.TryWrite(new Sighting(change.Snapshot, change.Origins, change.Delta) { AfterFollowing = _followed });
                _followed = false;
            });
        return base.StartAsync(cancellationToken);
    }

    private bool TryOpen()
    {
        if (_opener.TryOpen(options.Value.RetentionDays) is not { } opened)
        {
            return false;
        }
        (_history, _state) = opened;
        badges.Replace(_state.IpChanges());
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var nextHousekeeping = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_history is null)
            {
                // Waiting out a lock or a full disk at start-up: the first snapshot after opening is a resync.
                if (!_opener.WorthRetrying || !await WriterWaits.SleepAsync(MaxRetryInterval, time, stoppingToken))
                {
                    break;
                }
                SkipToLatest();
                TryOpen();
                continue;
            }
            var wakeAt = _trouble is { } t && _pending.HasWork && t.RetryAt < nextHousekeeping ? t.RetryAt : nextHousekeeping;
            if (!await WriterWaits.WaitAsync(_changes.Reader, wakeAt, time, stoppingToken))
            {
                break;
            }
            Drain();
            if (_trouble is null || time.GetUtcNow() >= _trouble.RetryAt)
            {
                Flush();
            }
            if (time.GetUtcNow() >= nextHousekeeping)
            {
                Housekeep();
                nextHousekeeping = time.GetUtcNow() + HousekeepingInterval;
            }
        }
        Drain();
        if (_history is not null)
        {
            _pending.Add([SeeRun()]); // the run's last sighting: from here to the next start, nobody watched
        }
        Flush(); // what arrived before the stop is not lost, if the database takes it now
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _subscription = null;
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Reconciles every queued change, in order, into the operations waiting to be written.</summary>
    private void Drain()
    {
        var any = false;
        while (_changes.Reader.TryRead(out var change))
        {
            any = true;
            if (change.AfterFollowing && _history is not null)
            {
                Flush();
                _state = _opener.Reload(_history) ?? _state;
                _recording.Reset();
            }
            try
            {
                _pending.Add(HistoryReconciler.Reconcile(_state, change.Snapshot, change.Origins));
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "History skipped revision {Revision}: it could not be reconciled.", change.Snapshot.Revision);
            }
            try
            {
                if (_recording.Record(change.Snapshot, change.Delta) is { } revision)
                {
                    _pending.Add([revision]);
                }
            }
            catch (Exception ex)
            {
                _recording.Reset();
                logger.LogWarning(ex, "History could not record revision {Revision} of the topology; the next one is stored whole.", change.Snapshot.Revision);
            }
        }
        if (any)
        {
            if (_trouble is not null)
            {
                _recording.StopIfTooMany(_pending);
            }
            badges.Replace(_state.IpChanges());
            if (_trouble is { } trouble)
            {
                access.SetWriting(Sentence(trouble.Kind), _pending.Count);
            }
        }
    }

    /// <summary>While no database is open: keeps only the latest snapshot queued.</summary>
    private void SkipToLatest()
    {
        Sighting? latest = null;
        while (_changes.Reader.TryRead(out var change))
        {
            latest = change;
        }
        if (latest is not null)
        {
            _changes.Writer.TryWrite(latest with { Origins = [] });
        }
    }

    /// <summary>Writes what waits, oldest first, one transaction per batch; on failure keeps it all and plans the retry.</summary>
    private void Flush()
    {
        if (_history is null)
        {
            return;
        }
        var wrote = false;
        while (_pending.HasWork)
        {
            var batch = _pending.Next(MaxOperationsPerTransaction);
            try
            {
                _history.Write(batch.Operations);
            }
            catch (Exception ex)
            {
                Failed(ex);
                return;
            }
            _pending.Written(batch);
            wrote = true;
            if (batch.Operations.OfType<RecordRevision>().LastOrDefault() is { } recorded)
            {
                access.SetRecorded(recorded.Record.Run, recorded.Record.Revision);
            }
        }
        if (_trouble is { } trouble)
        {
            logger.LogInformation("History is written again: the database took every waiting change after {Duration}.", UtcText.Duration(time.GetUtcNow() - trouble.Since));
            _trouble = null;
            access.SetWriting(null, 0);
            if (_recording.ResumeIfStopped())
            {
                // The new run starts with the live topology, stored whole.
                _pending.Add([SeeRun()]);
                _changes.Writer.TryWrite(new Sighting(store.Current, []));
            }
        }
        if (wrote)
        {
            access.NotifyWritten();
        }
    }

    private void Failed(Exception ex)
    {
        var kind = HistoryFaults.Classify(ex);
        if (kind == HistoryFaultKind.Corrupt)
        {
            StartOver(ex);
            return;
        }
        if (kind == HistoryFaultKind.Rejected)
        {
            // Back to what the database holds: the next snapshot of each host is compared with it afresh.
            logger.LogError(ex, "{Problem}", Sentence(kind));
            _pending.Clear();
            _recording.Reset();
            _trouble = null;
            access.SetWriting(null, 0);
            _state = _opener.Reload(_history!) ?? new HistoryState();
            _changes.Writer.TryWrite(new Sighting(store.Current, []));
            return;
        }
        var now = time.GetUtcNow();
        var first = _trouble is null || _trouble.Kind != kind;
        var failures = first ? 1 : _trouble!.Failures + 1;
        var pause = TimeSpan.FromTicks(Math.Min(MaxRetryInterval.Ticks, FirstRetryInterval.Ticks << Math.Min(failures - 1, 16)));
        _trouble = new Trouble(kind, first ? now : _trouble!.Since, failures, now + pause);
        var sentence = Sentence(kind);
        if (first)
        {
            logger.LogWarning(ex, "{Problem}", sentence);
        }
        else
        {
            logger.LogDebug(ex, "History write attempt {Attempt} failed: {Problem}", failures, sentence);
        }
        access.SetWriting(sentence, _pending.Count);
    }

    private string Sentence(HistoryFaultKind kind) =>
        HistoryFaults.CannotWrite(kind, _history?.Database.Path ?? "", _pending.Count, _pending.DroppedTotal);

    /// <summary>The database is damaged: moves it aside, starts a new one and records the live topology in it afresh.</summary>
    private void StartOver(Exception damage)
    {
        var path = _history!.Database.Path;
        if (_opener.StartOver(path, damage, options.Value.RetentionDays) is { } fresh)
        {
            _history = fresh;
            _state = new HistoryState();
            _pending.Clear();
            _recording.Reset();
            _trouble = null;
            access.SetWriting(null, 0);
            _changes.Writer.TryWrite(new Sighting(store.Current, []));
            return;
        }
        _history = null;
        _pending.Clear();
        _subscription?.Dispose();
        _subscription = null;
    }

    private void Housekeep()
    {
        if (_history is null)
        {
            return;
        }
        var now = time.GetUtcNow();
        foreach (var host in _state.Watching)
        {
            _state.LastSeen[host] = now;
        }
        _pending.Add(_state.Watching.Select(h => (HistoryOperation)new SeeHost(h, now)).Append(SeeRun()).ToList());
        if (_trouble is not null)
        {
            return; // pruning waits until the database takes writes again
        }
        Flush();
        try
        {
            var (assignments, events) = _history.Prune(now.AddDays(-options.Value.RetentionDays));
            var revisions = _history.PruneRevisions(now.AddDays(-options.Value.RetentionDays));
            if (revisions > 0)
            {
                logger.LogInformation("History pruned {Revisions} topology revisions older than {Days} days.", revisions, options.Value.RetentionDays);
            }
            if (assignments + events > 0)
            {
                logger.LogInformation("History pruned {Assignments} assignments and {Events} events older than {Days} days.", assignments, events, options.Value.RetentionDays);
                access.NotifyWritten();
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "History housekeeping failed; it is tried again in {Interval}.", HousekeepingInterval);
        }
    }

    /// <summary>A snapshot to reconcile and what caused it (nothing for the current snapshot at start).</summary>
    private sealed record Sighting(TopologySnapshot Snapshot, ImmutableArray<ObservationOrigin> Origins, TopologyDelta? Delta = null)
    {
        /// <summary>The first revision of this replica's own after it followed another's: reload what the database holds first.</summary>
        public bool AfterFollowing { get; init; }
    }

    /// <summary>This dashboard run seen running now.</summary>
    private SeeRun SeeRun() => _recording.SeeRun();

    /// <summary>Writing fails for <paramref name="Kind"/> since <paramref name="Since"/>; the next attempt is at <paramref name="RetryAt"/>.</summary>
    private sealed record Trouble(HistoryFaultKind Kind, DateTimeOffset Since, int Failures, DateTimeOffset RetryAt);

    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }
}
