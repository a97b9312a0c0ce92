using NetDashboard.Core.Model;

namespace NetDashboard.Core.Analysis;

/// <summary>
/// The network stack a container really uses: its own, or — for <c>--network container:X</c> — X's (followed through
/// chains of sharers). Endpoints, addresses and published ports all live on the owner of the stack.
/// </summary>
public sealed record NetworkStack(ContainerInfo Container, ContainerInfo? Owner, string? Problem)
{
    public bool IsShared => Owner is not null && Owner.Id != Container.Id;

    /// <summary>The stack's mode: the owner's, since a sharer has none of its own.</summary>
    public NetworkModeKind? Kind => Owner?.NetworkMode.Kind;

    public static NetworkStack Of(TopologySnapshot snapshot, ContainerInfo container)
    {
        var current = container;
        for (var depth = 0; depth < 16; depth++)
        {
            if (current.NetworkMode.Kind != NetworkModeKind.Container)
            {
                return new NetworkStack(container, current, null);
            }
            var ownerId = current.NetworkMode.SharesWith;
            var owner = ownerId is null ? null : snapshot.Containers.FirstOrDefault(c => c.HostId == container.HostId && c.Id == ownerId);
            if (owner is null)
            {
                return new NetworkStack(container, null,
                    $"{container.Name} shares the network stack of a container that no longer exists ({current.NetworkMode.Raw}), so it has no network");
            }
            current = owner;
        }
        return new NetworkStack(container, null, $"{container.Name}'s container: chain does not end in a container with its own network");
    }

    /// <summary>Null when the stack is up; else a sentence saying why this container has no network right now.</summary>
    public string? DownReason()
    {
        if (Problem is not null)
        {
            return Problem;
        }
        if (!Container.IsRunning)
        {
            return $"{Container.Name} is not running ({Container.State}), so it has no network";
        }
        if (IsShared && !Owner!.IsRunning)
        {
            return $"{Container.Name} shares {Owner.Name}'s network stack and {Owner.Name} is not running ({Owner.State}), so {Container.Name} has no network";
        }
        return null;
    }
}
