using NetDashboard.Docker.Connection;
using NetDashboard.Docker.Observing;

namespace NetDashboard.Docker.Tests;

public class ConnectionTests
{
    [Theory]
    [InlineData("1.41", "1.12", "1.41")]
    [InlineData("1.52", "1.44", "1.52")]
    [InlineData("1.60", "1.44", "1.54")] // newer than the client knows: speak the client's newest
    [InlineData("1.45", null, "1.45")]
    public void Negotiates_the_highest_common_version(string server, string? minimum, string expected) =>
        Assert.Equal(expected, ApiVersionNegotiation.Format(ApiVersionNegotiation.Negotiate(server, minimum)));

    [Fact]
    public void Refuses_a_daemon_older_than_20_10_or_one_that_needs_a_newer_client()
    {
        Assert.Throws<DockerNegotiationException>(() => ApiVersionNegotiation.Negotiate("1.40", "1.12"));
        Assert.Throws<DockerNegotiationException>(() => ApiVersionNegotiation.Negotiate("1.70", "1.60"));
        Assert.Throws<DockerNegotiationException>(() => ApiVersionNegotiation.Negotiate("", null));
    }

    [Fact]
    public void Endpoint_is_resolved_like_the_docker_cli()
    {
        var none = new Dictionary<string, string?>();
        Assert.Equal("unix:///var/run/docker.sock", DockerEndpoint.Resolve(null, null, null, k => none.GetValueOrDefault(k)).ToString());

        var env = new Dictionary<string, string?> { ["DOCKER_HOST"] = "tcp://10.0.0.5:2376", ["DOCKER_TLS_VERIFY"] = "1", ["DOCKER_CERT_PATH"] = "/certs" };
        var fromEnv = DockerEndpoint.Resolve(null, null, null, k => env.GetValueOrDefault(k));
        Assert.Equal(("tcp", true, "/certs"), (fromEnv.Uri.Scheme, fromEnv.TlsVerify, fromEnv.CertPath!));
        Assert.False(fromEnv.IsLocalSocket);

        var configured = DockerEndpoint.Resolve("unix:///run/other.sock", false, null, k => env.GetValueOrDefault(k));
        Assert.Equal(("unix:///run/other.sock", false), (configured.ToString(), configured.TlsVerify));
    }

    [Fact]
    public async Task A_missing_socket_is_reported_as_a_sentence_and_retried()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nd-missing-{Guid.NewGuid():N}.sock");
        var observer = ObserverHarness.Create("unix://" + path, new() { MinRetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromMilliseconds(100) });
        var published = 0;
        var observation = await ObserverHarness.FirstAsync(observer, _ => ++published == 3);
        Assert.False(observation.Host.Connected);
        Assert.StartsWith($"Cannot connect to the Docker daemon at unix://{path}", observation.Host.Error);
        Assert.DoesNotContain("   at ", observation.Host.Error);
    }

    [Fact]
    public async Task A_daemon_that_refuses_the_client_version_is_reported_with_its_own_words()
    {
        // The newer recording refuses API < 1.44; an explicit request at 1.41 must surface the daemon's message.
        await using var daemon = await RecordedDaemon.StartAsync("api-1.52");
        using var client = DockerClientFactory.Create(DockerEndpoint.Resolve(daemon.Endpoint, false, null), new Version(1, 41));
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => client.Networks.ListNetworksAsync(new()));
        var sentence = DockerErrorDescriber.Describe(ex, DockerEndpoint.Resolve(daemon.Endpoint, false, null));
        Assert.Contains("client version 1.41 is too old. Minimum supported API version is 1.44", sentence);
    }
}
