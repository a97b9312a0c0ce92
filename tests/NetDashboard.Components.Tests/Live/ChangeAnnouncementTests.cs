using System.Collections.Immutable;
using NetDashboard.Components.Live;
using NetDashboard.Components.Tests.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Tests.Live;

/// <summary>The sentence the live region speaks: everything that changed between two snapshots, named.</summary>
public sealed class ChangeAnnouncementTests
{
    private static readonly TopologySnapshot Seed = MapTestSupport.Snapshot(MapTestSupport.Seed());

    [Fact]
    public void Nothing_changed_says_nothing()
    {
        Assert.Null(ChangeAnnouncement.Describe(Seed, Seed));
        Assert.Null(ChangeAnnouncement.Describe(Seed, Seed with { Revision = Seed.Revision + 1 }));
    }

    [Fact]
    public void Stopped_started_removed_and_new_containers_and_networks_are_named_in_one_sentence()
    {
        var web = Seed.Container("web");
        var api = Seed.Container("api");
        var db = Seed.Container("db");
        var backend = Seed.FindNetwork("backend")!;
        var after = Seed with
        {
            Containers = Seed.Containers
                .Where(c => c.Id != db.Id)
                .Select(c => c.Id == web.Id ? c with { State = "exited" } : c.Id == api.Id ? c with { State = "paused" } : c)
                .Append(web with { Id = new string('f', 64), Name = "web-2", State = "running" })
                .ToImmutableArray(),
            Networks = Seed.Networks.Where(n => n.Id != backend.Id).ToImmutableArray(),
        };
        Assert.Equal(
            "1 container appeared: web-2; 1 container was removed: db; 1 container stopped: web; 1 container is now paused: api; 1 network was removed: backend.",
            ChangeAnnouncement.Describe(Seed, after));

        var back = ChangeAnnouncement.Describe(after, Seed)!;
        Assert.Equal("1 container appeared: db; 1 container was removed: web-2; 2 containers started: api, web; 1 network was created: backend.", back);
    }

    [Fact]
    public void Networks_joined_and_left_and_new_addresses_are_named()
    {
        var web = Seed.Container("web");
        var api = Seed.Container("api");
        var first = web.Endpoints[0];
        var extra = first with { NetworkId = new string('e', 64), NetworkName = "extra", Ipv4 = "10.9.0.2" };
        var after = Seed with
        {
            Containers = Seed.Containers
                .Select(c => c.Id == web.Id ? c with { Endpoints = [first with { Ipv4 = "172.31.255.254" }, extra] } : c)
                .Select(c => c.Id == api.Id ? c with { Endpoints = [] } : c)
                .ToImmutableArray(),
        };
        Assert.Equal("1 container joined a network: web; 1 container left a network: api; 1 container has a new address: web.",
            ChangeAnnouncement.Describe(Seed, after));
    }

    [Fact]
    public void Many_names_of_one_kind_are_cut_after_three()
    {
        var after = Seed with { Containers = [] };
        var text = ChangeAnnouncement.Describe(Seed, after)!;
        Assert.Matches(@"^\d+ containers were removed: [^,]+, [^,]+, [^,]+ and \d+ more\.$", text);
    }
}
