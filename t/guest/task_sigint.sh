#!/bin/sh
# SIGINT from outside to a guest spinning without system calls (task_spin.elf): with a
# handler it notices the flag, prints "got SIGINT" and exits 0; without one it dies of SIGINT
# (status 130 as the shell sees it). The guest runs as a background job, so it also reports
# the SIGINT disposition inherited from the shell (ignored). Run under rvemu in the
# interpreter and every RVEMU_EXTRA_MODES mode, and under qemu-riscv64 as a check of the
# test itself. Never hangs: the wait for "ready" is bounded and a watchdog kills the guest.
set -u
: "${RVEMU:?RVEMU must name the rvemu binary}"
top_builddir=${top_builddir:-.}
spin=$top_builddir/t/guest/task_spin.elf
[ -x "$spin" ] || { echo "task_sigint: $spin not built" >&2; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

# label, expected status, expected stdout, spin argument (or none), runner...
check() {
  label=$1 want_st=$2 want_out=$3 arg=$4
  shift 4
  out=$tmp/out err=$tmp/err
  : >"$out"
  if [ "$arg" = none ]; then
    "$@" "$spin" >"$out" 2>"$err" &
  else
    "$@" "$spin" "$arg" >"$out" 2>"$err" &
  fi
  pid=$!
  ( # watchdog: SIGKILL after 30 s; ends by itself soon after the guest does
    n=0
    while kill -0 "$pid" 2>/dev/null; do
      n=$((n + 1))
      if [ $n -ge 300 ]; then kill -KILL "$pid" 2>/dev/null; break; fi
      sleep 0.1
    done ) >/dev/null 2>&1 &
  dog=$!
  i=0
  while ! grep -q '^ready$' "$out" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 200 ] || ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.05
  done
  sleep 0.1 # let it enter the loop
  kill -INT "$pid" 2>/dev/null
  wait "$pid"
  st=$?
  wait "$dog" 2>/dev/null
  got=$(cat "$out")
  if [ "$st" != "$want_st" ] || [ "$got" != "$want_out" ]; then
    echo "FAIL [$label]: status $st (expected $want_st), stdout:"
    sed 's/^/  | /' "$out"
    echo "  expected:"
    printf '%s\n' "$want_out" | sed 's/^/  | /'
    sed 's/^/  stderr: /' "$err" | head -10
    fail=1
  else
    echo "ok   [$label]"
  fi
}

with_handler='inherited SIGINT: ignored
ready
got SIGINT'
without_handler='inherited SIGINT: ignored
ready'

runners="interp"
for mode in ${RVEMU_EXTRA_MODES:-}; do runners="$runners $mode"; done
if [ -n "${QEMU_RISCV64:-}" ] && [ -z "${RVEMU_NO_QEMU:-}" ]; then runners="$runners qemu"; fi
for r in $runners; do
  case $r in
    interp) set -- "$RVEMU" --no-jit ;;
    qemu) set -- "$QEMU_RISCV64" ;;
    *) set -- "$RVEMU" "$r" ;;
  esac
  check "$r handler" 0 "$with_handler" none "$@"
  check "$r no handler" 130 "$without_handler" nohandler "$@"
done
[ $fail = 0 ] && echo "PASS task_sigint"
exit $fail
