using System.Collections.Immutable;
using NetDashboard.Core.Map;
using NetDashboard.Core.Model;

namespace NetDashboard.Core.Analysis;

/// <summary>
/// Who can reach whom, by IP and by name, and why — from the model alone (Docker's rules for bridge networks,
/// embedded DNS, --internal, enable_icc=false, host, none and container: stacks). Pure: no daemon is asked.
/// </summary>
public static class ReachabilityAnalyzer
{
    public static ReachabilityReport Analyze(TopologySnapshot snapshot, ContainerInfo from, ContainerInfo to)
    {
        var source = NetworkStack.Of(snapshot, from);
        var target = NetworkStack.Of(snapshot, to);
        var pair = Pair(snapshot, source, target);
        return new ReachabilityReport
        {
            From = Ref(source),
            To = Ref(target),
            Egress = EgressAnalyzer.Egress(snapshot, source),
            Relation = pair.Relation,
            ByIp = pair.ByIp,
            ByName = pair.ByName,
            SharedNetworks = pair.SharedNetworks,
            Path = pair.Path,
        };
    }

    /// <summary>The pair-specific part of a report; <see cref="Analyze"/> adds who the two are and the source's egress.</summary>
    private sealed record Verdicts
    {
        public required string Relation { get; init; }
        public required IpVerdict ByIp { get; init; }
        public required NameVerdict ByName { get; init; }
        public ImmutableArray<SharedNetwork> SharedNetworks { get; init; } = [];
        public ImmutableArray<string> Path { get; init; } = [];
    }

    private static Verdicts Pair(TopologySnapshot snapshot, NetworkStack source, NetworkStack target)
    {
        var (from, to) = (source.Container, target.Container);
        // Containers of two hosts meet only on a swarm-scope network (an overlay) both are attached to.
        var crossHost = from.HostId != to.HostId;
        if (crossHost && !SharesSwarmNetwork(snapshot, source, target))
        {
            return No("different-hosts", $"{from.Name} and {to.Name} run on different Docker hosts ({from.HostId}, {to.HostId}); no network the dashboard sees joins them");
        }
        if (source.DownReason() is { } fromDown)
        {
            return No("none", fromDown);
        }
        if (target.DownReason() is { } toDown)
        {
            return No("none", toDown);
        }
        var (fromOwner, toOwner) = (source.Owner!, target.Owner!);
        if (crossHost)
        {
            return OverNetworks(snapshot, source, target);
        }
        if (fromOwner.Id == toOwner.Id)
        {
            var why = from.Id == to.Id ? $"{from.Name} is the same container"
                : $"{from.Name} and {to.Name} share one network stack ({fromOwner.Name}'s): same interfaces, same IP, same port range";
            return SameStack(why, source, target);
        }
        if (fromOwner.NetworkMode.Kind == NetworkModeKind.None)
        {
            return No("none", $"{StackName(source)} runs with --network none: it has only a loopback interface and reaches no one");
        }
        if (toOwner.NetworkMode.Kind == NetworkModeKind.None)
        {
            return No("none", $"{StackName(target)} runs with --network none: it has only a loopback interface, nothing outside it can reach it");
        }
        var fromHost = fromOwner.NetworkMode.Kind == NetworkModeKind.Host;
        var toHost = toOwner.NetworkMode.Kind == NetworkModeKind.Host;
        if (fromHost && toHost)
        {
            return SameStack($"{StackName(source)} and {StackName(target)} both use the host's network stack (--network host)", source, target) with
            {
                Relation = "host-stack",
                Path = [.. PathTo(source), .. HostStackPath(target)],
            };
        }
        if (fromHost)
        {
            return HostToContainer(snapshot, source, target);
        }
        if (toHost)
        {
            return ContainerToHost(snapshot, source, target);
        }
        return OverNetworks(snapshot, source, target);
    }

    private static bool SharesSwarmNetwork(TopologySnapshot snapshot, NetworkStack source, NetworkStack target)
    {
        var theirs = (target.Owner ?? target.Container).Endpoints.Select(e => e.NetworkId).ToHashSet(StringComparer.Ordinal);
        return (source.Owner ?? source.Container).Endpoints.Any(e => theirs.Contains(e.NetworkId)
            && snapshot.Networks.Any(n => n.Id == e.NetworkId && n.IsSwarmScope));
    }

    private static Verdicts SameStack(string why, NetworkStack source, NetworkStack target) => new()
    {
        Relation = "same-stack",
        ByIp = new IpVerdict { Reachable = true, Address = "127.0.0.1", Reason = why + ": use localhost (127.0.0.1)" },
        ByName = new NameVerdict
        {
            Reachable = true,
            Names = ["localhost"],
            Resolver = "localhost",
            Reason = "no name lookup needed: localhost is the same stack",
        },
        Path = [.. PathTo(source), .. PathTo(target).Reverse()],
    };

