using System.Collections.Immutable;

namespace NetDashboard.Core.Observation;

/// <summary>
/// Why an observer re-read its daemon. History needs it: a change seen right after the daemon's own events happened
/// then; a change first seen on a connect or a periodic re-read happened at some unknown earlier moment (while the
/// dashboard or the event stream was away), and is recorded as "observed at resync".
/// </summary>
public enum ObservationCause
{
    /// <summary>Not said (an observation built by hand, a host registered before its first answer).</summary>
    Unspecified,
    /// <summary>The first read after connecting (or reconnecting) to the daemon.</summary>
    Initial,
    /// <summary>A re-read after daemon events (or the follow-up read that one of them asked for).</summary>
    Event,
    /// <summary>A periodic or requested re-read with no event behind it.</summary>
    Resync,
}

/// <summary>
/// One daemon event that can change the topology (a container started, died, was removed; a network connect or
/// disconnect), folded into the observation that followed it. Field names follow Docker's event message.
/// </summary>
public sealed record ObservedEvent
{
    public required DateTimeOffset Time { get; init; }
    /// <summary><c>container</c> or <c>network</c>.</summary>
    public required string Type { get; init; }
    /// <summary>The daemon's action word: start, die, stop, destroy, connect, disconnect…</summary>
    public required string Action { get; init; }
    /// <summary>Actor.ID: the container's id, or the network's for network events.</summary>
    public required string ActorId { get; init; }
    /// <summary>The container concerned: the actor, or the <c>container</c> attribute of a network event.</summary>
    public string? ContainerId { get; init; }
    /// <summary>The container's name when the event says it (container events carry it).</summary>
    public string? ContainerName { get; init; }
    public string? NetworkId { get; init; }
    public string? NetworkName { get; init; }

    /// <summary>The kind written to history: <c>container-start</c>, <c>network-connect</c>…</summary>
    public string Kind => $"{Type}-{Action}";
}

/// <summary>
/// What one published observation said about its cause: its host, why it was read and the events folded into it.
/// The store hands these on with each change (including those of observations that changed nothing by themselves).
/// </summary>
public sealed record ObservationOrigin(string HostId, bool Connected, ObservationCause Cause, ImmutableArray<ObservedEvent> Events)
{
    public static ObservationOrigin Of(DaemonObservation observation) =>
        new(observation.Host.Id, observation.Host.Connected, observation.Cause, observation.Events);
}
