#!/bin/sh
# Case 20 (atomics): misaligned atomics are SIGBUS, atomics outside the space SIGSEGV;
# flushing the whole range is harmless.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=off" "--sandbox=basic"; do
  run $pol "$elf"
  status 0
  expect "lr.d misaligned: SIGBUS"
  expect "amoadd.w misaligned: SIGBUS"
  expect "amoswap.d at end: SIGSEGV"
  expect "lr.d at end: SIGSEGV"
  expect_re "sc.d at end: (SIG(SEGV|BUS)|no fault)"
  expect "flush_icache everything: ok"
  expect "alive"
done
finish
