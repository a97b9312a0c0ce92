#!/usr/bin/env bash
# A second (third, ...) Docker daemon for multi-host tests, isolated in its own network namespace.
#
#   second-dockerd.sh start   NAME [BIP]   netns nd-NAME + dockerd inside it; waits until it answers; loads the test image
#   second-dockerd.sh stop    NAME         TERM the daemon, wait (max 20 s), then KILL; keeps its data (containers survive)
#   second-dockerd.sh destroy NAME         stop + remove data-root, exec-root, socket, pidfile and the netns
#   second-dockerd.sh status  NAME         exit 0 when the daemon answers on its socket
#
# Daemon NAME: socket /var/run/nd-NAME.sock, data-root /var/lib/nd-NAME, exec-root /var/run/nd-NAME,
# pidfile /var/run/nd-NAME.pid, log /var/log/nd-NAME.log, bridge docker0 (inside netns nd-NAME) with BIP
# (default 10.231.31.1/24).
#
# Why this is safe next to the main daemon (see ../shared/docs/docker-lab.md, "More than one daemon"):
# - dockerd runs in the network namespace nd-NAME (entered with nsenter; `ip netns exec` fails here because it
#   remounts /sys). Its docker0, its iptables/nf_tables rules (it keeps --iptables=true: rules, ip_forward and
#   bridge-nf sysctls are all per network namespace), its docker-proxy processes and its containers' veths live
#   there and never touch the host's docker0 or the host's FORWARD/nat chains.
# - It runs its own supervised containerd (under the exec-root) and, in case a system containerd ever appears,
#   uses its own containerd namespaces (nd-NAME, nd-NAME-plugins), never the main daemon's "moby".
# - No veth to the host: the daemon is reached through its unix socket, which lives in the shared mount namespace.
#   (Containers of this daemon therefore have no route to the outside, which the tests never need.)
#
# Environment: DOCKER (client, default `docker`), MAIN_DOCKER_HOST (where the test image comes from, default
# unix:///var/run/docker.sock), NETDASHBOARD_TEST_IMAGE (default netdashboard/busybox:test).
#
# Optional: another engine, e.g. the newer one unpacked by scripts/newer-dockerd.sh fetch (unset = the machine's):
#   ND_DOCKERD_ROOT=DIR    start DIR/usr/sbin/dockerd with DIR/usr/sbin and DIR/usr/bin first on PATH, so its
#                          containerd, containerd-shim-runc-v2 and docker-proxy come from DIR too; runc (and
#                          docker-init, when DIR's is a dangling symlink, as Debian's points to tini-static) still
#                          come from the machine: DIR must not hold a runc (trixie's needs glibc 2.38). The client
#                          for this daemon becomes DIR/usr/bin/docker when DIR has one and DOCKER is unset (a daemon
#                          that refuses API 1.41 also refuses the bookworm CLI); the image still comes from the main
#                          daemon through `docker`.
#   ND_DOCKERD_ENV="K=V …" extra environment for that dockerd, space-separated (values cannot hold spaces), e.g.
#                          ND_DOCKERD_ENV="DOCKER_MIN_API_VERSION=1.44".
#   ND_HOSTNAME=NAME       run dockerd in its own UTS namespace (unshare -u) with this hostname, so several test
#                          daemons are distinct Swarm nodes (otherwise every node is named after the VM).
# Both are recorded in /var/run/nd-NAME.engine at start; stop/status/destroy, and a start with neither variable set
# while the data-root still exists, use the recorded ones. A start that finds the daemon already running from
# another dockerd binary or without the requested environment fails instead of reusing it. destroy removes the record.
set -euo pipefail

MAIN_DOCKER="${DOCKER:-docker}"
MAIN_DOCKER_HOST="${MAIN_DOCKER_HOST:-unix:///var/run/docker.sock}"
IMAGE="${NETDASHBOARD_TEST_IMAGE:-netdashboard/busybox:test}"
START_TIMEOUT=60
STOP_TIMEOUT=20

