using NetDashboard.Core.Demo;
using NetDashboard.Core.Observation;

namespace NetDashboard.Monitoring.Demo;

/// <summary>
/// The demo source: a simulated daemon (the seed's topology by default), changing every few seconds. Each change
/// comes with the events a real daemon would send, so the demo's history has a timeline too.
/// </summary>
public sealed class DemoHostObserver(DemoDaemon daemon, TimeSpan interval, TimeProvider time) : IHostObserver
{
    private readonly DemoDaemon _daemon = daemon;

    public string HostId => _daemon.HostId;

    /// <summary>The simulated daemon has nothing to re-read: what it holds is always current.</summary>
    public void RequestResync()
    {
    }

    public async Task RunAsync(Func<DaemonObservation, CancellationToken, ValueTask> publish, CancellationToken cancellationToken)
    {
        await publish(_daemon.Observe("demo (simulated)") with { Cause = ObservationCause.Initial }, cancellationToken);
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            _daemon.Step();
            var observation = _daemon.Observe("demo (simulated)") with { Cause = ObservationCause.Event, Events = _daemon.DrainEvents(time.GetUtcNow()) };
            await publish(observation, cancellationToken);
        }
    }
}
