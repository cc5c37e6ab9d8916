#!/bin/sh
# A guest program on a terminal: shim_tty.elf run under a pseudo-terminal made by script(1)
# (util-linux) with a 33x77 window, by rvemu (then by qemu-riscv64 when installed); it reports
# isatty, the window size (TIOCGWINSZ), termios and its controlling terminal, compared with
# shim_tty_stdin.out.
set -u
RVEMU=${RVEMU:-./rvemu}
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
elf=$top_builddir/t/guest/shim_tty.elf
want=$top_srcdir/t/guest/shim_tty_stdin.out
[ -x "$elf" ] || { echo "SKIP shim_tty_pty: $elf not built"; exit 77; }
command -v script >/dev/null 2>&1 || { echo "SKIP shim_tty_pty: no script(1)"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

run() { # label, runner
  label=$1
  SHELL=/bin/sh RUNNER=$2 ELF=$elf timeout 10 script -qec \
    'stty rows 33 cols 77 && exec "$RUNNER" "$ELF" stdin' /dev/null </dev/null >"$tmp/$label.raw" 2>&1
  st=$?
  tr -d '\r' <"$tmp/$label.raw" >"$tmp/$label.out"
  [ $st = 0 ] || { echo "FAIL [$label] exit status $st"; sed 's/^/  /' "$tmp/$label.out"; fail=1; return; }
  if ! cmp -s "$want" "$tmp/$label.out"; then
    echo "FAIL [$label] output differs from shim_tty_stdin.out"
    diff -u "$want" "$tmp/$label.out" | head -30
    fail=1
  fi
}

run rvemu "$RVEMU"
[ -n "${QEMU_RISCV64:-}" ] && [ -z "${RVEMU_NO_QEMU:-}" ] && run qemu "$QEMU_RISCV64"
[ $fail = 0 ] && echo "PASS shim_tty_pty"
exit $fail
