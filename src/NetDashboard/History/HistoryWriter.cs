using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NetDashboard.Configuration;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;
using NetDashboard.Monitoring;

namespace NetDashboard.History;

/// <summary>
/// Records the topology's history: subscribes to the <see cref="TopologyStore"/> (the callbacks only hand the current
/// snapshot, then each change, to a channel), reconciles each in order against the rows left open, and writes what queued up
/// meanwhile in one transaction. Every minute it notes the watched hosts as seen (so a restart knows how long the
/// dashboard was away) and prunes rows older than the retention. If the database cannot be opened it says so once,
/// in one sentence, and the dashboard runs on without history.
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

    private const int MaxChangesPerBatch = 500;

    private readonly Channel<Sighting> _changes = Channel.CreateUnbounded<Sighting>(new UnboundedChannelOptions { SingleReader = true });
    private IDisposable? _subscription;
    private HistoryStore? _history;
    private HistoryState _state = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            access.SetDisabled();
            logger.LogInformation("History is turned off (NetDashboard:History:Enabled is false).");
            return Task.CompletedTask;
        }
        if (!TryOpen(out var path))
        {
            return Task.CompletedTask;
        }
        access.SetAvailable(_history!, options.Value.RetentionDays);
        badges.Replace(_state.IpChanges());
        logger.LogInformation("History: {Path}, {Open} open assignments, kept {Days} days.", path, _state.Open.Count, options.Value.RetentionDays);

        // The current snapshot first (the first sight of each host: a resync), then every change after it.
        _subscription = store.Subscribe(
            current => _changes.Writer.TryWrite(new Sighting(current, [])),
            change => _changes.Writer.TryWrite(new Sighting(change.Snapshot, change.Origins)));
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Opens the first usable candidate path; when none is, says why once and leaves history unavailable.</summary>
    private bool TryOpen(out string path)
    {
        var candidates = paths.DatabasePathCandidates;
        string? reason = null;
        foreach (var candidate in candidates)
        {
            path = candidate;
            try
            {
                _history = new HistoryStore(HistoryDatabase.Open(candidate));
                _state = _history.LoadState();
                if (reason is not null)
                {
                    logger.LogWarning("{Reason} Using {Path} instead.", reason, candidate);
                }
                return true;
            }
            catch (Exception ex)
            {
                reason ??= ex is HistoryUnavailableException ? ex.Message : $"The history database '{candidate}' cannot be used: {ex.Message}";
                _history = null;
            }
        }
        path = candidates[0];
        logger.LogError("{Reason} The dashboard runs on without history.", reason);
        access.SetUnavailable(path, reason!);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var nextHousekeeping = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = nextHousekeeping - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(wait);
                try
                {
                    await _changes.Reader.WaitToReadAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Time for housekeeping.
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            WriteQueued();
            if (time.GetUtcNow() >= nextHousekeeping)
            {
                Housekeep();
                nextHousekeeping = time.GetUtcNow() + HousekeepingInterval;
            }
        }
        WriteQueued(); // what arrived before the stop is not lost
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _subscription = null;
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Reconciles every queued change, in order, and writes them in one transaction.</summary>
    private void WriteQueued()
    {
        while (_history is not null && _changes.Reader.TryPeek(out _))
        {
            var operations = new List<HistoryOperation>();
            var count = 0;
            while (count < MaxChangesPerBatch && _changes.Reader.TryRead(out var change))
            {
                count++;
                try
                {
                    operations.AddRange(HistoryReconciler.Reconcile(_state, change.Snapshot, change.Origins));
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "History skipped revision {Revision}: it could not be reconciled.", change.Snapshot.Revision);
                }
            }
            try
            {
                _history.Write(operations);
            }
            catch (Exception ex)
            {
                // Back to what the database holds: the next snapshot of each host is compared with it afresh.
                logger.LogWarning(ex, "History could not write {Count} rows; the next snapshot is compared with the database again.", operations.Count);
                TryReload();
            }
            badges.Replace(_state.IpChanges());
            access.NotifyWritten();
        }
    }

    private void Housekeep()
    {
        if (_history is null)
        {
            return;
        }
        var now = time.GetUtcNow();
        try
        {
            foreach (var host in _state.Watching)
            {
                _state.LastSeen[host] = now;
            }
            _history.Write(_state.Watching.Select(h => (HistoryOperation)new SeeHost(h, now)).ToList());
            var (assignments, events) = _history.Prune(now.AddDays(-options.Value.RetentionDays));
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

    private void TryReload()
    {
        try
        {
            _state = _history!.LoadState();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "History could not reload its state.");
            _state = new HistoryState();
        }
    }

    /// <summary>A snapshot to reconcile and what caused it (nothing for the current snapshot at start).</summary>
    private sealed record Sighting(TopologySnapshot Snapshot, ImmutableArray<ObservationOrigin> Origins);

    public override void Dispose()
    {
        _subscription?.Dispose();
        base.Dispose();
    }
}
