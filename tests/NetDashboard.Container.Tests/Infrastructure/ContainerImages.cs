using System.Diagnostics;
using System.Globalization;

namespace NetDashboard.Container.Tests.Infrastructure;

/// <summary>
/// Builds, once per test run, the dashboard image from the repository's Dockerfile, on local stand-ins of
/// mcr.microsoft.com's sdk and aspnet images and of the socket proxy (scripts/container-base-images.sh; no registry is
/// reachable here). The stand-ins and the image stay cached between runs (tags <c>netdashboard-test/…</c>, label
/// <c>netdashboard.test=1</c>); a rerun on unchanged sources takes seconds.
/// </summary>
public sealed class ContainerImages : IAsyncLifetime
{
    public const string Dashboard = "netdashboard-test/netdashboard:latest";
    // The build stage gets a tag of its own so that the previous build's stage becomes dangling and can be pruned,
    // while the current one stays as the cache of the next build.
    private const string BuildStage = "netdashboard-test/netdashboard-build:latest";

    public string AspnetImage { get; private set; } = "";
    public string SdkImage { get; private set; } = "";
    public string ProxyImage { get; private set; } = "";
    public TimeSpan BaseImagesTime { get; private set; }
    public TimeSpan BuildTime { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var script = await Cli.RunAsync("bash", [Repo.PathOf("scripts/container-base-images.sh")], TimeSpan.FromMinutes(10), workingDirectory: Repo.Root);
        var names = script.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        SdkImage = names["NETDASHBOARD_SDK_IMAGE"];
        AspnetImage = names["NETDASHBOARD_ASPNET_IMAGE"];
        ProxyImage = names["DOCKER_PROXY_IMAGE"];
        BaseImagesTime = clock.Elapsed;

        clock.Restart();
        // The legacy builder: it never tries to pull a FROM image that exists locally; --network none proves the
        // restore needs nothing from outside (the sdk stand-in carries the packages).
        var legacy = new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" };
        string[] common = ["build", "--force-rm", "--network", "none", "--label", "netdashboard.test=1",
            "--build-arg", $"SDK_IMAGE={SdkImage}", "--build-arg", $"ASPNET_IMAGE={AspnetImage}"];
        await Cli.RunAsync("docker", [.. common, "--target", "build", "-t", BuildStage, "."], TimeSpan.FromMinutes(15), legacy, Repo.Root);
        await Cli.RunAsync("docker", [.. common, "-t", Dashboard, "."], TimeSpan.FromMinutes(5), legacy, Repo.Root);
        await Cli.DockerAsync("image", "prune", "-f", "--filter", "label=netdashboard.test=1");
        BuildTime = clock.Elapsed;
    }

    public static async Task<long> SizeAsync(string image) =>
        long.Parse((await Cli.DockerAsync("image", "inspect", "-f", "{{.Size}}", image)).Trim(), CultureInfo.InvariantCulture);

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ContainerCollection : ICollectionFixture<ContainerImages>
{
    public const string Name = "container image";
}