log() { printf '[second-dockerd %s] %s\n' "${NAME:-?}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { echo "usage: $0 {start NAME [BIP]|stop NAME|destroy NAME|status NAME}" >&2; exit 2; }

[ $# -ge 2 ] || usage
CMD="$1"; NAME="$2"; BIP="${3:-10.231.31.1/24}"
[[ "$NAME" =~ ^[a-z0-9][a-z0-9_-]{0,30}$ ]] || die "NAME must match [a-z0-9][a-z0-9_-]{0,30}: '$NAME'"
[ "$(id -u)" = 0 ] || die "must run as root"

ID="nd-$NAME"
NETNS="$ID"
NETNS_FILE="/var/run/netns/$NETNS"
SOCK="/var/run/$ID.sock"
HOST="unix://$SOCK"
DATA_ROOT="/var/lib/$ID"
EXEC_ROOT="/var/run/$ID"
PIDFILE="/var/run/$ID.pid"
LOG="/var/log/$ID.log"
ENGINE_FILE="/var/run/$ID.engine"

# The engine: the variables when either is set, else the record of the last start (while its data-root exists).
ENGINE_ROOT="" ENGINE_ENV=""
if [ -n "${ND_DOCKERD_ROOT+set}" ] || [ -n "${ND_DOCKERD_ENV+set}" ]; then
  ENGINE_ROOT="${ND_DOCKERD_ROOT:-}" ENGINE_ENV="${ND_DOCKERD_ENV:-}"
elif [ -f "$ENGINE_FILE" ] && { [ "$CMD" != start ] || [ -d "$DATA_ROOT" ]; }; then
  ENGINE_ROOT="$(sed -n 's/^root=//p' "$ENGINE_FILE")" ENGINE_ENV="$(sed -n 's/^env=//p' "$ENGINE_FILE")"
fi
if [ -n "$ENGINE_ROOT" ]; then
  ENGINE_ROOT="$(realpath -m "$ENGINE_ROOT")"
  DOCKERD="$ENGINE_ROOT/usr/sbin/dockerd"
  ENGINE_PATH="$ENGINE_ROOT/usr/sbin:$ENGINE_ROOT/usr/bin:$PATH"
  if [ -z "${DOCKER:-}" ] && [ -x "$ENGINE_ROOT/usr/bin/docker" ]; then DOCKER="$ENGINE_ROOT/usr/bin/docker"; fi
else
  DOCKERD=dockerd
  ENGINE_PATH="$PATH"
fi
DOCKER="${DOCKER:-docker}"
ENGINE_ENV_ARGS=()
read -r -a _env_words <<<"$ENGINE_ENV" || true
for kv in ${_env_words[@]+"${_env_words[@]}"}; do
  [[ "$kv" =~ ^[A-Za-z_][A-Za-z0-9_]*=.*$ ]] || die "ND_DOCKERD_ENV entries must be KEY=VALUE: '$kv'"
  [[ "$kv" != PATH=* ]] || die "ND_DOCKERD_ENV must not set PATH (ND_DOCKERD_ROOT does)"
  ENGINE_ENV_ARGS+=("$kv")
done

# ND_HOSTNAME: dockerd in its own UTS namespace with that hostname (unshare runs a program, so sh sets the name).
UTS_WRAP=()
if [ -n "${ND_HOSTNAME:-}" ]; then
  [[ "$ND_HOSTNAME" =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] || die "ND_HOSTNAME must be a plain host name: '$ND_HOSTNAME'"
  UTS_WRAP=(unshare -u sh -c 'hostname "$0" && exec "$@"' "$ND_HOSTNAME")
fi

answers() { timeout 5 "$DOCKER" -H "$HOST" info >/dev/null 2>&1; }

# alive, ensure_netns, delete_netns, remove_root
. "$(dirname "${BASH_SOURCE[0]}")/netns-lib.sh"

# PID of our dockerd when the pidfile names a live dockerd serving our socket, else nothing.
daemon_pid() {
  [ -f "$PIDFILE" ] || return 0
  local pid; pid="$(tr -dc '0-9' <"$PIDFILE" 2>/dev/null || true)"
  [ -n "$pid" ] && alive "$pid" || return 0
  local cmdline; cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  case "$cmdline" in *dockerd*"$SOCK"*) echo "$pid" ;; esac
}

ensure_image() {
  if "$DOCKER" -H "$HOST" image inspect "$IMAGE" >/dev/null 2>&1; then return 0; fi
  "$MAIN_DOCKER" -H "$MAIN_DOCKER_HOST" image inspect "$IMAGE" >/dev/null 2>&1 \
    || die "$IMAGE is missing on the main daemon too; run scripts/docker-up.sh first"
  log "loading $IMAGE from the main daemon"
  "$MAIN_DOCKER" -H "$MAIN_DOCKER_HOST" save "$IMAGE" | "$DOCKER" -H "$HOST" load >/dev/null
}

# Checks the engine given by ND_DOCKERD_ROOT / the record: its dockerd exists, runc does not come from it.
check_engine() {
  if [ -z "$ENGINE_ROOT" ]; then
    command -v dockerd >/dev/null || die "dockerd not installed; run scripts/docker-up.sh first"
    return 0
  fi
  [ -x "$DOCKERD" ] || die "ND_DOCKERD_ROOT=$ENGINE_ROOT holds no usr/sbin/dockerd (run scripts/newer-dockerd.sh fetch)"
  local runc; runc="$(PATH="$ENGINE_PATH" command -v runc || true)"
  [ -n "$runc" ] || die "no runc on PATH (the machine's runc is needed: apt-get install runc)"
  case "$(realpath "$runc")" in
    "$ENGINE_ROOT"/*) die "runc would come from $ENGINE_ROOT ($runc); remove it, the machine's runc must be used" ;;
  esac
}

# Dies when the running daemon PID is not the requested engine (another dockerd binary, or lacking a requested
# KEY=VALUE in its environment): reusing it would test the wrong engine.
check_running_engine() {
  local pid="$1" exe want kv
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"; exe="${exe% (deleted)}"
  want="$(realpath "$(PATH="$ENGINE_PATH" command -v "$DOCKERD" || echo "$DOCKERD")" 2>/dev/null || true)"
  if [ -n "$exe" ] && [ -n "$want" ] && [ "$exe" != "$want" ]; then
    die "$ID is already running from $exe, not $want; destroy it first"
  fi
  for kv in ${ENGINE_ENV_ARGS[@]+"${ENGINE_ENV_ARGS[@]}"}; do
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF -- "$kv" \
      || die "$ID is already running without $kv in its environment; destroy it first"
  done
}

cmd_start() {
  check_engine
  ensure_netns
  local running; running="$(daemon_pid)"
  if [ -n "$running" ] && { [ -n "$ENGINE_ROOT" ] || [ ${#ENGINE_ENV_ARGS[@]} -gt 0 ] || [ -f "$ENGINE_FILE" ]; }; then
    check_running_engine "$running"
  fi
  if ! answers; then
    local pid; pid="$(daemon_pid)"
    if [ -z "$pid" ]; then
      if [ -f "$PIDFILE" ]; then log "removing stale pidfile $PIDFILE"; rm -f "$PIDFILE"; fi
      # dockerd reuses the containerd named in this pidfile when `kill -0` succeeds: after a crash that can be a
      # zombie or a recycled PID, and dockerd then waits 15 s for a socket that never comes and gives up.
      local cpidfile="$EXEC_ROOT/containerd/containerd.pid" cpid
      if [ -f "$cpidfile" ]; then
        cpid="$(tr -dc '0-9' <"$cpidfile" 2>/dev/null || true)"
        if ! { [ -n "$cpid" ] && alive "$cpid" && grep -qa "$EXEC_ROOT/containerd" "/proc/$cpid/cmdline" 2>/dev/null; }; then
          log "removing stale containerd pidfile"; rm -f "$cpidfile"
        fi
      fi
      mkdir -p "$DATA_ROOT" "$EXEC_ROOT" "$(dirname "$LOG")"
      local engine=""
      if [ -n "$ENGINE_ROOT" ] || [ ${#ENGINE_ENV_ARGS[@]} -gt 0 ]; then
        printf 'root=%s\nenv=%s\n' "$ENGINE_ROOT" "${ENGINE_ENV_ARGS[*]-}" >"$ENGINE_FILE"
        engine=" dockerd=$DOCKERD env=[${ENGINE_ENV_ARGS[*]-}]"
      else
        rm -f "$ENGINE_FILE"
      fi
      log "starting dockerd in netns $NETNS (bip $BIP, log $LOG)$engine"
      printf '\n=== %s start %s bip=%s%s ===\n' "$(date -Is)" "$ID" "$BIP" "$engine" >>"$LOG"
      env DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 PATH="$ENGINE_PATH" ${ENGINE_ENV_ARGS[@]+"${ENGINE_ENV_ARGS[@]}"} \
        setsid nohup nsenter --net="$NETNS_FILE" ${UTS_WRAP[@]+"${UTS_WRAP[@]}"} \
        "$DOCKERD" -H "$HOST" --data-root "$DATA_ROOT" --exec-root "$EXEC_ROOT" --pidfile "$PIDFILE" \
        --bip "$BIP" --iptables=true \
        --containerd-namespace "$ID" --containerd-plugins-namespace "$ID-plugins" \
        </dev/null >>"$LOG" 2>&1 &
      pid=$!
    else
      log "dockerd already running (pid $pid), waiting for it to answer"
    fi
    local deadline=$((SECONDS + START_TIMEOUT))
    until answers; do
      if ! alive "$pid"; then
        log "dockerd exited; last log lines:"; tail -25 "$LOG" >&2; exit 1
      fi
      if [ $SECONDS -ge $deadline ]; then
        log "dockerd did not answer within ${START_TIMEOUT}s; last log lines:"; tail -25 "$LOG" >&2; exit 1
      fi
      sleep 0.3
    done
  fi
  ensure_image
  log "up: $HOST ($("$DOCKER" -H "$HOST" version --format '{{.Server.Version}}, API {{.Server.APIVersion}}'))"
}

wait_gone() { # pid seconds -> 0 when gone
  local pid="$1" deadline=$((SECONDS + $2))
  while alive "$pid"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

cmd_stop() {
  local pid; pid="$(daemon_pid)"
  if [ -z "$pid" ]; then
    [ -f "$PIDFILE" ] && { log "removing stale pidfile"; rm -f "$PIDFILE"; }
    log "not running"; return 0
  fi
  log "stopping dockerd (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" "$STOP_TIMEOUT"; then
    log "dockerd still alive after ${STOP_TIMEOUT}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 5 || die "dockerd $pid survived KILL"
    # A killed dockerd leaves its supervised containerd behind; stop it too (a later start spawns a new one,
    # which reattaches to any container shims still running).
    local cpid; cpid="$(tr -dc '0-9' <"$EXEC_ROOT/containerd/containerd.pid" 2>/dev/null || true)"
    if [ -n "$cpid" ] && alive "$cpid" && grep -qa "$EXEC_ROOT/containerd" "/proc/$cpid/cmdline" 2>/dev/null; then
      kill -TERM "$cpid" 2>/dev/null || true
      wait_gone "$cpid" 5 || kill -KILL "$cpid" 2>/dev/null || true
    fi
  fi
  rm -f "$PIDFILE"
  log "stopped"
}

# Kill whatever a crashed daemon of ours left behind: processes inside netns nd-NAME (containerd, shims,
# docker-proxy, host-network containers) and processes in the cgroups of this daemon's containers.
reap_leftovers() {
  local ns_ino="" ids=() pids=() p id sock
  if [ "$(stat -f -L -c %T "$NETNS_FILE" 2>/dev/null)" = nsfs ]; then ns_ino="$(stat -L -c %i "$NETNS_FILE")"; fi
  if [ -d "$DATA_ROOT/containers" ]; then
    for p in "$DATA_ROOT"/containers/*/; do [ -d "$p" ] && ids+=("$(basename "$p")"); done
  fi
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    [ "$p" = "$$" ] && continue
    if [ -n "$ns_ino" ] && [ "$(readlink "/proc/$p/ns/net" 2>/dev/null)" = "net:[$ns_ino]" ]; then pids+=("$p"); continue; fi
    if [ ${#ids[@]} -gt 0 ] && [ -r "/proc/$p/cgroup" ]; then
      for id in "${ids[@]}"; do
        if grep -q "/$id" "/proc/$p/cgroup" 2>/dev/null; then pids+=("$p"); break; fi
      done
    fi
  done
  if [ ${#pids[@]} -gt 0 ]; then
    log "killing leftover processes: ${pids[*]}"
    kill -KILL "${pids[@]}" 2>/dev/null || true
    for p in "${pids[@]}"; do wait_gone "$p" 5 || true; done
  fi
  # A killed shim leaves its socket in the shared /run/containerd/s, named sha256(<containerd address>/<ns>/<id>).
  for id in ${ids[@]+"${ids[@]}"}; do
    sock="/run/containerd/s/$(printf '%s' "$EXEC_ROOT/containerd/containerd.sock/$ID/$id" | sha256sum | cut -d' ' -f1)"
    [ -S "$sock" ] && rm -f "$sock"
  done
  return 0
}

cmd_destroy() {
  cmd_stop
  reap_leftovers
  remove_root "$EXEC_ROOT"
  remove_root "$DATA_ROOT"
  rm -f "$SOCK" "$PIDFILE" "$ENGINE_FILE"
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
