using System.Collections.Immutable;

namespace NetDashboard.Core.Management;

/// <summary><c>POST /api/networks</c>: what <c>docker network create</c> takes; only the name is required.</summary>
public sealed record NetworkCreateRequest
{
    public string? Name { get; init; }
    public string? Driver { get; init; }
    public string? Subnet { get; init; }
    public string? IpRange { get; init; }
    public string? Gateway { get; init; }
    public bool Internal { get; init; }
    public bool Attachable { get; init; }
    public bool EnableIPv6 { get; init; }
    public string? Ipv6Subnet { get; init; }
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    public ImmutableSortedDictionary<string, string> Options { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The driver, <c>bridge</c> when none was given.</summary>
    public string DriverOrDefault => string.IsNullOrWhiteSpace(Driver) ? "bridge" : Driver.Trim();
}

/// <summary><c>POST /api/networks/{network}/connect</c>.</summary>
public sealed record NetworkConnectRequest
{
    public string? Container { get; init; }
    public ImmutableArray<string> Aliases { get; init; } = [];
    public string? Ipv4 { get; init; }
    public string? Ipv6 { get; init; }
}

/// <summary><c>POST /api/networks/{network}/disconnect</c>.</summary>
public sealed record NetworkDisconnectRequest
{
    public string? Container { get; init; }
    public bool Force { get; init; }
}

/// <summary>A container named in a refusal (e.g. the ones still attached to a network).</summary>
public sealed record ContainerRef(string Id, string Name);

/// <summary>
/// Why a write is refused before the daemon is called: the HTTP status (400, 404 or 409), one sentence, every problem
/// found per field, and the containers concerned.
/// </summary>
public sealed record ManagementRefusal(int Status, string Detail)
{
    public ImmutableSortedDictionary<string, ImmutableArray<string>> Errors { get; init; } = ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty;
    public ImmutableArray<ContainerRef> Attached { get; init; } = [];
}

/// <summary>
/// The daemon's side of a write (the Docker adapter implements it). Each call throws
/// <see cref="DaemonWriteException"/> when the daemon refuses or cannot be reached.
/// </summary>
public interface INetworkManager
{
    /// <summary>Creates the network and returns its id.</summary>
    Task<string> CreateAsync(string hostId, NetworkCreateRequest request, CancellationToken cancellationToken);

    Task RemoveAsync(string hostId, string networkId, CancellationToken cancellationToken);

    Task ConnectAsync(string hostId, string networkId, string containerId, NetworkConnectRequest request, CancellationToken cancellationToken);

    Task DisconnectAsync(string hostId, string networkId, string containerId, bool force, CancellationToken cancellationToken);
}

/// <summary>
/// The daemon refused a write (<see cref="Status"/> 400 or 409, with its own words in the sentence) or could not be
/// reached (503).
/// </summary>
public sealed class DaemonWriteException(int status, string sentence, Exception? inner = null) : Exception(sentence, inner)
{
    public int Status { get; } = status;
}
