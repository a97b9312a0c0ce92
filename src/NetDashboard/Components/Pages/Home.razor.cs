using Microsoft.AspNetCore.Components;

namespace NetDashboard.Components.Pages;

/// <summary>
/// The home page: the live network map. <c>/?focus=&lt;container or network&gt;</c> selects and centres it
/// (<c>&amp;host=</c> narrows to one host); selecting on the map writes the same link back. <c>/?from=&amp;to=</c>
/// highlights the path between two containers (see <c>MapReach</c>).
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

    /// <summary><c>?expand=all</c> starts a large map with every network expanded.</summary>
    [SupplyParameterFromQuery(Name = "expand")]
    public string? Expand { get; set; }
}
