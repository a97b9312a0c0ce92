using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using NetDashboard.Components.Map;
using NetDashboard.Configuration;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Components.Pages;

/// <summary>
/// The home page: the live network map. <c>/?focus=&lt;container or network&gt;</c> selects and centres it
/// (<c>&amp;host=</c> narrows to one host); selecting on the map writes the same link back. <c>/?from=&amp;to=</c>
/// highlights the path between two containers (see <c>MapReach</c>); <c>/?at=</c> shows an earlier time and
/// <c>&amp;since=</c> marks what changed since another. A topology above <c>NetDashboard:Map:TableAbove</c>
/// containers opens as a table (<see cref="MapPageViews"/>); <c>?view=table|map</c> chooses.
/// </summary>
public partial class Home : IDisposable
{
    private MapPageView? _view;
    private IDisposable? _waiting;

    [Inject] public required TopologyStore Store { get; init; }

    [Inject] public required IOptions<MapSizeOptions> Sizes { get; init; }

    /// <summary><c>?view=table</c> or <c>?view=map</c>: the table or the map, whatever the size.</summary>
    [SupplyParameterFromQuery(Name = "view")]
    public string? View { get; set; }

    [SupplyParameterFromQuery(Name = "focus")]
    public string? Focus { get; set; }

    [SupplyParameterFromQuery(Name = "host")]
    public string? HostQuery { get; set; }

    /// <summary><c>?from=&amp;to=</c> (names, ids or id prefixes): highlight the path between two containers.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    /// <summary><c>?at=2026-12-01T14:00Z</c>: the map as it was at that time (pinned; the timeline steps from there).</summary>
    [SupplyParameterFromQuery(Name = "at")]
    public string? At { get; set; }

    /// <summary><c>?since=&lt;time&gt;</c>: mark what was added, removed or changed since that time.</summary>
    [SupplyParameterFromQuery(Name = "since")]
    public string? Since { get; set; }

    /// <summary><c>?expand=all</c> starts a large map with every network expanded.</summary>
    [SupplyParameterFromQuery(Name = "expand")]
    public string? Expand { get; set; }

    private bool MapLink => new[] { Focus, From, To, Expand, At, Since }.Any(p => !string.IsNullOrWhiteSpace(p));

    protected override void OnParametersSet()
    {
        // ?view= switches at any time, a map deep link shows the map; otherwise the first snapshot with a host decides once.
        if (MapPageViews.Parse(View) is { } asked)
        {
            _view = asked;
        }
        else if (MapLink)
        {
            _view = MapPageView.Map;
        }
        else if (_view is null)
        {
            _waiting ??= Store.Subscribe(OnStoreChanged, out _);
            Decide(Store.Current);
        }
    }

    private void Decide(TopologySnapshot current)
    {
        if (MapPageViews.Choose(View, MapLink, current, Sizes.Value.TableAbove) is { } view)
        {
            _view = view;
            _waiting?.Dispose();
        }
    }

    // On the store's reader: until a host has reported, the page waits (drawing the map's own waiting message).
    private void OnStoreChanged(TopologyChange change)
    {
        if (_view is null && !change.Snapshot.Hosts.IsEmpty)
        {
            _ = InvokeAsync(() =>
            {
                if (_view is null)
                {
                    Decide(change.Snapshot);
                    StateHasChanged();
                }
            });
        }
    }

    public void Dispose() => _waiting?.Dispose();
}
