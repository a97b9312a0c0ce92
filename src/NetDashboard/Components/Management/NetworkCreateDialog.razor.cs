using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Management;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Components.Management;

/// <summary>
/// The create dialog. Every change is checked at once with <see cref="NetworkCreateValidator"/> against the host's
/// current topology; a field's problems show once it was touched (all of them after a first try to create). Create
/// runs through <see cref="WriteActions"/>; a refusal keeps the dialog open with the sentence and the fields marked.
/// Closes with the created network's id.
/// </summary>
public partial class NetworkCreateDialog
{
    private readonly NetworkCreateForm _form = new();
    private readonly HashSet<string> _touched = [];
    private ImmutableSortedDictionary<string, ImmutableArray<string>> _errors = ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty;
    private bool _tried;
    private bool _busy;
    private string? _refusal;
    private string? _hostId;

    [CascadingParameter] public required IMudDialogInstance MudDialog { get; set; }

    [Inject] public required TopologyStore Store { get; init; }

    [Inject] public required WriteActions Actions { get; init; }

    /// <summary>The host to create on, when the page knows it.</summary>
    [Parameter] public string? HostId { get; set; }

    private IReadOnlyList<HostInfo> Hosts => Store.Current.Hosts.Where(h => h.Status == HostStatus.Connected).ToList();

    private HostInfo? Host => Store.Current.Hosts.FirstOrDefault(h => h.Id == _hostId);

    private string Command => DockerCommands.NetworkCreate(_form.ToRequest().Request, Host);

    private string ProblemSummary => _errors.Values.Sum(v => v.Length) switch
    {
        0 => "No problem found so far.",
        1 => "1 problem to fix.",
        var n => $"{n} problems to fix.",
    };

    protected override void OnInitialized()
    {
        _hostId = HostId ?? Hosts.FirstOrDefault()?.Id;
        Validate();
    }

    private void OnHostChanged(string hostId)
    {
        _hostId = hostId;
        Validate();
    }

    private void Set(string field, Action change)
    {
        change();
        _touched.Add(field);
        _refusal = null;
        Validate();
    }

    private bool HasError(string field) => ErrorOf(field) is not null;

    private string? ErrorOf(string field) =>
        (_tried || _touched.Contains(field)) && _errors.TryGetValue(field, out var sentences) ? string.Join(" ", sentences) : null;

    private void Validate()
    {
        var (request, problems) = _form.ToRequest();
        var errors = ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.Ordinal);
        if (_hostId is { } hostId && NetworkCreateValidator.Validate(request, Store.Current, hostId) is { } refusal)
        {
            errors = refusal.Errors.IsEmpty ? errors.SetItem("name", [refusal.Detail]) : refusal.Errors;
        }
        foreach (var (field, sentence) in problems)
        {
            errors = errors.SetItem(field, errors.TryGetValue(field, out var more) ? more.Add(sentence) : [sentence]);
        }
        _errors = errors;
    }

    private void Cancel() => MudDialog.Cancel();

    private async Task CreateAsync()
    {
        _tried = true;
        Validate();
        if (_hostId is null)
        {
            _refusal = "No Docker host is connected: nothing can be created now.";
            return;
        }
        if (!_errors.IsEmpty)
        {
            _refusal = "Fix the fields marked in red first: nothing was sent to the daemon.";
            return;
        }
        _busy = true;
        try
        {
            var request = _form.ToRequest().Request;
            var result = await Actions.RunAsync((user, writes) => writes.CreateAsync(user, _hostId, request, CancellationToken.None),
                $"Network {request.Name} created.", sayRefusal: false);
            if (result.Succeeded)
            {
                MudDialog.Close(DialogResult.Ok(result.Id));
                return;
            }
            _refusal = result.Detail;
            if (!result.Errors.IsEmpty)
            {
                _errors = result.Errors;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private static string DriverText(string driver) => driver switch
    {
        "bridge" => "bridge (one host)",
        "macvlan" => "macvlan (on a host interface)",
        "ipvlan" => "ipvlan (on a host interface)",
        "overlay" => "overlay (needs a swarm)",
        _ => driver,
    };
}
