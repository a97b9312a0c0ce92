using NetDashboard.Core.Model;

namespace NetDashboard.Components.Presentation;

/// <summary>
/// What a detail page shows over time: the object its URL names in the current snapshot, and the last version seen,
/// so a page whose object disappears (removed live, or its host lost) can say so instead of failing.
/// </summary>
public sealed class LiveLookup<T>(Func<T, string> id, Func<T, string> hostId) where T : class
{
    private (string IdOrName, string? Host)? _key;

    public LookupResult<T> Result { get; private set; } = LookupResult<T>.None;

    /// <summary>The object as it is now; null when it is not (or no longer) in the snapshot.</summary>
    public T? Current { get; private set; }

    /// <summary>The last version seen on this page, kept after the object disappears.</summary>
    public T? LastKnown { get; private set; }

    public bool IsGone => Current is null && LastKnown is not null;

    /// <summary>Resolves the page's id in <paramref name="snapshot"/>; a new id or host forgets the previous object.</summary>
    public void Update(string idOrName, string? host, Func<string, string?, LookupResult<T>> find)
    {
        if (_key != (idOrName, host))
        {
            _key = (idOrName, host);
            LastKnown = null;
        }
        Result = find(idOrName, host);
        var previous = LastKnown;
        // Once found, stay with that object even if its prefix becomes ambiguous later.
        Current = Result.Single
                  ?? (previous is null ? null : Result.Matches.FirstOrDefault(m => id(m) == id(previous) && hostId(m) == hostId(previous)));
        if (Current is not null)
        {
            LastKnown = Current;
        }
    }
}

public static class LiveLookup
{
    public static LiveLookup<NetworkInfo> ForNetworks() => new(n => n.Id, n => n.HostId);

    public static LiveLookup<ContainerInfo> ForContainers() => new(c => c.Id, c => c.HostId);
}
