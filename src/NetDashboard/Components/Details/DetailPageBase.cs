using Microsoft.AspNetCore.Components;
using NetDashboard.Components.Live;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Details;

/// <summary>
/// A page that shows one object of the live topology, named by its URL: the route's <see cref="Id"/> (the full id, the
/// name or a unique id prefix, resolved by <see cref="TopologyResolver"/>) and <c>?host=</c>. It follows the object
/// across topology changes and keeps its last known version when it disappears (<see cref="LiveLookup{T}"/>); the page
/// shows <see cref="LookupMessages"/> when it is gone, ambiguous or unknown.
/// </summary>
public abstract class DetailPageBase<T> : TopologyComponentBase where T : class
{
    protected DetailPageBase() => Lookup = new LiveLookup<T>(IdOf, HostIdOf);

    [Parameter]
    public string Id { get; set; } = "";

    [SupplyParameterFromQuery(Name = "host")]
    public string? HostQuery { get; set; }

    /// <summary>"container" or "network": the word the page's sentences use.</summary>
    protected abstract string Kind { get; }

    /// <summary>The list page of this kind of object.</summary>
    protected abstract string ListHref { get; }

    protected LiveLookup<T> Lookup { get; }

    /// <summary>The object as it is now, or its last known version once it is gone; null when never found.</summary>
    protected T? Shown => Lookup.Current ?? Lookup.LastKnown;

    protected string Title => Shown is { } shown
        ? $"{NameOf(shown)} · {Capitalized}s · NetDashboard"
        : $"{Capitalized} not found · NetDashboard";

    /// <summary>The heading when nothing is shown: "Which container?" for an ambiguous URL, else "Container not found".</summary>
    protected string MissingHeading => Lookup.Result.IsAmbiguous ? $"Which {Kind}?" : $"{Capitalized} not found";

    protected string? HostName => string.IsNullOrWhiteSpace(HostQuery) ? null : Snapshot.Hosts.FirstOrDefault(h => h.Id == HostQuery)?.Name ?? HostQuery;

    /// <summary>When the URL names several objects: the label and link of each.</summary>
    protected IReadOnlyList<(string Label, string Href)> Candidates =>
        Lookup.Result.Matches
            .Select(m => ($"{NameOf(m)} ({TopologyFormat.ShortId(IdOf(m))}) on {HostOf(m)?.Name ?? HostIdOf(m)}", LinkOf(m)))
            .ToList();

    protected HostInfo? HostOf(T item) => Snapshot.Hosts.FirstOrDefault(h => h.Id == HostIdOf(item));

    protected override void OnSnapshotChanged() =>
        Lookup.Update(Id, string.IsNullOrWhiteSpace(HostQuery) ? null : HostQuery, (id, host) => Find(Snapshot, id, host));

    /// <summary>Resolves the URL's text; one of <see cref="TopologyLookup"/>'s entry points.</summary>
    protected abstract LookupResult<T> Find(TopologySnapshot snapshot, string idOrName, string? hostId);

    protected abstract string IdOf(T item);

    protected abstract string HostIdOf(T item);

    protected abstract string NameOf(T item);

    /// <summary>The detail link of <paramref name="item"/> (full id and host, never ambiguous).</summary>
    protected abstract string LinkOf(T item);

    private string Capitalized => char.ToUpperInvariant(Kind[0]) + Kind[1..];
}
