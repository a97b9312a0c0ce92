using NetDashboard.Core.Observation;

namespace NetDashboard.Monitoring;

/// <summary>
/// Runs one host's observer until the app stops, handing each observation to <c>publish</c>. Observers never throw for
/// daemon trouble; one that fails anyway is logged and restarted after <see cref="RestartDelay"/>. The dashboard's
/// monitor and the collector both run their observers through it.
/// </summary>
public static class ObserverLoop
{
    public static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(IHostObserver observer, Action<DaemonObservation> publish, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await observer.RunAsync((observation, _) =>
                {
                    publish(observation);
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
                    await Task.Delay(RestartDelay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
