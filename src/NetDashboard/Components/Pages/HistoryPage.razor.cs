using Microsoft.AspNetCore.Components;
using NetDashboard.Components.History;
using NetDashboard.Components.Live;
using NetDashboard.Components.Presentation;
using NetDashboard.History;
using NetDashboard.History.Model;
using NetDashboard.History.Storage;
using NetDashboard.Monitoring;

namespace NetDashboard.Components.Pages;

/// <summary>
/// The timeline page: who held an IP at a time (the "firewall log says 172.17.0.5 at 14:00" question), a
/// container's addresses over time with its events, and, when nothing is asked, the recent events and the
/// containers whose IP changed after a restart. The questions are deep links (<c>/history?ip=…&amp;at=…</c>,
/// <c>/history?container=web</c>); the page re-reads the history after each write, at most once a second (through a
/// <see cref="RenderThrottle"/>).
/// </summary>
public partial class HistoryPage : ComponentBase, IAsyncDisposable
{
    /// <summary>The shortest time between two live refreshes.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private IDisposable? _subscription;
    private RenderThrottle? _refresh;

    private string? _ipText;
    private string? _atText;
    private string? _containerText;
    private string? _inputError;
    private string? _readProblem;
    private IpAnswer? _ipResult;
    private ContainerHistory? _containerResult;
    private string? _containerNotFound;
    private IReadOnlyList<HistoryEvent> _recent = [];
    private IReadOnlyList<IpChange> _changes = [];

    [Inject] public required HistoryAccess Access { get; init; }

    [Inject] public required IpChangeBadges Badges { get; init; }

    [Inject] public required TopologyStore Store { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [SupplyParameterFromQuery(Name = "container")] public string? ContainerQuery { get; set; }

    [SupplyParameterFromQuery(Name = "ip")] public string? IpQuery { get; set; }

    [SupplyParameterFromQuery(Name = "at")] public string? AtQuery { get; set; }

    [SupplyParameterFromQuery(Name = "host")] public string? HostQuery { get; set; }

    protected override void OnInitialized()
    {
        _refresh = new RenderThrottle(RefreshInterval, Time, InvokeAsync, () =>
        {
            Refresh();
            StateHasChanged();
        }, DispatchExceptionAsync);
        // Called on the writer's thread: only ask for a refresh.
        _subscription = Access.OnWritten(_refresh.Request);
    }

    protected override void OnParametersSet()
    {
        _ipText = IpQuery;
        _atText = AtQuery;
        _containerText = ContainerQuery;
        Refresh();
    }

    /// <summary>Answers what the query string asks, from the database; a database that cannot answer gives a sentence.</summary>
    private void Refresh()
    {
        _inputError = null;
        _readProblem = null;
        _ipResult = null;
        _containerResult = null;
        _containerNotFound = null;
        _changes = Badges.All.OrderBy(c => c.ContainerName, StringComparer.Ordinal).ToList();
        if (!Access.IsAvailable)
        {
            return;
        }
        var host = string.IsNullOrWhiteSpace(HostQuery) ? null : HostQuery;
        if (!string.IsNullOrWhiteSpace(IpQuery))
        {
            _ipResult = Read(store => AnswerIp(store, IpQuery, AtQuery, host));
        }
        if (!string.IsNullOrWhiteSpace(ContainerQuery))
        {
            _containerResult = Read(store => store.FindContainer(ContainerQuery, host));
            if (_containerResult is null && _readProblem is null)
            {
                _containerNotFound = $"The history knows no container called or with the id “{ContainerQuery}”{(host is null ? "" : $" on {host}")} in the last {Access.RetentionDays} days.";
            }
        }
        if (_ipResult is null && _containerResult is null && _readProblem is null)
        {
            _recent = Read(store => store.RecentEvents(50, host)) ?? [];
        }
    }

    private T? Read<T>(Func<NetDashboard.History.Storage.HistoryStore, T?> query) where T : class
    {
        if (Access.TryQuery(query, out var result, out var problem))
        {
            return result;
        }
        _readProblem = problem;
        return null;
    }

    private IpAnswer? AnswerIp(NetDashboard.History.Storage.HistoryStore store, string ipText, string? atText, string? host)
    {
        if (!HistoryInput.TryParseIp(ipText, out var ip))
        {
            _inputError = $"“{ipText}” is not an IP address: type one address such as 172.17.0.5 or fd00::5.";
            return null;
        }
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(atText))
        {
            if (!HistoryInput.TryParseTime(atText, out var parsed))
            {
                _inputError = $"“{atText}” is not a time: {HistoryInput.TimeHint}.";
                return null;
            }
            at = parsed;
        }
        return new IpAnswer(ip, at, store.WhoHad(ip, at, host));
    }

    private void AskIp()
    {
        Navigation.NavigateTo(HistoryLinks.Ip(_ipText?.Trim() ?? "", _atText?.Trim(), string.IsNullOrWhiteSpace(HostQuery) ? null : HostQuery));
    }

    private void AskContainer()
    {
        if (string.IsNullOrWhiteSpace(_containerText))
        {
            _inputError = "Type a container's name or id.";
            return;
        }
        Navigation.NavigateTo(HistoryLinks.Container(_containerText.Trim(), string.IsNullOrWhiteSpace(HostQuery) ? null : HostQuery));
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_refresh is not null)
        {
            await _refresh.DisposeAsync();
        }
    }

    /// <summary>The answer to "who had this IP (at this time)?".</summary>
    private sealed record IpAnswer(string Ip, DateTimeOffset? At, IReadOnlyList<AssignmentRecord> Holders)
    {
        public string Heading => At is { } at ? $"Who had {Ip} at {TopologyFormat.Time(at)}" : $"Every holder of {Ip}";

        public string Nobody => At is { } at
            ? $"No container held {Ip} at {TopologyFormat.Time(at)} (as far as the history knows)."
            : $"No container has held {Ip} in the retained history.";

        public string Truncated => $"Only the newest {HistoryStore.MaxRows:N0} holders are shown (older ones exist): narrow with a host or a time, or page with GET /api/history/ip/{Ip}?before=.";

        public string Answer => string.Join("; ", Holders.Select(h =>
            $"{h.ContainerName} held {Ip} on {h.NetworkName} (host {h.HostId}) from {TopologyFormat.Time(h.From)} "
            + (h.To is null ? "and still does." : $"to {TopologyFormat.Time(h.To)}.")));
    }
}
