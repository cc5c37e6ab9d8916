#!/bin/sh
# Case 2: "..", planted symlinks and /proc magic links never lead out of the allowed trees.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
run $STRICT "$elf" "$T/work"
status 0
expect "open work dir: ok"
for l in "dotdot from cwd" "dotdot from dirfd" "deep dotdot" "through relative symlink" \
         "through absolute symlink" "through file symlink" "proc root" "proc cwd" \
         "proc fd dir" "chdir out"; do
  expect "$l: EACCES"
done
expect "plant relative symlink: ok"
expect "still in work: ok"
absent "$secret"
absent "root:x:0:0"
finish
