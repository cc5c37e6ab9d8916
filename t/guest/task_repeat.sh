#!/bin/sh
# Runs the threaded guest tests many times under rvemu to shake out races (not part of
# make check). From the build directory, after make check (or make the .elf files):
#   sh $srcdir/t/guest/task_repeat.sh [N] [test...]
# N defaults to 20; tests default to the threaded ones below (names without .elf; a .dyn
# name runs the dynamic build). Each run is compared with NAME.out/NAME.status as t/run-guest
# does and limited to 60 s (timeout(1)); a run that times out is reported as a hang.
# Environment: RVEMU (default ./rvemu), RVEMU_ARGS (default --no-jit), top_builddir
# (default .), top_srcdir (default: two directories above this script).
set -u
n=${1:-20}
[ $# -gt 0 ] && shift
here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$(cd "$here/../.." && pwd)}
top_builddir=${top_builddir:-.}
RVEMU=${RVEMU:-$top_builddir/rvemu}
RVEMU_ARGS=${RVEMU_ARGS---no-jit}
tests=${*:-"task_pthreads task_pthreads.dyn task_atomics_mt task_atomics_mt.dyn task_cxx_threads
  task_cxx_threads.dyn task_go task_go.dyn task_signals task_fork"}
[ -x "$RVEMU" ] || { echo "task_repeat: no rvemu at $RVEMU" >&2; exit 2; }
case $RVEMU in /*) ;; *) RVEMU=$(cd "$(dirname "$RVEMU")" && pwd)/$(basename "$RVEMU") ;; esac
bdir=$(cd "$top_builddir/t/guest" && pwd) || exit 2
sdir=$top_srcdir/t/guest
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
total_bad=0

for t in $tests; do
  elf=$bdir/$t.elf
  if [ ! -x "$elf" ]; then echo "skip $t (not built)"; continue; fi
  b=${t%.dyn}
  want_st=0; [ -f "$sdir/$b.status" ] && want_st=$(cat "$sdir/$b.status")
  opts=""; [ -f "$sdir/$b.opts" ] && opts=$(cat "$sdir/$b.opts")    # as t/run-guest
  fails=0 hangs=0 i=0
  while [ $i -lt "$n" ]; do
    i=$((i + 1))
    rm -rf "$tmp/cwd"; mkdir "$tmp/cwd"
    # (the subshell waits and exits with the status, so its shell, not ours, reports a death
    # by signal, to /dev/null)
    # shellcheck disable=SC2086
    (cd "$tmp/cwd" || exit 99
     env -i PATH=/usr/bin:/bin RVTEST=1 timeout -s KILL 60 "$RVEMU" $RVEMU_ARGS $opts "$elf" \
        </dev/null >"$tmp/out" 2>"$tmp/err"
     exit $?) 2>/dev/null
    st=$?
    if [ $st = 137 ] && [ "$want_st" != 137 ]; then
      hangs=$((hangs + 1)); echo "  $t run $i: HANG (killed after 60 s)"
    elif [ "$st" != "$want_st" ] || ! cmp -s "$sdir/$b.out" "$tmp/out"; then
      fails=$((fails + 1)); echo "  $t run $i: FAIL status $st (expected $want_st)"
      diff "$sdir/$b.out" "$tmp/out" | head -5 | sed 's/^/    /'
      head -3 "$tmp/err" | sed 's/^/    stderr: /'
    fi
  done
  echo "$t: $n runs, $fails failed, $hangs hung"
  total_bad=$((total_bad + fails + hangs))
done
[ $total_bad = 0 ]
