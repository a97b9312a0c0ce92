#!/usr/bin/env bash
# Builds local stand-ins for the images the Dockerfile and docker-compose.yml name but that no registry here can
# serve (facts: ../shared/docs/docker-lab.md, "ASP.NET Core image without mcr.microsoft.com"):
#   aspnet  busybox + the host's runtime libraries + the host's .NET runtime (shared/, host/), user app (1654)
#           like mcr.microsoft.com/dotnet/aspnet:10.0;
#   sdk     the same with the host's whole SDK, plus a layer holding exactly the NuGet packages the app restores
#           (copied from the host's global packages folder, which also serves as the only NuGet source), so
#           `docker build --network none` restores offline;
#   proxy   busybox + Debian's haproxy with scripts/docker-socket-proxy/haproxy.cfg: a stand-in for
#           tecnativa/docker-socket-proxy that honours the same variables (CONTAINERS, NETWORKS, EVENTS, ...).
# Each image is tagged by what it was made from (runtime/SDK version, package set, proxy files), kept between
# runs and reused when present. Prints the three names as KEY=VALUE lines on stdout; progress goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[base-images] %s\n' "$*" >&2; }

LABEL=netdashboard.test=1
DOTNET_ROOT_DIR=$(dirname "$(readlink -f "$(command -v dotnet)")")
RUNTIME_VERSION=$(ls "$DOTNET_ROOT_DIR/shared/Microsoft.AspNetCore.App" | sort -V | tail -1)
SDK_VERSION=$(dotnet --version)
export DOCKER_BUILDKIT=0 # the legacy builder never pulls a local FROM image; BuildKit in 20.10 may try

need=()
command -v haproxy >/dev/null || need+=(haproxy)
command -v jq >/dev/null || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

exists() { docker image inspect "$1" >/dev/null 2>&1; }

# A root with busybox (relative applet links), merged-/usr symlinks, /tmp, and users root and app (1654).
new_root() {
  local r=$1
  mkdir -p "$r/bin" "$r/etc" "$r/tmp" "$r/usr/lib" "$r/usr/lib64" "$r/usr/bin" "$r/home/app" "$r/root"
  ln -s usr/lib "$r/lib"
  ln -s usr/lib64 "$r/lib64"
  chmod 1777 "$r/tmp"
  cp /bin/busybox "$r/bin/"
  for a in $("$r/bin/busybox" --list); do [ -e "$r/bin/$a" ] || ln -s busybox "$r/bin/$a"; done
  printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1654:1654:app:/home/app:/bin/sh\n' >"$r/etc/passwd"
  printf 'root:x:0:\napp:x:1654:\n' >"$r/etc/group"
  chown 1654:1654 "$r/home/app"
}

# Copies the files (not folders) of Debian packages, keeping symlinks, into root $1.
copy_packages() {
  local r=$1; shift
  dpkg -L "$@" | grep -v -E '^/usr/share/(doc|man|lintian|bug)/' | while read -r f; do
    if [ -f "$f" ] || [ -L "$f" ]; then printf '%s\n' "${f#/}"; fi
  done | tar -C / --no-recursion -cf - -T - | tar -C "$r" --keep-directory-symlink -xf -
}

# The libraries .NET needs (docker-lab.md), the host's certificate roots, and the dotnet folders named in $2...
dotnet_root() {
  local r=$1; shift
  new_root "$r"
  copy_packages "$r" libc6 libgcc-s1 libstdc++6 zlib1g libssl3 libicu72 ca-certificates tzdata
  mkdir -p "$r/etc/ssl" "$r/usr/share/dotnet"
  cp -a /etc/ssl/certs "$r/etc/ssl/"
  for d in "$@"; do cp -a "$DOTNET_ROOT_DIR/$d" "$r/usr/share/dotnet/"; done
  ln -s ../share/dotnet/dotnet "$r/usr/bin/dotnet"
}

