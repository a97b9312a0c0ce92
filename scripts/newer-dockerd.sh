#!/usr/bin/env bash
# A newer Docker engine for API-compatibility tests, unpacked beside the machine's own (bookworm) one and never
# installed: Debian 13 "trixie" (docker.io 26.1.x, API 1.45) or Debian sid (docker.io 28.5.x, API 1.51, containerd 2.1).
#
#   newer-dockerd.sh fetch [SUITE]   downloads the SUITE (default trixie; or sid) packages docker.io, containerd and
#                             docker-cli with `apt-get download` and unpacks them with `dpkg-deb -x`; prints the
#                             unpacked root (stdout, one line).
#                             Idempotent: when the root is already unpacked, prints it without touching the network.
#
# Run it as root. Then start a daemon from that root with scripts/second-dockerd.sh, e.g.
#   ND_DOCKERD_ROOT="$(scripts/newer-dockerd.sh fetch)" ND_DOCKERD_ENV="DOCKER_MIN_API_VERSION=1.44" \
#     scripts/second-dockerd.sh start ndnew 10.231.41.1/24
# (second-dockerd.sh keeps the machine's runc: trixie's runc needs glibc 2.38, bookworm has 2.36; the unpacked
# dockerd, containerd, shims, docker-proxy and docker CLI need glibc 2.34.) docker-cli is fetched too because the
# bookworm CLI (20.10, API 1.41) is refused by a daemon started with DOCKER_MIN_API_VERSION=1.44.
#
# The machine's apt setup stays untouched: apt runs with its own configuration under the cache folder (own source
# list holding only a trixie source, own preferences, lists and package cache), and `apt-get update` refreshes only
# those lists. The trixie source uses the archive the machine's own sources already use for its release (read with
# `apt-get indextargets`), so no other host is contacted.
#
# Cache: $ND_NEWER_DOCKERD_CACHE (default /var/cache/netdashboard/SUITE-docker): apt/ (config, lists), debs/,
# root/ (the unpacked packages, complete once root/.netdashboard-unpacked exists).
# Exit codes: 0 ok, 1 other error, 2 usage, 3 the packages could not be downloaded (mirror unreachable, refused,
# signature or package missing).
set -euo pipefail

SUITE="${2:-${ND_NEWER_DOCKERD_SUITE:-trixie}}"
CACHE="${ND_NEWER_DOCKERD_CACHE:-/var/cache/netdashboard/$SUITE-docker}"
PACKAGES=(docker.io containerd docker-cli)
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
STAMP="$CACHE/root/.netdashboard-unpacked"

