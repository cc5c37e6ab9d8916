/* trap_far_load.S - a load far beyond the guest address space raises SIGSEGV.
 * Prints "before" then traps: rvemu must die of the same signal as the program would
 * (the status in trap_far_load.status), as qemu-riscv64 does. */
#include "trap.h"
        TRAP_BEGIN
        li      t0, 1
        slli    t0, t0, 60
        ld      t1, 0(t0)
        TRAP_END
