using System.Collections.Immutable;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Lookup;

/// <summary>
/// The one rule that turns text (from a URL, a query parameter or a picker) into the containers or networks it names,
/// used by the API, the pages and the exporters alike (<c>docs/lookup.md</c>). In order, the first step that finds
/// anything decides:
/// <list type="number">
/// <item>the exact full id;</item>
/// <item>the exact name (case-sensitive, as Docker names are);</item>
/// <item>a prefix of the full id, of any length, ignoring case (ids are lowercase hex, so case never adds a match).</item>
/// </list>
/// A non-empty <c>hostId</c> first narrows the candidates to that host. Aliases are not names here: they are per-network
/// DNS entries that several containers may share, and the docker CLI does not accept them either. Several matches in
/// the deciding step make the text ambiguous; nothing is ever picked "first".
/// </summary>
public static class TopologyResolver
{
    public static LookupResult<ContainerInfo> Container(TopologySnapshot snapshot, string? text, string? hostId = null) =>
        Find(snapshot, snapshot.Containers, c => c.HostId, c => c.Id, c => c.Name, "container", text, hostId);

    public static LookupResult<NetworkInfo> Network(TopologySnapshot snapshot, string? text, string? hostId = null) =>
        Find(snapshot, snapshot.Networks, n => n.HostId, n => n.Id, n => n.Name, "network", text, hostId);

    /// <summary>
    /// The source and target of a from/to question. With <paramref name="hostId"/> both are looked up on that host.
    /// Without it the source is looked up on every host, and the target first on the source's host, then — only when
    /// nothing matches there — on every host (the one place this fallback lives).
    /// </summary>
    public static PairLookup Pair(TopologySnapshot snapshot, string? from, string? to, string? hostId = null)
    {
        var source = Container(snapshot, from, hostId);
        if (!string.IsNullOrEmpty(hostId) || source.Single is not { } found)
        {
            return new PairLookup(source, Container(snapshot, to, hostId));
        }
        var target = Container(snapshot, to, found.HostId);
        return new PairLookup(source, target.IsNotFound ? Container(snapshot, to) : target);
    }

    private static LookupResult<T> Find<T>(TopologySnapshot snapshot, ImmutableArray<T> items, Func<T, string> host,
        Func<T, string> id, Func<T, string> name, string kind, string? text, string? hostId) where T : class
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return LookupResult<T>.None;
        }
        var candidates = string.IsNullOrEmpty(hostId) ? items : [.. items.Where(i => host(i) == hostId)];
        foreach (var match in new Func<T, bool>[]
                 {
                     i => id(i) == text,
                     i => name(i) == text,
                     i => id(i).StartsWith(text, StringComparison.OrdinalIgnoreCase),
                 })
        {
            var found = candidates.Where(match).ToImmutableArray();
            if (found.Length == 1)
            {
                return new LookupResult<T>(found);
            }
            if (found.Length > 1)
            {
                return new LookupResult<T>(found) { Ambiguity = Ambiguous(snapshot, found, host, id, name, kind, text, hostId) };
            }
        }
        return LookupResult<T>.None;
    }

    private static string Ambiguous<T>(TopologySnapshot snapshot, ImmutableArray<T> found, Func<T, string> host,
        Func<T, string> id, Func<T, string> name, string kind, string text, string? hostId)
    {
        string HostName(string hid) => snapshot.Hosts.FirstOrDefault(h => h.Id == hid)?.Name ?? hid;
        var candidates = found
            .OrderBy(name, StringComparer.Ordinal).ThenBy(host, StringComparer.Ordinal).ThenBy(id, StringComparer.Ordinal)
            .Select(i => $"{name(i)} ({ShortId(id(i))} on host {HostName(host(i))})");
        var hint = string.IsNullOrEmpty(hostId) && found.Select(host).Distinct().Count() > 1 ? "give the id or ?host=" : "give the id";
        return $"'{text}' is ambiguous: it matches {found.Length} {kind}s, {string.Join(", ", candidates)}; {hint}.";
    }

    private static string ShortId(string id) => id.Length > 12 ? id[..12] : id;
}
