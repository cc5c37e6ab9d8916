#!/bin/sh
# Own case: time calls the host answers in its vDSO give the guest EFAULT for a buffer it may
# not write, a path in a page that faults when rvemu copies it gives EFAULT, and rvemu survives.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
run "$elf"
status 0
for w in read-only no-access; do
  for c in clock_gettime clock_getres gettimeofday; do expect "$c $w: EFAULT"; done
done
expect "openat of a path in a truncated page: EFAULT"
expect "alive"
absent "internal error"
finish
