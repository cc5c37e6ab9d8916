#!/bin/sh
# binfmt_misc: `rvemu --binfmt` prints a registration line that matches riscv64 ELF
# executables (ET_EXEC and ET_DYN, machine 0xf3) with this rvemu's absolute path as the
# interpreter; tools/rvemu-binfmt.sh prints the same under the name it is given. Registering
# changes the whole machine, so it is tried only with RVEMU_BINFMT_TEST=yes (root, and
# binfmt_misc mounted): then a riscv64 program must run by name.
set -u
RVEMU=${RVEMU:-./rvemu}
top_srcdir=${top_srcdir:-.}
fail=0
no() { echo "FAIL $*"; fail=1; }
self=$(cd "$(dirname "$RVEMU")" && pwd -P)/$(basename "$RVEMU")
line=$("$RVEMU" --binfmt) || no "--binfmt exits non-zero"
magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xf3\x00'
mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
[ "$line" = ":rvemu-riscv64:M::$magic:$mask:$self:F" ] || no "--binfmt printed '$line'"
s=$(sh "$top_srcdir/tools/rvemu-binfmt.sh" --print --name rv-test "$RVEMU")
[ "$s" = ":rv-test:M::$magic:$mask:$self:F" ] || no "rvemu-binfmt.sh --print: '$s'"
sh "$top_srcdir/tools/rvemu-binfmt.sh" --bogus "$RVEMU" 2>/dev/null && no "rvemu-binfmt.sh accepted --bogus"
if [ "${RVEMU_BINFMT_TEST:-}" = yes ] && [ -n "${GUEST_CC:-}" ]; then
  tmp=$(mktemp -d) && printf '#include <stdio.h>\nint main(void){puts("via binfmt");return 0;}\n' >"$tmp/p.c" &&
  $GUEST_CC -static -o "$tmp/p" "$tmp/p.c" || exit 99
  name=rvemu-test-$$
  sh "$top_srcdir/tools/rvemu-binfmt.sh" --register --name "$name" "$RVEMU" >/dev/null || no "register"
  [ "$("$tmp/p")" = "via binfmt" ] || no "a riscv64 program does not run by name"
  sh "$top_srcdir/tools/rvemu-binfmt.sh" --unregister --name "$name" "$RVEMU"
  rm -rf "$tmp"
fi
[ $fail = 0 ] && echo "PASS binfmt"
exit $fail
