#!/bin/sh
# Cases 12 and 25, seen from outside while the guest waits: the rvemu process has no
# writable-and-executable mapping and no executable mapping but its own code and libraries
# (guest RWX pages are host RW) and, with the JIT, anonymous read+execute pages inside one
# region no larger than the JIT's reservation (128 MiB for the default --jit-cache-size); /proc/<pid>/status shows NoNewPrivs 1 and Seccomp 2 under basic and
# strict, Seccomp 0 with --sandbox=off.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
rv=$(cd "$(dirname "$RVEMU")" && pwd -P)/$(basename "$RVEMU")
look() { # policy, expected Seccomp value
  # emptied here, not by the background redirection: the wait below must not see the
  # previous run's "ready" before that redirection happens
  : >"$T/out"
  (cd "$T/work" && exec "$RVEMU" $sbx_mode $1 "$elf") </dev/null >"$T/out" 2>"$T/err" &
  pid=$!
  bg_pids="$bg_pids $pid"
  for i in $(seq 1 200); do grep -q ready "$T/out" 2>/dev/null && break; sleep 0.1; done
  expect "mmap rwx: ok"
  expect "generated code runs: 42"
  expect "mprotect rx: ok"
  expect "mprotect rwx: ok"
  awk '$2 ~ /x/ { print $2, $6 }' "/proc/$pid/maps" >"$T/xmaps"
  grep -q "^rwx" "$T/xmaps" && bad "$1: a writable and executable host mapping"
  # the JIT's code: anonymous r-x pages, all inside one region
  awk '$2 ~ /x/ && $6 == "" { split($1, r, "-"); print r[1], r[2] }' "/proc/$pid/maps" >"$T/jit"
  if [ -s "$T/jit" ]; then
    [ "$sbx_mode" = --no-jit ] && bad "$1: executable anonymous memory without the JIT"
    span=$(awk 'NR == 1 { lo = $1 } { hi = $2 } END { print lo, hi }' "$T/jit" |
           { read -r lo hi; echo $(( 0x$hi - 0x$lo )); })
    [ "$span" -le $((128 << 20)) ] || bad "$1: executable anonymous memory spread over $span bytes"
    sed -i '/^r-xp $/d' "$T/xmaps"
  fi
  # rvemu's code and, in a dynamic build, its libraries; never anonymous or guest memory
  while read -r perm path; do
    case $path in
      "$rv"|"[vdso]"|"[vsyscall]"|/lib/*.so*|/usr/lib/*.so*|/lib64/*.so*|/usr/lib64/*.so*) ;;
      *) bad "$1: executable host mapping: $perm ${path:-(anonymous)}" ;;
    esac
  done <"$T/xmaps"
  sc=$(awk '/^Seccomp:/ { print $2 }' "/proc/$pid/status")
  [ "$sc" = "$2" ] || bad "$1: Seccomp: $sc, expected $2"
  if [ "$2" = 2 ]; then
    nnp=$(awk '/^NoNewPrivs:/ { print $2 }' "/proc/$pid/status")
    [ "$nnp" = 1 ] || bad "$1: NoNewPrivs: $nnp"
  fi
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
look "--sandbox=off" 0
if [ "${RVEMU_SECCOMP:-}" = yes ]; then
  look "--sandbox=basic" 2
  look "$STRICT" 2
fi
finish
