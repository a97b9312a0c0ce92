using NetDashboard.Components.Map;

namespace NetDashboard.Components.Tests.Map;

/// <summary>The map's deep-link state without Blazor: parameters in, intents out.</summary>
public sealed class MapDeepLinkTests
{
    private static WriteUrlIntent Written(MapLinkIntent intent) => Assert.IsType<WriteUrlIntent>(intent);

    [Fact]
    public void A_focus_parameter_waits_until_it_is_shown_and_is_not_applied_twice()
    {
        var link = new MapDeepLink();

        Assert.Same(MapLinkIntent.None, link.ParametersSet("db", null, null, pathShown: false));
        Assert.Equal([new FocusIntent("db")], link.Pending);
        Assert.Equal([new FocusIntent("db")], link.Pending); // still there until shown (the next snapshot may have it)

        link.FocusShown("db");
        Assert.Empty(link.Pending);
        link.ParametersSet("db", null, null, pathShown: false);
        Assert.Empty(link.Pending);
    }

    [Fact]
    public void A_selection_writes_its_focus_once_and_the_echoed_parameter_is_not_applied()
    {
        var link = new MapDeepLink();
        link.ParametersSet(null, null, null, pathShown: false);

        var write = Written(link.SelectionChanged("web", null, MapUrlPair.None));
        Assert.Equal(new Dictionary<string, string?> { ["focus"] = "web", ["host"] = null, ["from"] = null, ["to"] = null }, write.Query);
        Assert.Same(MapLinkIntent.None, link.SelectionChanged("web", null, MapUrlPair.None)); // the URL says so already

        link.ParametersSet("web", null, null, pathShown: false); // the navigation comes back as a parameter
        Assert.Empty(link.Pending);

        // Closing the panel removes it, with the host.
        Assert.Equal(new Dictionary<string, string?> { ["focus"] = null, ["host"] = null, ["from"] = null, ["to"] = null },
            Written(link.SelectionChanged(null, null, MapUrlPair.None)).Query);
    }

    [Fact]
    public void The_host_is_written_with_the_focus_and_the_shown_pair_is_kept()
    {
        var link = new MapDeepLink();
        link.ParametersSet(null, "api", "db", pathShown: false);
        link.ReachSettled();

        var write = Written(link.SelectionChanged("web", "host-b", new MapUrlPair("api", "db")));

        Assert.Equal(new Dictionary<string, string?> { ["focus"] = "web", ["host"] = "host-b", ["from"] = "api", ["to"] = "db" }, write.Query);
    }

    [Fact]
    public void Nothing_selected_and_nothing_in_the_url_writes_nothing()
    {
        var link = new MapDeepLink();
        link.ParametersSet(null, null, null, pathShown: false);

        Assert.Same(MapLinkIntent.None, link.SelectionChanged(null, null, MapUrlPair.None));
        Assert.Same(MapLinkIntent.None, link.Cleared());
    }

    [Fact]
    public void A_pair_waits_until_it_is_found_and_the_back_button_drops_the_path()
    {
        var link = new MapDeepLink();

        link.ParametersSet(null, "api", " ", pathShown: false);
        Assert.Empty(link.Pending); // one end alone is no path

        link.ParametersSet(null, "api", "db", pathShown: false);
        Assert.Equal([new ReachIntent("api", "db")], link.Pending);
        Assert.True(link.ReachPending);

        link.ReachSettled();
        Assert.Empty(link.Pending);
        Assert.False(link.ReachPending);

        // The user picks another path (written), then goes back to a URL without a pair.
        Written(link.PathChanged(new MapUrlPair("api", "worker")));
        Assert.IsType<DropPathIntent>(link.ParametersSet(null, null, null, pathShown: true));
        Assert.Same(MapLinkIntent.None, link.ParametersSet(null, null, null, pathShown: true)); // said once
    }

    [Fact]
    public void A_picked_path_is_written_once_and_its_echo_is_not_applied_again()
    {
        var link = new MapDeepLink();
        link.ParametersSet(null, null, null, pathShown: false);

        var write = Written(link.PathChanged(new MapUrlPair("api", "worker")));
        Assert.Equal(new Dictionary<string, string?> { ["from"] = "api", ["to"] = "worker" }, write.Query);
        Assert.Same(MapLinkIntent.None, link.PathChanged(new MapUrlPair("api", "worker")));

        link.ParametersSet(null, "api", "worker", pathShown: true);
        Assert.Empty(link.Pending);

        // The clear button: one write without the pair.
        Assert.Equal(new Dictionary<string, string?> { ["from"] = null, ["to"] = null }, Written(link.PathChanged(MapUrlPair.None)).Query);
    }

    [Fact]
    public void Esc_writes_one_url_without_focus_and_pair_and_stops_a_pending_path()
    {
        var link = new MapDeepLink();
        link.ParametersSet("web", "api", "ghost", pathShown: false);
        link.FocusShown("web");
        Assert.True(link.ReachPending);

        var write = Written(link.Cleared());

        Assert.Equal(new Dictionary<string, string?> { ["focus"] = null, ["host"] = null, ["from"] = null, ["to"] = null }, write.Query);
        Assert.False(link.ReachPending);
        Assert.Empty(link.Pending);
    }

    [Fact]
    public void Esc_with_only_a_pair_in_the_url_writes_the_pair_away()
    {
        var link = new MapDeepLink();
        link.ParametersSet(null, "api", "db", pathShown: false);
        link.ReachSettled();

        Assert.Equal(new Dictionary<string, string?> { ["from"] = null, ["to"] = null }, Written(link.Cleared()).Query);
    }

    [Fact]
    public void A_read_only_map_ignores_the_parameters_and_writes_nothing()
    {
        var link = new MapDeepLink(writesUrl: false);

        Assert.Same(MapLinkIntent.None, link.ParametersSet("db", "api", "db", pathShown: true));
        Assert.Empty(link.Pending);
        Assert.Same(MapLinkIntent.None, link.SelectionChanged("web", null, MapUrlPair.None));
        Assert.Same(MapLinkIntent.None, link.PathChanged(new MapUrlPair("api", "db")));
        Assert.Same(MapLinkIntent.None, link.Cleared());
    }
}
