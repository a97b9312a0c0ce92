using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>What the map must do after a deep-link parameter changed or the user changed what the URL shows.</summary>
public abstract record MapLinkIntent
{
    /// <summary>Nothing to do.</summary>
    public static MapLinkIntent None { get; } = new NoIntent();
}

/// <summary>Nothing to do.</summary>
public sealed record NoIntent : MapLinkIntent;

/// <summary>Find <paramref name="Target"/> (a container, else a network), select and centre it (<c>?focus=</c>).</summary>
public sealed record FocusIntent(string Target) : MapLinkIntent;

/// <summary>Find both containers and highlight the path between them (<c>?from=&amp;to=</c>).</summary>
public sealed record ReachIntent(string From, string To) : MapLinkIntent;

/// <summary>The URL lost its pair (the back button): drop the highlighted path.</summary>
public sealed record DropPathIntent : MapLinkIntent;

/// <summary>Navigate (replacing the entry) with these query parameters, in this order; a null value removes the parameter.</summary>
public sealed record WriteUrlIntent(IReadOnlyDictionary<string, string?> Query) : MapLinkIntent;

/// <summary>The pair of containers the URL names (<c>from</c>, <c>to</c>); both null for none.</summary>
public readonly record struct MapUrlPair(string? From, string? To)
{
    public static MapUrlPair None => default;

    /// <summary>The pair of a highlighted path, by the names the URL uses (ids where a name is not unique).</summary>
    public static MapUrlPair Of(MapReach? reach, TopologySnapshot snapshot) =>
        reach is { From: { } f, To: { } t } ? new(UrlName(f, snapshot), UrlName(t, snapshot)) : None;

    private static string UrlName(ContainerInfo c, TopologySnapshot snapshot) =>
        snapshot.Containers.Count(x => x.Name == c.Name) == 1 ? c.Name : c.Id;
}

/// <summary>
/// The map's deep-link state: <c>?focus=</c> (and <c>&amp;host=</c>) and <c>?from=&amp;to=</c> &lt;-&gt; the URL. It is
/// told the parameter values and the user's changes and answers what to do: what is still to be found in the topology
/// (<see cref="Pending"/>, retried with every snapshot until found), a path to drop, or a URL to write. It remembers
/// what it wrote so the parameters that come back from its own navigation are not applied again.
/// Plain state: no rendering, no navigation of its own.
/// </summary>
public sealed class MapDeepLink(bool writesUrl = true)
{
    private string? _focusParameter;
    private string? _appliedFocus;
    private string? _pendingFocus;
    private string? _writtenFocus;
    private MapUrlPair _appliedPair;
    private MapUrlPair? _pendingPair;
    private MapUrlPair _writtenPair;

    /// <summary>False for a read-only map (the embed): the parameters are ignored and nothing is written.</summary>
    public bool WritesUrl { get; } = writesUrl;

    /// <summary>What still waits for the topology: a focus and/or a path, in that order.</summary>
    public IEnumerable<MapLinkIntent> Pending
    {
        get
        {
            if (_pendingFocus is { } focus)
            {
                yield return new FocusIntent(focus);
            }
            if (_pendingPair is { From: { } from, To: { } to })
            {
                yield return new ReachIntent(from, to);
            }
        }
    }

    /// <summary>True while a <see cref="ReachIntent"/> waits: the path shown is not the one the URL asks for yet.</summary>
    public bool ReachPending => _pendingPair is not null;

    /// <summary>
    /// The parameters' values on a render of the page. New values become <see cref="Pending"/> (unless they are what
    /// this map wrote); a pair the URL lost while a path is shown answers <see cref="DropPathIntent"/>.
    /// </summary>
    public MapLinkIntent ParametersSet(string? focus, string? from, string? to, bool pathShown)
    {
        if (!WritesUrl)
        {
            return MapLinkIntent.None;
        }
        _focusParameter = focus;
        if (focus != _appliedFocus)
        {
            _appliedFocus = focus;
            if (!string.IsNullOrWhiteSpace(focus) && focus != _writtenFocus)
            {
                _pendingFocus = focus;
            }
        }
        var pair = new MapUrlPair(Blank(from), Blank(to));
        if (pair == _appliedPair)
        {
            return MapLinkIntent.None;
        }
        _appliedPair = pair;
        if (pair == _writtenPair)
        {
            return MapLinkIntent.None;
        }
        if (pair is { From: not null, To: not null })
        {
            _pendingPair = pair;
            return MapLinkIntent.None;
        }
        if (pathShown)
        {
            _pendingPair = null;
            return new DropPathIntent();
        }
        return MapLinkIntent.None;
    }

    /// <summary>The pending focus was found, selected and centred: it is what the URL shows now.</summary>
    public void FocusShown(string focus)
    {
        if (_pendingFocus == focus)
        {
            _pendingFocus = null;
        }
        _writtenFocus = focus;
    }

    /// <summary>The pending path was found and highlighted, or replaced by the user's own: stop trying.</summary>
    public void ReachSettled() => _pendingPair = null;

    /// <summary>
    /// The selection changed: write its focus (<paramref name="focus"/> null for none; <paramref name="host"/> when
    /// several hosts are watched) with the shown <paramref name="pair"/>, unless the URL says so already.
    /// </summary>
    public MapLinkIntent SelectionChanged(string? focus, string? host, MapUrlPair pair)
    {
        if (!WritesUrl || focus == _writtenFocus || (focus is null && _focusParameter is null && _writtenFocus is null))
        {
            return MapLinkIntent.None;
        }
        _writtenFocus = focus;
        _appliedFocus = focus;
        return Write(pair, ("focus", focus), ("host", focus is null ? null : host));
    }

    /// <summary>The highlighted path changed (the picker, the clear button): write its pair unless the URL says so already.</summary>
    public MapLinkIntent PathChanged(MapUrlPair pair) =>
        !WritesUrl || pair == _appliedPair ? MapLinkIntent.None : Write(pair);

    /// <summary>Esc: no selection, no path. One URL for both: no focus, no pair.</summary>
    public MapLinkIntent Cleared()
    {
        _pendingPair = null;
        return SelectionChanged(null, null, MapUrlPair.None) is WriteUrlIntent write ? write : PathChanged(MapUrlPair.None);
    }

    /// <summary>One navigation with the parameters and the pair: no intermediate URL can bring back what was just cleared.</summary>
    private WriteUrlIntent Write(MapUrlPair pair, params (string Key, string? Value)[] parameters)
    {
        _writtenPair = pair;
        _appliedPair = pair;
        var query = parameters.ToDictionary(p => p.Key, p => p.Value);
        query["from"] = pair.From;
        query["to"] = pair.To;
        return new WriteUrlIntent(query);
    }

    /// <summary>What <c>?focus=</c> names for a selected node: a container's name, a network's name (or id); null for others.</summary>
    public static string? FocusName(MapNode node, TopologySnapshot snapshot) => node.Kind switch
    {
        MapNodeKind.Container => node.Label,
        MapNodeKind.Bridge or MapNodeKind.Network or MapNodeKind.CollapsedNetwork =>
            snapshot.Networks.FirstOrDefault(n => n.HostId == node.HostId && n.Id == node.RefId)?.Name ?? node.RefId,
        _ => null,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
