using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NetDashboard.Core.Diff;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;
using NetDashboard.Core.Serialization;
using NetDashboard.History;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;
using NetDashboard.History.Timeline;
using NetDashboard.Monitoring;

namespace NetDashboard.Web.Tests.History;

/// <summary>
/// <see cref="TopologyTimeline"/> on a fake clock: a live store whose revisions are recorded as the writer records
/// them, and an earlier run that ended ten minutes before this one started.
/// </summary>
public sealed class TopologyTimelineTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nd-timeline-unit-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(T0);
    private readonly TopologyStore _store;
    private readonly HistoryAccess _access = new();
    private readonly HistoryStore _history;
    private readonly TopologyRecorder _recorder = new("run-1");
    private readonly TopologyTimeline _timeline;
    private readonly List<TopologySnapshot> _published = [];

    public TopologyTimelineTests()
    {
        _store = new TopologyStore(_time, NullLogger<TopologyStore>.Instance);
        _history = new HistoryStore(HistoryDatabase.Open(Path.Combine(_folder, "history.db")));
        _access.SetAvailable(_history, 30);
        _timeline = new TopologyTimeline(_store, _access, _time);

        // The earlier run: one container, seen until ten minutes before this run started.
        var earlier = new TopologyRecorder("run-0");
        var before = TopologyOrdering.Sorted(Core.Building.TopologyBuilder.Build([Observation("old")], 7, T0.AddMinutes(-20)));
        _history.Write([new SeeRun("run-0", T0.AddMinutes(-20), T0.AddMinutes(-10)), earlier.Record(before, null)!]);
        _history.Write([new SeeRun("run-1", T0, T0)]);
    }

    private static DaemonObservation Observation(params string[] names) => new()
    {
        Host = new ObservedHost { Id = "local", Name = "local", Endpoint = "unix:///var/run/docker.sock", Connected = true },
        Containers = [.. names.Select(n => new ObservedContainer { Id = $"c-{n}", Names = ["/" + n], Image = "busybox", State = "running", NetworkMode = "none" })],
    };

    /// <summary>Publishes, then records the new revision as the writer would.</summary>
    private TopologySnapshot Publish(params string[] names)
    {
        var previous = _store.Current;
        _store.Publish(Observation(names));
        var current = _store.Current;
        _history.Write([_recorder.Record(current, previous.Revision == 0 ? null : TopologyDiff.Compute(previous, current))!]);
        _access.SetRecorded(_recorder.Run, current.Revision);
        _published.Add(current);
        return current;
    }

    [Fact]
    public async Task A_time_is_answered_live_from_history_or_refused_with_the_covered_times()
    {
        var first = Publish("web");
        _time.Advance(TimeSpan.FromSeconds(10));
        var second = Publish("web", "db");
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Same(second, (await _timeline.AtAsync(_time.GetUtcNow())).Snapshot);
        Assert.Same(second, (await _timeline.AtAsync(second.GeneratedAt)).Snapshot);
        var then = await _timeline.AtAsync(first.GeneratedAt.AddSeconds(5));
        Assert.Equal(TopologyJson.Serialize(first), TopologyJson.Serialize(then.Snapshot));
        Assert.Null(then.Unobserved);

        var future = await _timeline.AtAsync(_time.GetUtcNow().AddSeconds(1));
        Assert.Null(future.Snapshot);
        Assert.Equal("2026-11-28 14:00:21 UTC is in the future. The history covers 2026-11-28 13:40:00 UTC until now.", future.Problem);
        var early = await _timeline.AtAsync(T0.AddHours(-1));
        Assert.Equal("2026-11-28 13:00:00 UTC is before the history starts. The history covers 2026-11-28 13:40:00 UTC until now.", early.Problem);
    }

    [Fact]
    public async Task A_time_while_the_dashboard_was_not_running_gives_the_last_topology_seen_marked_unobserved()
    {
        Publish("web");
        var gap = await _timeline.AtAsync(T0.AddMinutes(-5));

        Assert.Equal(["old"], gap.Snapshot!.Containers.Select(c => c.Name));
        Assert.Equal(7, gap.Snapshot.Revision);
        Assert.Equal((T0.AddMinutes(-10), T0), (gap.Unobserved!.From, gap.Unobserved.To));
        Assert.Equal("The dashboard was not running at 2026-11-28 13:55:00 UTC (nothing was observed from 2026-11-28 13:50:00 UTC to 2026-11-28 14:00:00 UTC): this is the last topology it saw before.",
            gap.Unobserved.Message);
        Assert.Null((await _timeline.AtAsync(T0.AddMinutes(-15))).Unobserved);
    }

    [Fact]
    public async Task Changes_date_the_gap_mark_what_was_seen_late_and_page_by_stored_revisions()
    {
        Publish("web");
        _time.Advance(TimeSpan.FromSeconds(10));
        Publish("web", "db");
        _time.Advance(TimeSpan.FromSeconds(10));
        Publish("db");

        var all = await _timeline.ChangesAsync(T0.AddMinutes(-30), null);
        Assert.False(all.Truncated);
        Assert.Equal(
            [
                (TimelineChangeKinds.HostAdded, false), (TimelineChangeKinds.ContainerAdded, false),
                (TimelineChangeKinds.NotWatched, false),
                (TimelineChangeKinds.ContainerAdded, true), (TimelineChangeKinds.ContainerRemoved, true),
                (TimelineChangeKinds.ContainerAdded, false),
                (TimelineChangeKinds.ContainerRemoved, false),
            ],
            all.Changes.Select(c => (c.Kind, c.ObservedLate)));
        Assert.Equal(["Container old removed.", "Container web created (running)."], all.Changes.Skip(3).Take(2).Select(c => c.Summary).Order(StringComparer.Ordinal));

        var page = await _timeline.ChangesAsync(T0.AddMinutes(-30), null, maxRevisions: 2);
        Assert.True(page.Truncated);
        Assert.Equal(T0, page.Next);
        var rest = await _timeline.ChangesAsync(page.Next!.Value, null, maxRevisions: 2);
        Assert.False(rest.Truncated);
        Assert.Equal(all.Changes.Count, page.Changes.Count + rest.Changes.Count);

        var backwards = await _timeline.ChangesAsync(T0, T0.AddMinutes(-1));
        Assert.Equal("'from' (2026-11-28 14:00:00 UTC) is after 'to' (2026-11-28 13:59:00 UTC): give the earlier time as 'from'.", backwards.Problem);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
