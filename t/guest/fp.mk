GUEST_ELFS += t/guest/fp_ops.elf t/guest/fp_math.elf
EXTRA_DIST += t/guest/fp_ops.c t/guest/fp_ops.out t/guest/fp_math.c t/guest/fp_math.out
