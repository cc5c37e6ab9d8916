#!/bin/sh
# The options: each documented in --help and the man page, and each doing what it says
# (environment, argv[0], stack and address-space sizes, single-step).
set -u
RVEMU=${RVEMU:-./rvemu}
top_srcdir=${top_srcdir:-.}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL $*"; fail=1; }

help=$("$RVEMU" --help) || no "--help exits non-zero"
# a --enable-small build describes only what it has (the man page describes everything)
small=""
"$RVEMU" -d in_asm /dev/null 2>&1 | grep -q -- --enable-small &&
  small=" -strace -dfilter -g --no-jit --jit-threshold --jit-cache-size -perfmap --jit-region "\
" --allow-read --allow-write --allow-net "
for opt in -h -help --help -version --version --binfmt -L -E -U -0 -s -R -d -D -dfilter -strace -singlestep -one-insn-per-tb --stats -g --no-jit --jit-threshold --jit-cache-size --block-cache-size -perfmap --jit-region --sandbox --allow-read --allow-write --allow-net --max-memory --max-threads --timeout --max-insns; do
  case $small in *" $opt "*) ;; *)
    printf '%s\n' "$help" | grep -q -- "$opt" || no "--help does not mention $opt" ;; esac
  man_opt=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
  grep -q -- "$man_opt" "$top_srcdir/man/rvemu.1" || no "man page does not mention $opt"
done
"$RVEMU" -version | grep -q "rvemu version" || no "-version"

[ -n "${GUEST_CC:-}" ] || { [ $fail = 0 ] && echo "PASS options (no guest compiler: run tests skipped)"; exit $fail; }
cat >"$tmp/p.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
int main(int argc, char **argv)
{
    volatile char big[3 << 20];     /* needs a stack of more than 3 MiB */
    big[0] = 1;
    const char *f = getenv("FOO"), *h = getenv("HOME");
    printf("argv0=%s argc=%d FOO=%s HOME=%s big=%d\n", argv[0], argc, f ? f : "(unset)",
           h ? "(set)" : "(unset)", big[0]);
    return 0;
}
C
$GUEST_CC -O1 -static -o "$tmp/p" "$tmp/p.c" || { echo "cannot build the probe"; exit 99; }

out=$(HOME=/x "$RVEMU" -E FOO=bar -U HOME -0 myname "$tmp/p" a b)
[ "$out" = "argv0=myname argc=3 FOO=bar HOME=(unset) big=1" ] || no "-E/-U/-0: got '$out'"
out=$(FOO=host "$RVEMU" -E FOO=one -E FOO=two "$tmp/p")
case $out in *"FOO=two"*) ;; *) no "-E twice: the last wins, got '$out'" ;; esac
out=$("$RVEMU" --no-jit -singlestep "$tmp/p")
case $out in *"big=1"*) ;; *) no "-singlestep run: got '$out'" ;; esac
"$RVEMU" -s 1M "$tmp/p" >/dev/null 2>"$tmp/err"
[ $? -ge 128 ] || no "-s 1M: a 3 MiB stack frame should overflow a 1 MiB stack"
grep -q "signal 11" "$tmp/err" || no "-s 1M: expected a SIGSEGV message, got '$(cat "$tmp/err")'"
out=$("$RVEMU" -s 16M "$tmp/p")
case $out in *"big=1"*) ;; *) no "-s 16M: got '$out'" ;; esac
out=$("$RVEMU" -R 64M "$tmp/p")
case $out in *"big=1"*) ;; *) no "-R 64M: got '$out'" ;; esac
out=$("$RVEMU" -R 1G -s 8M "$tmp/p")
case $out in *"big=1"*) ;; *) no "-R 1G: got '$out'" ;; esac
out=$("$RVEMU" -- "$tmp/p" -x)
case $out in *"argc=2"*) ;; *) no "-- before the program: got '$out'" ;; esac
out=$("$RVEMU" "$tmp/p" -E X=y)
case $out in *"argc=3"*"FOO=(unset)"*) ;; *) no "options after the program belong to it: got '$out'" ;; esac
# --block-cache-size: a small cache is flushed and refilled, the program none the wiser (one
# that decodes more than 256K of blocks: glibc's floating-point formatting and parsing)
cat >"$tmp/q.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
int main(void)
{
    char buf[64];
    for (int i = 1; i < 200; i++) {
        double d = strtod("2.718281828459045e-3", NULL) * i;
        snprintf(buf, sizeof buf, "%.17g %a %Le", d, d, (long double)d / 3);
        if (i % 50 == 0)
            printf("%s %ld\n", buf, strtol("123", NULL, 0) + (long)(d * 1e3));
    }
    struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 25 };
    strftime(buf, sizeof buf, "%A %d %B %Y", &tm);
    puts(buf);
    return 0;
}
C
$GUEST_CC -O1 -static -o "$tmp/q" "$tmp/q.c" || { echo "cannot build the probe"; exit 99; }
want=$("$RVEMU" "$tmp/q" 2>/dev/null)
# in the interpreter, with every block compiled (a flush drops the compiled code too), default
for eng in --no-jit --jit-threshold=0 ""; do
  got=$("$RVEMU" $eng --block-cache-size=256K --stats "$tmp/q" 2>"$tmp/err")
  [ "$got" = "$want" ] || no "--block-cache-size=256K $eng changed the output: '$got'"
  n=$(sed -n 's/.*block cache flushes: \([0-9]*\).*/\1/p' "$tmp/err")
  [ "${n:-0}" -ge 1 ] || no "--block-cache-size=256K $eng: no flush counted ($(grep flushes "$tmp/err"))"
done
for bad in --block-cache-size=1K --block-cache-size=x --block-cache-size=8G; do
  "$RVEMU" "$bad" "$tmp/q" >/dev/null 2>"$tmp/err" && no "$bad accepted"
  [ "$(wc -l <"$tmp/err")" = 1 ] || no "$bad: not one line of error"
done
# built without the seccomp filter (RVEMU_SECCOMP unset): strict is refused, basic warns
if [ "${RVEMU_SECCOMP:-}" != yes ] && [ -z "$small" ]; then
  "$RVEMU" --sandbox=strict "$tmp/p" >/dev/null 2>"$tmp/err" && no "--sandbox=strict ran unconfined"
  grep -q "needs the seccomp filter" "$tmp/err" || no "--sandbox=strict: $(cat "$tmp/err")"
  "$RVEMU" --sandbox=basic "$tmp/p" >/dev/null 2>"$tmp/err" || no "--sandbox=basic failed"
  grep -q "not confined" "$tmp/err" || no "--sandbox=basic: no warning"
fi
[ $fail = 0 ] && echo "PASS options"
exit $fail
