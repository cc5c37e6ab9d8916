#!/bin/sh
# Own case: a self-sent siginfo with a kernel si_code is refused, in every policy, so it
# cannot pass for a hardware fault in rvemu; real faults still reach the guest.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in --sandbox=off --sandbox=basic; do
  run $pol "$elf"
  status 0
  expect "forged SEGV_MAPERR: EPERM"
  expect "forged SEGV_MAPERR to a thread: EPERM"
  expect "real fault: handled"
  absent "internal error"
done
finish
