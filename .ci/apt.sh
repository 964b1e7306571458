# Sourced by .ci/run. apt-get that waits for another apt/dpkg process (unattended upgrades, a
# parallel session) instead of failing on its lock:
#  - DPkg::Lock::Timeout makes `install` wait for dpkg's frontend lock;
#  - `update` takes the lists lock, which that option does not cover (apt 2.6 fails at once with
#    "Could not get lock …/lists/lock"): retry while the only error is a lock held elsewhere.
# APT_LOCK_WAIT_SECONDS bounds the wait (default 600).
apt_get_waiting() {
  local limit="${APT_LOCK_WAIT_SECONDS:-600}" waited=0 out rc
  while :; do
    rc=0
    out=$(apt-get -o "DPkg::Lock::Timeout=${limit}" "$@" 2>&1) || rc=$?
    if [ "$rc" -eq 0 ]; then
      [ -n "$out" ] && printf '%s\n' "$out"
      return 0
    fi
    if grep -qE 'Could not get lock|Unable to (acquire|lock)' <<<"$out" && [ "$waited" -lt "$limit" ]; then
      echo "apt: lock held by another process, waiting (${waited}s so far)"
      sleep 2
      waited=$((waited + 2))
      continue
    fi
    printf '%s\n' "$out" >&2
    return "$rc"
  done
}
