#!/bin/sh
# Case 19: futex words and tid pointers outside the guest space are refused; no host write.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=off" "--sandbox=basic"; do
  run $pol "$elf"
  status 0
  expect "futex unaligned: EINVAL"
  expect_re "futex outside: E(INVAL|FAULT)"
  expect_re "futex wait outside: E(INVAL|FAULT)"
  expect_re "cmp_requeue outside: E(INVAL|FAULT)"
  expect "futex lock_pi: ENOSYS"
  expect "futex_waitv: ENOSYS"
  expect "thread exit with a wild tid address: clean"
  expect "clone child_tid outside: EFAULT"
  expect "alive"
done
finish
