using NetDashboard.Core.Observation;

namespace NetDashboard.Monitoring;

/// <summary>
/// The one monitor of the app: runs every host's observer and writes what they see into the
/// <see cref="TopologyStore"/>. Observers never throw for daemon trouble; if one fails anyway it is restarted.
/// Among replicas the observers run only during this process's turns (<see cref="IObservingTurns"/>: while it leads,
/// or while it cannot reach the others); between turns the store follows the leader.
/// </summary>
public sealed class TopologyMonitor(
    IEnumerable<IHostObserver> observers,
    TopologyStore store,
    IObservingTurns turns,
    TimeProvider time,
    ILogger<TopologyMonitor> logger) : BackgroundService
{
    /// <summary>
    /// After taking over from a leader, the longest the followed document stays while some host's observer has not
    /// answered yet (an unreachable daemon is reported within its connect timeout, 10 s by default).
    /// </summary>
    public static readonly TimeSpan TakeoverLimit = TimeSpan.FromSeconds(15);

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationToken turn;
            try
            {
                turn = await turns.WaitForTurnAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, turn);
            var placeholders = _observers.Select(o => o.Placeholder).OfType<ObservedHost>().ToList();
            store.ResumeObserving(placeholders.Select(h => h.Id));
            store.Register(placeholders);
            _ = EndTakeoverAsync(placeholders, running.Token);
            await Task.WhenAll(_observers.Select(o => RunObserverAsync(o, running.Token)));
        }
    }

    private async Task EndTakeoverAsync(IReadOnlyList<ObservedHost> placeholders, CancellationToken running)
    {
        try
        {
            await Task.Delay(TakeoverLimit, time, running);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        store.EndTakeover();
        store.Register(placeholders);
    }

    private Task RunObserverAsync(IHostObserver observer, CancellationToken stoppingToken) =>
        ObserverLoop.RunAsync(observer, observation =>
        {
            store.Publish(observation);
            _nudge.Seen(observation, stoppingToken);
        }, time, logger, stoppingToken);
}
