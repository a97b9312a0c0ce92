using Docker.DotNet;
using Microsoft.Extensions.Logging;
using NetDashboard.Core.Building;
using NetDashboard.Docker.Mapping;
using Version = System.Version;

namespace NetDashboard.Docker.Observing;

/// <summary>
/// What only <c>GET /info</c> tells, read once per connection: the firewall backend (API 1.49+). Older engines and
/// Podman are not asked. A failed or odd answer never costs the connection: the field is then "not reported", and the
/// log says why, once per host. It never throws.
/// </summary>
internal sealed class DaemonInfoReader(string hostId, ILogger logger)
{
    private bool _logged;

    public async Task<string?> FirewallBackendAsync(IDockerClient client, Version api, TimeSpan timeout, DockerCallCounter calls, CancellationToken cancellationToken)
    {
        if (api < ApiLevel.FirewallBackend)
        {
            return null;
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        calls.Increment("info");
        try
        {
            return DaemonText.OneLine(DockerModelMapper.FirewallBackend(await client.System.GetSystemInfoAsync(cts.Token)), 40);
        }
        catch (Exception ex)
        {
            // Never throws (not even when the session ends meanwhile): the caller owns a client it must not leak.
            if (!_logged && !cancellationToken.IsCancellationRequested)
            {
                _logged = true;
                logger.LogWarning("Host {Host}: the daemon's /info could not be read ({Reason}); its firewall backend is shown as not reported.", hostId, DaemonText.Reason(ex));
            }
            return null;
        }
    }
}
