#!/bin/sh
# make check entry: a fixed-seed differential fuzzing run of rvemu against qemu-riscv64,
# 4 programs x 50 sequences x 500 random instructions (t/fuzz/fuzz-run does the work;
# `make fuzz SEED=... BATCHES=...` runs longer campaigns). Exits 77 (skip) without
# qemu-riscv64 or the riscv64 cross compiler.
here=$(dirname "$0")
exec ${CONFIG_SHELL:-/bin/sh} "$here/fuzz-run" -s 20240 -n 4 -c 50 -l 500 -o "${top_builddir:-.}/t/fuzz/failures"
