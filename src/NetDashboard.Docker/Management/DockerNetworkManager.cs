using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using NetDashboard.Core.Management;
using NetDashboard.Docker.Connection;
using NetDashboard.Docker.Observing;

namespace NetDashboard.Docker.Management;

/// <summary>
/// Network writes on a Docker daemon: create, remove, connect, disconnect, each on a client at the API version the
/// daemon negotiates. What the daemon refuses comes back as a <see cref="DaemonWriteException"/> carrying its own
/// words in a sentence (409 for a conflict, 400 otherwise); a daemon that cannot be reached is 503.
/// </summary>
public sealed class DockerNetworkManager(Func<string, DockerEndpoint?> endpoints) : INetworkManager
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public Task<string> CreateAsync(string hostId, NetworkCreateRequest request, CancellationToken cancellationToken) =>
        RunAsync(hostId, "create the network", async client =>
        {
            var ipam = new List<IPAMConfig>();
            if (!string.IsNullOrWhiteSpace(request.Subnet))
            {
                ipam.Add(new IPAMConfig { Subnet = request.Subnet.Trim(), IPRange = Blank(request.IpRange)!, Gateway = Blank(request.Gateway)! });
            }
            if (!string.IsNullOrWhiteSpace(request.Ipv6Subnet))
            {
                ipam.Add(new IPAMConfig { Subnet = request.Ipv6Subnet.Trim() });
            }
            var created = await client.Networks.CreateNetworkAsync(new NetworksCreateParameters
            {
                Name = request.Name!.Trim(),
                Driver = request.DriverOrDefault,
                Internal = request.Internal,
                Attachable = request.Attachable,
                EnableIPv6 = request.EnableIPv6,
                IPAM = ipam.Count == 0 ? null : new IPAM { Driver = "default", Config = ipam },
                Labels = request.Labels.ToDictionary(),
                Options = request.Options.ToDictionary(),
            }, cancellationToken);
            return created.ID;
        }, cancellationToken);

    public Task RemoveAsync(string hostId, string networkId, CancellationToken cancellationToken) =>
        RunAsync(hostId, "remove the network", async client =>
        {
            await client.Networks.DeleteNetworkAsync(networkId, cancellationToken);
            return true;
        }, cancellationToken);

    public Task ConnectAsync(string hostId, string networkId, string containerId, NetworkConnectRequest request, CancellationToken cancellationToken) =>
        RunAsync(hostId, "connect the container", async client =>
        {
            var ipam = string.IsNullOrWhiteSpace(request.Ipv4) && string.IsNullOrWhiteSpace(request.Ipv6)
                ? null
                : new EndpointIPAMConfig { IPv4Address = Blank(request.Ipv4)!, IPv6Address = Blank(request.Ipv6)! };
            await client.Networks.ConnectNetworkAsync(networkId, new NetworkConnectParameters
            {
                Container = containerId,
                EndpointConfig = new EndpointSettings { Aliases = request.Aliases.IsEmpty ? null! : [.. request.Aliases], IPAMConfig = ipam! },
            }, cancellationToken);
            return true;
        }, cancellationToken);

    public Task DisconnectAsync(string hostId, string networkId, string containerId, bool force, CancellationToken cancellationToken) =>
        RunAsync(hostId, "disconnect the container", async client =>
        {
            await client.Networks.DisconnectNetworkAsync(networkId, new NetworkDisconnectParameters { Container = containerId, Force = force }, cancellationToken);
            return true;
        }, cancellationToken);

    private async Task<T> RunAsync<T>(string hostId, string what, Func<IDockerClient, Task<T>> write, CancellationToken cancellationToken)
    {
        var endpoint = endpoints(hostId) ?? throw new DaemonWriteException(404, $"There is no Docker host '{hostId}' configured here.");
        try
        {
            VersionResponse version;
            using (var probe = DockerClientFactory.Create(endpoint, apiVersion: null, Timeout))
            {
                version = await probe.System.GetVersionAsync(cancellationToken) ?? throw new DaemonWriteException(503, $"The Docker daemon at {endpoint} did not say its version.");
            }
            using var client = DockerClientFactory.Create(endpoint, ApiVersionNegotiation.Negotiate(version.APIVersion, version.MinAPIVersion), Timeout);
            return await write(client);
        }
        catch (DockerApiException ex)
        {
            var words = DaemonText.OneLine(DockerErrorDescriber.DaemonMessage(ex.ResponseBody))?.TrimEnd('.') ?? "it gave no reason";
            var status = ex.StatusCode == HttpStatusCode.Conflict ? 409 : ex.StatusCode == HttpStatusCode.NotFound ? 404 : 400;
            throw new DaemonWriteException(status, $"The Docker daemon at {endpoint} refused to {what}: {words}.", ex);
        }
        catch (Exception ex) when (ex is not (DaemonWriteException or OperationCanceledException) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DaemonWriteException(503, DockerErrorDescriber.Describe(ex, endpoint), ex);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
