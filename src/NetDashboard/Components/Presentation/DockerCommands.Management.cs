using System.Text;
using NetDashboard.Core.Management;
using NetDashboard.Core.Model;

namespace NetDashboard.Components.Presentation;

/// <summary>The docker commands that do what the management dialogs do, shown beside them.</summary>
public static partial class DockerCommands
{
    public static string NetworkCreate(NetworkCreateRequest request, HostInfo? host)
    {
        var command = new StringBuilder(Docker(host)).Append(" network create");
        if (request.DriverOrDefault != "bridge")
        {
            command.Append(" --driver ").Append(Quote(request.DriverOrDefault));
        }
        Flag(command, "--subnet", request.Subnet);
        Flag(command, "--ip-range", request.IpRange);
        Flag(command, "--gateway", request.Gateway);
        if (request.Internal)
        {
            command.Append(" --internal");
        }
        if (request.Attachable)
        {
            command.Append(" --attachable");
        }
        if (request.EnableIPv6)
        {
            command.Append(" --ipv6");
            Flag(command, "--subnet", request.Ipv6Subnet);
        }
        foreach (var (key, value) in request.Labels)
        {
            command.Append(" --label ").Append(Quote($"{key}={value}"));
        }
        foreach (var (key, value) in request.Options)
        {
            command.Append(" --opt ").Append(Quote($"{key}={value}"));
        }
        return command.Append(' ').Append(Quote(string.IsNullOrWhiteSpace(request.Name) ? "NAME" : request.Name.Trim())).ToString();
    }

    public static string NetworkConnect(string network, NetworkConnectRequest request, HostInfo? host)
    {
        var command = new StringBuilder(Docker(host)).Append(" network connect");
        foreach (var alias in request.Aliases)
        {
            command.Append(" --alias ").Append(Quote(alias));
        }
        Flag(command, "--ip", request.Ipv4);
        Flag(command, "--ip6", request.Ipv6);
        return command.Append(' ').Append(Quote(network)).Append(' ')
            .Append(Quote(string.IsNullOrWhiteSpace(request.Container) ? "CONTAINER" : request.Container)).ToString();
    }

    public static string NetworkDisconnect(string network, string container, bool force, HostInfo? host) =>
        $"{Docker(host)} network disconnect{(force ? " --force" : "")} {Quote(network)} {Quote(container)}";

    public static string NetworkRemove(string network, HostInfo? host) => $"{Docker(host)} network rm {Quote(network)}";

    private static void Flag(StringBuilder command, string flag, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            command.Append(' ').Append(flag).Append(' ').Append(Quote(value.Trim()));
        }
    }
}
