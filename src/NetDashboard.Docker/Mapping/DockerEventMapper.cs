using Docker.DotNet.Models;
using NetDashboard.Core.Observation;

namespace NetDashboard.Docker.Mapping;

/// <summary>
/// Maps one message of Docker's event stream into the core's <see cref="ObservedEvent"/>, keeping only the actions
/// that change the topology (history records them); kill, update and the like change nothing by themselves.
/// </summary>
internal static class DockerEventMapper
{
    private static readonly HashSet<string> ContainerActions =
        new(["create", "start", "restart", "stop", "die", "destroy", "rename", "pause", "unpause"], StringComparer.Ordinal);

    private static readonly HashSet<string> NetworkActions =
        new(["create", "connect", "disconnect", "destroy", "remove"], StringComparer.Ordinal);

    /// <summary>
    /// How far a daemon's event time may be from the moment the dashboard read the event before the daemon's clock is
    /// taken to be wrong (it jumped, or was never set): the subscription replays two seconds, and a loaded machine
    /// delivers late, so a minute leaves room for both.
    /// </summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>The event, or null when it does not change the topology; read now, by the system clock.</summary>
    public static ObservedEvent? ToObserved(Message message) => ToObserved(message, DateTimeOffset.UtcNow);

    /// <summary>
    /// The event read at <paramref name="receivedAt"/>, or null when it does not change the topology. It is dated by the
    /// daemon's own time unless that is more than <see cref="MaxClockSkew"/> from <paramref name="receivedAt"/>: a
    /// daemon whose clock jumped must not date history an hour or a year off, so then the dashboard's clock dates it.
    /// </summary>
    public static ObservedEvent? ToObserved(Message message, DateTimeOffset receivedAt)
    {
        var actor = message.Actor?.ID;
        if (string.IsNullOrEmpty(actor) || message.Action is not { } action)
        {
            return null;
        }
        // Some actions carry details after a colon ("exec_start: sh"); none of ours do, but be safe.
        action = action.Split(':', 2)[0].Trim();
        var attributes = message.Actor?.Attributes;
        string? Attribute(string key) => attributes is not null && attributes.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v) ? v : null;
        var time = TimeOf(message) is { } daemonTime && (daemonTime - receivedAt).Duration() <= MaxClockSkew ? daemonTime : receivedAt;
        return message.Type switch
        {
            "container" when ContainerActions.Contains(action) => new ObservedEvent
            {
                Time = time,
                Type = "container",
                Action = action,
                ActorId = actor,
                ContainerId = actor,
                ContainerName = Attribute("name"),
            },
            "network" when NetworkActions.Contains(action) => new ObservedEvent
            {
                Time = time,
                Type = "network",
                Action = action,
                ActorId = actor,
                ContainerId = Attribute("container"),
                NetworkId = actor,
                NetworkName = Attribute("name"),
            },
            _ => null,
        };
    }

    /// <summary>The daemon's own time of the event, or null when it gave none.</summary>
    public static DateTimeOffset? TimeOf(Message message)
    {
        if (message.TimeNano is { } nano and > 0)
        {
            return DateTimeOffset.UnixEpoch.AddTicks(nano / 100);
        }
        if (message.Time is { } seconds and > 0)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        return null;
    }
}
