#!/bin/sh
# Case 18: the guest cannot take over, close or use the emulator's descriptors: under strict
# its tree descriptors survive (the checks still work); under basic with -D the log does.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
run $STRICT "$elf" "$T/outside/secret"
status 0
expect "emulator descriptors: some"
expect "dup3 and close onto them refused: all"
expect "used as dirfd refused: all"
expect "close_range 3..~0: ok"
expect "open after closing everything: ok"
expect "outside still refused: EACCES"
absent "$secret"
run --sandbox=basic -d guest_errors -D "$T/log" "$elf" "$T/outside/secret"
status 0
expect "open after closing everything: ok"
grep -q "guest error: write" "$T/log" || bad "the -D log was lost"
finish
