using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace NetDashboard.Container.Tests.Infrastructure;

/// <summary>
/// One <c>docker-compose</c> (Debian's 1.29) project made from a compose file of the repository, under a name of its
/// own. A generated override file labels every service, network and volume <c>netdashboard.test=1</c> and checks
/// health every second instead of every 30 (the check itself is the image's); nothing else differs from what a user
/// runs. <see cref="DisposeAsync"/> takes everything down, volumes included, even when the test failed.
/// </summary>
internal sealed partial class ComposeProject : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ndt-compose-").FullName;
    private readonly string[] _files;
    private readonly string[] _profiles;
    private readonly Dictionary<string, string> _environment;

    public ComposeProject(string composeFile, IReadOnlyDictionary<string, string> environment, params string[] profiles)
        : this([composeFile], environment, profiles)
    {
    }

    /// <summary>A project of several of the repository's compose files (<c>-f a -f b</c>, as a user combines them).</summary>
    public ComposeProject(string[] composeFiles, IReadOnlyDictionary<string, string> environment, params string[] profiles)
    {
        Name = "ndt" + Guid.NewGuid().ToString("N")[..8];
        _profiles = profiles;
        _environment = new Dictionary<string, string>(environment);
        _files = [.. composeFiles.Select(Repo.PathOf), Path.Combine(_dir, "test-labels.yml")];
    }

    private string LabelFile => _files[^1];

    public string Name { get; }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task UpAsync()
    {
        // Asked of the user's file alone (the override does not exist yet), in compose's normalised form.
        var services = Lines(await Cli.RunAsync("docker-compose", [.. Global(withOverride: false), "config", "--services"], null, _environment, Repo.Root));
        var config = await Cli.RunAsync("docker-compose", [.. Global(withOverride: false), "config"], null, _environment, Repo.Root);
        await File.WriteAllTextAsync(LabelFile, LabelOverride(services, TopLevel(config, "networks"), TopLevel(config, "volumes")));
        var merged = await ComposeAsync("config");
        foreach (var section in new[] { "networks", "volumes" })
        {
            Assert.Equal(Settings(TopLevel(config, section)), Settings(TopLevel(merged, section).Where(e => config.Contains($"\n  {e.Name}:"))));
        }
        await ComposeAsync("up", "-d");
    }

    /// <summary>The full id of the (single) container of <paramref name="service"/>.</summary>
    public async Task<string> ContainerIdAsync(string service) => (await ComposeAsync("ps", "-q", service)).Trim();

    public async Task<string> ComposeAsync(params string[] args) =>
        await Cli.RunAsync("docker-compose", [.. Global(), .. args], TimeSpan.FromMinutes(3), _environment, Repo.Root);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(LabelFile))
            {
                await Cli.TryRunAsync("docker-compose", [.. Global(), "down", "-v", "--remove-orphans", "-t", "3"], TimeSpan.FromMinutes(2), _environment, Repo.Root);
            }
        }
        finally
        {
            // Whatever a half-failed `up` or `down` left behind.
            var project = $"label=com.docker.compose.project={Name}";
            var leftovers = await Cli.TryRunAsync("docker", ["ps", "-aq", "--filter", project]);
            foreach (var id in leftovers.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await Cli.TryRunAsync("docker", ["rm", "-f", "-v", id]);
            }
            foreach (var kind in new[] { "network", "volume" })
            {
                var left = await Cli.TryRunAsync("docker", [kind, "ls", "-q", "--filter", project]);
                foreach (var id in left.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    await Cli.TryRunAsync("docker", [kind, "rm", id]);
                }
            }
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string[] Global(bool withOverride = true) =>
        ["--ansi", "never", "-p", Name, .. _files.Take(withOverride ? _files.Length : _files.Length - 1).SelectMany(f => new[] { "-f", f }),
            .. _profiles.SelectMany(p => new[] { "--profile", p })];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// The override: a label on every service, network and volume. docker-compose 1.29 replaces a top-level network
    /// or volume wholesale when an override names it, so each keeps its own settings (e.g. <c>internal: true</c>).
    /// </summary>
    private static string LabelOverride(IEnumerable<string> services, IReadOnlyList<(string Name, List<string> Body)> networks,
        IReadOnlyList<(string Name, List<string> Body)> volumes)
    {
        const string label = "    labels: {netdashboard.test: \"1\"}\n"; // DockerCli.TestLabel
        var yaml = new StringBuilder("services:\n");
        foreach (var s in services)
        {
            yaml.Append($"  {s}:\n").Append(label);
            if (s == "netdashboard")
            {
                yaml.Append("    healthcheck: {interval: 1s}\n");
            }
        }
        // "default" too, unless the file defines it: compose ignores it (with a warning) where no service uses it.
        var allNetworks = networks.Any(n => n.Name == "default") ? networks : networks.Prepend(("default", [])).ToList();
        foreach (var (section, entries) in new[] { ("networks", allNetworks), ("volumes", volumes) })
        {
            if (entries.Count == 0)
            {
                continue;
            }
            yaml.Append(section).Append(":\n");
            foreach (var (name, body) in entries)
            {
                yaml.Append($"  {name}:\n").Append(label);
                foreach (var line in LabelsRemoved(body)) // the entry's own labels, if any, give way to ours
                {
                    yaml.Append("    ").Append(line).Append('\n');
                }
            }
        }
        return yaml.ToString();
    }

    /// <summary>An entry's settings but its labels, one string per entry, to compare the user's with the merged.</summary>
    private static List<string> Settings(IEnumerable<(string Name, List<string> Body)> entries) =>
        entries.Select(e => e.Name + ": " + string.Join(" ", LabelsRemoved(e.Body))).Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> LabelsRemoved(IEnumerable<string> body)
    {
        var inLabels = false;
        foreach (var line in body)
        {
            inLabels = line.StartsWith("     ", StringComparison.Ordinal) ? inLabels : line.TrimStart().StartsWith("labels:", StringComparison.Ordinal);
            if (!inLabels)
            {
                yield return line[4..]; // keeps the nesting below the entry
            }
        }
    }

    /// <summary>The entries of a top-level section of <c>docker-compose config</c>'s output, each with its own lines.</summary>
    private static List<(string Name, List<string> Body)> TopLevel(string config, string section)
    {
        var result = new List<(string Name, List<string> Body)>();
        var inSection = false;
        foreach (var line in config.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                inSection = line.TrimEnd() == section + ":";
            }
            else if (inSection && Entry().Match(line) is { Success: true } m)
            {
                result.Add((m.Groups[1].Value, []));
            }
            else if (inSection && result.Count > 0 && line.StartsWith("    ", StringComparison.Ordinal))
            {
                result[^1].Body.Add(line);
            }
        }
        return result;
    }

    [GeneratedRegex(@"^  ([A-Za-z0-9_.-]+):")]
    private static partial Regex Entry();
}
