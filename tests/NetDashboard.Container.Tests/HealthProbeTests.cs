using NetDashboard.Container.Tests.Infrastructure;
using NetDashboard.Hosting;

namespace NetDashboard.Container.Tests;

/// <summary>Where the image's HEALTHCHECK (<c>dotnet NetDashboard.dll --healthcheck</c>) looks for the app.</summary>
public sealed class HealthProbeTests
{
    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080/healthz")]
    [InlineData(null, "9000;9001", "http://127.0.0.1:9000/healthz")]
    [InlineData("http://127.0.0.1:18095", "8080", "http://127.0.0.1:18095/healthz")]
    [InlineData("http://+:5000;https://+:5001", null, "http://127.0.0.1:5000/healthz")]
    [InlineData("http://[::]:5002", null, "http://127.0.0.1:5002/healthz")]
    [InlineData("https://+:5001", "7000", "http://127.0.0.1:7000/healthz")]
    public void Probes_loopback_on_the_first_http_port_the_environment_configures(string? urls, string? httpPorts, string expected)
    {
        var environment = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = urls, ["ASPNETCORE_HTTP_PORTS"] = httpPorts };
        Assert.Equal(expected, HealthProbe.DefaultUrl(k => environment.GetValueOrDefault(k)));
    }

    [Fact]
    public async Task Exits_1_when_nothing_answers()
    {
        var url = $"http://127.0.0.1:{ComposeProject.FreePort()}/healthz";
        Assert.Equal(1, await HealthProbe.RunAsync([HealthProbe.Argument, url]));
    }
}
