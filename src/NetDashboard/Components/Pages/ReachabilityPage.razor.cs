using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using NetDashboard.Api;
using NetDashboard.Components.Live;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Analysis;
using NetDashboard.Core.Model;
using NetDashboard.Insight;

namespace NetDashboard.Components.Pages;

/// <summary>
/// <c>/reachability</c>: the containers × containers matrix (rows = from, columns = to), filtered by host, network and
/// "running only", live. The URL carries the filters and the selected pair (<c>?network=app&amp;from=web&amp;to=db</c>),
/// so a view can be shared; the selection is kept by container id across topology changes.
/// </summary>
public partial class ReachabilityPage : TopologyComponentBase
{
    private const string All = "";

    /// <summary>Cells the page draws at most (100 × 100 buttons); the API allows up to <see cref="InsightApi.MatrixLimit"/>.</summary>
    internal const int InsightLimit = 100;

    private QueryState? _applied;
    private string? _hostId;
    private string? _networkQuery;
    private string? _networkId;
    private string? _networkProblem;
    private bool _runningOnly;
    private (string From, string To)? _pendingPair;
    private (string FromId, string ToId)? _selected;
    private ReachabilityMatrix? _matrix;
    private int _matched;
    private ReachabilityReport? _report;
    private ContainerInfo? _from;
    private ContainerInfo? _to;
    private string? _pairProblem;

    private sealed record QueryState(string? Host, string? Network, string? Running, string? From, string? To);

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required ReachabilityService Reachability { get; init; }

    [SupplyParameterFromQuery(Name = "host")] public string? HostQuery { get; set; }

    [SupplyParameterFromQuery(Name = "network")] public string? NetworkQuery { get; set; }

