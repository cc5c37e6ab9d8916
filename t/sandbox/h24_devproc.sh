#!/bin/sh
# Own case: /dev/null, /dev/zero and /dev/urandom (read) only; no /proc of others.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
run $STRICT "$elf"
status 0
for c in "null rw" "zero read" "urandom read" "own status" "own maps" cpuinfo; do
  expect "$c: ok"
done
for c in "urandom write" tty mem kmsg "shm dir" "init environ" "parent cmdline" mountinfo \
         "proc listing" "sys kernel"; do
  expect_re "$c: E(ACCES|NOENT|NXIO)"
done
finish
