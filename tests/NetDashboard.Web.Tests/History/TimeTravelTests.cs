using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetDashboard.Core.Model;
using NetDashboard.Core.Serialization;
using NetDashboard.TestSupport;
using NetDashboard.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NetDashboard.Web.Tests.History;

/// <summary>
/// The topology at an earlier time, on the real dockerd: a container created, renamed, reconnected to another network
/// and removed; <c>GET /api/topology?at=</c> at each recorded moment answers exactly what <c>GET /api/topology</c>
/// answered then, in the same dashboard and in the next one on the same database (with the time nobody watched
/// marked); <c>/api/topology/changes</c> lists the steps; the exports take <c>at=</c>; uncovered times answer 400.
/// </summary>
[Collection(RealDockerCollection.Name)]
public sealed class TimeTravelTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nd-timetravel-" + Guid.NewGuid().ToString("N"));

    private DashboardFactory StartApp() => new(new Dictionary<string, string?> { ["NetDashboard:History:DatabasePath"] = Path.Combine(_folder, "history.db") });

    /// <summary>One answer of <c>GET /api/topology</c>: its text, revision and generatedAt, and when it arrived.</summary>
    private sealed record Recorded(string Step, JsonObject Document, long Revision, DateTimeOffset GeneratedAt, DateTimeOffset Received);

    private static async Task<Recorded> RecordAsync(HttpClient http, string step)
    {
        var json = await http.GetStringAsync("/api/topology");
        var received = DateTimeOffset.UtcNow;
        var document = JsonNode.Parse(json)!.AsObject();
        var snapshot = TopologyJson.Deserialize<TopologySnapshot>(json)!;
        return new Recorded(step, document, snapshot.Revision, snapshot.GeneratedAt, received);
    }

    private static async Task<JsonObject> AtAsync(HttpClient http, DateTimeOffset at)
    {
        using var response = await http.GetAsync("/api/topology?at=" + Uri.EscapeDataString(at.ToString("O")));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"?at={at:O}: {(int)response.StatusCode} {body}");
        ContractSchema.AssertValid(body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The document without what only an answer about the past has.</summary>
    private static JsonObject Plain(JsonObject document)
    {
        var copy = document.DeepClone().AsObject();
        copy.Remove("at");
        copy.Remove("unobserved");
        return copy;
    }

    private async Task AssertSameAsRecordedAsync(HttpClient http, IReadOnlyList<Recorded> recorded)
    {
        foreach (var r in recorded)
        {
            var then = await AtAsync(http, r.GeneratedAt);
            Assert.True(JsonNode.DeepEquals(r.Document, Plain(then)), $"{r.Step}: revision {r.Revision} at {r.GeneratedAt:O} differs:\n{r.Document.ToJsonString()}\n{Plain(then).ToJsonString()}");
            Assert.Equal(r.GeneratedAt, DateTimeOffset.Parse(then["at"]!.GetValue<string>()));
            Assert.Null(then["unobserved"]);

            // The moment the answer arrived: that revision, unless another engineer's container made a later one meanwhile.
            var later = await AtAsync(http, r.Received);
            var revision = later["revision"]!.GetValue<long>();
            Assert.True(revision >= r.Revision, $"{r.Step}: revision {revision} at {r.Received:O}, recorded {r.Revision}");
            if (revision == r.Revision)
            {
                Assert.True(JsonNode.DeepEquals(r.Document, Plain(later)), $"{r.Step} at {r.Received:O}");
            }
        }
    }

    [Fact]
    public async Task The_topology_at_any_recorded_moment_is_exactly_what_was_served_then_also_after_a_dashboard_restart()
    {
        await using var docker = new DockerCli();
        var netA = await docker.CreateNetworkAsync("tt-a");
        var netB = await docker.CreateNetworkAsync("tt-b");
        var (name, renamed) = (docker.Name("ttc"), docker.Name("ttc-renamed"));
        var recorded = new List<Recorded>();
        string? id = null;
        DateTimeOffset between;
        try
        {
            await using (var app = StartApp())
            {
                var http = app.CreateClient();
                await app.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected) && t.Networks.Any(n => n.Id == netB), what: "the host and both networks");
                recorded.Add(await RecordAsync(http, "before"));

                id = await docker.RunAsync("ttc", "--network", docker.Name("tt-a"));
                await app.WaitForAsync(t => t.Containers.Any(c => c.Id == id && c.Endpoints.Any(e => e.NetworkId == netA && e.Ipv4 is not null)), what: "the container on a");
                recorded.Add(await RecordAsync(http, "created"));

                await docker.DockerAsync("rename", name, renamed);
                await app.WaitForAsync(t => t.Containers.Any(c => c.Id == id && c.Name == renamed), what: "the container renamed");
                recorded.Add(await RecordAsync(http, "renamed"));

                await docker.DockerAsync("network", "disconnect", docker.Name("tt-a"), renamed);
                await docker.DockerAsync("network", "connect", docker.Name("tt-b"), renamed);
                await app.WaitForAsync(t => t.Containers.Any(c => c.Id == id && c.Endpoints.Length == 1 && c.Endpoints[0].NetworkId == netB && c.Endpoints[0].Ipv4 is not null),
                    what: "the container on b only");
                recorded.Add(await RecordAsync(http, "reconnected"));

                await docker.DockerAsync("rm", "-f", renamed);
                await app.WaitForAsync(t => t.Containers.All(c => c.Id != id), what: "the container gone");
                recorded.Add(await RecordAsync(http, "removed"));
                output.WriteLine(string.Join("\n", recorded.Select(r => $"{r.Step}: revision {r.Revision} at {r.GeneratedAt:O}")));

                await AssertSameAsRecordedAsync(http, recorded);

                var changes = await ChangesAsync(http, recorded[0].GeneratedAt, recorded[^1].GeneratedAt);
                var ours = changes.Where(c => c.GetProperty("containerId").GetString() == id).ToList();
                output.WriteLine(string.Join("\n", ours.Select(c => c.GetProperty("summary").GetString())));
                // Every revision that touched it, in order (the daemon's own steps too: created, then running).
                Assert.Equal("container-added", ours[0].GetProperty("kind").GetString());
                Assert.Equal("container-removed", ours[^1].GetProperty("kind").GetString());
                Assert.All(ours[1..^1], c => Assert.Equal("container-changed", c.GetProperty("kind").GetString()));
                var summaries = ours.Select(c => c.GetProperty("summary").GetString()).ToList();
                var renaming = summaries.IndexOf($"Container {name} renamed to {renamed}.");
                // Disconnect and connect are two daemon events: one revision or two.
                var leaving = summaries.FindIndex(s => s!.StartsWith($"Container {renamed}:") && s.Contains($"disconnected from {docker.Name("tt-a")}"));
                var joining = summaries.FindIndex(s => s!.StartsWith($"Container {renamed}:") && s.Contains($"connected to {docker.Name("tt-b")}"));
                Assert.True(renaming > 0 && leaving > renaming && joining > renaming, string.Join("\n", summaries));
                var revisions = ours.Select(c => c.GetProperty("revision").GetInt64()).ToList();
                Assert.Equal(revisions.Order(), revisions);
                Assert.Equal(recorded[2].Revision, revisions[renaming]);
                Assert.True(revisions[leaving] <= recorded[3].Revision && revisions[joining] <= recorded[3].Revision);
                Assert.Equal(recorded[4].Revision, revisions[^1]);

                // The exports too: the network as it was when the container was on it.
                var mermaid = await http.GetStringAsync($"/api/topology/export?format=mermaid&network={docker.Name("tt-a")}&at={Uri.EscapeDataString(recorded[1].GeneratedAt.ToString("O"))}");
                Assert.Contains(name, mermaid);
                Assert.DoesNotContain(name, await http.GetStringAsync($"/api/topology/export?format=mermaid&network={docker.Name("tt-a")}"));
            }
            between = DateTimeOffset.UtcNow;
            await Eventually.WaitUntilAsync(() => DateTimeOffset.UtcNow > between.AddMilliseconds(50), "the clock past the dashboard's stop");

            // A new dashboard on the same file: the same answers, and the time nobody watched is marked.
            await using (var again = StartApp())
            {
                var http = again.CreateClient();
                await again.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected), what: "the host connected");
                await AssertSameAsRecordedAsync(http, recorded);

                var unwatched = await AtAsync(http, between);
                Assert.NotNull(unwatched["unobserved"]);
                Assert.Contains("was not running", unwatched["unobserved"]!["message"]!.GetValue<string>());
                var changes = await ChangesAsync(http, recorded[^1].GeneratedAt, DateTimeOffset.UtcNow);
                Assert.Contains(changes, c => c.GetProperty("kind").GetString() == "dashboard-not-running");
            }
        }
        finally
        {
            if (id is not null)
            {
                await DockerCli.RunProcessAsync("docker", ["rm", "-f", id], TimeSpan.FromSeconds(30));
            }
        }
    }

    [Fact]
    public async Task A_time_the_history_does_not_cover_answers_400_with_a_sentence_naming_what_it_covers()
    {
        await using var app = StartApp();
        var http = app.CreateClient();
        await app.WaitForAsync(t => t.Hosts.Any(h => h.Status == HostStatus.Connected), what: "the host connected");
        foreach (var (at, words) in new[]
                 {
                     ("2001-01-01T00:00:00Z", "before the history starts"),
                     (DateTimeOffset.UtcNow.AddDays(1).ToString("O"), "is in the future"),
                     ("yesterday", "is not a time"),
                 })
        {
            foreach (var url in new[] { "/api/topology?at=", "/api/topology/export?format=json&at=" })
            {
                using var response = await http.GetAsync(url + Uri.EscapeDataString(at));
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var detail = problem.RootElement.GetProperty("detail").GetString()!;
                Assert.Contains(words, detail);
                Assert.DoesNotContain("Exception", detail);
                if (words != "is not a time")
                {
                    Assert.Contains("covers", detail);
                }
            }
        }
        using var noFrom = await http.GetAsync("/api/topology/changes");
        Assert.Equal(HttpStatusCode.BadRequest, noFrom.StatusCode);
    }

    private static async Task<List<JsonElement>> ChangesAsync(HttpClient http, DateTimeOffset from, DateTimeOffset to)
    {
        var json = await http.GetStringAsync($"/api/topology/changes?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
        using var doc = JsonDocument.Parse(json);
        Assert.False(doc.RootElement.GetProperty("truncated").GetBoolean());
        return doc.RootElement.GetProperty("changes").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
