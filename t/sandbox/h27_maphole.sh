#!/bin/sh
# Own case (memory isolation): after a MAP_FIXED the host refused, the range is back in the
# reservation: a new host thread's stack cannot appear inside the guest's address space.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
run --sandbox=off "$elf"
status 0
expect "map a socket: refused"
expect "readable pages where the mapping was: 0"
run "$elf"
status 0
expect "readable pages where the mapping was: 0"
finish
