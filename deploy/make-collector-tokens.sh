#!/usr/bin/env bash
# Makes one collector token per host, for deploy/netdashboard-stack.yml (or collectors run by hand):
#
#   deploy/make-collector-tokens.sh [-o DIR] HOST...
#
# HOST is each node's hostname (what `docker node ls` shows; the stack's collectors report as {{.Node.Hostname}}).
# Writes, into DIR (default: the current folder):
#   collector-tokens.txt       "HOST TOKEN" per line: the SECRET, given to the collectors (a swarm secret in the stack)
#   dashboard-collectors.json  each host's id and its token's SHA-256 only: the dashboard's NetDashboard:Collectors
#                              (a swarm config in the stack; not secret: a hash does not let anyone in)
# Tokens are 32 random bytes, hex. Running it again makes new tokens (redeploy the stack to use them).
set -euo pipefail

out="."
if [ "${1:-}" = "-o" ]; then out="$2"; shift 2; fi
[ $# -ge 1 ] || { echo "usage: $0 [-o DIR] HOST..." >&2; exit 2; }
mkdir -p "$out"
umask 077
tokens="$out/collector-tokens.txt"
json="$out/dashboard-collectors.json"
: > "$tokens"
{
  printf '{\n  "NetDashboard": {\n    "Collectors": [\n'
  sep=""
  for host in "$@"; do
    [[ "$host" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || { echo "not a hostname: '$host'" >&2; exit 2; }
    token="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    printf '%s %s\n' "$host" "$token" >> "$tokens"
    hash="$(printf %s "$token" | sha256sum | cut -d' ' -f1)"
    printf '%s      { "Id": "%s", "TokenHash": "%s" }' "$sep" "$host" "$hash"
    sep=$',\n'
  done
  printf '\n    ]\n  }\n}\n'
} > "$json"
chmod 644 "$json"
echo "wrote $tokens (secret) and $json (hashes) for: $*" >&2