    private static Verdicts HostToContainer(TopologySnapshot snapshot, NetworkStack source, NetworkStack target)
    {
        // An isolated network's bridge has no address on the host (Engine 28): the host has no route to it.
        var endpoints = Bridged(snapshot, target.Owner!).Where(x => x.Endpoint.Ipv4 is not null && !NetworkFacts.IsIsolated(x.Network)).ToList();
        var fromName = StackName(source);
        var toName = StackName(target);
        var byIp = endpoints.Count == 0
            ? new IpVerdict { Reachable = false, Reason = $"{toName} has no IPv4 address on a bridge network the host routes to" }
            : new IpVerdict
            {
                Reachable = true,
                Address = endpoints[0].Endpoint.Ipv4,
                Addresses = [.. endpoints.Select(x => x.Endpoint.Ipv4!)],
                Reason = $"{fromName} uses the host's network stack, which has a route to every bridge subnet: {toName} answers at "
                         + string.Join(", ", endpoints.Select(x => $"{x.Endpoint.Ipv4} ({x.Network.Name}{BridgeSuffix(x.Network)})")),
            };
        var byName = new NameVerdict
        {
            Reachable = false,
            Reason = $"{fromName} uses the host's resolver (the host's /etc/resolv.conf); Docker's embedded DNS does not answer it, so \"{TargetName(target)}\" does not resolve — use the IP or a published port",
        };
        return new Verdicts
        {
            Relation = "host-stack", ByIp = byIp, ByName = byName,
            Path = byIp.Reachable
                ? [.. HostStackPath(source), .. endpoints.Take(1).SelectMany(x => new[] { NetworkNode(x.Network), EndpointEdge(target.Owner!, x.Network) }), .. PathTo(target).Reverse()]
                : [],
        };
    }

    private static Verdicts ContainerToHost(TopologySnapshot snapshot, NetworkStack source, NetworkStack target)
    {
        var gateways = Bridged(snapshot, source.Owner!).Where(x => x.Endpoint.Gateway is not null && !NetworkFacts.IsIsolated(x.Network)).ToList();
        var fromName = StackName(source);
        var toName = StackName(target);
        var byIp = gateways.Count == 0
            ? new IpVerdict { Reachable = false, Reason = $"{toName} uses the host's network stack, and {fromName} has no gateway to the host" }
            : new IpVerdict
            {
                Reachable = true,
                Address = gateways[0].Endpoint.Gateway,
                Addresses = [.. gateways.Select(x => x.Endpoint.Gateway!).Distinct()],
                Reason = $"{toName} uses the host's network stack (--network host): {fromName} reaches it at the host's address on its bridge, "
                         + string.Join(", ", gateways.Select(x => $"{x.Endpoint.Gateway} ({x.Network.Name}{BridgeSuffix(x.Network)})"))
                         + $", for services of {toName} that listen on all interfaces",
            };
        var byName = new NameVerdict
        {
            Reachable = false,
            Reason = $"host-mode containers are not registered in Docker's DNS: \"{TargetName(target)}\" does not resolve from {fromName}; use the gateway address (or --add-host host.docker.internal:host-gateway)",
        };
        return new Verdicts
        {
            Relation = "host-stack", ByIp = byIp, ByName = byName,
            Path = byIp.Reachable
                ? [.. PathTo(source), EndpointEdge(source.Owner!, gateways[0].Network), NetworkNode(gateways[0].Network), .. HostStackPath(target).Reverse()]
                : [],
        };
    }

