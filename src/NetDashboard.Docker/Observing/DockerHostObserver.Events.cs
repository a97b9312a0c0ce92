using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace NetDashboard.Docker.Observing;

/// <summary>The observer's side of the event stream: following it, and what an event makes stale.</summary>
public sealed partial class DockerHostObserver
{
    /// <summary>Feeds the daemon's events, in order, into the signal channel until the stream ends.</summary>
    private Task FollowEventsAsync(IDockerClient client, CancellationToken cancellationToken)
    {
        var parameters = new ContainerEventsParameters
        {
            // A little replay closes the gap between subscribing and the first read.
            Since = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 2).ToString(CultureInfo.InvariantCulture),
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                // Service and node events (Swarm managers only) re-read the manager's services, tasks and nodes.
                ["type"] = new Dictionary<string, bool> { ["container"] = true, ["network"] = true, ["service"] = true, ["node"] = true },
                ["event"] = WatchedEvents.ToDictionary(e => e, _ => true),
            },
        };
        Calls.Increment("events");
        return Task.Run(async () =>
        {
            try
            {
                await client.System.MonitorEventsAsync(parameters, new InlineProgress<Message>(m => _signals.Writer.TryWrite(new ObserverSignal.Event(m, _options.Time.GetUtcNow()))), cancellationToken);
            }
            finally
            {
                RequestResync(); // wake the loop so it notices the end of the stream
            }
        }, CancellationToken.None);
    }

    /// <summary>
    /// Why the event stream ended, as an exception: the daemon's refusal as it is; a stream broken off (mid-message,
    /// a reset connection, bytes that are no JSON) or one that simply ended, as <see cref="EventStreamEndedException"/>.
    /// </summary>
    private static async Task EndOfEventsAsync(Task events)
    {
        try
        {
            await events;
        }
        catch (Exception ex) when (ex is not (DockerApiException or OperationCanceledException))
        {
            throw new EventStreamEndedException("The event stream was broken off.", ex);
        }
        throw new EventStreamEndedException("The event stream ended.");
    }

    /// <summary>Forgets the inspect answers the event made stale (Docker announces some changes before its records show them: <see cref="EventExpectations"/>).</summary>
    private void Invalidate(Message message)
    {
        if (message.Type == "container" && message.Actor?.ID is { } id)
        {
            _cache.Invalidate(id);
        }
        else if (message.Type == "network" && message.Actor?.Attributes?.TryGetValue("container", out var container) == true)
        {
            _cache.Invalidate(container);
        }
    }
}
