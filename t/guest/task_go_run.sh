#!/bin/sh
# Runs the Go (gccgo) guest program, static and dynamic, through t/run-guest; SKIP (77) when
# the riscv64 gccgo is not installed and the programs were therefore not built.
# (Not named task_go.sh: its log would be task_go.log, which make builds from task_go.elf.)
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
built=0 fail=0
for t in task_go task_go.dyn; do
  [ -x "$top_builddir/t/guest/$t.elf" ] || continue
  built=1
  (cd "$top_builddir" && sh "$top_srcdir/t/run-guest" "t/guest/$t.elf") || fail=1
done
if [ $built = 0 ]; then
  echo "SKIP task_go: riscv64 gccgo not installed (Debian package gccgo-riscv64-linux-gnu)"
  exit 77
fi
exit $fail
