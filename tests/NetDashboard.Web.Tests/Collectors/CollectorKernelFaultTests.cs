using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetDashboard.Collectors;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Serialization;
using NetDashboard.Core.Traffic;

namespace NetDashboard.Web.Tests.Collectors;

/// <summary>
/// The dashboard's kernel reads through a collector that cannot answer them, over the real hub (Kestrel on loopback)
/// and a real SignalR client holding the host's token: a collector of an older version (it registers no such method),
/// one that never answers, and one that goes away mid-read each give a sentence naming the host, never an exception.
/// </summary>
public sealed class CollectorKernelFaultTests
{
    private static CollectorTestApp StartApp() => new(["c1"], IPAddress.Loopback, new Dictionary<string, string?>
    {
        ["NetDashboard:History:Enabled"] = "false",
        ["NetDashboard:CollectorTimeoutSeconds"] = "60", // these clients publish and beat nothing: keep them attached
    });

    [Fact]
    public async Task A_collector_that_does_not_know_the_kernel_reads_is_said_to_be_older()
    {
        await using var app = StartApp();
        await using var older = await ConnectAsync(app, _ => { });
        var reads = app.App.Services.GetRequiredService<CollectorKernelReads>();

        var nat = await reads.ReadNatAsync("c1", null, CancellationToken.None);
        Assert.Equal((null, null), (nat.Table, nat.Tool));
        Assert.Equal("the collector of host c1 does not answer nat table reads: it is older than this dashboard (run the same version on both)", nat.Error);
        var traffic = await reads.ReadTrafficAsync(new TrafficTarget("c1", "/ignored.sock", [], 100), CancellationToken.None);
        Assert.Equal(("c1", (IReadOnlyList<ConntrackEntry>?)null), (traffic.HostId, traffic.Connections));
        Assert.Equal("The collector of host c1 does not answer connection reads: it is older than this dashboard (run the same version on both).", traffic.Note);
        Assert.Equal(HubConnectionState.Connected, older.State); // asked, refused, still connected
    }

    [Fact]
    public async Task A_collector_that_never_answers_is_given_up_on_after_the_timeout_and_one_that_leaves_mid_read_is_said_to_have_gone()
    {
        await using var app = StartApp();
        var release = new TaskCompletionSource<NatTableRead>(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<TrafficRead>(TaskCreationOptions.RunContinuationsAsynchronously);
        HubConnection? self = null;
        await using var silent = await ConnectAsync(app, c =>
        {
            self = c;
            c.On<NatReadRequest, NatTableRead>(CollectorProtocol.ReadNat, _ => release.Task);
            c.On<TrafficReadRequest, TrafficRead>(CollectorProtocol.ReadTraffic, request =>
            {
                _ = Task.Run(() => self!.StopAsync()); // leaves while the dashboard waits for the answer
                return never.Task;
            });
        });
        var reads = new CollectorKernelReads(app.App.Services.GetRequiredService<CollectorRegistry>(),
            app.App.Services.GetRequiredService<IHubContext<CollectorHub>>(),
            app.App.Services.GetRequiredService<ILogger<CollectorKernelReads>>()) { Timeout = TimeSpan.FromMilliseconds(300) };
        try
        {
            var nat = await reads.ReadNatAsync("c1", null, CancellationToken.None);
            Assert.Equal("the collector of host c1 did not answer the nat table read within 0.3 s", nat.Error);
        }
        finally
        {
            release.TrySetResult(new NatTableRead(null, "late", null));
        }

        // Within the default timeout: the connection's end, not the clock, ends the wait.
        var traffic = await app.App.Services.GetRequiredService<CollectorKernelReads>().ReadTrafficAsync(new TrafficTarget("c1", null, [], 100), CancellationToken.None);
        never.TrySetResult(new TrafficRead { HostId = "c1" });
        Assert.Equal("The collector of host c1 lost its connection during the connection read.", traffic.Note);
        await Eventually.WaitUntilAsync(() => !app.App.Services.GetRequiredService<CollectorRegistry>().Find("c1")!.HasCollector, "c1's collector gone");
        var after = await reads.ReadNatAsync("c1", null, CancellationToken.None);
        Assert.Equal("the collector of host c1 is not connected", after.Error);
    }

    /// <summary>A SignalR client with c1's token (as a collector connects), its handlers set by <paramref name="handlers"/>; attached once it returns.</summary>
    private static async Task<HubConnection> ConnectAsync(CollectorTestApp app, Action<HubConnection> handlers)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, CollectorProtocol.Path), HttpTransportType.WebSockets, o => o.AccessTokenProvider = () => Task.FromResult<string?>(app.TokenOf("c1")))
            .AddJsonProtocol(o => TopologyJson.Configure(o.PayloadSerializerOptions))
            .Build();
        connection.KeepAliveInterval = TimeSpan.FromSeconds(1);
        handlers(connection);
        await connection.StartAsync();
        var observer = app.App.Services.GetRequiredService<CollectorRegistry>().Find("c1")!;
        await Eventually.WaitUntilAsync(() => observer.HasCollector, "the client attached as c1's collector");
        return connection;
    }
}
