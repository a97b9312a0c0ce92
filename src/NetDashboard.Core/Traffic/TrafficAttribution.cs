using System.Globalization;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Traffic;

/// <summary>
/// Turns what the kernel shows into flows between containers: a conntrack entry (its reply tuple names the container a
/// published port's DNAT leads to), or a connection on a container's own loopback (from its socket table). Entries with
/// no watched container at either end (the host's own traffic) are left out. Pure.
/// </summary>
public static class TrafficAttribution
{
    /// <summary>Docker's embedded DNS inside a container: its sockets are the daemon's, not the container's.</summary>
    public const string EmbeddedDns = "127.0.0.11";

    /// <summary>The flow a conntrack entry shows, or null when it does not involve a watched container.</summary>
    public static TrafficFlow? Attribute(ConntrackEntry entry, TrafficAddressBook book, string hostId, DateTimeOffset now)
    {
        var (o, r) = (entry.Original, entry.Reply);
        var source = book.Endpoint(o.Source);
        (ContainerInfo Container, EndpointInfo? Endpoint)? destination = null;
        string destinationAddress = o.Destination;
        int destinationPort = o.DestinationPort;
        string? publishedAs = null;

        if (r.Source != o.Destination || r.SourcePort != o.DestinationPort)
        {
            // DNAT: the reply comes from where the connection really went.
            destinationAddress = r.Source;
            destinationPort = r.SourcePort;
            publishedAs = Join(o.Destination, o.DestinationPort);
            if (book.Endpoint(r.Source) is { } dnat)
            {
                destination = dnat;
            }
        }
        else if (book.Endpoint(o.Destination) is { } direct)
        {
            destination = direct;
        }
        else if (TrafficAddressBook.IsLoopback(o.Destination) && book.Published(entry.Protocol, o.DestinationPort) is { } proxied)
        {
            // The host's loopback to a published port: docker-proxy answers on the host and forwards to the container.
            var endpoint = proxied.Container.Endpoints.FirstOrDefault(e => e.Ipv4 is not null || e.Ipv6 is not null);
            destination = (proxied.Container, endpoint);
            destinationAddress = endpoint?.Ipv4 ?? endpoint?.Ipv6 ?? o.Destination;
            destinationPort = proxied.Port.ContainerPort;
            publishedAs = Join(o.Destination, o.DestinationPort);
        }

        if (source is null && destination is null)
        {
            return null;
        }

        string via;
        string? networkId;
        if (publishedAs is not null && destination is not null)
        {
            via = TrafficVia.PublishedPort;
            networkId = destination.Value.Endpoint?.NetworkId;
        }
        else if (source is { } s && destination is { Endpoint: { } de })
        {
            var same = s.Endpoint.NetworkId == de.NetworkId;
            via = same ? TrafficVia.Bridge : TrafficVia.Host; // two networks: routed through the host
            networkId = same ? de.NetworkId : null;
        }
        else
        {
            var (container, endpoint, other) = source is { } src
                ? (src.Container, (EndpointInfo?)src.Endpoint, destinationAddress)
                : (destination!.Value.Container, destination.Value.Endpoint, o.Source);
            var gateway = book.Gateway(other);
            via = gateway is not null || TrafficAddressBook.IsLoopback(other) ? TrafficVia.Host : TrafficVia.Outside;
            networkId = gateway?.Id ?? endpoint?.NetworkId;
        }

        return new TrafficFlow
        {
            HostId = hostId,
            Protocol = entry.Protocol,
            State = entry.State ?? (entry.Unreplied ? "unreplied" : "replied"),
            Source = new FlowEnd
            {
                ContainerId = source?.Container.Id,
                ContainerName = source?.Container.Name,
                Address = o.Source,
                Port = o.SourcePort,
            },
            Destination = new FlowEnd
            {
                ContainerId = destination?.Container.Id,
                ContainerName = destination?.Container.Name,
                Address = destinationAddress,
                Port = destinationPort,
                PublishedAs = publishedAs,
            },
            NetworkId = networkId,
            Via = via,
            Replied = !entry.Unreplied,
            FirstSeen = now,
            LastSeen = now,
        };
    }

    /// <summary>
    /// Connections on a container's own loopback, from its socket table: each pair once, from the end whose peer is a
    /// listening port (the client) — conntrack of the host never sees them.
    /// </summary>
    public static IEnumerable<TrafficFlow> Loopback(ContainerInfo container, IReadOnlyList<SocketEntry> sockets, DateTimeOffset now)
    {
        var listening = sockets.Where(s => s.Listening).Select(s => (s.Protocol, s.LocalPort)).ToHashSet();
        foreach (var socket in sockets)
        {
            if (socket is not { Protocol: "tcp", State: "ESTABLISHED" or "SYN_SENT" }
                || !TrafficAddressBook.IsLoopback(socket.LocalAddress) || !TrafficAddressBook.IsLoopback(socket.RemoteAddress)
                || socket.LocalAddress == EmbeddedDns || socket.RemoteAddress == EmbeddedDns)
            {
                continue;
            }
            var client = listening.Contains((socket.Protocol, socket.RemotePort))
                         || (!listening.Contains((socket.Protocol, socket.LocalPort)) && socket.LocalPort > socket.RemotePort);
            if (!client)
            {
                continue;
            }
            yield return new TrafficFlow
            {
                HostId = container.HostId,
                Protocol = socket.Protocol,
                State = socket.State,
                Source = new FlowEnd { ContainerId = container.Id, ContainerName = container.Name, Address = socket.LocalAddress, Port = socket.LocalPort },
                Destination = new FlowEnd { ContainerId = container.Id, ContainerName = container.Name, Address = socket.RemoteAddress, Port = socket.RemotePort },
                Via = TrafficVia.Loopback,
                Replied = socket.State == "ESTABLISHED",
                FirstSeen = now,
                LastSeen = now,
            };
        }
    }

    /// <summary>"172.18.0.2:8080", "[fd00::2]:8080".</summary>
    public static string Join(string address, int port) =>
        (address.Contains(':') ? $"[{address}]" : address) + ":" + port.ToString(CultureInfo.InvariantCulture);
}
