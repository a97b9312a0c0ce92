using System.Collections.Immutable;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Demo;

public sealed partial class DemoDaemon
{
    private readonly List<ObservedEvent> _events = [];

    /// <summary>
    /// The events a real daemon would have sent for the steps since the last call, stamped with
    /// <paramref name="now"/> (the daemon itself keeps no clock, so it stays deterministic).
    /// </summary>
    public ImmutableArray<ObservedEvent> DrainEvents(DateTimeOffset now)
    {
        var drained = _events.Select(e => e with { Time = now }).ToImmutableArray();
        _events.Clear();
        return drained;
    }

    private void Record(string type, string action, DemoContainer container, DemoNetwork? network = null) =>
        _events.Add(new ObservedEvent
        {
            Time = default,
            Type = type,
            Action = action,
            ActorId = network?.Id ?? container.Id,
            ContainerId = container.Id,
            ContainerName = type == "container" ? container.Name : null,
            NetworkId = network?.Id,
            NetworkName = network?.Name,
        });
}
