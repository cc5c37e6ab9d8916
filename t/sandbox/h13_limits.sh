#!/bin/sh
# Case 13: --max-memory makes big or many mappings and brk fail (ENOMEM); --max-threads makes
# clone fail (EAGAIN); --timeout stops a spinning guest and one blocked in the host (status
# 124), --max-insns a spinning one (status 125), each with one message; the host survives.
. "${top_srcdir:-.}/t/sandbox/lib.sh"
for pol in "--sandbox=off" "--sandbox=basic"; do
  run $pol --max-memory=64M "$elf" mem
  status 0
  expect "mmap 2^39: ENOMEM"
  expect_re "16 MiB mappings: [0-3], then ENOMEM"
  expect "brk grew by a bounded amount"
  expect "alive"

  run $pol --max-threads=4 "$elf" threads
  status 0
  expect "threads: 3, then EAGAIN"

  start=$(date +%s)
  run $pol --timeout=1 "$elf" spin
  status 124
  expect "spinning"
  in_err "--timeout=1s reached: the guest was stopped (exit status 124)"
  [ $(( $(date +%s) - start )) -le 5 ] || bad "--timeout=1 took too long"

  run $pol --timeout=0.5 "$elf" block
  status 124
  expect "blocking"

  run $pol --max-insns=20000000 "$elf" spin
  status 125
  in_err "--max-insns=20000000 reached: the guest was stopped (exit status 125)"
done
finish
