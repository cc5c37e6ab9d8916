/* trap_amo_misaligned.S - a misaligned AMO raises SIGBUS.
 * Prints "before" then traps: rvemu must die of the same signal as the program would
 * (the status in trap_amo_misaligned.status), as qemu-riscv64 does. */
#include "trap.h"
        TRAP_BEGIN
        lla     t0, buf
        addi    t0, t0, 2
        li      t1, 1
        amoadd.w t2, t1, (t0)
        TRAP_END
