#!/bin/sh
# Case 10: buffers at the edges of the guest space are EFAULT/EINVAL, never host memory.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=off" "--sandbox=basic"; do
  run $pol "$elf"
  status 0
  expect "read to end-16: EFAULT"
  expect "write wrapping: EFAULT"
  expect "write past end: EFAULT"
  expect "writev overflowing lengths: EINVAL"
  expect "writev iovcnt 2^20: EINVAL"
  expect "readv iovec past end: EFAULT"
  expect_re "pread huge length: E(FAULT|INVAL)"
  expect "getrandom past end: EFAULT"
  expect "alive"
done
finish
