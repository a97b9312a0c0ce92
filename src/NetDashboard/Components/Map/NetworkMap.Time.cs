using Microsoft.AspNetCore.Components;
using NetDashboard.Core.Model;
using NetDashboard.History;

namespace NetDashboard.Components.Map;

/// <summary>
/// The map's time travel: <c>/?at=&lt;time&gt;</c> (or the timeline) draws the topology as it was then, pinned (live
/// changes don't move it; a banner says it is the past); <c>&amp;since=&lt;time&gt;</c> (or "changes since here") marks
/// what was added, removed or changed since (<see cref="MapChanges"/>). The topology of a time comes from
/// <see cref="TopologyTimeline"/>; what the timeline shows is re-read when the live revision moves.
/// </summary>
public partial class NetworkMap
{
    /// <summary>The timeline's ticks: at most this many of the newest stored revisions.</summary>
    public const int MaxTicks = 1000;

    private string? _atApplied;
    private string? _sinceApplied;
    private DateTimeOffset? _at;
    private TopologySnapshot? _since;
    private TimelineGap? _gap;
    private string? _timeProblem;
    private IReadOnlyList<DateTimeOffset> _ticks = [];
    private long _ticksFor = -1;

    [Inject] public required TopologyTimeline Timeline { get; init; }

    [Inject] public required HistoryAccess HistoryAccess { get; init; }

    /// <summary>The <c>?at=</c> deep link: the time to show (ISO 8601; without an offset, UTC).</summary>
    [Parameter] public string? At { get; set; }

    /// <summary>The <c>?since=</c> deep link: mark what changed since this time.</summary>
    [Parameter] public string? Since { get; set; }

    private bool ShowsTime => !Preset.ReadOnly || _at is not null;

    /// <summary>What the map draws: the shown topology, plus what was removed since when changes are marked.</summary>
    private TopologySnapshot ToDraw => _view.Changes?.Drawn ?? Snapshot;

    protected override async Task OnParametersSetAsync()
    {
        if (At != _atApplied)
        {
            _atApplied = At;
            await ShowTimeAsync(string.IsNullOrWhiteSpace(At) ? null : At, writeUrl: false);
        }
        if (Since != _sinceApplied)
        {
            _sinceApplied = Since;
            await MarkSinceAsync(string.IsNullOrWhiteSpace(Since) ? null : Since, writeUrl: false);
        }
        RefreshTicks();
    }

    private async Task ShowTimeAsync(string? text, bool writeUrl)
    {
        if (text is null)
        {
            await ChooseTimeAsync(null, writeUrl);
            return;
        }
        if (!HistoryInput.TryParseTime(text, out var at))
        {
            _timeProblem = $"'{text}' is not a time: {HistoryInput.TimeHint}.";
            return;
        }
        await ChooseTimeAsync(at, writeUrl);
    }

    /// <summary>Shows the topology at <paramref name="at"/> (null: live again) and writes it into the URL.</summary>
    private async Task ChooseTimeAsync(DateTimeOffset? at, bool writeUrl = true)
    {
        _timeProblem = null;
        if (at is not { } moment)
        {
            _at = null;
            _gap = null;
            ShowPast(null);
        }
        else
        {
            var found = await Timeline.AtAsync(moment);
            if (found.Snapshot is null)
            {
                _timeProblem = found.Problem;
                return;
            }
            _at = moment;
            _gap = found.Unobserved;
            ShowPast(found.Snapshot);
        }
        RefreshTicks(force: true);
        if (writeUrl)
        {
            WriteTime("at", _at);
        }
        StateHasChanged();
    }

    private Task OnTimeChosen(DateTimeOffset? at) => ChooseTimeAsync(at);

    private Task OnSinceChosen(DateTimeOffset? since) =>
        MarkSinceAsync(since is { } s ? UrlTime(s) : null, writeUrl: true, exact: since);

    private async Task MarkSinceAsync(string? text, bool writeUrl, DateTimeOffset? exact = null)
    {
        _timeProblem = null;
        TopologySnapshot? since = null;
        DateTimeOffset? moment = null;
        if (text is not null)
        {
            if (exact is { } e)
            {
                moment = e;
            }
            else if (HistoryInput.TryParseTime(text, out var parsed))
            {
                moment = parsed;
            }
            else
            {
                _timeProblem = $"'{text}' is not a time: {HistoryInput.TimeHint}.";
                return;
            }
            var found = await Timeline.AtAsync(moment.Value);
            if (found.Snapshot is null)
            {
                _timeProblem = found.Problem;
                return;
            }
            since = found.Snapshot;
        }
        _since = since;
        OnSnapshotChanged();
        _highlightsNeeded = true;
        if (writeUrl)
        {
            WriteTime("since", moment);
        }
        StateHasChanged();
    }

    /// <summary>Recomputes the change marks for the shown topology; called whenever it changes.</summary>
    private void RefreshChanges()
    {
        if (_since is null)
        {
            _view.Changes = null;
        }
        else if (_view.Changes is not { } current || !ReferenceEquals(current.Since, _since) || !ReferenceEquals(_changesOf, Snapshot))
        {
            _view.Changes = MapChanges.Compute(_since, Snapshot);
            _changesOf = Snapshot;
        }
    }

    private TopologySnapshot? _changesOf;

    /// <summary>
    /// Re-reads the timeline's ticks when the live revision moved (checked on every render of the map; one indexed
    /// query) or when asked: the newest stored revisions before the live one.
    /// </summary>
    private void RefreshTicks(bool force = false)
    {
        if (Preset.ReadOnly || (!force && _ticksFor == LiveSnapshot.Revision))
        {
            return;
        }
        _ticksFor = LiveSnapshot.Revision;
        var live = LiveSnapshot.GeneratedAt;
        _ticks = LiveSnapshot.Revision == 0 ? [] : Timeline.Ticks(live, MaxTicks + 1).Select(t => t.Time).Where(t => t < live).TakeLast(MaxTicks).ToList();
    }

    /// <summary>A time as the URL carries it: UTC to the millisecond (the history's precision), e.g. <c>2026-12-01T14:00:05.123Z</c>.</summary>
    public static string UrlTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private void WriteTime(string key, DateTimeOffset? value)
    {
        if (Preset.ReadOnly)
        {
            return;
        }
        var text = value is { } v ? UrlTime(v) : null;
        if (key == "at")
        {
            _atApplied = text;
        }
        else
        {
            _sinceApplied = text;
        }
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(key, text), replace: true);
    }
}
