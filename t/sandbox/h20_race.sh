#!/bin/sh
# Case 20: 20000 opens through a path buffer that another thread keeps flipping to the
# secret: never a leak (both outcomes do occur: work data and EACCES).
. "${top_srcdir:-.}/t/sandbox/lib.sh"
run --sandbox=strict --allow-write="$T/work" "$elf" "$T/outside/secret" 20000
status 0
expect "secret read: 0 times"
expect "opened work data: yes"
absent "$secret"
finish
