using System.Collections.Immutable;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using NetDashboard.Core.Building;
using NetDashboard.Core.Observation;
using NetDashboard.Docker.Mapping;

namespace NetDashboard.Docker.Observing;

/// <summary>
/// What only <c>GET /networks/{id}</c> tells from API 1.52 (Engine 29): <c>Status</c>, the address use of each subnet.
/// The list does not carry it, so each network with an IPAM subnet is inspected once per read, at most
/// <c>parallelism</c> at a time — and only on an engine whose negotiated API has it. A network removed meanwhile, or an
/// inspect that fails, leaves that network's use "not reported" (logged once per host); it never costs the read.
/// </summary>
internal sealed class NetworkStatusReader(string hostId, ILogger logger)
{
    private bool _logged;

    public async Task<IReadOnlyList<ObservedNetwork>> AddStatusAsync(
        IDockerClient client, string? apiVersion, IReadOnlyList<ObservedNetwork> networks, int parallelism, TimeSpan timeout,
        DockerCallCounter calls, CancellationToken cancellationToken)
    {
        if (!ApiLevel.AtLeast(apiVersion, ApiLevel.NetworkStatus))
        {
            return networks;
        }
        var result = networks.ToArray();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, result.Length).Where(i => result[i].IpamConfig.Any(c => !string.IsNullOrWhiteSpace(c.Subnet))),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (i, ct) => result[i] = result[i] with { SubnetStatus = await StatusAsync(client, result[i], timeout, calls, ct) });
        return result;
    }

    private async Task<ImmutableDictionary<string, ObservedSubnetStatus>?> StatusAsync(
        IDockerClient client, ObservedNetwork network, TimeSpan timeout, DockerCallCounter calls, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        calls.Increment("inspect-network");
        try
        {
            return DockerModelMapper.SubnetStatus(await client.Networks.InspectNetworkAsync(network.Id, cts.Token));
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null; // removed between the list and the inspect: the next read drops it
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (!_logged)
            {
                _logged = true;
                logger.LogWarning("Host {Host}: network {Network} could not be inspected ({Reason}); its address use is shown as not reported.", hostId, DaemonText.OneLine(network.Name, 200), DaemonText.Reason(ex));
            }
            return null;
        }
    }
}
