using System.Text.Json;

namespace NetDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>What <c>GET /api/topology</c> says, read as plain JSON (the public contract, not the app's types).</summary>
public sealed class ApiTopology(JsonElement root)
{
    public static async Task<ApiTopology> GetAsync(DashboardApp app)
    {
        using var response = await app.Api.GetAsync("api/topology");
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new ApiTopology(doc.RootElement.Clone());
    }

    public JsonElement Root { get; } = root;

    public JsonElement Container(string name) =>
        Root.GetProperty("containers").EnumerateArray().SingleOrDefault(c => c.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } c
            ? c
            : throw new Xunit.Sdk.XunitException($"GET /api/topology has no container {name}");

    public static IEnumerable<JsonElement> Endpoints(JsonElement container) => container.GetProperty("endpoints").EnumerateArray();

    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
