/* trap_ebreak.S - ebreak raises SIGTRAP.
 * Prints "before" then traps: rvemu must die of the same signal as the program would
 * (the status in trap_ebreak.status), as qemu-riscv64 does. */
#include "trap.h"
        TRAP_BEGIN
        ebreak
        TRAP_END
