using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using NetDashboard.Docker.Mapping;

namespace NetDashboard.Docker.Observing;

/// <summary>
/// Notices a daemon whose clock is off (it jumped, or was never set) by comparing each event's own time with when the
/// dashboard read it, and says so in the log once when it starts and once when it ends: while it lasts, the events are
/// dated by the dashboard's clock (<see cref="DockerEventMapper.MaxClockSkew"/>).
/// </summary>
internal sealed class ClockSkewWatch(string hostId, ILogger logger)
{
    private bool _skewed;

    /// <summary>True while the daemon's clock is off.</summary>
    public bool Skewed => _skewed;

    public void Note(Message message, DateTimeOffset receivedAt)
    {
        if (DockerEventMapper.TimeOf(message) is not { } daemonTime)
        {
            return;
        }
        var skewed = (daemonTime - receivedAt).Duration() > DockerEventMapper.MaxClockSkew;
        if (skewed == _skewed)
        {
            return;
        }
        _skewed = skewed;
        if (skewed)
        {
            logger.LogWarning("Host {Host}: its clock is {Skew:0} s off this dashboard's; its events are dated by the dashboard's clock until it agrees again.",
                hostId, (daemonTime - receivedAt).TotalSeconds);
        }
        else
        {
            logger.LogInformation("Host {Host}: its clock agrees with this dashboard's again.", hostId);
        }
    }
}
