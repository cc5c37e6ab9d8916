#!/bin/sh
# Golden tests of the debugging output: the -singlestep -d in_asm,op,cpu log of tiny.S,
# -d exec and page, and the -strace lines of sys.S (pids masked). The programs have no libc
# and run with an empty environment from a fixed name, so every address is reproducible.
# Set RVEMU_GOLDEN_UPDATE=1 to rewrite the expected files after a deliberate format change.
set -u
dir=$top_srcdir/t/debug
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
cp "$top_builddir/t/debug/tiny.elf" "$top_builddir/t/debug/sys.elf" "$tmp/" || exit 99

compare() { # name of the expected file in t/debug, actual file
  if [ -n "${RVEMU_GOLDEN_UPDATE:-}" ]; then cp "$2" "$dir/$1"; return; fi
  if ! cmp -s "$dir/$1" "$2"; then
    echo "FAIL $1:"; diff -u "$dir/$1" "$2" | head -40; fail=1
  else
    echo "ok   $1"
  fi
}

cd "$tmp" || exit 99
env -i "$RVEMU" -singlestep -d in_asm,op,cpu -D tiny.log ./tiny.elf >tiny.out || fail=1
compare tiny.singlestep.golden tiny.log
env -i "$RVEMU" -d in_asm,exec,nochain,page ./tiny.elf 2>&1 >/dev/null |
  sed 's/^\(Trace [0-9]*: \)0x[0-9a-f]*/\1HOST/; s/^Trace [0-9]*:/Trace TID:/' >tiny.exec
compare tiny.exec.golden tiny.exec
env -i "$RVEMU" -singlestep -d cpu,fpu -dfilter 0x10120+2 ./tiny.elf 2>fpu.log >/dev/null
compare tiny.fpu.golden fpu.log
env -i "$RVEMU" -strace ./sys.elf 2>&1 | sed 's/^[0-9][0-9]* /PID /' >sys.strace
compare sys.strace.golden sys.strace
[ "$(cat tiny.out)" = "tiny!" ] || { echo "FAIL tiny.elf output: $(cat tiny.out)"; fail=1; }
# -d help lists the items and exits 0; an unknown item is a one-line error
"$RVEMU" -d help ./tiny.elf | grep -q "^in_asm" || { echo "FAIL -d help"; fail=1; }
"$RVEMU" -d bogus ./tiny.elf 2>err; [ $? = 1 ] && [ "$(wc -l <err)" = 1 ] || { echo "FAIL -d bogus"; fail=1; }
"$RVEMU" -dfilter 12..3 ./tiny.elf 2>err; [ $? = 1 ] || { echo "FAIL bad -dfilter accepted"; fail=1; }
[ $fail = 0 ] && echo "PASS golden"
exit $fail
