using System.Collections.Immutable;
using System.Text.RegularExpressions;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Presentation;

/// <summary>A shell command that shows on the command line what a page shows, with what it is for.</summary>
public sealed record DockerCommand(string Purpose, string Command);

/// <summary>
/// The "Reproduce with docker" commands of the detail pages. For a daemon that is not the local default socket the
/// docker commands get <c>-H &lt;endpoint&gt;</c>; nsenter and ip only make sense on the daemon's own machine.
/// </summary>
public static partial class DockerCommands
{
    private const string DefaultSocket = "unix:///var/run/docker.sock";

    public static ImmutableArray<DockerCommand> ForNetwork(NetworkInfo network, HostInfo? host)
    {
        var docker = Docker(host);
        var name = Quote(network.Name);
        var commands = ImmutableArray.CreateBuilder<DockerCommand>();
        commands.Add(new("Everything Docker knows about the network", $"{docker} network inspect {name}"));
        commands.Add(new("The attached containers, one per line",
            $"{docker} network inspect -f '{{{{range .Containers}}}}{{{{.Name}}}} {{{{.IPv4Address}}}} {{{{.MacAddress}}}}{{{{println}}}}{{{{end}}}}' {name}"));
        if (network.Bridge is { } bridge)
        {
            commands.Add(new("The bridge and its addresses (on the daemon's machine)", $"ip -o addr show dev {Quote(bridge)}"));
            commands.Add(new("The veths plugged into the bridge (on the daemon's machine)", $"ip -o link show master {Quote(bridge)}"));
        }
        return commands.ToImmutable();
    }

    public static ImmutableArray<DockerCommand> ForContainer(ContainerInfo container, HostInfo? host)
    {
        var docker = Docker(host);
        var name = Quote(container.Name);
        var commands = ImmutableArray.CreateBuilder<DockerCommand>();
        commands.Add(new("Everything Docker knows about the container", $"{docker} inspect {name}"));
        commands.Add(new("Its published ports", $"{docker} port {name}"));
        commands.Add(new("Its network mode and networks",
            $"{docker} inspect -f '{{{{.HostConfig.NetworkMode}}}} {{{{json .NetworkSettings.Networks}}}}' {name}"));
        if (container.Endpoints.Length > 0 && container.NetworkMode.Kind is not (NetworkModeKind.Host or NetworkModeKind.None))
        {
            commands.Add(new("The interfaces inside the container; eth0@ifN names the host-side veth's ifindex N (on the daemon's machine, as root)",
                $"nsenter --net=$({docker} inspect -f '{{{{.NetworkSettings.SandboxKey}}}}' {name}) ip -o link"));
        }
        foreach (var veth in container.Endpoints.Select(e => e.HostInterface).OfType<string>().Distinct())
        {
            commands.Add(new($"The host side of the veth {veth}", $"ip -o link show dev {Quote(veth)}"));
        }
        return commands.ToImmutable();
    }

    /// <summary>"docker", with <c>-H &lt;endpoint&gt;</c> for a daemon that is not the local socket.</summary>
    public static string Docker(HostInfo? host) =>
        host is null || string.IsNullOrWhiteSpace(host.Endpoint) || host.Endpoint == DefaultSocket
                     || !RemoteEndpoint().IsMatch(host.Endpoint)
            ? "docker"
            : $"docker -H {Quote(host.Endpoint)}";

    /// <summary>Single-quotes a word for a POSIX shell unless it is plainly safe.</summary>
    public static string Quote(string word) =>
        SafeWord().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("^[A-Za-z0-9_.:/@%+=,-]+$")]
    private static partial Regex SafeWord();

    [GeneratedRegex("^(unix|tcp|ssh|npipe)://", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteEndpoint();
}