    private static Verdicts OverNetworks(TopologySnapshot snapshot, NetworkStack source, NetworkStack target)
    {
        var (fromOwner, toOwner) = (source.Owner!, target.Owner!);
        var fromName = StackName(source);
        var toName = StackName(target);
        var theirs = Bridged(snapshot, toOwner).ToDictionary(x => x.Network.Id, StringComparer.Ordinal);
        var shared = Bridged(snapshot, fromOwner).Where(x => theirs.ContainsKey(x.Network.Id))
            .Select(x => (x.Network, Mine: x.Endpoint, Theirs: theirs[x.Network.Id].Endpoint))
            .ToList();
        var sharedNetworks = shared.Select(s => new SharedNetwork
        {
            Id = s.Network.Id,
            Name = s.Network.Name,
            Driver = s.Network.Driver,
            FromAddress = s.Mine.Ipv4 ?? s.Mine.Ipv6,
            ToAddress = s.Theirs.Ipv4 ?? s.Theirs.Ipv6,
            Dns = s.Network.Dns,
            Icc = s.Network.Icc,
            Internal = s.Network.Internal,
            DefaultBridge = NetworkFacts.IsDefaultBridge(s.Network),
        }).ToImmutableArray();

        if (shared.Count == 0)
        {
            var viaHost = PublishedViaHost(snapshot, source, toOwner);
            var mine = string.Join(", ", Bridged(snapshot, fromOwner).Select(x => x.Network.Name).DefaultIfEmpty("no network"));
            var their = string.Join(", ", theirs.Values.Select(x => x.Network.Name).DefaultIfEmpty("no network"));
            var hint = viaHost.IsEmpty ? "" : $"; it can still use {toName}'s published ports through the host: {string.Join(", ", viaHost)}";
            hint += UnusablePorts(toOwner, toName);
            return new Verdicts
            {
                Relation = "none",
                ByIp = new IpVerdict
                {
                    Reachable = false,
                    ViaHost = viaHost,
                    Reason = $"no network in common: {fromName} is on {mine}, {toName} on {their}; Docker isolates bridge networks from one another{hint}",
                },
                ByName = new NameVerdict
                {
                    Reachable = false,
                    Reason = $"names resolve only between containers on a shared user-defined network, and {fromName} and {toName} share none",
                },
            };
        }

        var open = shared.Where(s => s.Network.Icc && (s.Theirs.Ipv4 ?? s.Theirs.Ipv6) is not null).ToList();
        IpVerdict byIp;
        if (open.Count > 0)
        {
            byIp = new IpVerdict
            {
                Reachable = true,
                Address = open[0].Theirs.Ipv4 ?? open[0].Theirs.Ipv6,
                Addresses = [.. open.Select(s => (s.Theirs.Ipv4 ?? s.Theirs.Ipv6)!)],
                Reason = "both are on " + string.Join(" and ", open.Select(s =>
                             $"{s.Network.Name} ({string.Join(", ", s.Network.Subnets.Select(n => n.Subnet))}{(s.Network.Internal ? ", internal" : "")})"))
                         + $": {toName} answers at {string.Join(", ", open.Select(s => s.Theirs.Ipv4 ?? s.Theirs.Ipv6))}",
            };
        }
        else
        {
            byIp = new IpVerdict
            {
                Reachable = false,
                Reason = $"the network{(shared.Count > 1 ? "s" : "")} they share ({string.Join(", ", shared.Select(s => s.Network.Name))}) "
                         + $"{(shared.Count > 1 ? "have" : "has")} inter-container communication disabled (enable_icc=false): traffic between containers on "
                         + $"{(shared.Count > 1 ? "them" : "it")} is dropped",
            };
        }

        var dns = shared.Where(s => s.Network.Dns).ToList();
        NameVerdict byName;
        if (dns.Count == 0)
        {
            byName = new NameVerdict
            {
                Reachable = false,
                Reason = $"{string.Join(", ", shared.Select(s => s.Network.Name))} is the default bridge, which has no embedded DNS: containers on it reach each other by IP only "
                         + "(legacy --link aside); put both on a user-defined network to use names",
            };
        }
        else
        {
            var service = ServiceNames.Of(snapshot, toOwner, dns.Select(s => s.Network));
            var names = dns.SelectMany(s => NetworkFacts.DnsNames(toOwner, s.Theirs)).Concat(service?.Names ?? [])
                .Distinct(StringComparer.Ordinal).ToImmutableArray();
            var resolvesOn = string.Join(", ", dns.Select(s => s.Network.Name));
            var usable = dns.Any(s => s.Network.Icc);
            var sharerNote = target.IsShared ? $" ({TargetName(target)} itself has no DNS entry: it lives in {toOwner.Name}'s stack)" : "";
            byName = new NameVerdict
            {
                Reachable = usable && byIp.Reachable,
                Names = names,
                Resolver = "embedded-dns",
                Reason = usable
                    ? $"{resolvesOn} {(dns.Count > 1 ? "are user-defined networks" : "is a user-defined network")} with Docker's embedded DNS (127.0.0.11): "
                      + $"{string.Join(", ", names.Except(service?.Names ?? []))} resolve to {toName}'s address{sharerNote}"
                      + (service is { Sentence: var said } ? "; " + said : "")
                    : $"{string.Join(", ", names)} resolve on {resolvesOn}, but inter-container communication is disabled there (enable_icc=false), so connections are dropped",
            };
        }

        var via = open.Count > 0 ? open[0].Network : shared[0].Network;
        return new Verdicts
        {
            Relation = "network",
            ByIp = byIp,
            ByName = byName,
            SharedNetworks = sharedNetworks,
            Path = byIp.Reachable
                ? [.. PathTo(source), EndpointEdge(fromOwner, via), NetworkNode(via), EndpointEdge(toOwner, via), .. PathTo(target).Reverse()]
                : [],
        };
    }

