#!/bin/sh
# Own case: symlinks swapped in during the checks never lead outside: no secret read, the
# outside file never written or created, no hard link to the secret.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
echo "untouched" >"$T/outside/target"
run --sandbox=strict --allow-write="$T/work" -d guest_errors "$elf" "$T/outside/secret" "$T/outside/target" 3000
status 0
expect "hard link to the secret: EACCES"
expect "secret read: 0 times"
expect "read the plain file: yes"
absent "$secret"
[ "$(cat "$T/outside/target")" = untouched ] || bad "the outside file was written"
no_file "$T/work/hl"
finish
