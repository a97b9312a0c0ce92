using Microsoft.AspNetCore.Components;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Components.Live;

/// <summary>
/// A component that shows the live topology: it reads <see cref="TopologyStore"/>'s snapshot and re-renders on
/// changes through a <see cref="RenderThrottle"/>, at most once per <see cref="MinRenderInterval"/> and never more
/// than one re-render queued. The store's callback (on this subscription's own reader) only records the newest
/// snapshot and asks for a re-render. Derived components compute their view in <see cref="OnSnapshotChanged"/>; the
/// subscription ends on dispose, and the asynchronous dispose also waits for a re-render in flight.
/// A component can show an earlier topology instead (<see cref="ShowPast"/>): live changes then only update
/// <see cref="LiveSnapshot"/> and never move what is shown, until <see cref="ShowPast"/> is called with null.
/// </summary>
public abstract class TopologyComponentBase : ComponentBase, IAsyncDisposable
{
    /// <summary>The shortest time between two live re-renders.</summary>
    public static readonly TimeSpan MinRenderInterval = TimeSpan.FromMilliseconds(150);

    private IDisposable? _subscription;
    private RenderThrottle? _throttle;
    private TopologySnapshot? _latest;

    [Inject]
    public required TopologyStore Store { get; init; }

    /// <summary>The clock that paces the re-renders (a fake one in tests).</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    /// <summary>The snapshot the component currently shows.</summary>
    protected TopologySnapshot Snapshot { get; private set; } = TopologySnapshot.Empty;

    /// <summary>The newest live snapshot applied (the same as <see cref="Snapshot"/> unless the past is shown).</summary>
    protected TopologySnapshot LiveSnapshot { get; private set; } = TopologySnapshot.Empty;

    /// <summary>The earlier topology shown instead of the live one; null while live.</summary>
    protected TopologySnapshot? Past { get; private set; }

    /// <summary>Shows <paramref name="past"/> (live changes no longer move it), or the live topology again with null.</summary>
    protected void ShowPast(TopologySnapshot? past)
    {
        Past = past;
        Snapshot = past ?? LiveSnapshot;
        OnSnapshotChanged();
    }

    protected override void OnInitialized()
    {
        _throttle = new RenderThrottle(MinRenderInterval, Time, InvokeAsync, Apply, DispatchExceptionAsync);
        _subscription = Store.Subscribe(OnStoreChanged, out var current);
        Snapshot = current;
        LiveSnapshot = current;
    }

    /// <summary>Recomputes the view after the parameters or the snapshot changed. Call the base when overriding.</summary>
    protected override void OnParametersSet() => OnSnapshotChanged();

    /// <summary>Derive what the component shows from <see cref="Snapshot"/> (and its parameters).</summary>
    protected abstract void OnSnapshotChanged();

    // On the subscription's reader: record the newest snapshot, ask for a re-render, return.
    private void OnStoreChanged(TopologyChange change)
    {
        Volatile.Write(ref _latest, change.Snapshot);
        _throttle?.Request();
    }

    // On the renderer, through the throttle.
    private void Apply()
    {
        var latest = Volatile.Read(ref _latest);
        if (latest is null || ReferenceEquals(latest, LiveSnapshot))
        {
            return;
        }
        LiveSnapshot = latest;
        if (Past is null)
        {
            Snapshot = latest;
            OnSnapshotChanged();
        }
        StateHasChanged();
    }

    /// <summary>Ends the subscription, cancels a queued re-render and waits for one in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived component holds; call the base, which stops the live updates.</summary>
    protected virtual ValueTask DisposeAsyncCore() => StopLiveUpdates();

    private ValueTask StopLiveUpdates()
    {
        _subscription?.Dispose();
        _subscription = null;
        return _throttle?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
