#!/bin/sh
# The JIT seen from the command line: --stats counts compiled blocks (none with --no-jit, and
# none refused), -d op lists a compiled block's stencils and -d out_asm its host code,
# -perfmap writes /tmp/perf-PID.map, bad --jit-* values are refused, and a small
# --jit-cache-size still gives the right answer (the code is flushed and rebuilt).
set -u
RVEMU=${RVEMU:-./rvemu}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL $*"; fail=1; }

for bad in --jit-threshold=x --jit-threshold=-1 --jit-cache-size=1K --jit-cache-size=9G --jit-region=0; do
  "$RVEMU" "$bad" /bin/true >/dev/null 2>"$tmp/err" && no "$bad accepted"
  [ "$(wc -l <"$tmp/err")" = 1 ] || no "$bad: not one line of error"
done
if ! "$RVEMU" --help | grep -q -- --jit-threshold; then
  echo "SKIP jit: no JIT in this build"; exit 77
fi
[ -n "${GUEST_CC:-}" ] || { echo "SKIP jit: no guest compiler"; exit 77; }
cat >"$tmp/p.c" <<'C'
#include <stdio.h>
int main(void)
{
    unsigned long s = 0;
    for (unsigned long i = 0; i < 3000000; i++)
        s += i * i ^ (s >> 7);
    printf("%lu\n", s);
    return 0;
}
C
$GUEST_CC -O2 -static -o "$tmp/p" "$tmp/p.c" || { echo "cannot build the probe"; exit 99; }
want=$("$RVEMU" --no-jit "$tmp/p")

"$RVEMU" --no-jit --stats "$tmp/p" 2>"$tmp/s" >/dev/null
grep -q "blocks compiled (JIT): 0 (JIT off)" "$tmp/s" || no "--no-jit --stats: $(grep compiled "$tmp/s")"
out=$("$RVEMU" --jit-threshold=0 --stats "$tmp/p" 2>"$tmp/s")
[ "$out" = "$want" ] || no "--jit-threshold=0: $out, expected $want"
n=$(sed -n 's/.*blocks compiled (JIT): \([0-9]*\) .*not compilable: \([0-9]*\)/\1 \2/p' "$tmp/s")
case $n in "0 "*|"") no "--stats: no block compiled ($n)" ;; *" 0") ;; *) no "--stats: blocks refused ($n)" ;; esac

"$RVEMU" --jit-threshold=0 -d op,out_asm -D "$tmp/log" "$tmp/p" >/dev/null
grep -q "^OP (JIT, block 0x" "$tmp/log" || no "-d op: no compiled block"
grep -q "X_ENTER" "$tmp/log" || no "-d op: no stencil names"
grep -Eq "^OUT: \[size=[0-9]+\]" "$tmp/log" || no "-d out_asm: no host code"

"$RVEMU" -perfmap --jit-threshold=0 "$tmp/p" >/dev/null &
pid=$!
wait $pid
map=/tmp/perf-$pid.map
grep -Eq "^[0-9a-f]+ [0-9a-f]+ rv:0x[0-9a-f]+$" "$map" 2>/dev/null || no "-perfmap: no $map with block lines"
rm -f "$map"

out=$("$RVEMU" --jit-cache-size=256K --jit-threshold=0 "$tmp/p")
[ "$out" = "$want" ] || no "--jit-cache-size=256K: $out"
[ $fail = 0 ] && echo "PASS jit"
exit $fail
