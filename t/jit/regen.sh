#!/bin/sh
# Rebuilds the committed fixture objects t/jit/*.o from sample.c and bad.c, with the JIT's
# stencil flags (gcc and clang, x86-64 and aarch64) plus three deliberately wrong builds. The
# test itself needs none of these compilers. After a rebuild, refresh the expected outputs with
#   RVEMU_GOLDEN_UPDATE=1 top_srcdir=SRC top_builddir=BUILD sh t/jit/extract-test.sh
set -eu
cd "$(dirname "$0")"
GCC=${GCC:-gcc}
CLANG=${CLANG:-clang}
GCC_A64=${GCC_A64:-aarch64-linux-gnu-gcc}

common="-O2 -std=gnu11 -fno-pic -fno-pie -ffunction-sections -fno-asynchronous-unwind-tables
  -fno-unwind-tables -fno-stack-protector -fno-jump-tables -fomit-frame-pointer -fno-lto -g0
  -U_FORTIFY_SOURCE"
gcc_only="-fno-tree-switch-conversion -fno-reorder-blocks-and-partition -falign-functions=1
  -falign-jumps=1 -falign-labels=1 -falign-loops=1"
x86="-mcmodel=small -fcf-protection=none"
a64="-mno-outline-atomics -mbranch-protection=none"

build() { # output object, compiler and flags...
  out=$1; shift
  echo "$out: $*"
  "$@" -c -o "$out"
}
# clang may lack an aarch64 sysroot for <stdint.h>; the fixtures need nothing else from libc
clang_a64() { # output object, source, extra flags...
  out=$1 src=$2; shift 2
  build "$out" $CLANG --target=aarch64-linux-gnu $common $a64 "$@" "$src" 2>/dev/null ||
    build "$out" $CLANG --target=aarch64-linux-gnu -ffreestanding $common $a64 "$@" "$src"
}

# Source names are given relative to this directory, so the objects hold no build path.
for src in sample bad; do
  build $src-gcc-x86_64.o $GCC $common $x86 $gcc_only $src.c
  build $src-clang-x86_64.o $CLANG $common $x86 $src.c
  build $src-gcc-aarch64.o $GCC_A64 $common $a64 $gcc_only $src.c
  clang_a64 $src-clang-aarch64.o $src.c
done
# gcc's hot/cold partitioning, which the runtime supports: a stencil with a cold part
build cold-gcc-x86_64.o $GCC $common $x86 $(echo $gcc_only | sed 's/-fno-reorder-blocks-and-partition//') cold.c
build cold-gcc-aarch64.o $GCC_A64 $common $a64 $(echo $gcc_only | sed 's/-fno-reorder-blocks-and-partition//') cold.c
# The same stencils built wrongly: calls to continuations, GOT references, literal pools.
build sample-O0-gcc-x86_64.o $GCC $common $x86 $gcc_only -O0 sample.c
build sample-pic-gcc-x86_64.o $GCC $common $x86 $gcc_only -fpic sample.c
build bad-large-gcc-aarch64.o $GCC_A64 $common $a64 $gcc_only -mcmodel=large bad.c
