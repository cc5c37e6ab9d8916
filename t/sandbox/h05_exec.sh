#!/bin/sh
# Case 5: no host program runs under basic or strict (the marker is never written); under
# --sandbox=off a host program runs natively, as with qemu-riscv64 (the control).
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=basic -d guest_errors" "$STRICT"; do
  run $pol "$elf" "$T/outside/marker"
  status 0
  expect "child execve /bin/sh: EACCES"
  expect "child: exit 3"
  expect "execveat /bin/sh: EACCES"
  expect "execve /usr/bin/env: EACCES"
  expect "execve /bin/sh: EACCES"
  in_err 'sandbox: execve "/bin/sh" refused'
  # basic's reason; strict refuses earlier: /bin/sh is not in an allowed tree
  case $pol in --sandbox=basic*) in_err "only riscv64 programs run under the sandbox" ;; esac
  no_file "$T/outside/marker"
done
run --sandbox=off "$elf" "$T/outside/marker"
[ -f "$T/outside/marker" ] || bad "the control run under --sandbox=off did not run /bin/sh"
finish
