#!/bin/sh
# Own case: under strict a guest execve of a riscv64 program it may read runs it confined
# the same way (and with the child's own filter stacked); programs outside are refused.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
cp "$elf" "$T/work/child.elf"
cp "$elf" "$T/outside/prog.elf"
run $STRICT "$elf" parent "$T/outside/secret" "$T/outside/prog.elf"
status 0
expect "exec outside program: EACCES"
expect "child: read secret: EACCES"
expect "child: read work: ok"
[ "${RVEMU_SECCOMP:-}" = yes ] && expect "child: seccomp filters: stacked"
absent "$secret"
finish
