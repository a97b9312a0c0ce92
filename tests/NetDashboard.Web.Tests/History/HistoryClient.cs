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
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        ContainerHistoryResponse? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await ContainerAsync(nameOrId);
            if (last is not null && condition(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The history of {nameOrId} never showed {what}; last: {(last is null ? "not found" : TopologyJson.Serialize(last))}");
    }

    public async Task<IpHistoryResponse> WaitForIpAsync(string ip, DateTimeOffset at, Func<IpHistoryResponse, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        IpHistoryResponse last;
        do
        {
            last = await IpAsync(ip, at);
            if (condition(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Who had {ip} at {at:O} never showed {what}; last: {TopologyJson.Serialize(last)}");
    }
}
