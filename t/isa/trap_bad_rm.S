/* trap_bad_rm.S - a dynamic rounding mode of 5 (reserved) makes an FP op raise SIGILL.
 * Prints "before" then traps: rvemu must die of the same signal as the program would
 * (the status in trap_bad_rm.status), as qemu-riscv64 does. */
#include "trap.h"
        TRAP_BEGIN
        li      t0, 5
        fsrm    t0
        fadd.d  f0, f1, f2
        TRAP_END
