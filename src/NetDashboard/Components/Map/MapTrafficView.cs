namespace NetDashboard.Components.Map;

/// <summary>The map's traffic choices: whether observed connections are drawn, and how far back ended ones count.</summary>
public sealed class MapTrafficView
{
    /// <summary>The time windows offered: live only, then the last 1, 5 and 15 minutes.</summary>
    public static readonly IReadOnlyList<(TimeSpan Window, string Label)> Windows =
    [
        (TimeSpan.Zero, "live now"),
        (TimeSpan.FromMinutes(1), "last minute"),
        (TimeSpan.FromMinutes(5), "last 5 minutes"),
        (TimeSpan.FromMinutes(15), "last 15 minutes"),
    ];

    public bool Shown { get; set; }

    /// <summary>Zero: only connections the latest read showed; else also those that ended within it.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
