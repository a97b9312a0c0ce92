#!/usr/bin/env bash
# Podman 5 from Debian sid, unpacked beside the machine's own podman 4.3 and never installed.
#
#   newer-podman.sh fetch     downloads sid's podman, conmon, netavark, aardvark-dns, catatonit and the libraries they
#                             need newer than bookworm's (glibc 2.43 among them: sid's binaries need GLIBC 2.38+, bookworm
#                             has 2.36), unpacks them with `dpkg-deb -x`, and writes into bin/ copies of the binaries
#                             whose ELF interpreter is sid's own dynamic loader and whose RPATH is sid's library folder
#                             (patchelf); prints that bin folder (stdout, one line). Idempotent: when bin/ is complete it
#                             prints it without touching the network.
#
# Why patched copies rather than `ld-linux-x86-64.so.2 --library-path … podman` wrappers: podman re-executes itself
# through /proc/self/exe (e.g. `podman load` unpacks layers in a re-executed child), which under a wrapper is the loader
# itself ("/: error while loading shared libraries: /: cannot read file data"). With the interpreter and RPATH written
# into the binary, /proc/self/exe is podman again. RPATH (not RUNPATH) so the libraries' own dependencies resolve there
# too. sid's crun refuses cgroup v1 hybrid hosts ("cgroups in hybrid mode not supported"): run it with bookworm's runc.
#
# The apt side is scripts/newer-dockerd.sh's: its sid cache holds the separate apt configuration (own sources, lists
# and package cache; the machine's apt setup stays untouched), made by `newer-dockerd.sh fetch sid` when missing.
# Cache: $ND_NEWER_PODMAN_CACHE (default /var/cache/netdashboard/sid-podman): debs/, root/ (unpacked), bin/.
# Exit codes: 0 ok, 1 other error, 2 usage, 3 the packages could not be downloaded.
set -euo pipefail
cd "$(dirname "$0")"

CACHE="${ND_NEWER_PODMAN_CACHE:-/var/cache/netdashboard/sid-podman}"
SID_DOCKER_CACHE="${ND_NEWER_DOCKERD_CACHE:-/var/cache/netdashboard/sid-docker}"
PACKAGES=(podman conmon netavark aardvark-dns catatonit golang-github-containers-common
  libc6 libgcc-s1 libgpgme45 libassuan9 libgpg-error0 libseccomp2 libsqlite3-0 libsubid6 libglib2.0-0t64 libpcre2-8-0 libsystemd0)
# root-relative path → name in bin/
BINARIES=(usr/bin/podman usr/bin/conmon usr/lib/podman/netavark usr/lib/podman/aardvark-dns)
STAMP="$CACHE/bin/.netdashboard-patched"

log() { printf '[newer-podman] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
unreachable() { log "ERROR: cannot download sid's podman packages: $*"; exit 3; }

[ $# -eq 1 ] && [ "$1" = fetch ] || { echo "usage: $0 fetch" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "must run as root"

ready() { [ -f "$STAMP" ] && [ -x "$CACHE/bin/podman" ] && "$CACHE/bin/podman" --version >/dev/null 2>&1; }
if ready; then echo "$CACHE/bin"; exit 0; fi

for tool in apt-get dpkg-deb flock; do command -v "$tool" >/dev/null || die "$tool is missing"; done
if ! command -v patchelf >/dev/null; then
  log "installing patchelf (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends patchelf >/dev/null
fi
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock -w 900 9 || die "another fetch holds $CACHE/.lock"
if ready; then echo "$CACHE/bin"; exit 0; fi

# The separate sid apt configuration (made by newer-dockerd.sh; its exit code 3 means the mirror is out of reach).
if [ ! -f "$SID_DOCKER_CACHE/apt/apt.conf" ]; then
  ./newer-dockerd.sh fetch sid >/dev/null || { rc=$?; [ $rc = 3 ] && exit 3; die "newer-dockerd.sh fetch sid failed ($rc)"; }
fi
APT=(apt-get -c "$SID_DOCKER_CACHE/apt/apt.conf" -q)
log "apt-get update (separate configuration: $SID_DOCKER_CACHE/apt)"
out="$("${APT[@]}" update 2>&1)" || { printf '%s\n' "$out" >&2; unreachable "apt-get update failed (see above)"; }

DEBS="$CACHE/debs"
rm -rf "$DEBS.tmp"; mkdir -p "$DEBS.tmp"
if id _apt >/dev/null 2>&1; then chown _apt "$DEBS.tmp"; fi
log "apt-get download ${PACKAGES[*]}"
out="$(cd "$DEBS.tmp" && "${APT[@]}" download "${PACKAGES[@]}" 2>&1)" \
  || { printf '%s\n' "$out" >&2; rm -rf "$DEBS.tmp"; unreachable "apt-get download failed (see above)"; }
chown -R root: "$DEBS.tmp"
rm -rf "$DEBS"; mv "$DEBS.tmp" "$DEBS"

ROOT="$CACHE/root"
rm -rf "$ROOT" "$CACHE/bin"; mkdir -p "$ROOT" "$CACHE/bin"
for deb in "$DEBS"/*.deb; do dpkg-deb -x "$deb" "$ROOT"; done
LOADER="$ROOT/usr/lib64/ld-linux-x86-64.so.2"
LIBS="$ROOT/usr/lib/x86_64-linux-gnu"
[ -x "$LOADER" ] || die "the unpacked libc6 has no usr/lib64/ld-linux-x86-64.so.2"
for b in "${BINARIES[@]}"; do
  [ -x "$ROOT/$b" ] || die "the unpacked packages have no $b"
  cp "$ROOT/$b" "$CACHE/bin/"
  patchelf --set-interpreter "$LOADER" --force-rpath --set-rpath "$LIBS" "$CACHE/bin/$(basename "$b")"
done
cp "$ROOT/usr/bin/catatonit" "$CACHE/bin/" # static
"$CACHE/bin/podman" --version >&2 || die "the patched podman does not run"
(cd "$DEBS" && ls -1 ./*.deb | sed 's|^\./||') >"$STAMP"
echo "$CACHE/bin"
