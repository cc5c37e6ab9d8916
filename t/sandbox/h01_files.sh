#!/bin/sh
# Case 1: the secret, /etc/shadow and ~/.ssh are refused under strict (and the refusal is
# logged with -d guest_errors); nothing is created outside; basic stays transparent.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
run $STRICT "$elf" "$T/outside/secret" "$T/outside/created"
status 0
expect "read secret: EACCES"
expect "read shadow: EACCES"
expect_re "read ssh key: (EACCES|ENOENT)"
expect "stat secret: EACCES"
expect "access secret: EACCES"
expect "create outside: EACCES"
expect "read work: ok"
expect "create work: ok"
absent "$secret"
no_file "$T/outside/created"
in_err "sandbox: openat \"$T/outside/secret\" refused"
[ -f "$T/work/new.txt" ] || bad "work/new.txt was not created"
# basic is transparent: the same program reads the secret (the test can see a leak)
run --sandbox=basic "$elf" "$T/outside/secret" "$T/outside/created2"
expect "read secret: ok"
finish
