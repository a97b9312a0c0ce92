using Microsoft.AspNetCore.Components;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Components.Live;

/// <summary>
/// A component that shows the live topology: it reads <see cref="TopologyStore"/>'s snapshot and re-renders on
/// changes, at most once per <see cref="MinRenderInterval"/> and never more than one re-render queued. The store's
/// callback runs under the store's lock, so it only records the newest snapshot and schedules a flush.
/// Derived components compute their view in <see cref="OnSnapshotChanged"/>; the subscription ends on dispose.
/// </summary>
public abstract class TopologyComponentBase : ComponentBase, IDisposable
{
    /// <summary>The shortest time between two live re-renders.</summary>
    public static readonly TimeSpan MinRenderInterval = TimeSpan.FromMilliseconds(150);

    private IDisposable? _subscription;
    private TopologySnapshot? _latest;
    private int _flushQueued;
    private long _lastFlushTicks;
    private volatile bool _disposed;

    [Inject]
    public required TopologyStore Store { get; init; }

    /// <summary>The snapshot the component currently shows.</summary>
    protected TopologySnapshot Snapshot { get; private set; } = TopologySnapshot.Empty;

    protected override void OnInitialized()
    {
        _subscription = Store.Subscribe(OnStoreChanged, out var current);
        Snapshot = current;
    }

    /// <summary>Recomputes the view after the parameters or the snapshot changed. Call the base when overriding.</summary>
    protected override void OnParametersSet() => OnSnapshotChanged();

    /// <summary>Derive what the component shows from <see cref="Snapshot"/> (and its parameters).</summary>
    protected abstract void OnSnapshotChanged();

    // Runs under the store's lock: record the newest snapshot, schedule at most one flush, return.
    private void OnStoreChanged(TopologyChange change)
    {
        Volatile.Write(ref _latest, change.Snapshot);
        if (!_disposed && Interlocked.Exchange(ref _flushQueued, 1) == 0)
        {
            _ = Task.Run(FlushAsync);
        }
    }

    private async Task FlushAsync()
    {
        try
        {
            var sinceLast = TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastFlushTicks));
            if (sinceLast < MinRenderInterval)
            {
                await Task.Delay(MinRenderInterval - sinceLast);
            }
            await InvokeAsync(Apply);
        }
        catch (Exception ex) when (ex is ObjectDisposedException || _disposed)
        {
            // The circuit went away between the change and the flush.
        }
        catch (Exception ex)
        {
            if (!_disposed)
            {
                await DispatchExceptionAsync(ex);
            }
        }
    }

    private void Apply()
    {
        Interlocked.Exchange(ref _flushQueued, 0);
        Interlocked.Exchange(ref _lastFlushTicks, Environment.TickCount64);
        var latest = Volatile.Read(ref _latest);
        if (_disposed || latest is null || ReferenceEquals(latest, Snapshot))
        {
            return;
        }
        Snapshot = latest;
        OnSnapshotChanged();
        StateHasChanged();
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _subscription = null;
        GC.SuppressFinalize(this);
    }
}
