using System.Diagnostics;
using NetDashboard.Core.Observation;

namespace NetDashboard.TestSupport;

/// <summary>
/// A real observer running in the background for as long as a test needs, keeping every observation it published with
/// the moment it did; tests wait for the next observation that matches, after a moment they mark.
/// </summary>
public sealed class ObserverRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TimeSpan At, DaemonObservation Observation)> _seen = [];
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _run;
    private TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ObserverRun(IHostObserver observer)
    {
        Observer = observer;
        _run = observer.RunAsync((o, _) =>
        {
            TaskCompletionSource published;
            lock (_seen)
            {
                _seen.Add((_clock.Elapsed, o));
                published = _published;
                _published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            published.TrySetResult();
            return ValueTask.CompletedTask;
        }, _stop.Token);
    }

    public IHostObserver Observer { get; }

    /// <summary>Time since the run started, on the clock <see cref="NextAsync"/> reports.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>A <see cref="Stopwatch.GetTimestamp"/> reading as a moment of this run (what <see cref="Now"/> said then).</summary>
    public TimeSpan At(long stopwatchTimestamp) => Stopwatch.GetElapsedTime(_startedAt, stopwatchTimestamp);

    /// <summary>Observations published so far.</summary>
    public int Count
    {
        get
        {
            lock (_seen)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>
    /// The first observation published at or after <paramref name="after"/> (a <see cref="Now"/> reading) that matches,
    /// with when it was published (those published before <paramref name="after"/> are forgotten); throws a <see cref="TimeoutException"/> naming <paramref name="what"/>.
    /// </summary>
    public async Task<(TimeSpan At, DaemonObservation Observation)> NextAsync(TimeSpan after, Func<DaemonObservation, bool> match, string what, TimeSpan? timeout = null)
    {
        var limit = Stopwatch.StartNew();
        var budget = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            Task published;
            lock (_seen)
            {
                _seen.RemoveAll(s => s.At < after); // what came before is no longer wanted: a long run keeps no backlog
                foreach (var (at, o) in _seen)
                {
                    if (at >= after && match(o))
                    {
                        return (at, o);
                    }
                }
                published = _published.Task;
            }
            var left = budget - limit.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"The observer published no {what} within {budget.TotalSeconds:0.#} s.");
            }
            await Task.WhenAny(published, Task.Delay(left));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _stop.Dispose();
    }
}
