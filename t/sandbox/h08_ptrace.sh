#!/bin/sh
# Case 8: ptrace, process_vm_* and pidfd calls are unknown to the shim (ENOSYS) and never
# reach the host.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=basic" "$STRICT"; do
  run $pol "$elf"
  status 0
  for c in "ptrace traceme" "ptrace attach parent" "ptrace seize self" process_vm_readv \
           process_vm_writev "pidfd_open parent" pidfd_getfd; do
    expect "$c: ENOSYS"
  done
done
finish
