#!/bin/sh
# Case 16: every call of the list is ENOSYS or EPERM; personality stays the guest's (it is
# recorded, not applied to rvemu); rvemu survives. Under basic and strict the host calls
# would also meet the seccomp filter.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=basic" "$STRICT"; do
  run $pol "$elf"
  status 0
  n=$(grep -cE ": (ENOSYS|EPERM)$" "$T/out")
  [ "$n" = 28 ] || bad "$n of 28 calls refused"
  expect "personality read_implies_exec: ok 0"
  expect "personality query: ok 4194304"
  expect "alive"
done
finish
