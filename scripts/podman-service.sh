#!/usr/bin/env bash
# Podman's Docker-compatible API service as another test daemon, isolated in its own network namespace.
#
#   podman-service.sh start   NAME [SUBNET]  netns nd-NAME + `podman system service` inside it; waits until it answers;
#                                           loads the test image from the main daemon. SUBNET: its default network
#                                           (default 10.231.61.0/24). Installs Debian's podman and catatonit when missing.
#   podman-service.sh stop    NAME         TERM the service (its containers keep running under conmon)
#   podman-service.sh destroy NAME         remove every container and network of it, stop it, remove its storage,
#                                           socket and netns
#   podman-service.sh status  NAME         exit 0 when it answers on its socket
#
# Service NAME: socket /var/run/nd-NAME.sock, storage /var/lib/nd-NAME (containers.conf, CNI configs, images),
# run root /var/run/nd-NAME, pidfile /var/run/nd-NAME.pid, log /var/log/nd-NAME.log. Like scripts/second-dockerd.sh,
# the netns keeps its bridges, iptables rules and containers away from the main daemon's. Rootful podman 4.3 (bookworm)
# with CNI; containers.conf sets the ulimits these machines need, catatonit for --init, runc.
# Environment: DOCKER (client for loading the image, default docker), MAIN_DOCKER_HOST, NETDASHBOARD_TEST_IMAGE;
# ND_PODMAN_BIN: a folder holding another podman with its conmon, netavark, aardvark-dns and catatonit — sid's Podman 5
# as scripts/newer-podman.sh prepares it — run with netavark (iptables driver) instead of CNI, still with bookworm's
# runc. Give it to every command of that service (start, stop, destroy).
set -euo pipefail

MAIN_DOCKER="${DOCKER:-docker}"
MAIN_DOCKER_HOST="${MAIN_DOCKER_HOST:-unix:///var/run/docker.sock}"
IMAGE="${NETDASHBOARD_TEST_IMAGE:-netdashboard/busybox:test}"
START_TIMEOUT=60

