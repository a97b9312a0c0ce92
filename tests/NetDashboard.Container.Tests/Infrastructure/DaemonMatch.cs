using NetDashboard.TestSupport;
using System.Text.Json;

namespace NetDashboard.Container.Tests.Infrastructure;

/// <summary>
/// Compares what the containerised dashboard serves with what the daemon says through the docker CLI. Other tests
/// may create and remove objects meanwhile, so the whole-daemon comparison reads the daemon before and after the
/// topology: whatever existed both times must be shown, and nothing may be shown that existed at neither.
/// </summary>
internal static class DaemonMatch
{
    public static async Task<string?> WholeDaemonProblemAsync(DashboardClient dashboard)
    {
        var containersBefore = await IdsAsync("ps", "-a", "--no-trunc", "-q");
        var networksBefore = await IdsAsync("network", "ls", "--no-trunc", "-q");
        var topology = await dashboard.TopologyAsync();
        var containersAfter = await IdsAsync("ps", "-a", "--no-trunc", "-q");
        var networksAfter = await IdsAsync("network", "ls", "--no-trunc", "-q");

        return Compare("container", containersBefore, containersAfter, Ids(topology, "containers"))
            ?? Compare("network", networksBefore, networksAfter, Ids(topology, "networks"));
    }

    /// <summary>Between two checks that run the docker CLI: about twice a second, not 50 times.</summary>
    public static readonly TimeSpan CliInterval = TimeSpan.FromMilliseconds(500);

    public static async Task AssertWholeDaemonAsync(DashboardClient dashboard, TimeSpan timeout)
    {
        string? problem = null;
        await Eventually.WaitUntilAsync(async () => (problem = await WholeDaemonProblemAsync(dashboard)) is null,
            "/api/topology matching the daemon", timeout, () => problem ?? "", CliInterval);
    }

    /// <summary>
    /// Null when the topology shows container <paramref name="id"/> as <c>docker inspect</c> does: name, state, network
    /// mode, each endpoint's network id and IPv4 address, each published port; else what differs.
    /// </summary>
    public static async Task<string?> ContainerProblemAsync(JsonElement topology, string id)
    {
        var shown = topology.GetProperty("containers").EnumerateArray().FirstOrDefault(c => c.GetProperty("id").GetString() == id);
        if (shown.ValueKind == JsonValueKind.Undefined)
        {
            return $"container {id[..12]} is missing";
        }
        using var doc = JsonDocument.Parse(await Cli.DockerAsync("inspect", id));
        var inspect = doc.RootElement[0];

        var expected = new List<string>
        {
            "name " + inspect.GetProperty("Name").GetString()!.TrimStart('/'),
            "state " + inspect.GetProperty("State").GetProperty("Status").GetString(),
            "mode " + inspect.GetProperty("HostConfig").GetProperty("NetworkMode").GetString(),
        };
        expected.AddRange(inspect.GetProperty("NetworkSettings").GetProperty("Networks").EnumerateObject()
            .Select(n => $"endpoint {n.Value.GetProperty("NetworkID").GetString()} {NullIfEmpty(n.Value.GetProperty("IPAddress").GetString())}"));
        if (inspect.GetProperty("NetworkSettings").GetProperty("Ports") is { ValueKind: JsonValueKind.Object } ports)
        {
            expected.AddRange(ports.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Array)
                .SelectMany(p => p.Value.EnumerateArray().Select(b => $"port {p.Name} -> {b.GetProperty("HostPort").GetString()}")));
        }

        var actual = new List<string>
        {
            "name " + shown.GetProperty("name").GetString(),
            "state " + shown.GetProperty("state").GetString(),
            "mode " + shown.GetProperty("networkMode").GetProperty("raw").GetString(),
        };
        actual.AddRange(shown.GetProperty("endpoints").EnumerateArray()
            .Select(e => $"endpoint {e.GetProperty("networkId").GetString()} {NullIfEmpty(Text(e, "ipv4"))}"));
        actual.AddRange(shown.GetProperty("ports").EnumerateArray()
            .Where(p => p.GetProperty("hostPort").ValueKind == JsonValueKind.Number && !p.GetProperty("discarded").GetBoolean())
            .Select(p => $"port {p.GetProperty("containerPort").GetInt32()}/{p.GetProperty("protocol").GetString()} -> {p.GetProperty("hostPort").GetInt32()}"));

        var want = expected.Distinct().Order(StringComparer.Ordinal).ToList();
        var got = actual.Distinct().Order(StringComparer.Ordinal).ToList();
        return want.SequenceEqual(got)
            ? null
            : $"container {id[..12]}: docker inspect says [{string.Join("; ", want)}], the dashboard [{string.Join("; ", got)}]";
    }

    public static JsonElement Container(JsonElement topology, string id) =>
        topology.GetProperty("containers").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Compare(string kind, HashSet<string> before, HashSet<string> after, HashSet<string> shown)
    {
        var missing = before.Intersect(after).Except(shown).ToList();
        var extra = shown.Except(before).Except(after).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return null;
        }
        return $"{kind}s the daemon lists but the dashboard lacks: [{string.Join(", ", missing.Select(Short))}]; "
            + $"{kind}s the dashboard shows but the daemon does not list: [{string.Join(", ", extra.Select(Short))}]";
    }

    private static HashSet<string> Ids(JsonElement topology, string array) =>
        topology.GetProperty(array).EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);

    private static async Task<HashSet<string>> IdsAsync(params string[] args) =>
        (await Cli.DockerAsync(args)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
