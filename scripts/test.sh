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

# One plain closing line for CI, summed over every test assembly.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { gsub(",", "", p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' /tmp/netdashboard-test.log
exit "$status"
