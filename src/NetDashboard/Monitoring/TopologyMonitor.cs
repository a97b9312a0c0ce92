using NetDashboard.Core.Observation;

namespace NetDashboard.Monitoring;

/// <summary>
/// The one monitor of the app: runs every host's observer and writes what they see into the
/// <see cref="TopologyStore"/>. Observers never throw for daemon trouble; if one fails anyway it is restarted.
/// </summary>
public sealed class TopologyMonitor(
    IEnumerable<IHostObserver> observers,
    TopologyStore store,
    TimeProvider time,
    ILogger<TopologyMonitor> logger) : BackgroundService
{
    private readonly IReadOnlyList<IHostObserver> _observers = observers.ToList();
    private readonly SwarmManagerNudge _nudge = new(observers.ToList(), time);

    public IReadOnlyList<IHostObserver> Observers => _observers;

    /// <summary>Asks every observer for a full re-read now.</summary>
    public void RequestResync()
    {
        foreach (var observer in _observers)
        {
            observer.RequestResync();
        }
    }

    /// <summary>Lists every configured host (disconnected, "no answer yet") before any daemon is asked anything.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        store.Register(_observers.Select(o => o.Placeholder).OfType<ObservedHost>());
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_observers.Select(o => RunObserverAsync(o, stoppingToken)));

    private async Task RunObserverAsync(IHostObserver observer, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await observer.RunAsync((observation, _) =>
                {
                    store.Publish(observation);
                    _nudge.Seen(observation, stoppingToken);
                    return ValueTask.CompletedTask;
                }, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The observer of host {Host} failed; restarting it in 2 s.", observer.HostId);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
