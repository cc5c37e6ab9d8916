#!/bin/sh
# rvemu runs rvemu: an rvemu cross-built for riscv64 runs guest programs as the guest of this
# rvemu (hello, threads, a SIGSEGV handled by the program), their output and exit status
# compared with the tests' .out/.status files. The inner rvemu asks of the outer what few
# programs do: a large PROT_NONE MAP_NORESERVE reservation (its guest region, sized by what
# the outer's own guest region leaves), mprotect and MAP_FIXED inside it, SA_SIGINFO handlers
# that turn faults into guest signals and leave by siglongjmp, threads, futexes,
# /proc/self/exe; and it runs rvemu's riscv64 host code (no JIT there: the interpreter).
#
# How the riscv64 rvemu is built: by tools/cross-check.sh (make check-cross's script), as a
# separate configure --host=riscv64-linux-gnu in selfhost-riscv64/ under the build directory,
# with the three guest programs built there too. That keeps one way of cross building (config.h
# for the target, the same flags, VPATH or, for a tree configured in place, a distdir copy)
# instead of a second set of rules in Makefile.am, and the directory is kept between runs:
# the first 'make check' pays for a configure and a build of rvemu (about a minute), later
# ones only for make's up-to-date check and the three runs. 'make clean' removes it.
# Skipped (77) without riscv64-linux-gnu-gcc.
set -u
RVEMU=${RVEMU:-./rvemu}
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
command -v riscv64-linux-gnu-gcc >/dev/null 2>&1 ||
  { echo "SKIP selfhost: riscv64-linux-gnu-gcc not found"; exit 77; }
[ -x "$RVEMU" ] || { echo "selfhost: $RVEMU not built" >&2; exit 99; }
RVEMU=$(cd "$(dirname "$RVEMU")" && pwd)/$(basename "$RVEMU")
# the cross build is a make of its own, not part of this one's job server or variables
unset MAKEFLAGS MFLAGS MAKELEVEL
BUILD_DIR="$top_builddir/selfhost-riscv64" CROSS_RUNNER="$RVEMU" JOBS=2 CROSS_TIMEOUT=300 \
  CROSS_TESTS="t/guest/hello.elf t/guest/task_pthreads.elf t/guest/segv.elf" \
  sh "$top_srcdir/tools/cross-check.sh" riscv64-linux-gnu
st=$?
[ $st = 0 ] && echo "PASS selfhost"
exit $st
