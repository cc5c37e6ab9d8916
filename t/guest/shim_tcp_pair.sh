#!/bin/sh
# TCP echo between two guest processes over 127.0.0.1 on an ephemeral port: shim_tcp.elf as
# server and as client, each in its own rvemu (then both under qemu-riscv64 when installed),
# with timeouts; their outputs are compared with shim_tcp_server.out and shim_tcp_client.out.
set -u
RVEMU=${RVEMU:-./rvemu}
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
elf=$top_builddir/t/guest/shim_tcp.elf
src=$top_srcdir/t/guest
[ -x "$elf" ] || { echo "SKIP shim_tcp_pair: $elf not built"; exit 77; }
tmp=$(mktemp -d) || exit 99
spid=
trap '[ -n "$spid" ] && kill "$spid" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0

pair() { # label, runner...
  label=$1; shift
  rm -f "$tmp/port"
  timeout 10 "$@" "$elf" server "$tmp/port" >"$tmp/$label.server" 2>&1 &
  spid=$!
  i=0
  while [ ! -s "$tmp/port" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
  if [ ! -s "$tmp/port" ]; then
    echo "FAIL [$label] the server did not write its port"
    sed 's/^/  /' "$tmp/$label.server"
    fail=1
    return
  fi
  timeout 10 "$@" "$elf" client "$(cat "$tmp/port")" >"$tmp/$label.client" 2>&1
  st=$?
  [ $st = 0 ] || { echo "FAIL [$label] client exit status $st"; fail=1; }
  wait "$spid"
  st=$?
  spid=
  [ $st = 0 ] || { echo "FAIL [$label] server exit status $st"; fail=1; }
  for side in server client; do
    if ! cmp -s "$src/shim_tcp_$side.out" "$tmp/$label.$side"; then
      echo "FAIL [$label] $side output differs from shim_tcp_$side.out"
      diff -u "$src/shim_tcp_$side.out" "$tmp/$label.$side" | head -30
      fail=1
    fi
  done
}

pair rvemu "$RVEMU"
[ -n "${QEMU_RISCV64:-}" ] && [ -z "${RVEMU_NO_QEMU:-}" ] && pair qemu "$QEMU_RISCV64"
[ $fail = 0 ] && echo "PASS shim_tcp_pair"
exit $fail
