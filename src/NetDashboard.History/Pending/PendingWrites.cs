using NetDashboard.Core.Model;
using NetDashboard.History.Model;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;

namespace NetDashboard.History.Pending;

/// <summary>
/// The operations the reconciler asked for that are not in the database yet, in order: the writer adds each change's
/// operations, writes the oldest in one transaction and removes them only once committed, so a locked database or a
/// full disk loses nothing and doubles nothing (a failed transaction is rolled back, then written again whole).
/// <para>
/// Bounded: past <see cref="Capacity"/> operations the queue is first merged without losing anything (an assignment
/// opened and closed while waiting becomes one closed row; a completion joins its open row; only each host's latest
/// sighting is kept). If that is not enough, the oldest daemon events and already-closed assignments are dropped
/// until the queue is at three quarters of its capacity. Open assignments and the closing of stored rows are never
/// dropped, so the database stays consistent. Each host's dropped operations are counted and written, with the
/// next batch, as one <see cref="HistoryEventKinds.NotRecorded"/> event that dates the gap.
/// </para>
/// </summary>
public sealed class PendingWrites(int capacity = PendingWrites.DefaultCapacity)
{
    /// <summary>About 50,000 rows and events: tens of MB at most, hours of heavy churn.</summary>
    public const int DefaultCapacity = 50_000;

    private List<HistoryOperation> _operations = [];
    private readonly Dictionary<string, Dropped> _dropped = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity;

    /// <summary>Operations waiting to be written.</summary>
    public int Count => _operations.Count;

    /// <summary>True while something waits to be written (operations, or the event dating what was dropped).</summary>
    public bool HasWork => _operations.Count > 0 || _dropped.Count > 0;

    /// <summary>Operations dropped to stay within the capacity since the dashboard started.</summary>
    public long DroppedTotal { get; private set; }

    public void Add(IEnumerable<HistoryOperation> operations)
    {
        _operations.AddRange(operations);
        if (_operations.Count > Capacity)
        {
            Shrink();
        }
    }

    /// <summary>
    /// The oldest operations to write next, at most <paramref name="max"/> of them, preceded by the events that date
    /// what was dropped. Write them in one transaction, then call <see cref="Written"/> with the same batch.
    /// </summary>
    public PendingBatch Next(int max)
    {
        var gaps = _dropped.Select(d => (HistoryOperation)new RecordEvent(d.Value.ToEvent(d.Key))).ToList();
        var taken = Math.Min(max, _operations.Count);
        return new PendingBatch([.. gaps, .. _operations.Take(taken)], taken, gaps.Count > 0);
    }

    /// <summary>Removes a batch from <see cref="Next"/> once it is committed.</summary>
    public void Written(PendingBatch batch)
    {
        _operations.RemoveRange(0, batch.Taken);
        if (batch.HasGaps)
        {
            _dropped.Clear();
        }
    }

    /// <summary>Forgets everything waiting (the database was replaced: the writer starts over from the live topology).</summary>
    public void Clear() => _operations.Clear();

    /// <summary>Topology revisions waiting (each a checkpoint or a delta: they are never dropped one by one, which would break the chain).</summary>
    public int Revisions => _operations.Count(o => o is RecordRevision);

    /// <summary>
    /// Drops every waiting revision of <paramref name="run"/> and its sightings (what was stored of that run stays
    /// whole, and its end is the last moment stored); answers how many revisions were dropped.
    /// </summary>
    public int DropRecording(string run)
    {
        var before = _operations.Count;
        var revisions = _operations.Count(o => o is RecordRevision r && r.Record.Run == run);
        _operations.RemoveAll(o => o is RecordRevision r && r.Record.Run == run || o is SeeRun s && s.Run == run);
        DroppedTotal += before - _operations.Count;
        return revisions;
    }

    private void Shrink()
    {
        _operations = Merge(_operations);
        var target = Capacity * 3 / 4;
        if (_operations.Count <= target)
        {
            return;
        }
        var excess = _operations.Count - target;
        var kept = new List<HistoryOperation>(target);
        foreach (var operation in _operations)
        {
            if (excess > 0 && Droppable(operation) is { } dropped)
            {
                excess--;
                DroppedTotal++;
                if (!_dropped.TryGetValue(dropped.HostId, out var tally))
                {
                    _dropped[dropped.HostId] = tally = new Dropped();
                }
                tally.Count(dropped.IsEvent, dropped.Time);
                continue;
            }
            kept.Add(operation);
        }
        _operations = kept;
    }

    /// <summary>The same writes in fewer operations: nothing the database would end up holding is lost.</summary>
    public static List<HistoryOperation> Merge(IReadOnlyList<HistoryOperation> operations)
    {
        var merged = new List<HistoryOperation?>(operations.Count);
        var openAt = new Dictionary<AssignmentKey, int>();
        var sightingAt = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case OpenAssignment(var record) when record.To is null:
                    openAt[record.Key] = merged.Count;
                    merged.Add(operation);
                    break;
                case CloseAssignment(var key, var to, var atResync) when openAt.Remove(key, out var at):
                    var opened = ((OpenAssignment)merged[at]!).Record;
                    merged[at] = new OpenAssignment(opened with { To = to < opened.From ? opened.From : to, ClosedAtResync = atResync });
                    break;
                case CompleteAssignment(var key, var veth, var inside) when openAt.TryGetValue(key, out var at):
                    merged[at] = new OpenAssignment(((OpenAssignment)merged[at]!).Record with { Veth = veth, ContainerInterface = inside });
                    break;
                case SeeHost(var host, var time):
                    var latest = operation;
                    if (sightingAt.TryGetValue(host, out var earlier) && merged[earlier] is SeeHost previous)
                    {
                        merged[earlier] = null;
                        latest = previous.Time > time ? previous : operation;
                    }
                    sightingAt[host] = merged.Count;
                    merged.Add(latest);
                    break;
                default:
                    merged.Add(operation);
                    break;
            }
        }
        return merged.OfType<HistoryOperation>().ToList();
    }

    private static (string HostId, bool IsEvent, DateTimeOffset Time)? Droppable(HistoryOperation operation) => operation switch
    {
        RecordEvent(var e) when e.Kind != HistoryEventKinds.NotRecorded => (e.HostId, true, e.Time),
        OpenAssignment(var r) when r.To is { } to => (r.HostId, false, to),
        _ => null,
    };

    /// <summary>What was dropped on one host: how many events and closed assignments, and when they happened.</summary>
    private sealed class Dropped
    {
        private int _events;
        private int _assignments;
        private DateTimeOffset _first = DateTimeOffset.MaxValue;
        private DateTimeOffset _last = DateTimeOffset.MinValue;

        public void Count(bool isEvent, DateTimeOffset time)
        {
            if (isEvent)
            {
                _events++;
            }
            else
            {
                _assignments++;
            }
            _first = time < _first ? time : _first;
            _last = time > _last ? time : _last;
        }

        public HistoryEvent ToEvent(string hostId) => new()
        {
            Time = _first,
            HostId = hostId,
            Kind = HistoryEventKinds.NotRecorded,
            Detail = $"{HistoryFaults.Count(_events)} events and {HistoryFaults.Count(_assignments)} closed address assignments from {UtcText.Time(_first)} to {UtcText.Time(_last)} "
                     + "were not kept: the history database could not be written for so long that the changes waiting in memory reached their limit.",
            Source = HistorySources.Live,
        };
    }
}

/// <summary>Operations to write in one transaction; <see cref="Taken"/> of them came from the queue.</summary>
public sealed record PendingBatch(IReadOnlyList<HistoryOperation> Operations, int Taken, bool HasGaps);
