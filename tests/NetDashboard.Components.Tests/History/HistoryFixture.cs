using NetDashboard.History;
using NetDashboard.History.Model;
using NetDashboard.History.Reconciling;
using NetDashboard.History.Storage;

namespace NetDashboard.Components.Tests.History;

/// <summary>
/// A real history store on a temp file, registered in a test context, with the seed's story written in: "web"
/// held 172.18.0.2 from 14:00:00 to 14:00:10, "api" took it at 14:00:20, "web" came back on 172.18.0.3 at 14:00:30.
/// </summary>
internal sealed class HistoryFixture : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 14, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nd-history-bunit-" + Guid.NewGuid().ToString("N"));

    public HistoryFixture(NetDashboardTestContext ctx)
    {
        Store = new HistoryStore(HistoryDatabase.Open(Path.Combine(_folder, "history.db")));
        Access = ctx.History;
        Access.SetAvailable(Store, retentionDays: 30);
        Store.Write(
        [
            new OpenAssignment(Row(TestTopology.WebId, "web", "172.18.0.2", T0)),
            new RecordEvent(Event("container-die", TestTopology.WebId, "web", T0.AddSeconds(9))),
            new CloseAssignment(Row(TestTopology.WebId, "web", "172.18.0.2", T0).Key, T0.AddSeconds(10), AtResync: false),
            new OpenAssignment(Row(TestTopology.ApiId, "api", "172.18.0.2", T0.AddSeconds(20)) with { OpenedAtResync = true }),
            new OpenAssignment(Row(TestTopology.WebId, "web", "172.18.0.3", T0.AddSeconds(30))),
            new RecordEvent(Event(HistoryEventKinds.IpChanged, TestTopology.WebId, "web", T0.AddSeconds(30)) with { Detail = "172.18.0.2 → 172.18.0.3" }),
        ]);
    }

    public HistoryStore Store { get; }

    public HistoryAccess Access { get; }

    public static AssignmentRecord Row(string id, string name, string ip, DateTimeOffset from) => new()
    {
        HostId = TestTopology.HostId,
        ContainerId = id,
        ContainerName = name,
        NetworkId = TestTopology.AppNetworkId,
        NetworkName = "appnet",
        Ipv4 = ip,
        Ipv4PrefixLength = 16,
        Mac = "02:42:ac:12:00:0" + ip[^1],
        Veth = "veth" + ip[^1] + "abcdef",
        ContainerInterface = "eth0",
        From = from,
    };

    public static HistoryEvent Event(string kind, string id, string name, DateTimeOffset at) => new()
    {
        Time = at,
        HostId = TestTopology.HostId,
        Kind = kind,
        ContainerId = id,
        ContainerName = name,
        NetworkName = kind == HistoryEventKinds.IpChanged ? "appnet" : null,
        Source = HistorySources.Live,
    };

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
