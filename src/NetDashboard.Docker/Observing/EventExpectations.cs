using Docker.DotNet.Models;
using NetDashboard.Core.Observation;

namespace NetDashboard.Docker.Observing;

/// <summary>
/// What the daemon's recent events say its records must show, checked against each read. Docker writes some events
/// before the record the list call reads (a network connect or disconnect, a <c>die</c>), so a read made at once may
/// still show the old state: an expectation the read does not meet makes the observer read those containers again,
/// shortly, until it is met or <see cref="Patience"/> has passed — then a full read settles the doubt. The newest event
/// of a container (and of a container on a network) replaces the older one's expectation.
/// </summary>
internal sealed class EventExpectations
{
    /// <summary>How long a read may lag an event before the observer stops re-reading the container and reads everything.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(300);

    /// <summary>The first re-read after a read that did not show an event; each next one waits twice as long.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(5);

    private readonly Dictionary<(string Container, string? Network), Expectation> _pending = [];
    private TimeSpan _retry = FirstRetry;

    private sealed record Expectation(string Action, string? NetworkId, string? Name, DateTimeOffset ReceivedAt);

    public bool Any => _pending.Count > 0;

    /// <summary>The containers whose expectations are still open.</summary>
    public IEnumerable<string> Containers => _pending.Keys.Select(k => k.Container).Distinct(StringComparer.Ordinal);

    /// <summary>Notes what <paramref name="message"/> promises; false when it is not about one container (then only a full read serves it).</summary>
    public static bool IsAboutOneContainer(Message message, out string containerId)
    {
        containerId = "";
        var action = message.Action?.Split(':', 2)[0].Trim();
        if (message.Type == "container" && message.Actor?.ID is { Length: > 0 } id)
        {
            containerId = id;
            return true;
        }
        if (message.Type == "network" && action is "connect" or "disconnect"
            && message.Actor?.Attributes?.TryGetValue("container", out var container) == true && !string.IsNullOrEmpty(container))
        {
            containerId = container;
            return true;
        }
        return false;
    }

    /// <summary>Set by <see cref="Settle"/>: a read begun <see cref="Patience"/> after an event still did not show it.</summary>
    public bool Overdue { get; private set; }

    public void Note(Message message, DateTimeOffset receivedAt)
    {
        if (!IsAboutOneContainer(message, out var container))
        {
            return;
        }
        var action = message.Action!.Split(':', 2)[0].Trim();
        var attributes = message.Actor?.Attributes;
        var name = attributes?.TryGetValue("name", out var n) == true ? n : null;
        if (message.Type == "network")
        {
            _pending[(container, message.Actor!.ID)] = new Expectation(action, message.Actor.ID, name, receivedAt);
        }
        else if (action is "kill" or "update")
        {
            // A signal or a resource change: nothing the record must show.
        }
        else
        {
            _pending[(container, null)] = new Expectation(action, null, name, receivedAt);
        }
        _retry = FirstRetry;
    }

    /// <summary>
    /// Drops what <paramref name="read"/> shows of the containers it read (<paramref name="containersRead"/>; null for a
    /// full read) and began at <paramref name="readStartedAt"/>; true when every expectation is met. One still open that is
    /// older than <see cref="Patience"/> at the read's start makes <see cref="Overdue"/> true.
    /// </summary>
    public bool Settle(DaemonObservation read, IReadOnlySet<string>? containersRead, DateTimeOffset readStartedAt)
    {
        var byId = read.Containers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var key in _pending.Keys.ToList())
        {
            if ((containersRead is null || containersRead.Contains(key.Container)) && Met(_pending[key], byId.GetValueOrDefault(key.Container)))
            {
                _pending.Remove(key);
            }
        }
        Overdue = _pending.Values.Any(e => readStartedAt - e.ReceivedAt > Patience);
        return _pending.Count == 0;
    }

    /// <summary>How long to wait before re-reading the open expectations' containers (doubling from <see cref="FirstRetry"/>).</summary>
    public TimeSpan NextRetry()
    {
        var retry = _retry;
        _retry = TimeSpan.FromTicks(Math.Min(_retry.Ticks * 2, Patience.Ticks / 2));
        return retry;
    }

    public void Clear()
    {
        _pending.Clear();
        Overdue = false;
        _retry = FirstRetry;
    }

    private static bool Met(Expectation e, ObservedContainer? c)
    {
        if (e.NetworkId is { } network)
        {
            if (c is null || c.State is not ("running" or "paused" or "restarting"))
            {
                return true; // a container that no longer runs holds no endpoint, whatever its record says
            }
            var connected = c.Endpoints.Any(p => (p.NetworkId == network || p.NetworkName == e.Name) && !string.IsNullOrEmpty(p.EndpointId));
            return e.Action == "connect" ? connected : !connected;
        }
        return e.Action switch
        {
            "create" => c is not null,
            "destroy" => c is null,
            _ when c is null => true, // gone already: a destroy follows
            "start" or "restart" => c.State is "running" or "paused" or "restarting",
            "unpause" => c.State != "paused",
            "pause" => c.State == "paused",
            "die" or "stop" => c.State is not ("running" or "paused"),
            "rename" => e.Name is null || c.Names.Contains("/" + e.Name.TrimStart('/')),
            _ => true,
        };
    }
}
