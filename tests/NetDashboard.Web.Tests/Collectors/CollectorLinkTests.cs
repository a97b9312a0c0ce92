using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using NetDashboard.Collectors;
using NetDashboard.Core.Model;
using NetDashboard.TestSupport;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.Collectors;

/// <summary>
/// The real dashboard (Kestrel on loopback) fed by a real collector process (<c>--collector --demo</c>) beside a direct
/// host (the machine's dockerd): the collector-fed host is listed from the first second, fed live, shown disconnected
/// with a sentence within 2 s when its collector freezes, dies or connects and then says nothing — keeping its last
/// containers, stale — and back without a doubled container when it returns; the direct host never notices. A wrong
/// token, or a token used for another host, is refused with 401 and the collector says so in a sentence.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class CollectorLinkTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StatusDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ConvergeDeadline = TimeSpan.FromSeconds(5);

    private static CollectorTestApp StartApp() => new(["c1", "c2"], IPAddress.Loopback, new Dictionary<string, string?>
    {
        ["NetDashboard:Hosts:0:Id"] = "local",
        ["NetDashboard:Hosts:0:Endpoint"] = "unix:///var/run/docker.sock",
        ["NetDashboard:History:Enabled"] = "false",
    });

    [Fact]
    public async Task A_collector_feeds_its_host_and_a_frozen_or_killed_collector_shows_disconnected_within_2_s_then_returns_without_doubles()
    {
        await using var app = StartApp();
        var first = await app.App.WaitForAsync(t => t.Hosts.Length == 3, TimeSpan.FromSeconds(5), "three hosts listed");
        Assert.Equal("No collector connected yet.", first.Hosts.Single(h => h.Id == "c1").Error);
        var settings = app.CollectorSettings("c1");
        settings["NetDashboard:DemoIntervalSeconds"] = "3600"; // a still topology: counts compare across the faults
        await using var collector = CollectorProcess.Start(settings, extraArgs: "--demo");
        var fed = await WaitAsync(app, t => C1(t) is { Status: HostStatus.Connected } && t.Containers.Any(c => c.HostId == "c1")
            && Local(t).Status == HostStatus.Connected, TimeSpan.FromSeconds(60), "c1 fed by its collector", collector);
        var count = fed.Containers.Count(c => c.HostId == "c1");
        Assert.StartsWith("collector at 127.0.0.1: ", C1(fed).Endpoint);
        output.WriteLine($"c1: {count} containers via its collector");

        // Frozen: the TCP connection stays open, nothing comes.
        await collector.FreezeAsync(true);
        var clock = Stopwatch.StartNew();
        var frozen = await WaitAsync(app, t => C1(t).Status == HostStatus.Disconnected, TimeSpan.FromSeconds(10), "c1 disconnected once frozen", collector);
        output.WriteLine($"frozen collector noticed after {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.True(clock.Elapsed <= StatusDeadline, $"noticed after {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal("The collector of host c1 sent nothing for 1.2 s (the collector, its host or the network between them is down).", C1(frozen).Error);
        Assert.True(C1(frozen).Stale);
        Assert.NotNull(C1(frozen).LastSeenAt);
        Assert.Equal(count, frozen.Containers.Count(c => c.HostId == "c1"));
        Assert.Equal((HostStatus.Connected, null), (Local(frozen).Status, Local(frozen).Error));

        await collector.FreezeAsync(false);
        clock.Restart();
        var back = await WaitAsync(app, t => C1(t).Status == HostStatus.Connected, TimeSpan.FromSeconds(10), "c1 back after the thaw", collector);
        output.WriteLine($"thawed collector back after {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.True(clock.Elapsed <= ConvergeDeadline, $"back after {clock.Elapsed.TotalSeconds:0.00} s");
        AssertNoDoubles(back);

        // Killed: the kernel closes its connection.
        await collector.KillAsync();
        clock.Restart();
        var dead = await WaitAsync(app, t => C1(t).Status == HostStatus.Disconnected, TimeSpan.FromSeconds(10), "c1 disconnected once killed", collector);
        output.WriteLine($"killed collector noticed after {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.True(clock.Elapsed <= StatusDeadline, $"noticed after {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.StartsWith("The collector of host c1 ", C1(dead).Error);
        Assert.True(C1(dead).Stale);

        collector.Start();
        var restarted = await WaitAsync(app, t => C1(t).Status == HostStatus.Connected, TimeSpan.FromSeconds(60), "c1 back after a restart", collector);
        AssertNoDoubles(restarted);
        Assert.Equal(count, restarted.Containers.Count(c => c.HostId == "c1"));

        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var health = JsonDocument.Parse(await client.GetStringAsync("/healthz"));
        var hosts = health.RootElement.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("id").GetString()!);
        Assert.True(hosts["c1"].GetProperty("reachable").GetBoolean());
        Assert.False(hosts["c2"].GetProperty("reachable").GetBoolean());
        Assert.Equal("No collector connected yet.", hosts["c2"].GetProperty("error").GetString());
        Assert.True(hosts["local"].GetProperty("reachable").GetBoolean());
    }

    [Fact]
    public async Task A_collector_that_connects_and_then_sends_nothing_is_disconnected_within_2_s_and_the_direct_host_is_unaffected()
    {
        await using var app = StartApp();
        await app.App.WaitForAsync(t => Local(t).Status == HostStatus.Connected, TimeSpan.FromSeconds(20), "the direct host connected");
        // A client that completes the handshake and then is silent: no observation, no beat, no ping.
        await using var silent = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, CollectorProtocol.Path), HttpTransportType.WebSockets, o => o.AccessTokenProvider = () => Task.FromResult<string?>(app.TokenOf("c1")))
            .Build();
        silent.KeepAliveInterval = TimeSpan.FromHours(1);
        silent.ServerTimeout = TimeSpan.FromHours(2);
        var closed = new TaskCompletionSource();
        silent.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        var clock = Stopwatch.StartNew();
        await silent.StartAsync();
        var gone = await app.App.WaitForAsync(t => C1(t).Error?.Contains("sent nothing", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(10), "the silent collector dropped");
        output.WriteLine($"silent collector dropped {clock.Elapsed.TotalSeconds:0.00} s after it connected");
        Assert.True(clock.Elapsed <= StatusDeadline, $"dropped after {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(HostStatus.Disconnected, C1(gone).Status);
        Assert.False(C1(gone).Stale); // it never said anything: nothing to keep
        Assert.Equal((HostStatus.Connected, null), (Local(gone).Status, Local(gone).Error));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10)); // and the dashboard ended its connection
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData("token-of-c2")]
    public async Task A_collector_with_a_token_the_dashboard_does_not_know_for_its_host_is_refused_with_401_and_says_so(string kind)
    {
        await using var app = StartApp();
        var token = kind == "wrong-token" ? "not-a-token-of-this-dashboard" : app.TokenOf("c2");
        await using var collector = CollectorProcess.Start(app.CollectorSettings("c1", token), extraArgs: "--demo");
        await Eventually.WaitUntilAsync(() => collector.Output.Any(l => l.Contains("(401)", StringComparison.Ordinal)), "the collector's refusal logged",
            TimeSpan.FromSeconds(60), collector.Describe);
        var line = collector.Output.First(l => l.Contains("(401)", StringComparison.Ordinal)).Trim();
        Assert.Equal($"The dashboard at {app.BaseAddress} refused this collector (401): it knows no collector for host c1 with this token. Check NetDashboard:Collector:Token (or TokenFile) and HostId against the dashboard's NetDashboard:Collectors entry.", line);
        Assert.DoesNotContain(collector.Output, l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("   at ", StringComparison.Ordinal));
        Assert.Equal("No collector connected yet.", C1(app.App.Store.Current).Error);

        // The hub's negotiate answers 401 with a sentence, to this token as to none.
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        foreach (var bearer in new[] { token, null })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, CollectorProtocol.Path + "/negotiate?negotiateVersion=1");
            request.Headers.TryAddWithoutValidation(CollectorProtocol.HostHeader, "c1");
            if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("knows no collector by this token and host id", await response.Content.ReadAsStringAsync());
        }
    }

    private static async Task<TopologySnapshot> WaitAsync(CollectorTestApp app, Func<TopologySnapshot, bool> condition, TimeSpan timeout, string what, CollectorProcess collector)
    {
        try
        {
            return await app.App.WaitForAsync(condition, timeout, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nhosts: {string.Join("; ", app.App.Store.Current.Hosts.Select(h => $"{h.Id} {h.Status} {h.Error}"))}\ncollector:\n{collector.Describe()}", e);
        }
    }

    private static void AssertNoDoubles(TopologySnapshot t)
    {
        Assert.Equal(t.Containers.Length, t.Containers.Select(c => c.Id).Distinct().Count());
        Assert.Equal(t.Networks.Length, t.Networks.Select(n => (n.Id, n.HostId)).Distinct().Count());
    }

    private static HostInfo C1(TopologySnapshot t) => t.Hosts.Single(h => h.Id == "c1");

    private static HostInfo Local(TopologySnapshot t) => t.Hosts.Single(h => h.Id == "local");
}
