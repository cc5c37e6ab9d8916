#!/bin/sh
# Case 6: namespace clones, CLONE_VM processes and clone3 are refused; no child exists.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=basic" "$STRICT"; do
  run $pol "$elf"
  status 0
  expect "clone newuser newns: EINVAL"
  expect "clone newpid: EINVAL"
  expect "clone vm without thread: EINVAL"
  expect "clone3 crafted: ENOSYS"
  expect "clone3 junk: ENOSYS"
  expect "unshare newuser: EPERM"
  expect "wait4 any: ECHILD"
done
finish
