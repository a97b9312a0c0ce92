#!/usr/bin/env bash
# Records what `nft -j list table ip docker-bridges` and `… ip6 …` answer for docker-bridges.nft (Engine 29's nftables
# tables, built from moby's sources; see that file) into docker-bridges.ip.json and docker-bridges.ip6.json, the recorded
# answers NftablesNatTests (NetDashboard.Core.Tests) parse. The ruleset is loaded into a scratch network namespace of
# its own, removed on exit: the machine's own rules are never touched. Needs root and Debian's nftables.
set -euo pipefail
cd "$(dirname "$0")"
command -v nft >/dev/null || { echo "nft is missing (apt-get install nftables)" >&2; exit 1; }
NS="nd-nftrec-$$"
ip netns add "$NS"
trap 'ip netns del "$NS"' EXIT
ip netns exec "$NS" nft -f docker-bridges.nft
for family in ip ip6; do
  ip netns exec "$NS" nft -j list table "$family" docker-bridges | jq . >"docker-bridges.$family.json"
done
echo "recorded docker-bridges.ip.json and docker-bridges.ip6.json with $(nft --version)" >&2