log() { printf '[podman-service %s] %s\n' "${NAME:-?}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { echo "usage: $0 {start NAME [SUBNET]|stop NAME|destroy NAME|status NAME}" >&2; exit 2; }

[ $# -ge 2 ] || usage
CMD="$1"; NAME="$2"; SUBNET="${3:-10.231.61.0/24}"
[[ "$NAME" =~ ^[a-z0-9][a-z0-9_-]{0,30}$ ]] || die "NAME must match [a-z0-9][a-z0-9_-]{0,30}: '$NAME'"
[[ "$SUBNET" =~ ^[0-9.]+/[0-9]+$ ]] || die "bad SUBNET '$SUBNET'"
[ "$(id -u)" = 0 ] || die "must run as root"

ID="nd-$NAME"
NETNS="$ID"
NETNS_FILE="/var/run/netns/$NETNS"
SOCK="/var/run/$ID.sock"
STORE="/var/lib/$ID"
RUN="/var/run/$ID"
PIDFILE="/var/run/$ID.pid"
LOG="/var/log/$ID.log"
CONF="$STORE/containers.conf"

PODMAN_BIN="${ND_PODMAN_BIN:-}"
PODMAN="${PODMAN_BIN:+$PODMAN_BIN/}podman"
export PODMAN_IGNORE_CGROUPSV1_WARNING=1 # Podman 5 on these cgroup v1 machines
podman_cmd() { CONTAINERS_CONF="$CONF" nsenter --net="$NETNS_FILE" "$PODMAN" --root "$STORE/storage" --runroot "$RUN/run" "$@"; }
answers() { curl -sf --max-time 5 --unix-socket "$SOCK" http://podman/_ping >/dev/null 2>&1; }

# alive, ensure_netns, delete_netns, remove_root
. "$(dirname "${BASH_SOURCE[0]}")/netns-lib.sh"
service_pid() {
  [ -f "$PIDFILE" ] || return 0
  local pid; pid="$(tr -dc '0-9' <"$PIDFILE" 2>/dev/null || true)"
  [ -n "$pid" ] && alive "$pid" || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "system service.*$SOCK" && echo "$pid"
  return 0
}

ensure_installed() {
  if [ -n "$PODMAN_BIN" ]; then [ -x "$PODMAN" ] || die "$PODMAN is missing (scripts/newer-podman.sh fetch)"; return 0; fi
  if command -v podman >/dev/null && [ -x /usr/libexec/podman/catatonit ]; then return 0; fi
  log "installing podman catatonit (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends podman catatonit >/dev/null
}

cmd_start() {
  ensure_installed
  ensure_netns
  mkdir -p "$STORE/cni" "$RUN" "$(dirname "$LOG")"
  if [ -n "$PODMAN_BIN" ]; then
    # Podman 5 has no CNI: netavark (iptables rules, in this netns) and its aardvark-dns, from PODMAN_BIN.
    cat >"$CONF" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
init_path = "$PODMAN_BIN/catatonit"
[network]
network_backend = "netavark"
network_config_dir = "$STORE/networks"
default_subnet = "$SUBNET"
firewall_driver = "iptables"
[engine]
runtime = "runc"
conmon_path = ["$PODMAN_BIN/conmon"]
helper_binaries_dir = ["$PODMAN_BIN"]
CONF
  else
    cat >"$CONF" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
init_path = "/usr/libexec/podman/catatonit"
[network]
network_backend = "cni"
network_config_dir = "$STORE/cni"
default_subnet = "$SUBNET"
[engine]
runtime = "runc"
CONF
  fi
  if ! answers; then
    local pid; pid="$(service_pid)"
    if [ -z "$pid" ]; then
      rm -f "$PIDFILE" "$SOCK"
      log "starting podman system service in netns $ID (log $LOG)"
      printf '\n=== %s start %s ===\n' "$(date -Is)" "$ID" >>"$LOG"
      CONTAINERS_CONF="$CONF" setsid nohup nsenter --net="$NETNS_FILE" \
        "$PODMAN" --root "$STORE/storage" --runroot "$RUN/run" system service --time=0 "unix://$SOCK" </dev/null >>"$LOG" 2>&1 &
      pid=$!
      echo "$pid" >"$PIDFILE"
    fi
    local deadline=$((SECONDS + START_TIMEOUT))
    until answers; do
      alive "$pid" || { log "podman exited; last log lines:"; tail -20 "$LOG" >&2; exit 1; }
      [ $SECONDS -lt $deadline ] || { log "no answer within ${START_TIMEOUT}s"; tail -20 "$LOG" >&2; exit 1; }
      sleep 0.3
    done
  fi
  if ! podman_cmd image exists "$IMAGE" 2>/dev/null; then
    log "loading $IMAGE from the main daemon"
    "$MAIN_DOCKER" -H "$MAIN_DOCKER_HOST" save "$IMAGE" | podman_cmd load >/dev/null
  fi
  log "up: unix://$SOCK ($(curl -s --unix-socket "$SOCK" http://podman/version | sed -n 's/.*"Version":"\([^"]*\)".*"ApiVersion":"\([^"]*\)".*/\1, API \2/p' | head -1))"
}

cmd_stop() {
  local pid; pid="$(service_pid)"
  if [ -z "$pid" ]; then rm -f "$PIDFILE"; log "not running"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 20))
  while alive "$pid"; do
    [ $SECONDS -lt $deadline ] || { kill -KILL "$pid" 2>/dev/null || true; break; }
    sleep 0.2
  done
  rm -f "$PIDFILE" "$SOCK"
  log "stopped"
}

cmd_destroy() {
  if [ -e "$NETNS_FILE" ] && [ -f "$CONF" ] && command -v "$PODMAN" >/dev/null; then
    podman_cmd rm -af -t 0 >/dev/null 2>&1 || true
    podman_cmd network prune -f >/dev/null 2>&1 || true
    podman_cmd pod rm -af >/dev/null 2>&1 || true
  fi
  cmd_stop
  # What a crash left behind in the netns (conmon, containers).
  if [ "$(stat -f -L -c %T "$NETNS_FILE" 2>/dev/null)" = nsfs ]; then
    local ino p; ino="$(stat -L -c %i "$NETNS_FILE")"
    for p in /proc/[0-9]*; do
      p="${p#/proc/}"; [ "$p" = "$$" ] && continue
      [ "$(readlink "/proc/$p/ns/net" 2>/dev/null)" = "net:[$ino]" ] && kill -KILL "$p" 2>/dev/null || true
    done
  fi
  remove_root "$RUN"
  remove_root "$STORE"
  rm -f "$SOCK" "$PIDFILE"
  delete_netns
  log "destroyed (log kept: $LOG)"
}

case "$CMD" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  destroy) cmd_destroy ;;
  status) answers ;;
  *) usage ;;
esac
