#!/usr/bin/env bash
# Runs every test of NetDashboard on this machine, installing and starting what the tests need when missing:
# Debian's docker.io + a running dockerd + the busybox test image (scripts/docker-up.sh), then
# `dotnet test NetDashboard.sln`.
# Browser tests run in a private network namespace with only loopback (Chromium aborts page loads with
# ERR_NETWORK_CHANGED whenever containers create veths); the Docker unix socket is still reachable there.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/docker-up.sh


export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build NetDashboard.sln -c Release -nologo -v quiet "$@"
dotnet test NetDashboard.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee /tmp/netdashboard-test.log
status=${PIPESTATUS[0]}

# One plain closing line for CI, summed over every test assembly's summary.
awk '/^ *Passed: [0-9]+ *$/ { p += $2 } /^ *Failed: [0-9]+ *$/ { f += $2 } /^ *Skipped: [0-9]+ *$/ { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' /tmp/netdashboard-test.log
exit "$status"
