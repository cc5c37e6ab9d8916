#!/bin/sh
# Case 4: /proc/self/exe (by name or pid) is the guest program; no descriptor names rvemu.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
real=$(cd "$(dirname "$elf")" && pwd -P)/$(basename "$elf")
for pol in "--sandbox=basic" "$STRICT"; do
  run $pol "$elf" "$real"
  status 0
  expect "exe is the program: yes"
  expect "pid exe is the program: yes"
  expect "fd listing: ok"
  expect "fd links name rvemu: no"
done
finish
