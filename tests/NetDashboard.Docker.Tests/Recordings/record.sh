#!/usr/bin/env bash
# Records a daemon's answers for RecordedDaemonTests: creates the seed scenarios (rec-*) on the daemon at ENDPOINT,
# saves /version, /info, /networks, /containers/json and one inspect per container into OUTDIR, then removes them.
#
#   record.sh ENDPOINT OUTDIR [today]
#
# "today" adds what Engine 27–28 brought (needs API 1.48+): a routed network with a published port, an IPv6-only
# network, a container on two networks with --gw-priority, and a loopback-only published port.
# Run it against a test-owned daemon (scripts/second-dockerd.sh), never one with other users: everything it creates is
# labelled netdashboard.test=1 and named rec-*. DOCKER names the CLI (default docker).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 ENDPOINT OUTDIR [today]" >&2; exit 2; }
HOST="$1"; OUT="$2"; TODAY="${3:-}"
DOCKER=("${DOCKER:-docker}" -H "$HOST")
SOCK="${HOST#unix://}"
IMAGE="${NETDASHBOARD_TEST_IMAGE:-netdashboard/busybox:test}"
L=(--label netdashboard.test=1)
api() { curl -sf --unix-socket "$SOCK" "http://docker$1"; }

cleanup() {
  "${DOCKER[@]}" rm -f $("${DOCKER[@]}" ps -aq --filter label=netdashboard.test=1 --filter name=rec-) >/dev/null 2>&1 || true
  for n in rec-app rec-internal rec-noicc rec-routed rec-v6only; do "${DOCKER[@]}" network rm "$n" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
cleanup

run() { local name="$1"; shift; "${DOCKER[@]}" run -d --init "${L[@]}" --name "$name" "$@" "$IMAGE" sleep 3600 >/dev/null; }
"${DOCKER[@]}" network create "${L[@]}" --subnet 172.28.0.0/16 --gateway 172.28.0.1 rec-app >/dev/null
"${DOCKER[@]}" network create "${L[@]}" --internal --subnet 172.18.0.0/16 --gateway 172.18.0.1 rec-internal >/dev/null
"${DOCKER[@]}" network create "${L[@]}" --subnet 172.29.5.0/24 -o com.docker.network.bridge.enable_icc=false \
  -o com.docker.network.bridge.name=ndrec0 rec-noicc >/dev/null
run rec-web -p 8081:8080
run rec-db --network rec-app --network-alias database
run rec-hostmode --network host -p 9999:80
run rec-none --network none
run rec-sharer --network container:rec-web
run rec-multi --network rec-app
"${DOCKER[@]}" network connect rec-internal rec-multi
run rec-iso --network rec-noicc
run rec-sharer-owner
run rec-orphan --network container:rec-sharer-owner
"${DOCKER[@]}" stop -t 1 rec-sharer-owner >/dev/null
"${DOCKER[@]}" create "${L[@]}" --name rec-created -p 127.0.0.1:7000-7001:7000-7001/udp "$IMAGE" sleep 1 >/dev/null
if [ "$TODAY" = today ]; then
  "${DOCKER[@]}" network create "${L[@]}" --subnet 10.231.52.0/24 -o com.docker.network.bridge.gateway_mode_ipv4=routed rec-routed >/dev/null
  "${DOCKER[@]}" network create "${L[@]}" --ipv4=false --ipv6 --subnet fd00:231:53::/64 rec-v6only >/dev/null
  run rec-routedweb --network rec-routed -p 8080:80
  run rec-v6 --network rec-v6only
  run rec-gw --network name=rec-app --network name=rec-routed,gw-priority=10
  run rec-lo -p 127.0.0.1:8082:80
fi

mkdir -p "$OUT"
api /version | jq . >"$OUT/version.json"
api /info | jq '{ID, Name, ServerVersion, OperatingSystem, KernelVersion, Driver, FirewallBackend}' >"$OUT/info.json"
api /networks | jq 'map(select(.Name | test("^(rec-|bridge$|host$|none$)")))' >"$OUT/networks.json"
api '/containers/json?all=1' | jq 'map(select(.Names[0] | startswith("/rec-")))' >"$OUT/containers.json"
rm -f "$OUT"/inspect-*.json
for id in $(jq -r '.[].Id' "$OUT/containers.json"); do
  name="$(api "/containers/$id/json" | jq -r '.Name | ltrimstr("/")')"
  api "/containers/$id/json" | jq . >"$OUT/inspect-$name.json"
done
echo "recorded $(jq length "$OUT/containers.json") containers and $(jq length "$OUT/networks.json") networks into $OUT" >&2
