using Microsoft.AspNetCore.Components;
using NetDashboard.Core.Model;
using NetDashboard.Monitoring;

namespace NetDashboard.Components.Live;

/// <summary>
/// Tells screen-reader users what changed in the live topology, politely (<c>aria-live="polite"</c>) and not per
/// event: the store's changes only ask a <see cref="RenderThrottle"/> for a run, which at most every
/// <see cref="AnnounceInterval"/> compares the newest snapshot with the one last announced and writes one sentence
/// (<see cref="ChangeAnnouncement"/>) into the region. The page's load is not announced.
/// </summary>
public partial class LiveAnnouncer
{
    /// <summary>The shortest time between two announcements.</summary>
    public static readonly TimeSpan AnnounceInterval = TimeSpan.FromSeconds(5);

    private IDisposable? _subscription;
    private RenderThrottle? _throttle;
    private TopologySnapshot? _latest;
    private TopologySnapshot _announced = TopologySnapshot.Empty;
    private string? _message;

    [Inject] public required TopologyStore Store { get; init; }

    /// <summary>The revision of the newest change received, announced or still waiting for the interval (for tests).</summary>
    public long? ReceivedRevision => Volatile.Read(ref _latest)?.Revision;

    [Inject] public required TimeProvider Time { get; init; }

    protected override void OnInitialized()
    {
        _throttle = new RenderThrottle(AnnounceInterval, Time, InvokeAsync, Announce, DispatchExceptionAsync);
        _subscription = Store.Subscribe(change =>
        {
            Volatile.Write(ref _latest, change.Snapshot);
            _throttle.Request();
        }, out _announced);
    }

    // On the renderer, through the throttle.
    private void Announce()
    {
        var latest = Volatile.Read(ref _latest);
        if (latest is null || ReferenceEquals(latest, _announced))
        {
            return;
        }
        var message = ChangeAnnouncement.Describe(_announced, latest);
        _announced = latest;
        if (message is not null)
        {
            _message = message;
            StateHasChanged();
        }
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        _subscription?.Dispose();
        if (_throttle is not null)
        {
            await _throttle.DisposeAsync();
        }
    }
}
