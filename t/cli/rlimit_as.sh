#!/bin/sh
# rvemu under a low RLIMIT_AS (ulimit -v): with room to spare it says nothing; under a tight
# limit it shrinks the guest address space (and the JIT's code region), says so in one line
# and runs the program, whose large mappings get ENOMEM; an -R that does not fit and a limit
# too low for anything are refused with one line and a non-zero status, never a crash.
set -u
RVEMU=${RVEMU:-./rvemu}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL $*"; fail=1; }

[ -n "${GUEST_CC:-}" ] || { echo "SKIP rlimit_as: no guest compiler"; exit 77; }
# The sanitizers reserve terabytes of shadow memory at start: no low ulimit -v can run them.
if grep -aq -e __asan_init -e __tsan_init -e __msan_init "$RVEMU"; then
  echo "SKIP rlimit_as: a sanitizer build cannot start under a low RLIMIT_AS"; exit 77
fi
cat >"$tmp/p.c" <<'C'
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
int main(void)
{
    void *p = mmap(0, 1ul << 30, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("hello\nmmap 1G: %s\n", p == MAP_FAILED ? strerror(errno) : "ok");
    return 0;
}
C
$GUEST_CC -O1 -static -o "$tmp/p" "$tmp/p.c" || { echo "cannot build the probe"; exit 99; }

# run KIB ARGS...: rvemu under ulimit -v KIB; status in $st, stdout and stderr in files
run() {
  lim=$1; shift
  (ulimit -v "$lim" && exec "$RVEMU" "$@" "$tmp/p") >"$tmp/out" 2>"$tmp/err"
  st=$?
}
shrunk='^rvemu: RLIMIT_AS allows only [0-9]* MiB: guest address space reduced to [0-9]* MiB'

# generous (more than the 256 GiB default): as without a limit
run 400000000
[ $st = 0 ] && grep -q '^mmap 1G: ok$' "$tmp/out" || no "generous: status $st, $(cat "$tmp/out" "$tmp/err")"
[ -s "$tmp/err" ] && no "generous: unexpected stderr: $(cat "$tmp/err")"

# tight: a smaller address space, one line saying so, the program runs; 1 GiB cannot fit
for opts in "" --no-jit; do
  run 200000 $opts
  [ $st = 0 ] && grep -q '^hello$' "$tmp/out" || no "tight $opts: status $st, $(cat "$tmp/out" "$tmp/err")"
  grep -q '^mmap 1G: Cannot allocate memory$' "$tmp/out" || no "tight $opts: 1G mapping: $(cat "$tmp/out")"
  [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "$shrunk" "$tmp/err" || no "tight $opts: stderr: $(cat "$tmp/err")"
done
# -d guest_errors tells why the guest's mapping failed, once
run 200000 -d guest_errors
grep -q 'guest error: mmap .*guest address space' "$tmp/err" || no "guest_errors: $(cat "$tmp/err")"

# an explicit -R that does not fit: refused in one line
run 200000 -R 1G
[ $st != 0 ] && [ $st -lt 128 ] || no "-R 1G under 200 MB: status $st"
[ "$(wc -l <"$tmp/err")" = 1 ] && grep -q 'does not fit under RLIMIT_AS' "$tmp/err" ||
  no "-R 1G under 200 MB: stderr: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && no "-R 1G under 200 MB: the program ran"

# impossible: refused in one line, no crash
run 30000
[ $st != 0 ] && [ $st -lt 128 ] || no "impossible: status $st"
[ "$(wc -l <"$tmp/err")" = 1 ] && grep -q '^rvemu: RLIMIT_AS allows only [0-9]* MiB: too little' "$tmp/err" ||
  no "impossible: stderr: $(cat "$tmp/err")"

[ $fail = 0 ] && echo "PASS rlimit_as"
exit $fail
