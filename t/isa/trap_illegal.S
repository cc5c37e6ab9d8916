/* trap_illegal.S - an illegal instruction (csrrw to the read-only cycle CSR) raises SIGILL.
 * Prints "before" then traps: rvemu must die of the same signal as the program would
 * (the status in trap_illegal.status), as qemu-riscv64 does. */
#include "trap.h"
        TRAP_BEGIN
        unimp
        TRAP_END
