using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NetDashboard.Core.Observation;

namespace NetDashboard.Docker.Tests;

/// <summary>
/// Answers a real daemon could give but the recordings do not: fields this dashboard has never heard of at every level,
/// 1 MB labels and 10,000 labels, a version string that tries to forge log lines, and a clock that jumped. The observer
/// reads each as it should, and says in its log only what is safe to print.
/// </summary>
public class DaemonAnswerShapeTests
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    [Fact]
    public async Task Unknown_fields_everywhere_change_nothing_that_is_observed()
    {
        var plain = await ReadOnceAsync(null);
        var extended = await ReadOnceAsync((_, body) => WithUnknownFields(JsonNode.Parse(body)!).ToJsonString());

        Assert.True(plain.Host.Connected, plain.Host.Error);
        Assert.True(extended.Host.Connected, extended.Host.Error);
        Assert.NotEmpty(plain.Containers);
        Assert.Equal(JsonSerializer.Serialize(plain.Networks, Json), JsonSerializer.Serialize(extended.Networks, Json));
        Assert.Equal(JsonSerializer.Serialize(plain.Containers, Json), JsonSerializer.Serialize(extended.Containers, Json));
    }

    [Fact]
    public async Task A_1_MB_label_and_10000_labels_arrive_whole()
    {
        var huge = new string('x', 1024 * 1024);
        var many = Enumerable.Range(0, 10_000).ToDictionary(i => $"com.example.label-{i}", i => (JsonNode?)JsonValue.Create($"value {i}"));
        var observation = await ReadOnceAsync((route, body) =>
        {
            var node = JsonNode.Parse(body)!;
            if (route is "/containers/json" or "/networks")
            {
                foreach (var item in node.AsArray())
                {
                    var labels = new JsonObject(many.Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))) { ["huge"] = huge };
                    item!["Labels"] = labels;
                }
            }
            return node.ToJsonString();
        });

        Assert.True(observation.Host.Connected, observation.Host.Error);
        Assert.All(observation.Containers, c =>
        {
            Assert.Equal(10_001, c.Labels.Count);
            Assert.Equal(huge, c.Labels["huge"]);
            Assert.Equal("value 9999", c.Labels["com.example.label-9999"]);
        });
        Assert.All(observation.Networks, n => Assert.Equal(huge, n.Labels["huge"]));
    }

    [Fact]
    public async Task A_version_string_with_line_breaks_escapes_and_bidi_forges_no_log_line()
    {
        const string forged = "20.10\r\ninfo: NetDashboard.Fake[0]\n      FORGED\u001B[2K\u202E";
        var logger = new CapturingLogger();
        var observation = await ReadOnceAsync((route, body) =>
        {
            if (route != "/version")
            {
                return body;
            }
            var node = JsonNode.Parse(body)!;
            node["Version"] = forged;
            return node.ToJsonString();
        }, logger);

        Assert.True(observation.Host.Connected, observation.Host.Error);
        Assert.StartsWith("20.10 ", observation.Host.EngineVersion);
        Assert.Equal(-1, observation.Host.EngineVersion!.IndexOfAny(['\r', '\n', '\u001B', '\u202E']));
        Assert.Contains(logger.Entries, e => e.Message.Contains("FORGED", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Message.IndexOfAny(['\r', '\n', '\u001B', '\u202E']) >= 0);
    }

    [Fact]
    public async Task Events_from_a_daemon_whose_clock_jumped_are_dated_by_the_dashboards_clock()
    {
        await using var daemon = await RecordedDaemon.StartAsync("api-1.41");
        var logger = new CapturingLogger();
        await using var run = new ObserverRun(ObserverHarness.Create(daemon.Endpoint, logger: logger));
        await run.NextAsync(TimeSpan.Zero, o => o.Host.Connected, "first connected read");

        var now = DateTimeOffset.UtcNow;
        var yearAgo = now.AddYears(-1);
        var hourAhead = now.AddHours(1);
        var inStep = now.AddSeconds(-1);
        var sent = run.Now;
        daemon.SendEvent(Event("a-year-ago", yearAgo));
        daemon.SendEvent(Event("an-hour-ahead", hourAhead));
        var (_, skewed) = await run.NextAsync(sent, o => Has(o, "an-hour-ahead"), "the skewed events");
        daemon.SendEvent(Event("in-step", inStep));
        var (_, inTime) = await run.NextAsync(sent, o => Has(o, "in-step"), "the event in step");
        var after = DateTimeOffset.UtcNow;

        var events = skewed.Events.Concat(inTime.Events).ToDictionary(e => e.ActorId);
        Assert.InRange(events["a-year-ago"].Time, now.AddSeconds(-1), after);
        Assert.InRange(events["an-hour-ahead"].Time, now.AddSeconds(-1), after);
        Assert.Equal(inStep.ToUnixTimeMilliseconds(), events["in-step"].Time.ToUnixTimeMilliseconds());
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("its clock is", StringComparison.Ordinal));
        Assert.Single(logger.Entries, e => e.Message.Contains("its clock agrees with this dashboard's again", StringComparison.Ordinal));
    }

    private static bool Has(DaemonObservation o, string actor) => o.Events.Any(e => e.ActorId == actor);

    private static string Event(string actor, DateTimeOffset time) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["Type"] = "container",
        ["Action"] = "start",
        ["Actor"] = new Dictionary<string, object> { ["ID"] = actor, ["Attributes"] = new Dictionary<string, string> { ["name"] = actor } },
        ["time"] = time.ToUnixTimeSeconds(),
        ["timeNano"] = time.ToUnixTimeMilliseconds() * 1_000_000,
    });

    private static async Task<DaemonObservation> ReadOnceAsync(Func<string, string, string>? rewrite, ILogger? logger = null)
    {
        await using var daemon = await RecordedDaemon.StartAsync("api-1.41");
        daemon.Rewrite = rewrite;
        return await ObserverHarness.FirstAsync(ObserverHarness.Create(daemon.Endpoint, logger: logger), timeout: TimeSpan.FromSeconds(30));
    }

    /// <summary>Objects of the Docker API that are maps (their keys are data: label names, network names, ports), not records.</summary>
    private static readonly HashSet<string> Maps =
        ["Labels", "Options", "Networks", "Ports", "PortBindings", "Containers", "ExposedPorts", "Volumes", "DriverOpts", "Attributes", "Details",
         "Tmpfs", "StorageOpt", "Sysctls", "Annotations", "Data", "LogConfig.Config"];

    /// <summary>
    /// Adds fields no Docker API has to every record of the answer, nested ones included (a newer engine's answer to
    /// an older API version looks like this); maps are walked but get no made-up key, since their keys are data.
    /// </summary>
    private static JsonNode WithUnknownFields(JsonNode node, string? key = null, string? parentKey = null)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.Where(p => p.Value is not null).ToList())
                {
                    WithUnknownFields(child!, name, key);
                }
                if (key is null || !(Maps.Contains(key) || Maps.Contains($"{parentKey}.{key}")))
                {
                    obj["NdFutureField"] = new JsonObject { ["Nested"] = new JsonArray(1, null, "x", new JsonObject { ["Deep"] = true }) };
                    obj["NdFutureNull"] = null;
                }
                break;
            case JsonArray array:
                foreach (var child in array.Where(v => v is not null))
                {
                    WithUnknownFields(child!, null, key);
                }
                break;
        }
        return node;
    }
}
