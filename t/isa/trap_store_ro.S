/* trap_store_ro.S - a store to a read-only page raises SIGSEGV.
 * Prints "before" then traps: rvemu must die of the same signal as the program would
 * (the status in trap_store_ro.status), as qemu-riscv64 does. */
#include "trap.h"
        TRAP_BEGIN
        lla     t0, ro
        sd      t0, 0(t0)
        TRAP_END
