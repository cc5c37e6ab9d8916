#!/bin/sh
# Case 14: a forged signal frame with non-zero reserved bytes or a stack pointer outside the
# guest space kills the guest with SIGSEGV (rvemu dies of it, status 139); a well-formed one
# only redirects the guest, and SIGKILL/SIGSTOP stay unblockable.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=off" "--sandbox=basic"; do
  run $pol "$elf" reserved
  status 139
  expect "forging"
  absent "landed"
  run $pol "$elf" sp
  status 139
  absent "landed"
  run $pol "$elf" mask
  status 0
  expect "landed; SIGKILL blocked: no, SIGSTOP blocked: no"
done
finish
