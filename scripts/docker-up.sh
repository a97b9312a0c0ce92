#!/usr/bin/env bash
# Makes sure a real Docker daemon answers on /var/run/docker.sock and that the test image exists.
# Idempotent: installs Debian's docker.io only when missing, starts dockerd only when it does not answer,
# imports the busybox image only when absent. Facts: ../shared/docs/docker-lab.md.
set -euo pipefail

IMAGE="${NETDASHBOARD_TEST_IMAGE:-netdashboard/busybox:test}"
LOG="${DOCKERD_LOG:-/var/log/netdashboard-dockerd.log}"
log() { printf '[docker-up] %s\n' "$*" >&2; }

need_pkgs=()
command -v dockerd >/dev/null 2>&1 || need_pkgs+=(docker.io containerd runc tini iptables)
[ -x /bin/busybox ] || need_pkgs+=(busybox-static)
command -v nsenter >/dev/null 2>&1 || need_pkgs+=(util-linux)
command -v ip >/dev/null 2>&1 || need_pkgs+=(iproute2)
command -v curl >/dev/null 2>&1 || need_pkgs+=(curl)
command -v jq >/dev/null 2>&1 || need_pkgs+=(jq)
command -v cgroupfs-mount >/dev/null 2>&1 || need_pkgs+=(cgroupfs-mount)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# The Debian package puts the 20.10 client in /usr/bin; a newer CLI may shadow it in /usr/local/bin.
DOCKER=docker
if ! timeout 5 $DOCKER info >/dev/null 2>&1; then
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    log "removing stale pidfile"; rm -f /var/run/docker.pid
  fi
  if [ ! -f /var/run/docker.pid ]; then
    log "starting dockerd (log: $LOG)"
    mkdir -p "$(dirname "$LOG")"
    setsid nohup dockerd -H unix:///var/run/docker.sock --pidfile /var/run/docker.pid </dev/null >>"$LOG" 2>&1 &
  fi
  for _ in $(seq 1 120); do
    timeout 5 $DOCKER info >/dev/null 2>&1 && break
    sleep 0.5
  done
  timeout 5 $DOCKER info >/dev/null 2>&1 || { log "dockerd did not answer; last log lines:"; tail -20 "$LOG" >&2; exit 1; }
fi
log "dockerd $($DOCKER version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"

if ! $DOCKER image inspect "$IMAGE" >/dev/null 2>&1; then
  log "importing $IMAGE from busybox-static"
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/etc" "$root/tmp"
  cp /bin/busybox "$root/bin/"
  for a in $("$root/bin/busybox" --list); do [ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"; done
  echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
  tar -C "$root" -cf - . | $DOCKER import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null
  rm -rf "$root"
fi
