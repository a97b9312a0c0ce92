using Microsoft.AspNetCore.Components;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>
/// The timeline under the map. Its positions are the stored revisions' times (<see cref="Ticks"/>, oldest first)
/// and, last, "live": the slider and the step buttons choose one and tell the map (<see cref="OnChoose"/>, null for
/// live). Plain controls: the map owns the time shown and loads the topology of that time.
/// </summary>
public partial class MapTimeline
{
    /// <summary>Above this many ticks the slider draws no tick marks (they would merge into a bar).</summary>
    public const int MaxTickMarks = 200;

    /// <summary>The stored revisions' times, oldest first.</summary>
    [Parameter] public IReadOnlyList<DateTimeOffset> Ticks { get; set; } = [];

    /// <summary>The time shown; null while live.</summary>
    [Parameter] public DateTimeOffset? At { get; set; }

    /// <summary>The live topology's time (what "changes since here" marks from while live).</summary>
    [Parameter] public DateTimeOffset LiveTime { get; set; }

    /// <summary>False while the history cannot answer (off, unavailable, starting); <see cref="Reason"/> says why.</summary>
    [Parameter] public bool Available { get; set; }

    [Parameter] public string? Reason { get; set; }

    /// <summary>The "what changed since" view in use; null when off.</summary>
    [Parameter] public MapChanges? Changes { get; set; }

    /// <summary>A time was chosen (null: back to live).</summary>
    [Parameter] public EventCallback<DateTimeOffset?> OnChoose { get; set; }

    /// <summary>"Changes since here" (the time) or its close button (null).</summary>
    [Parameter] public EventCallback<DateTimeOffset?> OnMarkSince { get; set; }

    /// <summary>The slider's position: the last tick at or before <see cref="At"/>, or <c>Ticks.Count</c> for live.</summary>
    public int Index => IndexOf(Ticks, At);

    private string Label => At is { } at ? UtcText.Time(at) : "Live";

    /// <summary>The position of <paramref name="at"/> among <paramref name="ticks"/>: the last tick at or before it; the end for live.</summary>
    public static int IndexOf(IReadOnlyList<DateTimeOffset> ticks, DateTimeOffset? at)
    {
        if (at is not { } t)
        {
            return ticks.Count;
        }
        var index = 0;
        for (var i = 0; i < ticks.Count && ticks[i] <= t; i++)
        {
            index = i;
        }
        return index;
    }

    /// <summary>The time of a position: a tick's, or null (live) at the end.</summary>
    public static DateTimeOffset? TimeAt(IReadOnlyList<DateTimeOffset> ticks, int index) =>
        index >= 0 && index < ticks.Count ? ticks[index] : null;

    private Task SlideAsync(int index) => index == Index ? Task.CompletedTask : OnChoose.InvokeAsync(TimeAt(Ticks, index));

    private Task StepAsync(int by) => OnChoose.InvokeAsync(TimeAt(Ticks, Math.Clamp(Index + by, 0, Ticks.Count)));
}
