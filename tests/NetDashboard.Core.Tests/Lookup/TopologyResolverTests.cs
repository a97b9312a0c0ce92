using System.Collections.Immutable;
using NetDashboard.Core.Lookup;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Tests.Lookup;

/// <summary>The one lookup rule (docs/lookup.md): exact id, exact name, unique id prefix; host narrowing; ambiguity.</summary>
public class TopologyResolverTests
{
    private const string WebA = "0e1d2c3b4a5900000000000000000000000000000000000000000000000000aa";
    private const string WebB = "77aa0b1c2d3e00000000000000000000000000000000000000000000000000bb";
    private const string DbA = "0e1f9f9f9f9f00000000000000000000000000000000000000000000000000cc";
    private const string Deadbeef = "deadbeef0000000000000000000000000000000000000000000000000000dddd";
    /// <summary>A container whose name is another's full id: the id wins.</summary>
    private const string Impostor = "1111111111110000000000000000000000000000000000000000000000001111";

    private static readonly TopologySnapshot Snapshot = new()
    {
        Revision = 1,
        GeneratedAt = DateTimeOffset.UnixEpoch,
        Hosts = [Host("a"), Host("b")],
        Networks =
        [
            Network("a9f3000000000000000000000000000000000000000000000000000000000001", "a", "appnet"),
            Network("b1b1000000000000000000000000000000000000000000000000000000000002", "a", "bridge"),
            Network("c2c2000000000000000000000000000000000000000000000000000000000003", "b", "bridge"),
        ],
        Containers =
        [
            Container(WebA, "a", "web"),
            Container(WebB, "b", "web"),
            Container(DbA, "a", "db"),
            Container(Deadbeef, "b", "Web"),
            Container(Impostor, "a", WebA),
        ],
    };

    private static HostInfo Host(string id) => new() { Id = id, Name = id, Endpoint = "unix:///" + id, Status = HostStatus.Connected };

    private static NetworkInfo Network(string id, string host, string name) => new() { Id = id, HostId = host, Name = name, Driver = "bridge", Scope = "local" };

    private static ContainerInfo Container(string id, string host, string name) => new()
    {
        Id = id, HostId = host, Name = name, Image = "alpine", State = "running",
        NetworkMode = new NetworkModeInfo { Kind = NetworkModeKind.Bridge, Raw = "bridge" },
    };

    private static string[] Ids(LookupResult<ContainerInfo> r) => [.. r.Matches.Select(c => c.Id)];

    [Fact]
    public void The_exact_full_id_comes_first_even_over_a_container_named_like_it()
    {
        var found = TopologyResolver.Container(Snapshot, WebA);
        Assert.Equal([WebA], Ids(found));
        Assert.Null(found.Ambiguity);
    }

    [Fact]
    public void The_exact_name_comes_before_an_id_prefix()
    {
        // "db" is also hex, but a container is named so: the name decides (no prefix step is tried).
        Assert.Equal([DbA], Ids(TopologyResolver.Container(Snapshot, "db")));
    }

    [Fact]
    public void A_unique_id_prefix_of_any_length_is_found_ignoring_case()
    {
        Assert.Equal([Deadbeef], Ids(TopologyResolver.Container(Snapshot, "d")));
        Assert.Equal([Deadbeef], Ids(TopologyResolver.Container(Snapshot, "DEADBE")));
        Assert.Equal([WebB], Ids(TopologyResolver.Container(Snapshot, "77aa0b")));
        Assert.Equal("appnet", TopologyResolver.Network(Snapshot, "A9F3").Single?.Name);
    }

    [Fact]
    public void Names_are_case_sensitive()
    {
        Assert.Equal([Deadbeef], Ids(TopologyResolver.Container(Snapshot, "Web")));
        Assert.True(TopologyResolver.Container(Snapshot, "WEB").IsNotFound);
        Assert.True(TopologyResolver.Network(Snapshot, "AppNet").IsNotFound);
    }

    [Fact]
    public void A_name_on_two_hosts_is_ambiguous_and_the_sentence_lists_both_and_says_how_to_pick()
    {
        var found = TopologyResolver.Container(Snapshot, "web");

        Assert.True(found.IsAmbiguous);
        Assert.Null(found.Single);
        Assert.Equal([WebA, WebB], Ids(found));
        Assert.Equal("'web' is ambiguous: it matches 2 containers, web (0e1d2c3b4a59 on host a), web (77aa0b1c2d3e on host b); give the id or ?host=.",
            found.Ambiguity);
    }

    [Fact]
    public void A_prefix_shared_by_two_ids_on_one_host_is_ambiguous_and_asks_for_the_id()
    {
        var found = TopologyResolver.Container(Snapshot, "0E1", "a");

        Assert.Equal([WebA, DbA], Ids(found).Order().ToArray());
        Assert.Equal("'0E1' is ambiguous: it matches 2 containers, db (0e1f9f9f9f9f on host a), web (0e1d2c3b4a59 on host a); give the id.", found.Ambiguity);
        Assert.Equal("'bridge' is ambiguous: it matches 2 networks, bridge (b1b100000000 on host a), bridge (c2c200000000 on host b); give the id or ?host=.",
            TopologyResolver.Network(Snapshot, "bridge").Ambiguity);
    }

    [Fact]
    public void The_host_narrows_before_any_rule_applies()
    {
        Assert.Equal([WebB], Ids(TopologyResolver.Container(Snapshot, "web", "b")));
        Assert.Equal("c2c2000000000000000000000000000000000000000000000000000000000003", TopologyResolver.Network(Snapshot, "bridge", "b").Single?.Id);
        Assert.True(TopologyResolver.Container(Snapshot, "db", "b").IsNotFound);
        Assert.True(TopologyResolver.Container(Snapshot, WebA, "b").IsNotFound);
        Assert.Equal([WebA, WebB], Ids(TopologyResolver.Container(Snapshot, "web", "")));
    }

    [Fact]
    public void Unknown_or_blank_text_finds_nothing()
    {
        foreach (var text in new[] { "nosuch", "", "  ", null, "0e1d2c3b4a59x" })
        {
            var found = TopologyResolver.Container(Snapshot, text);
            Assert.True(found.IsNotFound);
            Assert.False(found.IsAmbiguous);
            Assert.Null(found.Ambiguity);
        }
        Assert.True(TopologyResolver.Network(Snapshot, "zz").IsNotFound);
    }

    [Fact]
    public void A_pair_target_prefers_the_source_host_then_any_host_unless_a_host_is_given()
    {
        // web is ambiguous alone, but db's host (a) decides which web is meant.
        var pair = TopologyResolver.Pair(Snapshot, "db", "web");
        Assert.True(pair.Found);
        Assert.Equal((DbA, WebA), (pair.From.Single!.Id, pair.To.Single!.Id));

        // Nothing called "Web" on host a: the target is looked for on every host.
        Assert.Equal(Deadbeef, TopologyResolver.Pair(Snapshot, "db", "Web").To.Single?.Id);

        // With a host, both sides stay on it.
        var narrowed = TopologyResolver.Pair(Snapshot, "db", "Web", "a");
        Assert.False(narrowed.Found);
        Assert.True(narrowed.To.IsNotFound);

        // An ambiguous source gives no host to prefer: the target is looked up everywhere.
        var ambiguous = TopologyResolver.Pair(Snapshot, "web", "db");
        Assert.True(ambiguous.From.IsAmbiguous);
        Assert.Equal(DbA, ambiguous.To.Single?.Id);
        Assert.False(ambiguous.Found);
    }
}
