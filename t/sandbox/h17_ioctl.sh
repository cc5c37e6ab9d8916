#!/bin/sh
# Case 17: each attempt is an errno (EFAULT for the far pointers), rvemu survives.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=basic" "$STRICT"; do
  run $pol "$elf"
  status 0
  expect_re "ioctl TIOCSTI: E(PERM|NOTTY|INVAL)"
  expect_re "ioctl unknown: E(NOTTY|INVAL|NOSYS)"
  expect "ioctl TCGETS far: EFAULT"
  expect "ioctl FIONREAD far: EFAULT"
  expect "fcntl F_GETLK far: EFAULT"
  expect "fcntl F_SETOWN_EX far: EFAULT"
  expect "fcntl F_SETSIG 0xffff: EINVAL"
  expect "fcntl F_DUPFD 1000000: EINVAL"
  expect "fcntl unknown: EINVAL"
  expect "alive"
done
finish
