#!/bin/sh
# Case 11: mappings outside the guest space are refused and nothing else moves.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=off" "--sandbox=basic"; do
  run $pol "$elf"
  status 0
  expect_re "mmap fixed 2\^60: E(NOMEM|INVAL)"
  expect_re "mmap fixed host-like: E(NOMEM|INVAL)"
  expect_re "mmap fixed end: E(NOMEM|INVAL)"
  expect_re "munmap 2\^40: E(NOMEM|INVAL)"
  expect_re "mprotect 2\^40: E(NOMEM|INVAL)"
  expect_re "madvise dontneed 2\^40: E(NOMEM|INVAL)"
  expect_re "mremap to 2\^40: E(NOMEM|INVAL|FAULT)"
  expect "guest memory intact: yes"
done
finish
