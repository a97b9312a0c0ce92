using System.Collections.Immutable;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Presentation;

/// <summary>The outcome of resolving a detail page's id: one match, several (an ambiguous prefix or name), or none.</summary>
public sealed record LookupResult<T>(ImmutableArray<T> Matches) where T : class
{
    public T? Single => Matches.Length == 1 ? Matches[0] : null;
    public bool IsAmbiguous => Matches.Length > 1;
    public bool IsNotFound => Matches.IsEmpty;
}

/// <summary>
/// Resolves what a detail page's URL names, like the docker CLI does: the full id, then the exact name, then a
/// unique id prefix; <c>?host=</c> narrows to one host.
/// </summary>
public static class TopologyLookup
{
    public static LookupResult<NetworkInfo> Network(TopologySnapshot snapshot, string idOrName, string? hostId) =>
        Find(snapshot.Networks, n => n.HostId, n => n.Id, n => n.Name, idOrName, hostId);

    public static LookupResult<ContainerInfo> Container(TopologySnapshot snapshot, string idOrName, string? hostId) =>
        Find(snapshot.Containers, c => c.HostId, c => c.Id, c => c.Name, idOrName, hostId);

    private static LookupResult<T> Find<T>(
        ImmutableArray<T> items, Func<T, string> host, Func<T, string> id, Func<T, string> name, string idOrName, string? hostId)
        where T : class
    {
        var candidates = items.Where(i => string.IsNullOrEmpty(hostId) || host(i) == hostId).ToList();
        if (string.IsNullOrWhiteSpace(idOrName))
        {
            return new LookupResult<T>([]);
        }
        foreach (var match in new Func<T, bool>[]
                 {
                     i => id(i) == idOrName,
                     i => name(i) == idOrName,
                     i => id(i).StartsWith(idOrName, StringComparison.OrdinalIgnoreCase),
                 })
        {
            var found = candidates.Where(match).ToImmutableArray();
            if (!found.IsEmpty)
            {
                return new LookupResult<T>(found);
            }
        }
        return new LookupResult<T>([]);
    }
}
