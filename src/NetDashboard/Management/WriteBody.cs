using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetDashboard.Management;

/// <summary>
/// Reads a write route's JSON body into its request: at most 64 KB, JSON of the right shape, or a sentence that names
/// the field that is wrong ("'internal' must be true or false").
/// </summary>
public static class WriteBody
{
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        AllowTrailingCommas = false,
    };

    public static async Task<(T? Request, string? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, $"The request body is larger than {MaxBytes / 1024} KB: nothing was changed.");
        }
        var buffer = new MemoryStream();
        var read = new byte[8192];
        int n;
        while ((n = await request.Body.ReadAsync(read)) > 0)
        {
            buffer.Write(read, 0, n);
            if (buffer.Length > MaxBytes)
            {
                return (null, $"The request body is larger than {MaxBytes / 1024} KB: nothing was changed.");
            }
        }
        if (buffer.Length == 0)
        {
            return (null, "The request has no body: send a JSON object.");
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.ToArray(), Options);
            return value is null ? (null, "The body is null: send a JSON object.") : (value, null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            return (null, field is null
                ? "The body is not a JSON object this route takes."
                : $"The body's '{field}' has the wrong type or is not valid JSON.");
        }
    }
}
