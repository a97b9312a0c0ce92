#!/usr/bin/env bash
# A 3-node Docker Swarm on this machine, for the multi-host tests (see ../shared/docs/docker-lab.md, "A 3-node Swarm").
#
#   swarm-lab.sh start   [PREFIX]   three dockerd (PREFIX1 manager, PREFIX2 and PREFIX3 workers), each in its own
#                                   network namespace nd-PREFIXn with hostname PREFIXn, joined by the host bridge
#                                   nd-PREFIX-br; swarm init on PREFIX1 and two joins; the test image on every node
#   swarm-lab.sh destroy [PREFIX]   every node (daemon, data, namespace), the bridge and the DOCKER-USER rule;
#                                   idempotent, and it carries on past a part that fails
#   swarm-lab.sh node-start N [PREFIX] / node-stop N [PREFIX]   one node's daemon again / stopped (its data kept)
#
# PREFIX (default sw) is [a-z]{1,6}. Node n's daemon: socket /var/run/nd-PREFIXn.sock, address 10.231.50.1n/24 on
# the bridge (no address on the host side: the host never talks to the nodes over IP, only through the sockets),
# docker0 10.231.5n.1/24 inside its namespace. Everything per node is scripts/second-dockerd.sh's.
# The host's FORWARD policy is DROP once the main daemon runs, so the bridge needs
# `iptables -I DOCKER-USER -i BR -o BR -j ACCEPT` for the nodes to reach each other (swarm control and VXLAN).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SECOND="$HERE/second-dockerd.sh"
DOCKER="${DOCKER:-docker}"

log() { printf '[swarm-lab %s] %s\n' "$PREFIX" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { echo "usage: $0 {start [PREFIX]|destroy [PREFIX]|node-start N [PREFIX]|node-stop N [PREFIX]}" >&2; exit 2; }

[ $# -ge 1 ] || usage
CMD="$1"; shift
N=""
case "$CMD" in node-start|node-stop) [ $# -ge 1 ] || usage; N="$1"; shift ;; esac
PREFIX="${1:-sw}"
[[ "$PREFIX" =~ ^[a-z]{1,6}$ ]] || die "PREFIX must be 1-6 lower-case letters: '$PREFIX'"
[ -z "$N" ] || [[ "$N" =~ ^[1-3]$ ]] || die "N must be 1, 2 or 3: '$N'"
[ "$(id -u)" = 0 ] || die "must run as root"

BR="nd-$PREFIX-br"
SUBNET_BASE="10.231.50"
RULE=(DOCKER-USER -i "$BR" -o "$BR" -j ACCEPT)

node() { echo "$PREFIX$1"; }
sock() { echo "unix:///var/run/nd-$(node "$1").sock"; }
addr() { echo "$SUBNET_BASE.1$1"; }

start_node() { # n: namespace wired to the bridge, then the daemon (hostname = node name)
  local n="$1" name ns veth
  name="$(node "$n")"; ns="nd-$name"; veth="nd-$PREFIX$n-h"
  [ -e "/var/run/netns/$ns" ] || ip netns add "$ns"
  if ! ip link show "$veth" >/dev/null 2>&1; then
    ip link add "$veth" type veth peer name eth0 netns "$ns"
    ip link set "$veth" master "$BR" up
    nsenter --net="/var/run/netns/$ns" ip addr add "$(addr "$n")/24" dev eth0
    nsenter --net="/var/run/netns/$ns" ip link set eth0 up
    nsenter --net="/var/run/netns/$ns" ip link set lo up
  fi
  ND_HOSTNAME="$name" bash "$SECOND" start "$name" "10.231.5$n.1/24"
}

cmd_start() {
  ip link show "$BR" >/dev/null 2>&1 || ip link add "$BR" type bridge
  ip link set "$BR" up
  iptables -C "${RULE[@]}" 2>/dev/null || iptables -I "${RULE[@]}"
  local n
  for n in 1 2 3; do start_node "$n"; done
  local manager; manager="$(sock 1)"
  if [ "$("$DOCKER" -H "$manager" info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
    "$DOCKER" -H "$manager" swarm init --advertise-addr "$(addr 1)" --listen-addr "$(addr 1):2377" >/dev/null
  fi
  local token; token="$("$DOCKER" -H "$manager" swarm join-token -q worker)"
  for n in 2 3; do
    if [ "$("$DOCKER" -H "$(sock "$n")" info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
      "$DOCKER" -H "$(sock "$n")" swarm join --token "$token" --advertise-addr "$(addr "$n")" "$(addr 1):2377" >/dev/null
    fi
  done
  # The workers are usable once the manager lists all three nodes ready.
  local deadline=$((SECONDS + 60))
  until [ "$("$DOCKER" -H "$manager" node ls --format '{{.Status}}' | grep -c '^Ready$')" = 3 ]; do
    [ $SECONDS -lt $deadline ] || die "the manager does not list three ready nodes within 60 s: $("$DOCKER" -H "$manager" node ls 2>&1)"
    sleep 0.3
  done
  log "up: manager $(sock 1), workers $(sock 2) $(sock 3)"
}

cmd_destroy() {
  local n failed=0
  for n in 3 2 1; do bash "$SECOND" destroy "$(node "$n")" || failed=1; done
  while iptables -C "${RULE[@]}" 2>/dev/null; do iptables -D "${RULE[@]}" || { failed=1; break; }; done
  if ip link show "$BR" >/dev/null 2>&1; then ip link del "$BR" || failed=1; fi
  [ $failed = 0 ] || die "some of the swarm lab could not be removed (see above)"
  log "destroyed"
}

case "$CMD" in
  start) cmd_start ;;
  destroy) cmd_destroy ;;
  node-start) start_node "$N" ;;
  node-stop) bash "$SECOND" stop "$(node "$N")" ;;
  *) usage ;;
esac
