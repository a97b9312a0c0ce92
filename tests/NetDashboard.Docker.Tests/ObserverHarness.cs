using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetDashboard.Core.Observation;
using NetDashboard.Docker.Connection;
using NetDashboard.Docker.Observing;

namespace NetDashboard.Docker.Tests;

/// <summary>Runs a real <see cref="DockerHostObserver"/> until it has published what a test waits for.</summary>
internal static class ObserverHarness
{
    public static DockerHostObserver Create(string endpoint, DockerObserverOptions? options = null, string id = "local", ILogger? logger = null) =>
        new(id, id, DockerEndpoint.Resolve(endpoint, false, null), options ?? new DockerObserverOptions(), logger ?? NullLogger.Instance);

    public static async Task<DaemonObservation> FirstAsync(DockerHostObserver observer, Func<DaemonObservation, bool>? until = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        DaemonObservation? found = null;
        var run = observer.RunAsync((o, _) =>
        {
            if (found is null && (until?.Invoke(o) ?? true))
            {
                found = o;
                cts.Cancel();
            }
            return ValueTask.CompletedTask;
        }, cts.Token);
        await run;
        return found ?? throw new TimeoutException("The observer published nothing that matched in time.");
    }
}
