#!/usr/bin/env bash
# Runs every test of NetDashboard on this machine, installing and starting what the tests need when missing:
# Debian's docker.io + a running dockerd + the busybox test image (scripts/docker-up.sh), Debian's chromium for the
# browser tests, Debian's docker-compose and haproxy for the container and replica tests, Debian's redis-server and postgresql for
# the replica tests, Debian's podman and catatonit (Podman's Docker-compatible service is a test daemon), Debian's
# nftables (Engine 29's nftables tables are read with nft), conntrack (refused connections are heard from its event
# stream) and openssh-server (ssh:// endpoints), the
# newer engines the tests run beside the machine's 20.10 (Debian 13's Docker 26.1 and sid's 28.5, fetched into
# /var/cache/netdashboard by scripts/newer-dockerd.sh; sid's Podman 5 by scripts/newer-podman.sh), then three test runs:
#   1. every test project of NetDashboard.sln except the browser and container tests (projects run in parallel);
#   2. tests/NetDashboard.EndToEnd.Tests (Playwright + /usr/bin/chromium), after run 1, because both create
#      containers on the same dockerd and some Web tests assert that nothing changes for a while;
#   3. tests/NetDashboard.Container.Tests (builds the image, docker run, docker-compose up), alone for that reason.
# The browser tests put Chromium in a private loopback-only network namespace themselves (Chromium aborts page
# loads with ERR_NETWORK_CHANGED whenever containers create veths) and keep the app in the host's namespace,
# where it can name the host side of every veth; see tests/NetDashboard.EndToEnd.Tests/Infrastructure. Needs root.
# Extra arguments go to `dotnet build` and every `dotnet test` run.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[test] %s\n' "$*" >&2; }

scripts/docker-up.sh

if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  log "installing chromium fonts-dejavu-core"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
if [ ! -x /usr/bin/dot ]; then log "installing graphviz"; export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends graphviz >/dev/null; fi
# Debian's docker-compose 1.29 and haproxy (the socket-proxy stand-in) for tests/NetDashboard.Container.Tests; haproxy
# also puts two replicas behind one address (deploy/haproxy-replicas.cfg) in the replica tests.
if ! command -v docker-compose >/dev/null || ! command -v haproxy >/dev/null; then log "installing docker-compose haproxy"; export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends docker-compose haproxy >/dev/null; fi
# Podman 4.3 for the engine tests (scripts/podman-service.sh runs it in its own network namespace).
if ! command -v podman >/dev/null || [ ! -x /usr/libexec/podman/catatonit ]; then log "installing podman catatonit"; export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends podman catatonit >/dev/null; fi
# Debian's redis-server for the replica tests (they start it themselves, on a random loopback port, without persistence).
if ! command -v redis-server >/dev/null; then log "installing redis-server"; export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends redis-server >/dev/null; fi
# Debian's PostgreSQL 15 for the history-on-PostgreSQL tests (they run initdb + postgres themselves, as the postgres user, on a random loopback port).
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then log "installing postgresql"; export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends postgresql >/dev/null; fi
# Debian's nftables: the nftables firewall backend's tables (Engine 29) are loaded into a test-owned namespace and read with nft.
if ! command -v nft >/dev/null; then log "installing nftables"; export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends nftables >/dev/null; fi
# Debian's conntrack: the traffic view hears refused connections from the kernel's event stream (conntrack -E).
if ! command -v conntrack >/dev/null; then log "installing conntrack"; export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends conntrack >/dev/null; fi
# Debian's openssh-server: ssh:// endpoints are tested against a real sshd on a loopback port (TestSupport/SshServer).
if [ ! -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null; then log "installing openssh-server openssh-client"; export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends openssh-server openssh-client >/dev/null; fi
# Docker 26.1 (trixie) and 28.5 (sid), unpacked, never installed; the tests would fetch them too, this says so up front.
for suite in trixie sid; do root="$(scripts/newer-dockerd.sh fetch "$suite")" && log "newer engine $suite: $root" || log "newer engine $suite could not be fetched; its tests will fail saying why"; done
# sid's Podman 5, unpacked and patched to sid's own loader (scripts/newer-podman.sh; installs Debian's patchelf when missing).
bin="$(scripts/newer-podman.sh fetch)" && log "Podman 5: $bin" || log "Podman 5 could not be fetched; its tests will fail saying why"
if [ ! -d tests/NetDashboard.EndToEnd.Tests/oidc/node_modules/oidc-provider ]; then
  log "installing the oidc-provider npm package for the OpenID Connect sign-in test"
  command -v npm >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
  (cd tests/NetDashboard.EndToEnd.Tests/oidc && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ ! -d tests/NetDashboard.EndToEnd.Tests/mermaid/node_modules/mermaid ]; then
  log "installing the mermaid npm package for the export render test"
  command -v npm >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; }
  (cd tests/NetDashboard.EndToEnd.Tests/mermaid && npm ci --no-audit --no-fund --loglevel=error)
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build NetDashboard.sln -c Release -nologo -v quiet "$@"

LOG=/tmp/netdashboard-test.log
: >"$LOG"
# One dotnet test run, appended to $LOG; returns dotnet test's own exit code (not tee's).
run_tests() {
  dotnet test "$@" 2>&1 | tee -a "$LOG"
  return "${PIPESTATUS[0]}"
}

status=0
run_tests NetDashboard.sln -c Release --no-build -nologo --filter 'FullyQualifiedName!~NetDashboard.EndToEnd.Tests.&FullyQualifiedName!~NetDashboard.Container.Tests.' \
  --logger "console;verbosity=normal" "$@" || status=1
# detailed: prints each browser test's output (measured live latency, screenshot paths under artifacts/).
run_tests tests/NetDashboard.EndToEnd.Tests -c Release --no-build -nologo \
  --logger "console;verbosity=detailed" "$@" || status=1
# The container image (Dockerfile, docker-compose.yml) built and run for real; alone, for the same reason.
run_tests tests/NetDashboard.Container.Tests -c Release --no-build -nologo \
  --logger "console;verbosity=detailed" "$@" || status=1

# CI shows only the end of this output: name every failed test there, with the first lines of why.
awk '/^ *Failed NetDashboard\./ { n = 8; print ""; print } n > 0 && !/^ *Failed NetDashboard\./ { if (length($0) > 300) $0 = substr($0, 1, 300) "…"; print; n-- }' "$LOG"
# One plain closing line for CI, summed over every test assembly's summary of both runs.
awk '/^ *Passed: [0-9]+ *$/ { p += $2 } /^ *Failed: [0-9]+ *$/ { f += $2 } /^ *Skipped: [0-9]+ *$/ { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$LOG"
exit "$status"
