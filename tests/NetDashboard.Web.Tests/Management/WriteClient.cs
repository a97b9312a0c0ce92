using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NetDashboard.Web.Tests.Access;

namespace NetDashboard.Web.Tests.Management;

/// <summary>The management API as a script drives it: an HTTP client with a bearer token (or none).</summary>
internal sealed class WriteClient(HttpClient client, string? token)
{
    public HttpClient Http => client;

    public static WriteClient Operator(AccessApp app) => new(app.Client(), AccessApp.OperatorToken);

    public Task<HttpResponseMessage> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, JsonContent.Create(body));

    public Task<HttpResponseMessage> PostRawAsync(string path, string json) => SendAsync(HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client.SendAsync(request);
    }

    /// <summary>The problem+json of a refusal: its detail and its per-field errors.</summary>
    public static async Task<(string Detail, JsonElement Root)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (doc.RootElement.GetProperty("detail").GetString()!, doc.RootElement.Clone());
    }
}
