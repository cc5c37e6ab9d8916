#!/bin/sh
# Own case: a fault while rvemu decodes guest code (a truncated shared file) is a guest
# SIGBUS at the jump target, never a crash of rvemu.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
run --sandbox=off "$elf"
status 0
expect "guest handler: sig 7 at the target 1"
expect "alive"
finish
