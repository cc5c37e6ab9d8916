#!/bin/sh
# Case 9: out-of-space accesses are guest SIGSEGVs at the guest address; rvemu survives.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=off" "--sandbox=basic" "$STRICT"; do
  run $pol "$elf"
  status 0
  expect "load 0: SIGSEGV at 0"
  expect "store 0: SIGSEGV at 0"
  expect "load 2^47: SIGSEGV at 0x800000000000"
  expect "store 2^47: SIGSEGV at 0x800000000000"
  expect "load top: SIGSEGV at 0xfffffffffffffff8"
  expect "load end: SIGSEGV at 0x4000000000"
  expect "store end: SIGSEGV at 0x4000000000"
  expect_re "load straddling end: SIGSEGV at 0x(3ffffffffc|4000000000)"
  expect_re "store straddling end: SIGSEGV at 0x(3ffffffffc|4000000000)"
  expect "alive"
done
finish
