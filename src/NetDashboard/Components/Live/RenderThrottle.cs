namespace NetDashboard.Components.Live;

/// <summary>
/// The one way a component turns "something changed" signals from another thread into re-renders (modelled on the
/// Aspire Dashboard's CallbackThrottler): <see cref="Request"/> returns at once; the callback then runs on the
/// component's renderer (through its <c>InvokeAsync</c>), at least <see cref="MinInterval"/> after the previous run
/// began, and however many requests arrive meanwhile at most one run is queued. A run's exception goes to the
/// component (its <c>DispatchExceptionAsync</c>, so the circuit's error handling sees it), never to the caller of
/// <see cref="Request"/>. <see cref="DisposeAsync"/> cancels a queued run and awaits the one in flight.
/// </summary>
public sealed class RenderThrottle : IAsyncDisposable
{
    private readonly Func<Action, Task> _invokeAsync;
    private readonly Action _callback;
    private readonly Func<Exception, Task> _dispatchExceptionAsync;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _gate = new();
    private Task _inFlight = Task.CompletedTask;
    private bool _queued;
    private long? _lastRun;
    private volatile bool _disposed;

    /// <param name="minInterval">The shortest time between the starts of two runs.</param>
    /// <param name="time">The clock (a fake one in tests).</param>
    /// <param name="invokeAsync">The component's <c>InvokeAsync</c>: runs the callback on its renderer.</param>
    /// <param name="callback">What to do on the renderer: read the newest state, call <c>StateHasChanged</c>.</param>
    /// <param name="dispatchExceptionAsync">The component's <c>DispatchExceptionAsync</c>.</param>
    public RenderThrottle(TimeSpan minInterval, TimeProvider time, Func<Action, Task> invokeAsync, Action callback, Func<Exception, Task> dispatchExceptionAsync)
    {
        MinInterval = minInterval;
        _time = time;
        _invokeAsync = invokeAsync;
        _callback = callback;
        _dispatchExceptionAsync = dispatchExceptionAsync;
    }

    public TimeSpan MinInterval { get; }

    /// <summary>Asks for a run; does nothing when one is already queued or the throttle is disposed. Any thread.</summary>
    public void Request()
    {
        lock (_gate)
        {
            if (_disposed || _queued)
            {
                return;
            }
            _queued = true;
            // The previous run has started (or none was queued), so the last start is known: the wait starts now.
            var wait = _lastRun is { } last ? MinInterval - _time.GetElapsedTime(last) : TimeSpan.Zero;
            var interval = wait > TimeSpan.Zero ? Task.Delay(wait, _time, _disposing.Token) : Task.CompletedTask;
            var previous = _inFlight;
            _inFlight = Task.Run(() => RunAfterAsync(previous, interval));
        }
    }

    private async Task RunAfterAsync(Task previous, Task interval)
    {
        await previous; // never faults: every run catches its own errors
        try
        {
            await interval;
            await _invokeAsync(Run);
        }
        catch (Exception) when (_disposed)
        {
            // Disposed while waiting, or the renderer went away with the component.
        }
        catch (Exception ex)
        {
            await DispatchAsync(ex);
        }
    }

    // On the renderer. Requests from here on queue the next run, which will see what changed after this one read.
    private void Run()
    {
        lock (_gate)
        {
            _queued = false;
            _lastRun = _time.GetTimestamp();
            if (_disposed)
            {
                return;
            }
        }
        _callback(); // an exception goes back through InvokeAsync to RunAfterAsync, which dispatches it
    }

    private async Task DispatchAsync(Exception ex)
    {
        try
        {
            await _dispatchExceptionAsync(ex);
        }
        catch (Exception)
        {
            // The component's renderer is gone: nobody is left to tell.
        }
    }

    /// <summary>Stops further runs and waits for the one in flight (a queued one is cancelled).</summary>
    public async ValueTask DisposeAsync()
    {
        Task inFlight;
        bool first;
        lock (_gate)
        {
            first = !_disposed;
            _disposed = true;
            inFlight = _inFlight;
        }
        if (first)
        {
            await _disposing.CancelAsync();
        }
        await inFlight;
    }
}