import() { # root tag [extra docker import -c ...]
  local r=$1 tag=$2; shift 2
  tar -C "$r" -cf - . | docker import \
    -c "LABEL $LABEL" \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$@" - "$tag" >/dev/null
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- aspnet stand-in: what mcr.microsoft.com/dotnet/aspnet:10.0 sets (user app, port 8080, APP_UID).
ASPNET=netdashboard-test/aspnet:$RUNTIME_VERSION
if ! exists "$ASPNET"; then
  log "building $ASPNET"
  dotnet_root "$work/aspnet" dotnet host shared LICENSE.txt ThirdPartyNotices.txt
  import "$work/aspnet" "$ASPNET" \
    -c 'ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true' \
    -c 'CMD ["/bin/sh"]'
  rm -rf "$work/aspnet"
fi

# --- sdk stand-in: the whole SDK; NuGet's only source is its own global packages folder (filled below).
SDK_BASE=netdashboard-test/sdk:$SDK_VERSION
if ! exists "$SDK_BASE"; then
  log "building $SDK_BASE"
  dotnet_root "$work/sdk" .
  mkdir -p "$work/sdk/root/.nuget/NuGet" "$work/sdk/root/.nuget/packages"
  cat >"$work/sdk/root/.nuget/NuGet/NuGet.Config" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="/root/.nuget/packages" />
  </packageSources>
</configuration>
EOF
  import "$work/sdk" "$SDK_BASE" \
    -c 'ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_RUNNING_IN_CONTAINER=true' \
    -c 'CMD ["/bin/sh"]'
  rm -rf "$work/sdk"
fi

# The packages restoring the web project takes (each project's assets file lists its transitive ones; a project
# referenced by the web project may need one that the web project's own graph drops), tagged by that list.
dotnet restore src/NetDashboard/NetDashboard.csproj -nologo -v quiet >&2
GPF=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
jq -r '.libraries | to_entries[] | select(.value.type == "package") | .value.path' \
  src/*/obj/project.assets.json | sort -u >"$work/packages.txt"
feed_hash=$( (echo "$SDK_BASE"; cat "$work/packages.txt") | sha256sum | cut -c1-12)
SDK=netdashboard-test/sdk:$SDK_VERSION-packages-$feed_hash
if ! exists "$SDK"; then
  log "building $SDK ($(wc -l <"$work/packages.txt") packages)"
  mkdir -p "$work/feed/packages"
  while read -r p; do
    mkdir -p "$work/feed/packages/$p"
    cp -a "$GPF/$p/." "$work/feed/packages/$p/"
  done <"$work/packages.txt"
  printf 'FROM %s\nCOPY packages/ /root/.nuget/packages/\nLABEL %s\n' "$SDK_BASE" "$LABEL" >"$work/feed/Dockerfile"
  docker build -q --network none -t "$SDK" "$work/feed" >/dev/null 2>"$work/build.err" || { cat "$work/build.err" >&2; exit 1; }
  rm -rf "$work/feed"
  # Older package sets of this SDK are of no more use.
  docker images --format '{{.Repository}}:{{.Tag}}' "netdashboard-test/sdk" | grep -F -- "$SDK_VERSION-packages-" |
    grep -v -x -F "$SDK" | xargs -r docker rmi >/dev/null 2>&1 || true
fi

# --- docker-socket-proxy stand-in: haproxy and the libraries it links, with our allow-list.
proxy_hash=$( (haproxy -v | head -1; cat scripts/docker-socket-proxy/haproxy.cfg) | sha256sum | cut -c1-12)
PROXY=netdashboard-test/docker-socket-proxy:$proxy_hash
if ! exists "$PROXY"; then
  log "building $PROXY"
  new_root "$work/proxy"
  hap=$(command -v haproxy)
  mkdir -p "$work/proxy/usr/sbin" "$work/proxy/usr/local/etc/haproxy" "$work/proxy/run" "$work/proxy/var/run"
  cp "$hap" "$work/proxy/usr/sbin/haproxy"
  for lib in $(ldd "$hap" | grep -o '/[^ ]*'); do
    mkdir -p "$work/proxy$(dirname "$lib")"
    cp -L "$lib" "$work/proxy$lib"
  done
  cp scripts/docker-socket-proxy/haproxy.cfg "$work/proxy/usr/local/etc/haproxy/haproxy.cfg"
  # Defaults as in tecnativa/docker-socket-proxy: only events, ping and version until a variable says more.
  import "$work/proxy" "$PROXY" \
    -c 'ENV SOCKET_PATH=/var/run/docker.sock CONTAINERS=0 NETWORKS=0 EVENTS=1 PING=1 VERSION=1 INFO=0 EXEC=0 POST=0' \
    -c 'EXPOSE 2375' \
    -c 'CMD ["/usr/sbin/haproxy", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]'
  rm -rf "$work/proxy"
  docker images --format '{{.Repository}}:{{.Tag}}' netdashboard-test/docker-socket-proxy | grep -v -x -F "$PROXY" |
    xargs -r docker rmi >/dev/null 2>&1 || true
fi

echo "NETDASHBOARD_SDK_IMAGE=$SDK"
echo "NETDASHBOARD_ASPNET_IMAGE=$ASPNET"
echo "DOCKER_PROXY_IMAGE=$PROXY"