    private static ImmutableArray<string> PublishedViaHost(TopologySnapshot snapshot, NetworkStack source, ContainerInfo targetOwner)
    {
        var gateway = Bridged(snapshot, source.Owner!).Where(x => !x.Network.Internal).Select(x => x.Endpoint.Gateway).FirstOrDefault(g => g is not null);
        if (gateway is null)
        {
            return [];
        }
        return [.. targetOwner.Ports.Where(p => p is { Discarded: false, HostPort: not null } && (p.HostIp is null or "0.0.0.0" or "::" || p.HostIp == gateway))
            .Select(p => $"{gateway}:{p.HostPort}/{p.Protocol}").Distinct()];
    }

    /// <summary>Published ports another container cannot use through the host, and why (loopback-only, routed).</summary>
    private static string UnusablePorts(ContainerInfo target, string name)
    {
        var loopback = target.Ports.Where(p => p is { Discarded: false, HostPort: not null } && p.HostIp is "127.0.0.1" or "::1")
            .Select(p => $"{p.HostIp}:{p.HostPort}/{p.Protocol}").Distinct().ToList();
        var routed = target.Ports.Where(p => p.Routed).Select(p => $"{p.ContainerPort}/{p.Protocol}").Distinct().ToList();
        var text = loopback.Count == 0 ? "" : $"; {name}'s ports published on loopback only ({string.Join(", ", loopback)}) are not reachable from containers";
        return routed.Count == 0 ? text
            : text + $"; {name}'s routed ports ({string.Join(", ", routed)}) have no host port: they are reached at {name}'s own address, which Docker isolates from other bridge networks";
    }

    /// <summary>The container's endpoints on bridge-like networks (not host/none), with their networks.</summary>
    internal static IEnumerable<(NetworkInfo Network, EndpointInfo Endpoint)> Bridged(TopologySnapshot snapshot, ContainerInfo owner)
    {
        foreach (var e in owner.Endpoints)
        {
            var network = snapshot.Networks.FirstOrDefault(n => n.IsOn(owner.HostId) && n.Id == e.NetworkId)
                          ?? snapshot.Networks.FirstOrDefault(n => n.IsOn(owner.HostId) && n.Name == e.NetworkName);
            if (network is not null && NetworkFacts.IsBridged(network))
            {
                yield return (network, e);
            }
        }
    }

    private static Verdicts No(string relation, string reason) => new()
    {
        Relation = relation,
        ByIp = new IpVerdict { Reachable = false, Reason = reason },
        ByName = new NameVerdict { Reachable = false, Reason = reason },
    };

    private static ContainerRef Ref(NetworkStack stack) => new()
    {
        Id = stack.Container.Id,
        Name = stack.Container.Name,
        HostId = stack.Container.HostId,
        StackOwner = stack.IsShared ? stack.Owner!.Name : null,
    };

    private static string StackName(NetworkStack stack) =>
        stack.IsShared ? $"{stack.Container.Name} (in {stack.Owner!.Name}'s stack)" : stack.Container.Name;

    private static string TargetName(NetworkStack target) => target.Container.Name;

    private static string BridgeSuffix(NetworkInfo network) => NetworkFacts.BridgeName(network) is { } b ? ", " + b : "";

    // Map element ids, as TopologyGraphBuilder names them.
    private static string Node(ContainerInfo c) => TopologyGraphBuilder.ContainerNodeId(c.HostId, c.Id);
    private static string NetworkNode(NetworkInfo n) => TopologyGraphBuilder.NetworkNodeId(n.HostId, n.Id);
    private static string EndpointEdge(ContainerInfo c, NetworkInfo n) => $"ep:{c.HostId}:{c.Id}:{n.Id}";

    /// <summary>From a container to the owner of its stack: the container, its sharing links, the owner.</summary>
    private static IEnumerable<string> PathTo(NetworkStack stack)
    {
        yield return Node(stack.Container);
        if (stack.IsShared)
        {
            yield return $"ns:{stack.Container.HostId}:{stack.Container.Id}";
            yield return Node(stack.Owner!);
        }
    }

    private static IEnumerable<string> HostStackPath(NetworkStack stack) =>
        [.. PathTo(stack), $"hs:{stack.Owner!.HostId}:{stack.Owner.Id}", TopologyGraphBuilder.HostNodeId(stack.Owner.HostId)];
}
