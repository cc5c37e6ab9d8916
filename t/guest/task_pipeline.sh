#!/bin/sh
# Pipelines of emulated processes (task_pipe.elf, one filter per mode):
#   gen 30000 | filter 3 | sum     -- several hundred KiB through two pipes
#   gen 30000 | filter 7 | head 5  -- head exits early; filter and gen then die of SIGPIPE
# under rvemu in the interpreter and every RVEMU_EXTRA_MODES mode, and under qemu-riscv64
# as a check of the test itself. Expected results are computed here.
set -u
: "${RVEMU:?RVEMU must name the rvemu binary}"
top_builddir=${top_builddir:-.}
prog=$top_builddir/t/guest/task_pipe.elf
[ -x "$prog" ] || { echo "task_pipeline: $prog not built" >&2; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

# sum of the multiples of 3 up to 30000: 3 * (10000 * 10001 / 2)
want_sum='count 10000 sum 150015000'
want_head='LINE 7
LINE 14
LINE 21
LINE 28
LINE 35'

runners="interp"
for mode in ${RVEMU_EXTRA_MODES:-}; do runners="$runners $mode"; done
if [ -n "${QEMU_RISCV64:-}" ] && [ -z "${RVEMU_NO_QEMU:-}" ]; then runners="$runners qemu"; fi
for r in $runners; do
  case $r in
    interp) set -- "$RVEMU" --no-jit ;;
    qemu) set -- "$QEMU_RISCV64" ;;
    *) set -- "$RVEMU" "$r" ;;
  esac
  # the watchdog in each program (alarm) bounds the run time
  got=$( { "$@" "$prog" gen 30000; echo $? >"$tmp/st1"; } |
         { "$@" "$prog" filter 3; echo $? >"$tmp/st2"; } |
         { "$@" "$prog" sum; echo $? >"$tmp/st3"; } )
  sts="$(cat "$tmp/st1") $(cat "$tmp/st2") $(cat "$tmp/st3")"
  if [ "$got" != "$want_sum" ] || [ "$sts" != "0 0 0" ]; then
    echo "FAIL [$r] gen | filter | sum: got '$got' statuses $sts, expected '$want_sum' 0 0 0"
    fail=1
  else
    echo "ok   [$r] gen | filter | sum"
  fi

  got=$( { "$@" "$prog" gen 300000 2>"$tmp/err1"; echo $? >"$tmp/st1"; } |
         { "$@" "$prog" filter 7 2>"$tmp/err2"; echo $? >"$tmp/st2"; } |
         { "$@" "$prog" head 5; echo $? >"$tmp/st3"; } )
  sts="$(cat "$tmp/st1") $(cat "$tmp/st2") $(cat "$tmp/st3")"
  # 141 = 128 + SIGPIPE: both writers die when head has gone
  if [ "$got" != "$want_head" ] || [ "$sts" != "141 141 0" ]; then
    echo "FAIL [$r] gen | filter | head: statuses $sts (expected 141 141 0), output:"
    printf '%s\n' "$got" | head -8 | sed 's/^/  | /'
    sed 's/^/  gen stderr: /' "$tmp/err1" | head -3
    sed 's/^/  filter stderr: /' "$tmp/err2" | head -3
    fail=1
  else
    echo "ok   [$r] gen | filter | head (SIGPIPE)"
  fi
done
[ $fail = 0 ] && echo "PASS task_pipeline"
exit $fail
