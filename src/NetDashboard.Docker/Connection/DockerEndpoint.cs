namespace NetDashboard.Docker.Connection;

/// <summary>Where and how one daemon is reached.</summary>
public sealed record DockerEndpoint(Uri Uri, bool TlsVerify, string? CertPath)
{
    public const string DefaultUnixSocket = "unix:///var/run/docker.sock";

    /// <summary>True for a daemon on this machine's unix socket (whose namespaces the dashboard may see).</summary>
    public bool IsLocalSocket => Uri.Scheme == "unix";

    /// <summary>True for <c>ssh://[user@]host[:port]</c>: reached through ssh and the remote docker CLI (<see cref="SshRelay"/>).</summary>
    public bool IsSsh => Uri.Scheme == "ssh";

    /// <summary>For ssh://: an ssh configuration file (<c>ssh -F</c>: keys, known hosts, jumps); null: the user's own.</summary>
    public string? SshConfig { get; init; }

    /// <summary>The socket's path for a unix endpoint (<c>/var/run/docker.sock</c>); null otherwise.</summary>
    public string? SocketPath => IsLocalSocket ? Uri.UnescapeDataString(Uri.AbsolutePath) : null;

    /// <summary>As configured: <c>unix:///var/run/docker.sock</c>, <c>tcp://10.0.0.5:2376</c>, <c>ssh://deploy@node2</c> (no trailing slash).</summary>
    public override string ToString() => Uri.Scheme is "unix" or "npipe" || Uri.AbsolutePath != "/" ? Uri.ToString() : Uri.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// Resolves like the docker CLI: the configured endpoint, else <c>DOCKER_HOST</c>, else
    /// <c>unix:///var/run/docker.sock</c>; TLS from <c>DOCKER_TLS_VERIFY</c> / <c>DOCKER_CERT_PATH</c> (then ~/.docker).
    /// </summary>
    public static DockerEndpoint Resolve(string? configured, bool? tlsVerify, string? certPath, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var text = !string.IsNullOrWhiteSpace(configured) ? configured
            : !string.IsNullOrWhiteSpace(environment("DOCKER_HOST")) ? environment("DOCKER_HOST")!
            : DefaultUnixSocket;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"'{text}' is not a Docker endpoint: use unix:///path, tcp://host:port, ssh://user@host or npipe://./pipe/name.");
        }
        var verify = tlsVerify ?? IsTruthy(environment("DOCKER_TLS_VERIFY"));
        var certs = !string.IsNullOrWhiteSpace(certPath) ? certPath
            : !string.IsNullOrWhiteSpace(environment("DOCKER_CERT_PATH")) ? environment("DOCKER_CERT_PATH")
            : verify ? Path.Combine(environment("HOME") ?? "~", ".docker")
            : null;
        return new DockerEndpoint(uri, verify, certs);
    }

    private static bool IsTruthy(string? value) =>
        !string.IsNullOrEmpty(value) && value is not ("0" or "false" or "False" or "FALSE");
}
