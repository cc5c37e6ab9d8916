#!/bin/sh
# The small build's budgets (configure --enable-small; README, "Small hosts"), checked:
#  1. with the build machine's C library (glibc: linked dynamically) the stripped rvemu is at
#     most SIZE_MAX bytes (150000);
#  2. with musl (musl-gcc, linked statically: a small host's usual C library) a static
#     riscv64 hello world runs in at most RSS_MAX KiB of peak RSS (1024), measured by the
#     kernel (getrusage, printed by rvemu --stats);
# and each build runs the ISA tests and a few guest programs (t/run-guest, in the interpreter
# under the default sandbox), since a budget met by a broken binary is worth nothing.
#
#   tools/small-check.sh [-j N]
#
# Environment: BUILD_DIR (default ./small-check), SIZE_MAX, RSS_MAX, CONFIGURE_FLAGS.
# Without musl-gcc (Debian: musl-tools) the second build is skipped with a note.
set -u
me=small-check
jobs=${JOBS:-2}
while [ $# -gt 0 ]; do
  case $1 in
    -j) jobs=$2; shift ;;
    -j*) jobs=${1#-j} ;;
    *) echo "usage: $0 [-j N]" >&2; exit 2 ;;
  esac
  shift
done
srcdir=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$(pwd)/small-check}
size_max=${SIZE_MAX:-150000}
rss_max=${RSS_MAX:-1024}
mkdir -p "$build" && build=$(cd "$build" && pwd) || exit 1
fail=0
bad() { echo "$me: FAIL: $*"; fail=1; }

# the sources: a VPATH build needs a tree not configured in place (as tools/cross-check.sh)
if [ -f "$srcdir/config.status" ]; then
  make -s -C "$srcdir" distdir distdir="$build/rvemu-src" >"$build/distdir.out" 2>&1 ||
    { tail -n 20 "$build/distdir.out"; echo "$me: make distdir failed" >&2; exit 1; }
  confsrc=$build/rvemu-src
else
  [ -x "$srcdir/configure" ] || (cd "$srcdir" && autoreconf -fi) || exit 1
  confsrc=$srcdir
fi

tests="t/isa/rv64i_alu.elf t/isa/rv64i_branch.elf t/isa/rv64m.elf t/isa/rv64a.elf t/isa/rvfd_move.elf
  t/isa/zbb.elf t/isa/rvc.elf t/isa/trap_illegal.elf t/guest/hello.elf t/guest/int_ops.elf
  t/guest/fp_ops.elf t/guest/atomics.elf t/guest/task_pthreads.elf t/guest/task_signals.elf
  t/guest/segv.elf t/guest/fileio.elf t/guest/fp_math.elf t/guest/task_fork.elf"

# one build: NAME, configure arguments...
build_one() {
  dir=$build/$1; shift
  mkdir -p "$dir"
  echo "== $(basename "$dir"): configure --enable-small $*"
  (cd "$dir" && "$confsrc/configure" --enable-small ${CONFIGURE_FLAGS:-} "$@" >configure.out 2>&1) ||
    { tail -n 20 "$dir/configure.out"; bad "configure failed ($dir/config.log)"; return 1; }
  sed -n '/configured:$/,$p' "$dir/configure.out" | grep -E 'C compiler|JIT|seccomp filter|static|small'
  avail=""
  for t in $tests; do [ -f "$confsrc/${t%.elf}.c" ] || [ -f "$confsrc/${t%.elf}.S" ] && avail="$avail $t"; done
  (cd "$dir" && make -j"$jobs" rvemu && make -j"$jobs" $avail) >"$dir/make.out" 2>&1 ||
    { grep -E 'error' "$dir/make.out" | head -n 20; bad "build failed ($dir/make.out)"; return 1; }
  strip -o "$dir/rvemu.stripped" "$dir/rvemu"
  size=$(wc -c <"$dir/rvemu.stripped")
  echo "   rvemu stripped: $size bytes ($(( (size + 512) / 1024 )) KiB), $(file -b "$dir/rvemu" | cut -d, -f4 | sed 's/^ //')"
  # a hello world's peak RSS as the kernel counts it
  rss=$("$dir/rvemu" --stats "$dir/t/guest/hello.elf" 2>&1 >/dev/null |
        sed -n 's/.*peak memory (RSS): \([0-9]*\) KiB.*/\1/p')
  echo "   static hello world: peak RSS ${rss:-?} KiB"
  n=0; nfail=0
  for t in $avail; do
    n=$((n + 1))
    # (RVEMU_SECCOMP empty: a small build has the basic policy, not strict)
    out=$(RVEMU="$dir/rvemu" RVEMU_JIT_MODES="" RVEMU_EXTRA_MODES="" QEMU_RISCV64="" RVEMU_NO_QEMU=1 \
          RVEMU_SECCOMP="" top_srcdir="$confsrc" top_builddir="$dir" \
          timeout 300 sh "$confsrc/t/run-guest" "$dir/$t" 2>&1) ||
      { nfail=$((nfail + 1)); bad "$t"; echo "$out" | head -n 15; }
  done
  echo "   guest tests: $((n - nfail)) of $n passed"
}

if build_one glibc; then
  [ "$size" -le "$size_max" ] || bad "stripped rvemu is $size bytes, over the $size_max budget"
fi

if command -v musl-gcc >/dev/null 2>&1; then
  # Debian's musl-gcc sees only musl's headers: the kernel's (linux/, asm/) come from the
  # build machine's linux-libc-dev, linked into a directory of their own
  kh=$build/kernel-headers
  mkdir -p "$kh"
  arch_inc=/usr/include/$(gcc -print-multiarch 2>/dev/null)
  for d in linux asm-generic mtd; do [ -d "/usr/include/$d" ] && ln -sfn "/usr/include/$d" "$kh/$d"; done
  [ -d "$arch_inc/asm" ] && ln -sfn "$arch_inc/asm" "$kh/asm"
  if build_one musl CC=musl-gcc CPPFLAGS="-isystem $kh" PKG_CONFIG_LIBDIR=/nonexistent; then
    [ -n "$rss" ] && [ "$rss" -le "$rss_max" ] ||
      bad "a static hello world's peak RSS is ${rss:-unknown} KiB, over the $rss_max KiB budget"
  fi
else
  echo "$me: musl-gcc not found (Debian: musl-tools): the static musl build and its RSS budget are not checked"
fi

[ $fail = 0 ] && echo "$me: all budgets met"
exit $fail
