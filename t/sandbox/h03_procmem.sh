#!/bin/sh
# Case 3: /proc/self/mem is refused and /proc/self/maps leaks no host mapping, in every
# policy (memory isolation holds even with --sandbox=off).
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=off" "--sandbox=basic" "$STRICT"; do
  run $pol "$elf" 0x4000000000
  status 0
  expect_re "open self mem: E(ACCES|PERM|NOENT)"
  expect_re "open self mem ro: E(ACCES|PERM|NOENT)"
  expect_re "open pid mem: E(ACCES|PERM|NOENT)"
  expect_re "open thread mem: E(ACCES|PERM|NOENT)"
  expect "read maps: ok"
  expect "maps lines: several"
  expect "maps inside the guest space: yes"
  expect "maps names rvemu: no"
done
finish
