using Microsoft.AspNetCore.Components;

namespace NetDashboard.Components.Pages;

/// <summary>
/// The home page: the live network map. <c>/?focus=&lt;container or network&gt;</c> selects and centres it
/// (<c>&amp;host=</c> narrows to one host); selecting on the map writes the same link back. <c>/?from=&amp;to=</c>
/// highlights the path between two containers (see <c>MapReach</c>); <c>/?at=</c> shows an earlier time and
/// <c>&amp;since=</c> marks what changed since another.
/// </summary>
public partial class Home
{
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
}
