/* trap_fetch_nx.S - jumping into a non-executable data page raises SIGSEGV.
 * Prints "before" then traps: rvemu must die of the same signal as the program would
 * (the status in trap_fetch_nx.status), as qemu-riscv64 does. */
#include "trap.h"
        TRAP_BEGIN
        lla     t0, buf
        jr      t0
        TRAP_END
