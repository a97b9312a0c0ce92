using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using MudBlazor.Extensions;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>
/// The search box and the filters above the map. It edits the map's <see cref="MapViewState"/> (a view-model object,
/// not a parameter value) and tells the map what changed: the search only re-highlights, a filter redraws.
/// </summary>
public partial class MapToolbar
{
    private const string AllHosts = "";

    [Parameter, EditorRequired] public required MapViewState View { get; set; }

    [Parameter, EditorRequired] public required TopologySnapshot Snapshot { get; set; }

    /// <summary>How many nodes the current search matches; null without a search.</summary>
    [Parameter] public int? MatchCount { get; set; }

    [Parameter] public EventCallback OnSearchChanged { get; set; }

    [Parameter] public EventCallback OnFiltersChanged { get; set; }

    /// <summary>Enter in the search box: focus the first match.</summary>
    [Parameter] public EventCallback OnSearchSubmitted { get; set; }

    /// <summary>The traffic toggle or its window changed (nothing to redraw but the traffic edges).</summary>
    [Parameter] public EventCallback OnTrafficChanged { get; set; }

    private IReadOnlyList<HostInfo> Hosts => Snapshot.Hosts;

    private IEnumerable<NetworkInfo> NetworkChoices =>
        Snapshot.Networks.Where(n => n.Driver is not ("host" or "null")).OrderBy(n => n.HostId, StringComparer.Ordinal).ThenBy(n => n.Name, StringComparer.Ordinal);

    private string? SearchSummary => MatchCount switch
    {
        null => null,
        0 => "no match",
        1 => "1 match",
        { } n => $"{n} matches",
    };

    private string NetworkName(string? id)
    {
        var network = Snapshot.Networks.FirstOrDefault(n => n.Id == id);
        return network is null ? id ?? ""
            : network.IsSwarmScope && Snapshot.Hosts.Length > 1 ? $"{network.Name} (swarm)"
            : Snapshot.Hosts.Length > 1 ? $"{network.Name} ({HostName(network.HostId)})" : network.Name;
    }

    private string HostName(string id) => Snapshot.Hosts.FirstOrDefault(h => h.Id == id)?.Name ?? id;

    private static string Summarize(int count, string none) => count == 0 ? none : count == 1 ? "1 selected" : $"{count} selected";

    private MudTextField<string>? _searchField;

    // Enter takes the text as typed (the debounced value may not have arrived yet).
    private async Task OnSearchKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key != "Enter" || _searchField is null)
        {
            return;
        }
        View.Search = _searchField.GetState(x => x.Text) ?? View.Search;
        await OnSearchChanged.InvokeAsync();
        await OnSearchSubmitted.InvokeAsync();
    }

    private Task OnSearchAsync(string? value)
    {
        View.Search = value ?? "";
        return OnSearchChanged.InvokeAsync();
    }

    private Task OnHostAsync(string? hostId)
    {
        View.HostId = string.IsNullOrEmpty(hostId) ? null : hostId;
        return OnFiltersChanged.InvokeAsync();
    }

    private Task OnNetworksAsync(IEnumerable<string?>? ids)
    {
        View.Networks = (ids ?? []).OfType<string>().ToImmutableHashSet(StringComparer.Ordinal);
        return OnFiltersChanged.InvokeAsync();
    }

    private IEnumerable<string> ServiceChoices => Snapshot.Services.Select(s => s.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    private Task OnServicesAsync(IEnumerable<string?>? names)
    {
        View.Services = (names ?? []).OfType<string>().ToImmutableHashSet(StringComparer.Ordinal);
        return OnFiltersChanged.InvokeAsync();
    }

    private Task OnStatesAsync(IEnumerable<string?>? states)
    {
        View.StateFilter = (states ?? []).OfType<string>().ToImmutableHashSet(StringComparer.Ordinal);
        return OnFiltersChanged.InvokeAsync();
    }

    private Task OnModesAsync(IEnumerable<string?>? modes)
    {
        View.Modes = (modes ?? []).Select(m => Enum.TryParse<NetworkModeKind>(m, out var k) ? k : (NetworkModeKind?)null)
            .OfType<NetworkModeKind>().ToImmutableHashSet();
        return OnFiltersChanged.InvokeAsync();
    }

    private Task OnHideStoppedAsync(bool value)
    {
        View.HideStopped = value;
        return OnFiltersChanged.InvokeAsync();
    }

    private Task ClearAsync()
    {
        View.ClearFilters();
        return OnFiltersChanged.InvokeAsync();
    }
}
