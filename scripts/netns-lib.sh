# Shared by scripts/second-dockerd.sh and scripts/podman-service.sh (sourced, not run): a test daemon's network
# namespace and folders. The caller defines log and die, and NETNS (the namespace's name) and NETNS_FILE
# (/var/run/netns/$NETNS).

# True while PID exists and is not a zombie (PID 1 here reaps orphans only every few seconds, and `kill -0`
# succeeds on a zombie).
alive() {
  local st; st="$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null || true)"
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

netns_usable() { [ -e "$NETNS_FILE" ] && nsenter --net="$NETNS_FILE" true 2>/dev/null; }

delete_netns() {
  [ -e "$NETNS_FILE" ] || return 0
  ip netns delete "$NETNS" 2>/dev/null || { umount "$NETNS_FILE" 2>/dev/null || true; rm -f "$NETNS_FILE"; }
}

ensure_netns() {
  if ! netns_usable; then
    if [ -e "$NETNS_FILE" ]; then
      log "netns file $NETNS_FILE exists but is not usable; recreating"
      delete_netns
    fi
    ip netns add "$NETNS"
  fi
  nsenter --net="$NETNS_FILE" ip link set lo up
}

mounts_under() { # canonical dir -> mount points at or below it, deepest first
  local dir="$1"
  awk -v d="$dir" '{ m=$5; gsub(/\\040/," ",m); if (m==d || index(m, d "/")==1) print m }' /proc/self/mountinfo \
    | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-
}

remove_root() { # dir
  local dir; dir="$(realpath -m "$1")"
  [ -e "$dir" ] || return 0
  local m
  while IFS= read -r m; do [ -n "$m" ] && umount -l "$m" 2>/dev/null || true; done < <(mounts_under "$dir")
  if [ -n "$(mounts_under "$dir")" ]; then
    die "still mounted under $dir, not removing it: $(mounts_under "$dir" | tr '\n' ' ')"
  fi
  rm -rf --one-file-system "$dir"
}
