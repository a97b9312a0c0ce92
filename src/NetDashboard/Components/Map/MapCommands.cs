using System.Collections.Immutable;
using System.Text.RegularExpressions;
using NetDashboard.Components.Presentation;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Map;

/// <summary>
/// The commands that show on the command line what a map link or the host shows (containers and networks use
/// <see cref="DockerCommands"/>). Like there, a daemon that is not the local socket gets <c>-H &lt;endpoint&gt;</c>;
/// ip, nsenter and iptables only make sense on the daemon's own machine.
/// </summary>
public static partial class MapCommands
{
    public static ImmutableArray<DockerCommand> ForHost(HostInfo host)
    {
        var docker = Docker(host);
        return
        [
            new("The engine and its API version", $"{docker} version"),
            new("Every network, with driver and scope", $"{docker} network ls"),
            new("The bridges on the host (on the daemon's machine)", "ip -br link show type bridge"),
        ];
    }

    public static ImmutableArray<DockerCommand> ForEndpoint(ContainerInfo container, EndpointInfo endpoint, HostInfo? host)
    {
        var docker = Docker(host);
        var name = DockerCommands.Quote(container.Name);
        var commands = ImmutableArray.CreateBuilder<DockerCommand>();
        commands.Add(new($"The endpoint on {endpoint.NetworkName}: IP, MAC, aliases",
            $"{docker} inspect -f '{{{{json .NetworkSettings.Networks.{endpoint.NetworkName}}}}}' {name}"));
        commands.Add(new("The interfaces inside the container; eth0@ifN names the host-side veth's ifindex N (on the daemon's machine, as root)",
            $"nsenter --net=$({docker} inspect -f '{{{{.NetworkSettings.SandboxKey}}}}' {name}) ip -o link"));
        if (endpoint.HostInterface is { } veth)
        {
            commands.Add(new($"The host side of the veth pair, {veth}, and its bridge", $"ip -o link show dev {DockerCommands.Quote(veth)}"));
        }
        return commands.ToImmutable();
    }

    public static ImmutableArray<DockerCommand> ForPublishedPorts(ContainerInfo container, HostInfo? host) =>
    [
        new("The published ports", $"{Docker(host)} port {DockerCommands.Quote(container.Name)}"),
        new("The DNAT rules Docker wrote (on the daemon's machine, as root)", "iptables -t nat -nL DOCKER"),
    ];

    public static ImmutableArray<DockerCommand> ForHostStack(ContainerInfo container, HostInfo? host) =>
    [
        new("The network mode and the port bindings that were asked for",
            $"{Docker(host)} inspect -f '{{{{.HostConfig.NetworkMode}}}} {{{{json .HostConfig.PortBindings}}}}' {DockerCommands.Quote(container.Name)}"),
        new("The host's own interfaces, which the container uses (on the daemon's machine)", "ip -br addr"),
    ];

    public static ImmutableArray<DockerCommand> ForSharedNamespace(ContainerInfo sharer, ContainerInfo? owner, HostInfo? host)
    {
        var docker = Docker(host);
        var commands = ImmutableArray.CreateBuilder<DockerCommand>();
        commands.Add(new("Whose network namespace it uses", $"{docker} inspect -f '{{{{.HostConfig.NetworkMode}}}}' {DockerCommands.Quote(sharer.Name)}"));
        if (owner is not null)
        {
            commands.Add(new("Whether the owner is running (the sharer has no network without it)",
                $"{docker} inspect -f '{{{{.State.Status}}}}' {DockerCommands.Quote(owner.Name)}"));
        }
        return commands.ToImmutable();
    }

    public static ImmutableArray<DockerCommand> ForUplink(NetworkInfo network, HostInfo? host)
    {
        var commands = ImmutableArray.CreateBuilder<DockerCommand>();
        if (network.Bridge is { } bridge)
        {
            commands.Add(new("The bridge and its gateway address (on the daemon's machine)", $"ip -o addr show dev {DockerCommands.Quote(bridge)}"));
        }
        commands.Add(new("The masquerading (NAT) rules for traffic leaving the bridges (on the daemon's machine, as root)", "iptables -t nat -S POSTROUTING"));
        commands.Add(new("The network as Docker sees it", $"{Docker(host)} network inspect {DockerCommands.Quote(network.Name)}"));
        return commands.ToImmutable();
    }

    private static string Docker(HostInfo? host) => DockerCommands.Docker(host);
}
