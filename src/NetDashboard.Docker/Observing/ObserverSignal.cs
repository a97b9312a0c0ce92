using Docker.DotNet.Models;

namespace NetDashboard.Docker.Observing;

/// <summary>What wakes an observer's loop: one message of the daemon's event stream, or a request to re-read now.</summary>
internal abstract record ObserverSignal
{
    private ObserverSignal()
    {
    }

    /// <summary>The daemon announced something (read at <paramref name="ReceivedAt"/>, by the dashboard's clock); the next read sees what it did.</summary>
    public sealed record Event(Message Message, DateTimeOffset ReceivedAt) : ObserverSignal;

    /// <summary>An inspect that outlasted <see cref="DockerObserverOptions.InspectWait"/> has answered: re-read that container.</summary>
    public sealed record Inspected(string ContainerId) : ObserverSignal;

    /// <summary>Re-read now (a user asked, or the event stream ended and the loop must notice).</summary>
    public sealed record Resync : ObserverSignal
    {
        public static readonly Resync Now = new();
    }
}
