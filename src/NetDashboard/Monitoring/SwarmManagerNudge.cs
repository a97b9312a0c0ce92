using System.Collections.Concurrent;
using NetDashboard.Core.Observation;

namespace NetDashboard.Monitoring;

/// <summary>
/// A task's container starts or stops on a worker, but only a manager answers for the task list, and a manager sends no
/// event for it. So when a watched Swarm node reports container events, every watched manager (another host whose last
/// read carried the cluster) is asked to re-read at once and once more a second later (the worker tells the manager
/// about the new state asynchronously). Bounded: each observer coalesces requests into one read.
/// </summary>
public sealed class SwarmManagerNudge(IReadOnlyList<IHostObserver> observers, TimeProvider time)
{
    /// <summary>How long after the first re-read a manager is asked again.</summary>
    public static readonly TimeSpan SecondLook = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, bool> _managers = new(StringComparer.Ordinal);

    public void Seen(DaemonObservation observation, CancellationToken stoppingToken)
    {
        _managers[observation.Host.Id] = observation.SwarmCluster is not null;
        if (observation.Host.Swarm is null || !observation.Events.Any(e => e.Type == "container"))
        {
            return;
        }
        var managers = observers.Where(o => o.HostId != observation.Host.Id && _managers.GetValueOrDefault(o.HostId)).ToList();
        if (managers.Count == 0)
        {
            return;
        }
        managers.ForEach(m => m.RequestResync());
        _ = Task.Delay(SecondLook, time, stoppingToken).ContinueWith(
            _ => managers.ForEach(m => m.RequestResync()), stoppingToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }
}
