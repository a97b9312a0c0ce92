using Docker.DotNet;
using Docker.DotNet.X509;
using Version = System.Version;

namespace NetDashboard.Docker.Connection;

/// <summary>Builds Docker.DotNet clients for an endpoint, unversioned (to ask the version) or at a negotiated version.</summary>
internal static class DockerClientFactory
{
    public static IDockerClient Create(DockerEndpoint endpoint, Version? apiVersion, TimeSpan? timeout = null)
    {
        var builder = new DockerClientBuilder().WithEndpoint(endpoint.IsSsh ? SshRelay.LocalUriOf(endpoint) : endpoint.Uri).WithApiVersion(apiVersion);
        if (timeout is { } t)
        {
            builder = builder.WithTimeout(t);
        }
        if (endpoint.TlsVerify && endpoint.CertPath is not null)
        {
            builder = builder.WithAuthProvider(DockerTlsCertificates.LoadFromDirectory(endpoint.CertPath).CreateCredentials());
        }
        return builder.Build();
    }
}
