using NetDashboard.Core.Demo;
using NetDashboard.Core.Observation;

namespace NetDashboard.Monitoring.Demo;

/// <summary>The demo source: the seed's topology on a simulated daemon, changing every few seconds.</summary>
public sealed class DemoHostObserver(string hostId, TimeSpan interval, TimeProvider time) : IHostObserver
{
    private readonly DemoDaemon _daemon = DemoDaemon.Seed(hostId);
    private readonly SemaphoreSlim _wake = new(0);

    public string HostId => hostId;

    public void RequestResync() => _wake.Release();

    public async Task RunAsync(Func<DaemonObservation, CancellationToken, ValueTask> publish, CancellationToken cancellationToken)
    {
        await publish(_daemon.Observe("demo (simulated)"), cancellationToken);
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            _daemon.Step();
            await publish(_daemon.Observe("demo (simulated)"), cancellationToken);
        }
    }
}
