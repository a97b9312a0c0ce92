using Microsoft.Extensions.Time.Testing;
using NetDashboard.Components.Live;

namespace NetDashboard.Components.Tests.Live;

/// <summary>
/// The one throttle of the live components, on a fake clock: runs at least MinInterval apart, at most one queued,
/// errors to the component, dispose cancels a queued run and awaits the one in flight.
/// </summary>
public sealed class RenderThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_first_request_runs_at_once_and_a_burst_after_it_runs_once_when_the_interval_is_over()
    {
        var time = new FakeTimeProvider();
        var harness = new Harness(time);

        harness.Throttle.Request();
        await harness.WaitForRunsAsync(1);

        for (var i = 0; i < 50; i++)
        {
            harness.Throttle.Request(); // all but the first are folded into the one queued run
        }
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, harness.Runs); // the queued run waits on the (fake) clock, which has not reached the interval
        time.Advance(TimeSpan.FromMilliseconds(1));
        await harness.WaitForRunsAsync(2);

        time.Advance(10 * Interval);
        harness.Throttle.Request(); // long after the last run: at once again
        await harness.WaitForRunsAsync(3);
        Assert.Equal(3, harness.Runs);
        Assert.Empty(harness.Errors);
        await harness.Throttle.DisposeAsync();
    }

    [Fact]
    public async Task A_request_during_a_run_queues_the_next_one_so_no_change_is_missed()
    {
        var time = new FakeTimeProvider();
        var harness = new Harness(time);
        harness.OnRun = () =>
        {
            if (harness.Runs == 1)
            {
                harness.Throttle.Request(); // something changed after this run read the state
            }
        };

        harness.Throttle.Request();
        await harness.WaitForRunsAsync(1);
        time.Advance(Interval);
        await harness.WaitForRunsAsync(2);
        await harness.Throttle.DisposeAsync();
    }

    [Fact]
    public async Task A_failing_run_goes_to_the_component_and_the_next_run_still_happens()
    {
        var time = new FakeTimeProvider();
        var harness = new Harness(time);
        harness.OnRun = () =>
        {
            if (harness.Runs == 1) throw new InvalidOperationException("the view could not be computed");
        };

        harness.Throttle.Request();
        var error = await harness.FirstError.Task.WaitAsync(Timeout);
        Assert.Equal("the view could not be computed", error.Message);

        time.Advance(Interval);
        harness.Throttle.Request();
        await harness.WaitForRunsAsync(2);
        Assert.Single(harness.Errors);
        await harness.Throttle.DisposeAsync();
    }

    [Fact]
    public async Task Dispose_waits_for_the_run_in_flight_and_cancels_a_queued_one()
    {
        var time = new FakeTimeProvider();
        var entered = new ManualResetEventSlim();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var harness = new Harness(time, async run =>
        {
            entered.Set();
            await release.Task; // the renderer is busy: the run is in flight
            run();
        });

        harness.Throttle.Request();
        Assert.True(entered.Wait(Timeout));
        var disposing = harness.Throttle.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted); // still waiting for the run in flight

        release.SetResult();
        await disposing.WaitAsync(Timeout);
        Assert.Equal(0, harness.Runs); // the run reached the renderer after dispose: it did nothing

        harness.Throttle.Request(); // after dispose: ignored
        time.Advance(10 * Interval);
        Assert.Equal(0, harness.Runs);
    }

    [Fact]
    public async Task Dispose_cancels_a_run_that_waits_for_the_interval()
    {
        var time = new FakeTimeProvider();
        var harness = new Harness(time);
        harness.Throttle.Request();
        await harness.WaitForRunsAsync(1);
        harness.Throttle.Request(); // waits on the clock

        await harness.Throttle.DisposeAsync().AsTask().WaitAsync(Timeout); // does not wait for the clock
        time.Advance(10 * Interval);
        Assert.Equal(1, harness.Runs);
        Assert.Empty(harness.Errors);
    }

    /// <summary>Stands in for a component: InvokeAsync runs the callback inline (or as the test says), errors are collected.</summary>
    private sealed class Harness
    {
        private int _runs;

        public Harness(TimeProvider time, Func<Action, Task>? invokeAsync = null)
        {
            Throttle = new RenderThrottle(Interval, time, invokeAsync ?? (run => { run(); return Task.CompletedTask; }), Run, ex =>
            {
                Errors.Add(ex);
                FirstError.TrySetResult(ex);
                return Task.CompletedTask;
            });
        }

        public RenderThrottle Throttle { get; }

        public int Runs => Volatile.Read(ref _runs);

        public Action? OnRun { get; set; }

        public List<Exception> Errors { get; } = [];

        public TaskCompletionSource<Exception> FirstError { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private readonly SemaphoreSlim _ran = new(0);

        private void Run()
        {
            Interlocked.Increment(ref _runs);
            try
            {
                OnRun?.Invoke();
            }
            finally
            {
                _ran.Release();
            }
        }

        public async Task WaitForRunsAsync(int runs)
        {
            while (Runs < runs)
            {
                Assert.True(await _ran.WaitAsync(Timeout), $"waited for run {runs}; saw {Runs}");
            }
        }
    }
}
