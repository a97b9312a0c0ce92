#!/usr/bin/env python3
"""Derives the Engine 29 (API 1.52) recording from the Docker 28.5 one (api-1.51, recorded by record.sh from a real
daemon), since no Engine 29 runs here. Only what moby's API spec (api/docs/v1.52.yaml) and its changelog say changed
is changed, so the answers stay the ones a real daemon gave:

- /version: Engine 29.1.2, ApiVersion 1.52, MinAPIVersion 1.44.
- /containers/{id}/json: NetworkSettings keeps only SandboxID, SandboxKey, Ports and Networks (1.52 drops the legacy
  top-level Bridge, HairpinMode, LinkLocalIPv6*, Secondary*, EndpointID, Gateway, GlobalIPv6*, IPAddress, IPPrefixLen,
  IPv6Gateway and MacAddress): every address is in Networks[*] only.
- /networks (NetworkSummary): the network fields without Containers.
- /networks/{id} (NetworkInspect, one file network-NAME.json): Containers (EndpointResource per attached container) and
  Status.IPAM.Subnets keyed by prefix, counted as libnetwork's default IPAM does (ipams/defaultipam): a pool reserves
  its first address (IPv4 network address, IPv6 subnet-router anycast) and, for IPv4, its broadcast address; the
  gateway and each running endpoint hold one more. IPsInUse is that count; DynamicIPsAvailable is the subnet's size
  minus it (no --ip-range in these networks), both saturating at 2^64 - 1. host and none have no subnets.

    derive-1.52.py [RECORDINGS_DIR]   (default: the folder of this script)
"""
import ipaddress
import json
import os
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
SRC, OUT = os.path.join(ROOT, "api-1.51"), os.path.join(ROOT, "api-1.52")
ENGINE = "29.1.2"
LEGACY = ["Bridge", "HairpinMode", "LinkLocalIPv6Address", "LinkLocalIPv6PrefixLen", "SecondaryIPAddresses",
          "SecondaryIPv6Addresses", "EndpointID", "Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "IPAddress",
          "IPPrefixLen", "IPv6Gateway", "MacAddress"]
SATURATED = 2**64 - 1


def load(name):
    with open(os.path.join(SRC, name)) as f:
        return json.load(f)


def save(name, value):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    if old.endswith(".json"):
        os.remove(os.path.join(OUT, old))

version = load("version.json")
version.update(Version=ENGINE, ApiVersion="1.52", MinAPIVersion="1.44")
for component in version.get("Components", []):
    if component["Name"] == "Engine":
        component["Version"] = ENGINE
        component["Details"].update(ApiVersion="1.52", MinAPIVersion="1.44")
save("version.json", version)

info = load("info.json")
info["ServerVersion"] = ENGINE
save("info.json", info)

containers = load("containers.json")
save("containers.json", containers)
for name in sorted(os.listdir(SRC)):
    if name.startswith("inspect-"):
        inspect = load(name)
        for key in LEGACY:
            inspect["NetworkSettings"].pop(key, None)
        save(name, inspect)

networks = load("networks.json")
save("networks.json", [{k: v for k, v in n.items() if k != "Containers"} for n in networks])
for n in networks:
    attached = {}
    addresses = []
    for c in containers:
        for endpoint in c["NetworkSettings"]["Networks"].values():
            if endpoint["NetworkID"] != n["Id"] or c["State"] != "running":
                continue
            v4 = f'{endpoint["IPAddress"]}/{endpoint["IPPrefixLen"]}' if endpoint["IPAddress"] else ""
            v6 = f'{endpoint["GlobalIPv6Address"]}/{endpoint["GlobalIPv6PrefixLen"]}' if endpoint["GlobalIPv6Address"] else ""
            attached[c["Id"]] = {"Name": c["Names"][0].lstrip("/"), "EndpointID": endpoint["EndpointID"],
                                 "MacAddress": endpoint["MacAddress"], "IPv4Address": v4, "IPv6Address": v6}
            addresses += [a for a in (endpoint["IPAddress"], endpoint["GlobalIPv6Address"]) if a]
    subnets = {}
    for config in (n["IPAM"]["Config"] or []):
        prefix = ipaddress.ip_network(config["Subnet"])
        # The gateway: the configured one, else the pool's first host address (libnetwork's default).
        gateway = ipaddress.ip_address(config["Gateway"]) if config.get("Gateway") else prefix.network_address + 1
        used = {prefix.network_address, gateway}
        if prefix.version == 4 and prefix.prefixlen < 31:
            used.add(prefix.broadcast_address)
        used |= {a for a in map(ipaddress.ip_address, addresses) if a in prefix}
        subnets[str(prefix)] = {"IPsInUse": min(len(used), SATURATED),
                                "DynamicIPsAvailable": min(prefix.num_addresses - len(used), SATURATED)}
    inspect = dict(n, Containers=attached, Status={"IPAM": {"Subnets": subnets}})
    save(f'network-{n["Name"]}.json', inspect)
print(f"derived {OUT} from {SRC}", file=sys.stderr)