log() { printf '[newer-dockerd] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
unreachable() { log "ERROR: cannot download the $SUITE packages (${PACKAGES[*]}): $*"; exit 3; }
usage() { echo "usage: $0 fetch [trixie|sid]" >&2; exit 2; }

{ [ $# -eq 1 ] || [ $# -eq 2 ]; } && [ "$1" = fetch ] || usage
[ "$(id -u)" = 0 ] || die "must run as root"
[[ "$SUITE" =~ ^[a-z0-9-]+$ ]] || die "bad suite '$SUITE'"

unpacked() {
  [ -f "$STAMP" ] && [ -x "$CACHE/root/usr/sbin/dockerd" ] && [ -x "$CACHE/root/usr/bin/containerd" ] \
    && [ -x "$CACHE/root/usr/bin/docker" ]
}

if unpacked; then echo "$CACHE/root"; exit 0; fi

for tool in apt-get dpkg-deb flock; do command -v "$tool" >/dev/null || die "$tool is missing"; done
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock -w 900 9 || die "another fetch holds $CACHE/.lock"
if unpacked; then echo "$CACHE/root"; exit 0; fi # a concurrent fetch finished meanwhile

# The archive the machine already uses for its own release (e.g. http://deb.debian.org/debian/), as apt reads it
# from the machine's sources (one-line or deb822 format alike).
. /etc/os-release
CODENAME="${VERSION_CODENAME:-}"
[ -n "$CODENAME" ] || die "/etc/os-release names no VERSION_CODENAME"
MIRROR="$(apt-get indextargets --format '$(TARGET_OF) $(RELEASE) $(COMPONENT) $(REPO_URI)' 'Identifier: Packages' 2>/dev/null \
  | awk -v r="$CODENAME" '$1 == "deb" && $2 == r && $3 == "main" { print $4; exit }')"
[ -n "$MIRROR" ] || unreachable "the machine's apt sources name no 'deb … $CODENAME main' archive to take the mirror from"
[ -r "$KEYRING" ] || unreachable "$KEYRING is missing (package debian-archive-keyring)"
ARCH="$(dpkg --print-architecture)"
log "mirror $MIRROR (from the machine's $CODENAME source), suite $SUITE, arch $ARCH"

APT_DIR="$CACHE/apt"
mkdir -p "$APT_DIR/sources.list.d" "$APT_DIR/preferences.d" "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
: >"$APT_DIR/sources.list"
: >"$APT_DIR/preferences"
cat >"$APT_DIR/sources.list.d/$SUITE.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE
Components: main
Architectures: $ARCH
Targets: Packages
Signed-By: $KEYRING
EOF
# Read after the machine's apt.conf.d (so a proxy configured there still applies); everything that names sources,
# pins, lists or caches points into the cache folder, and the machine's update hooks do not run.
cat >"$APT_DIR/apt.conf" <<EOF
Dir::Etc::SourceList "$APT_DIR/sources.list";
Dir::Etc::SourceParts "$APT_DIR/sources.list.d";
Dir::Etc::Preferences "$APT_DIR/preferences";
Dir::Etc::PreferencesParts "$APT_DIR/preferences.d";
Dir::State::Lists "$APT_DIR/lists";
Dir::Cache "$APT_DIR/cache";
Dir::Cache::archives "$APT_DIR/cache/archives";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
#clear DPkg::Pre-Invoke;
#clear DPkg::Post-Invoke;
Acquire::Languages "none";
Acquire::Retries "2";
Acquire::http::Timeout "30";
Acquire::https::Timeout "30";
EOF
APT=(apt-get -c "$APT_DIR/apt.conf" -q)

log "apt-get update (separate configuration: $APT_DIR)"
out="$("${APT[@]}" update 2>&1)" || { printf '%s\n' "$out" >&2; unreachable "apt-get update of $MIRROR $SUITE failed (see above)"; }
# apt-get update can exit 0 after a failed fetch ("W: Failed to fetch …"); the list must be there.
if ! compgen -G "$APT_DIR/lists/*_dists_${SUITE}_main_binary-${ARCH}_Packages*" >/dev/null; then
  printf '%s\n' "$out" >&2
  unreachable "apt-get update of $MIRROR $SUITE fetched no package list (see above)"
fi

DEBS="$CACHE/debs"
rm -rf "$DEBS.tmp"; mkdir -p "$DEBS.tmp"
# apt downloads as user _apt when it can; let it write the folder.
if id _apt >/dev/null 2>&1; then chown _apt "$DEBS.tmp"; fi
log "apt-get download ${PACKAGES[*]}"
out="$(cd "$DEBS.tmp" && "${APT[@]}" download "${PACKAGES[@]}" 2>&1)" \
  || { printf '%s\n' "$out" >&2; rm -rf "$DEBS.tmp"; unreachable "apt-get download failed (see above)"; }
for p in "${PACKAGES[@]}"; do
  compgen -G "$DEBS.tmp/${p}_*.deb" >/dev/null || { rm -rf "$DEBS.tmp"; unreachable "apt-get download left no ${p}_*.deb"; }
done
chown -R root: "$DEBS.tmp"
rm -rf "$DEBS"; mv "$DEBS.tmp" "$DEBS"

ROOT_TMP="$CACHE/root.tmp"
rm -rf "$ROOT_TMP" "$CACHE/root"; mkdir -p "$ROOT_TMP"
for deb in "$DEBS"/*.deb; do
  log "unpacking $(basename "$deb")"
  dpkg-deb -x "$deb" "$ROOT_TMP"
done
[ -x "$ROOT_TMP/usr/sbin/dockerd" ] || die "the unpacked docker.io has no usr/sbin/dockerd"
[ -x "$ROOT_TMP/usr/bin/containerd" ] || die "the unpacked containerd has no usr/bin/containerd"
[ -x "$ROOT_TMP/usr/bin/docker" ] || die "the unpacked docker-cli has no usr/bin/docker"
(cd "$DEBS" && ls -1 ./*.deb | sed 's|^\./||') >"$ROOT_TMP/.netdashboard-unpacked"
mv "$ROOT_TMP" "$CACHE/root"
log "unpacked: $(tr '\n' ' ' <"$STAMP")"
echo "$CACHE/root"
