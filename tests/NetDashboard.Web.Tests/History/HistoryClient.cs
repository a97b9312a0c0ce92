using System.Net;
using System.Net.Http.Json;
using NetDashboard.Api;
using NetDashboard.Core.Serialization;

namespace NetDashboard.Web.Tests.History;

/// <summary>The history API as a test reads it: typed answers, and polling until the writer has caught up.</summary>
internal sealed class HistoryClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<ContainerHistoryResponse?> ContainerAsync(string nameOrId)
    {
        using var response = await Http.GetAsync($"/api/history/containers/{Uri.EscapeDataString(nameOrId)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ContainerHistoryResponse>(TopologyJson.Options);
    }

    public async Task<IpHistoryResponse> IpAsync(string ip, DateTimeOffset? at = null)
    {
        var url = $"/api/history/ip/{Uri.EscapeDataString(ip)}" + (at is { } t ? "?at=" + Uri.EscapeDataString(t.ToString("O")) : "");
        using var response = await Http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IpHistoryResponse>(TopologyJson.Options))!;
    }

    /// <summary>Polls a container's history until <paramref name="condition"/> holds (the writer runs a moment behind the store).</summary>
    public async Task<ContainerHistoryResponse> WaitForContainerAsync(string nameOrId, Func<ContainerHistoryResponse, bool> condition, string what, TimeSpan? timeout = null)
    {
        ContainerHistoryResponse? last = null;
        await Eventually.WaitUntilAsync(async () => (last = await ContainerAsync(nameOrId)) is { } found && condition(found),
            $"the history of {nameOrId} showing {what}", timeout ?? TimeSpan.FromSeconds(20),
            () => last is null ? "not found" : TopologyJson.Serialize(last));
        return last!;
    }

    public async Task<IpHistoryResponse> WaitForIpAsync(string ip, DateTimeOffset at, Func<IpHistoryResponse, bool> condition, string what)
    {
        IpHistoryResponse? last = null;
        await Eventually.WaitUntilAsync(async () => condition(last = await IpAsync(ip, at)),
            $"who had {ip} at {at:O} showing {what}", TimeSpan.FromSeconds(20), () => TopologyJson.Serialize(last));
        return last!;
    }
}
