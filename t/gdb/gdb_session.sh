#!/bin/sh
# rvemu -g against gdb-multiarch: breakpoint, next, locals, stepi, registers, backtrace,
# watchpoint, run to the end; a guest SIGSEGV; Ctrl-C; raw malformed packets (python3).
# Every command runs under timeout so that nothing can hang; skipped without gdb-multiarch.
set -u
RVEMU=${RVEMU:-./rvemu}
GDB=${GDB:-gdb-multiarch}
top_srcdir=${top_srcdir:-.}
command -v "$GDB" >/dev/null 2>&1 || { echo "SKIP: $GDB is not installed"; exit 77; }
[ -n "${GUEST_CC:-}" ] || { echo "SKIP: no guest compiler"; exit 77; }
unset DEBUGINFOD_URLS
tmp=$(mktemp -d) || exit 99
rvpid=
trap '[ -n "$rvpid" ] && kill $rvpid 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL $*"; fail=1; }

cat >"$tmp/prog.c" <<'C'
#include <stdio.h>
int counter;
int compute(int n)
{
    int x = n * 3;
    int y = x + 4;
    counter += y;
    return x + y;
}
int main(void)
{
    int r = compute(5);
    printf("result=%d counter=%d\n", r, counter);
    return 0;
}
C
cat >"$tmp/segv.c" <<'C'
int *volatile ptr;
int main(void)
{
    *ptr = 42;
    return 0;
}
C
cat >"$tmp/spin.c" <<'C'
volatile unsigned long spins;
volatile int stop;
int main(void)
{
    while (!stop)
        spins++;
    return 3;
}
C
for p in prog segv spin; do
  timeout 60 $GUEST_CC -g -O0 -static -o "$tmp/$p" "$tmp/$p.c" || { echo "cannot build $p"; exit 99; }
done

# start PORT PROG: rvemu waits for gdb on PORT (0: any free port); sets $port and $rvpid.
start() {
  : >"$tmp/rv.err"
  # the status goes through a file: the shell would report a guest that dies of SIGSEGV
  (timeout 60 "$RVEMU" -g "$1" "$2" >"$tmp/rv.out" 2>"$tmp/rv.err"; echo $? >"$tmp/rv.st") 2>/dev/null &
  rvpid=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's/^rvemu: waiting for gdb on port \([0-9]*\)$/\1/p' "$tmp/rv.err")
    [ -n "$port" ] && return 0
    kill -0 $rvpid 2>/dev/null || break
    sleep 0.05
  done
  wait $rvpid; rvpid=
  return 1
}
# finish: rvemu's exit status in $st
finish() { wait $rvpid; st=$(cat "$tmp/rv.st"); rvpid=; }
gdb_run() {
  exec timeout --foreground 60 "$GDB" -nx -batch -ex 'set architecture riscv:rv64' \
    -ex "target remote :$port" "$@"
}
has() { grep -q -- "$2" "$1" || { no "$3: no '$2' in $(basename "$1"):"; sed 's/^/  | /' "$1"; }; }

# 1. The session: an explicit port (retried when taken), then the usual commands, a write
#    watchpoint and an inferior call (it returns to a breakpoint on the non-executable stack).
ok=0
for i in 0 1 2 3 4; do
  start $((20000 + ($$ + i * 997) % 10000)) "$tmp/prog" && { ok=1; break; }
done
if [ $ok = 1 ]; then
  (gdb_run "$tmp/prog" -ex 'break compute' -ex 'continue' -ex 'next' -ex 'info locals' \
    -ex 'print x' -ex 'stepi' -ex 'info registers pc' -ex 'p $a0' -ex 'bt' \
    -ex 'info all-registers' -ex 'watch counter' -ex 'continue' -ex 'delete' \
    -ex 'print compute(2)' -ex 'continue' \
    >"$tmp/gdb1.out" 2>&1)
  finish
  o="$tmp/gdb1.out"
  has "$o" "Breakpoint 1, compute (n=5) at .*prog.c:5" "break compute"
  has "$o" "^6[[:space:]]*int y = x + 4;" "next"
  has "$o" "^x = 15" "info locals"
  has "$o" '^\$1 = 15' "print x"
  has "$o" "^pc  *0x[0-9a-f]*.*<compute+[0-9]*>" "info registers pc"
  has "$o" '^\$2 = ' "p \$a0"
  has "$o" "^#1  .* in main () at .*prog.c:12" "bt"
  has "$o" "^ft0 " "info all-registers (f registers)"
  has "$o" "^fcsr " "info all-registers (fcsr)"
  has "$o" "New value = 19" "watch counter"
  has "$o" '^\$3 = 16' "an inferior call"
  has "$o" "exited normally" "continue to the end"
  has "$tmp/rv.out" "result=34 counter=29" "the program's output"
  [ $st = 0 ] || no "session: rvemu exit status $st"
else
  no "session: rvemu never listened: $(cat "$tmp/rv.err")"
fi

# 2. A guest SIGSEGV: gdb sees it, and the program dies of it once continued.
if start 0 "$tmp/segv"; then
  (gdb_run "$tmp/segv" -ex 'continue' -ex 'bt' -ex 'continue' >"$tmp/gdb2.out" 2>&1)
  finish
  has "$tmp/gdb2.out" "Program received signal SIGSEGV" "segv stop"
  has "$tmp/gdb2.out" "^#0  .*main () at .*segv.c:4" "segv location"
  has "$tmp/gdb2.out" "Program terminated with signal SIGSEGV" "segv end"
  [ $st = 139 ] || no "segv: rvemu exit status $st, not 139"
else
  no "segv: rvemu never listened"
fi

# 3. Ctrl-C: SIGINT to gdb while the guest spins makes gdb send 0x03.
if start 0 "$tmp/spin"; then
  # timeout (--foreground: to gdb alone) passes the SIGINT on, as a terminal's Ctrl-C would
  (gdb_run "$tmp/spin" -ex 'continue' -ex 'print spins > 0' -ex 'set var stop = 1' \
    -ex 'continue' >"$tmp/gdb3.out" 2>&1) &
  gpid=$!
  for _ in $(seq 200); do grep -q "_start" "$tmp/gdb3.out" && break; sleep 0.05; done
  sleep 0.5                     # connected, and then continued: interrupt the spinning
  kill -INT $gpid
  wait $gpid
  finish
  has "$tmp/gdb3.out" "Program received signal SIGINT" "Ctrl-C"
  has "$tmp/gdb3.out" "exited with code 03" "run on after Ctrl-C"
  [ $st = 3 ] || no "Ctrl-C: rvemu exit status $st, not 3"
else
  no "Ctrl-C: rvemu never listened"
fi

# 4. Malformed packets: answered or ignored, never a crash; then the program completes.
if command -v python3 >/dev/null 2>&1 && start 0 "$tmp/prog"; then
  timeout 60 python3 "$top_srcdir/t/gdb/packets.py" "$port" >"$tmp/pk.out" 2>&1
  finish
  has "$tmp/pk.out" "packets: ok" "malformed packets"
  has "$tmp/rv.out" "result=34" "output after malformed packets"
  [ $st = 0 ] || no "packets: rvemu exit status $st"
fi

[ $fail = 0 ] && echo "PASS gdb"
exit $fail
