#!/bin/sh
# Bad input on the command line: each case must give exactly one line on stderr that names
# the file or option and the reason, exit status 1, and never a crash.
set -u
RVEMU=${RVEMU:-./rvemu}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

check() { # description, expected substring, command...
  desc=$1; want=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  st=$?
  lines=$(wc -l <"$tmp/err")
  if [ "$st" != 1 ] || [ "$lines" != 1 ] || ! grep -q -- "$want" "$tmp/err"; then
    echo "FAIL $desc: status $st (want 1), $lines stderr lines (want 1), want '$want':"
    sed 's/^/  | /' "$tmp/err" | head -5
    fail=1
  else
    echo "ok   $desc: $(cat "$tmp/err")"
  fi
}

check "no program" "no program given" "$RVEMU"
check "unknown option" "unknown option '-bogus'" "$RVEMU" -bogus x
check "missing option argument" "option '-L' needs an argument" "$RVEMU" -L
check "bad stack size" "bad stack size" "$RVEMU" -s 12Q x
check "bad -E" "-E wants var=value" "$RVEMU" -E novalue x
check "missing file" "$tmp/nope: No such file or directory" "$RVEMU" "$tmp/nope"
check "directory" "is a directory" "$RVEMU" "$tmp"
printf 'hello, not an ELF\n' >"$tmp/text"
check "not ELF" "text: not an ELF file" "$RVEMU" "$tmp/text"
: >"$tmp/empty"
check "empty file" "not an ELF file" "$RVEMU" "$tmp/empty"
check "host ELF" "not riscv64" "$RVEMU" /bin/true
if [ "$(id -u)" != 0 ]; then
  printf '\177ELF' >"$tmp/noread"; chmod 000 "$tmp/noread"
  check "no read permission" "Permission denied" "$RVEMU" "$tmp/noread"
fi

if [ -n "${GUEST_CC:-}" ]; then
  printf '.globl _start\n_start: j _start\n' >"$tmp/s.S"
  if $GUEST_CC -nostdlib -static -o "$tmp/ok.elf" "$tmp/s.S" 2>/dev/null; then
    head -c 40 "$tmp/ok.elf" >"$tmp/trunc"
    check "truncated header" "truncated ELF header" "$RVEMU" "$tmp/trunc"
    head -c 100 "$tmp/ok.elf" >"$tmp/trunc2"
    check "truncated program headers" "outside the file" "$RVEMU" "$tmp/trunc2"
    cp "$tmp/ok.elf" "$tmp/be"; printf '\002' | dd of="$tmp/be" bs=1 seek=5 conv=notrunc 2>/dev/null
    check "big-endian" "big-endian" "$RVEMU" "$tmp/be"
    cp "$tmp/ok.elf" "$tmp/rel"; printf '\001' | dd of="$tmp/rel" bs=1 seek=16 conv=notrunc 2>/dev/null
    check "relocatable object" "not an executable" "$RVEMU" "$tmp/rel"
  fi
  if $GUEST_CC -march=rv32i -mabi=ilp32 -nostdlib -static -o "$tmp/rv32.elf" "$tmp/s.S" 2>/dev/null; then
    check "RV32 program" "RV32 programs are not supported" "$RVEMU" "$tmp/rv32.elf"
  fi
  printf 'int main(void){return 0;}\n' >"$tmp/d.c"
  if $GUEST_CC -Wl,--dynamic-linker=/lib/ld-nowhere.so.1 -o "$tmp/dyn.elf" "$tmp/d.c" 2>/dev/null; then
    check "missing ELF interpreter" "cannot find its ELF interpreter /lib/ld-nowhere.so.1" "$RVEMU" "$tmp/dyn.elf"
  fi
  check "bad -L" "-L $tmp/nope: No such file or directory" "$RVEMU" -L "$tmp/nope" "$tmp/ok.elf"
fi
[ $fail = 0 ] && echo "PASS bad_input"
exit $fail