    [SupplyParameterFromQuery(Name = "running")] public string? RunningQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")] public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")] public string? ToQuery { get; set; }

    private IEnumerable<NetworkInfo> NetworkChoices => Snapshot.Networks
        .Where(n => _hostId is null || n.HostId == _hostId)
        .OrderBy(n => n.HostId, StringComparer.Ordinal).ThenBy(n => n.Name, StringComparer.Ordinal);

    private string NetworkLabel(NetworkInfo n) =>
        Snapshot.Hosts.Length > 1 && _hostId is null ? $"{n.Name} ({Snapshot.Hosts.FirstOrDefault(h => h.Id == n.HostId)?.Name ?? n.HostId})" : n.Name;

    protected override void OnParametersSet()
    {
        var query = new QueryState(Blank(HostQuery), Blank(NetworkQuery), Blank(RunningQuery), Blank(FromQuery), Blank(ToQuery));
        if (query != _applied)
        {
            // Only a changed URL overrides the page's state (the page writes its own state into the URL too).
            _applied = query;
            _hostId = query.Host;
            _networkQuery = query.Network;
            _runningOnly = query.Running is "1" or "true";
            _pendingPair = query.From is { } f && query.To is { } t ? (f, t) : null;
            if (_pendingPair is null)
            {
                _selected = null;
            }
        }
        base.OnParametersSet();
    }

    protected override void OnSnapshotChanged()
    {
        var network = _networkQuery is null ? null : TopologyLookup.Network(Snapshot, _networkQuery, _hostId);
        _networkId = network?.Single?.Id;
        _networkProblem = network is null || network.Single is not null ? null
            : network.Ambiguity ?? $"No network is named or has the id “{_networkQuery}”{(_hostId is null ? "" : " on this host")}.";
        if (_networkQuery is not null && _networkId is null)
        {
            _matched = 0;
            _matrix = new ReachabilityMatrix();
        }
        else
        {
            var containers = ReachabilityMatrix.Select(Snapshot, _hostId, _networkId, _runningOnly);
            _matched = containers.Length;
            _matrix = containers.Length <= InsightLimit ? ReachabilityMatrix.Build(Snapshot, containers) : null;
        }
        ResolvePendingPair();
        UpdateReport();
    }

    /// <summary>
    /// Turns the URL's <c>from</c>/<c>to</c> (names, ids or id prefixes) into the selected pair, once both exist, by
    /// <see cref="TopologyResolver.Pair"/> — the rule <c>GET /api/reachability</c> answers by.
    /// </summary>
    private void ResolvePendingPair()
    {
        if (_pendingPair is not { } pair || Snapshot.Hosts.IsEmpty)
        {
            return;
        }
        var found = TopologyResolver.Pair(Snapshot, pair.From, pair.To, _hostId);
        if (found.From.Single is not { } from || found.To.Single is not { } to)
        {
            _selected = null;
            var (side, text) = found.From.Single is null ? (found.From, pair.From) : (found.To, pair.To);
            _pairProblem = side.Ambiguity ?? $"No container is named or has the id “{text}”{(_hostId is null ? "" : " on this host")}.";
            return; // it may still come (or become unique): try again with the next topology
        }
        _pendingPair = null;
        _pairProblem = null;
        _selected = (from.Id, to.Id);
    }

    private void UpdateReport()
    {
        if (_selected is not { } s)
        {
            (_report, _from, _to) = (null, null, null);
            return;
        }
        var from = Snapshot.Containers.FirstOrDefault(c => c.Id == s.FromId);
        var to = Snapshot.Containers.FirstOrDefault(c => c.Id == s.ToId);
        if (from is null || to is null)
        {
            _pairProblem = $"{(from is null ? _from?.Name ?? "The source" : _to?.Name ?? "The target")} is no longer in the topology.";
            (_report, _from, _to) = (null, null, null);
            return;
        }
        _pairProblem = null;
        (_from, _to) = (from, to);
        _report = Reachability.Analyze(Snapshot, from, to);
    }

    private void OnCellSelected((int Row, int Column) cell)
    {
        if (_matrix is not { } m || cell.Row >= m.Containers.Length || cell.Column >= m.Containers.Length)
        {
            return;
        }
        _pendingPair = null;
        _selected = (m.Containers[cell.Row].Id, m.Containers[cell.Column].Id);
        UpdateReport();
        WriteUrl();
    }

    private void OnHostChanged(string? hostId)
    {
        _hostId = string.IsNullOrEmpty(hostId) ? null : hostId;
        if (_networkId is { } id && Snapshot.Networks.FirstOrDefault(n => n.Id == id) is { } n && _hostId is not null && n.HostId != _hostId)
        {
            _networkQuery = null; // that network is on another host
        }
        Refilter();
    }

    private void OnNetworkChanged(string? networkId)
    {
        _networkQuery = string.IsNullOrEmpty(networkId) ? null : networkId;
        Refilter();
    }

    private void OnRunningOnlyChanged(bool value)
    {
        _runningOnly = value;
        Refilter();
    }

    private void Refilter()
    {
        OnSnapshotChanged();
        WriteUrl();
    }

    /// <summary>Writes the filters and the selection into the URL (replacing the entry), readable where names are unique.</summary>
    private void WriteUrl()
    {
        var network = _networkId is { } id && Snapshot.Networks.FirstOrDefault(n => n.Id == id) is { } n
            ? (Snapshot.Networks.Count(x => x.Name == n.Name) == 1 ? n.Name : n.Id)
            : _networkQuery;
        var query = new QueryState(_hostId, network, _runningOnly ? "1" : null,
            _from is null ? null : UrlName(_from), _to is null ? null : UrlName(_to));
        _applied = query;
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["host"] = query.Host,
            ["network"] = query.Network,
            ["running"] = query.Running,
            ["from"] = query.From,
            ["to"] = query.To,
        });
        Navigation.NavigateTo(uri, replace: true);
    }

    private string UrlName(ContainerInfo c) => Snapshot.Containers.Count(x => x.Name == c.Name) == 1 ? c.Name : c.Id;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
