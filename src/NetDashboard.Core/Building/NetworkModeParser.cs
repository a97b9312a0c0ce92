using System.Collections.Immutable;
using NetDashboard.Core.Model;
using NetDashboard.Core.Observation;

namespace NetDashboard.Core.Building;

/// <summary>Reads HostConfig.NetworkMode: bridge (or "default"), host, none, container:&lt;id|name&gt;, or a network's name.</summary>
public static class NetworkModeParser
{
    public const string ContainerPrefix = "container:";

    public static NetworkModeInfo Parse(string? raw, ImmutableArray<ObservedContainer> containers)
    {
        raw ??= "";
        var kind = raw switch
        {
            "" or "default" or "bridge" => NetworkModeKind.Bridge,
            "host" => NetworkModeKind.Host,
            "none" => NetworkModeKind.None,
            _ when raw.StartsWith(ContainerPrefix, StringComparison.Ordinal) => NetworkModeKind.Container,
            _ => NetworkModeKind.Network,
        };
        string? sharesWith = null;
        if (kind == NetworkModeKind.Container)
        {
            var target = raw[ContainerPrefix.Length..];
            sharesWith = containers.FirstOrDefault(c => c.Id == target)?.Id
                         ?? containers.FirstOrDefault(c => c.Names.Contains("/" + target))?.Id
                         ?? containers.FirstOrDefault(c => target.Length >= 3 && c.Id.StartsWith(target, StringComparison.Ordinal))?.Id
                         ?? target;
        }
        return new NetworkModeInfo { Kind = kind, Raw = raw, SharesWith = sharesWith };
    }
}
