/* Placeholder until the gdb stub lands: -g is refused with a clear message. */
#include <stdio.h>
#include "debug/gdbstub.h"

int rv_gdb_start(struct rv_machine *m, const char *port)
{
    (void)m;
    fprintf(stderr, "rvemu: -g %s: the gdb stub is not built in\n", port);
    return -1;
}
void rv_gdb_block_entry(struct rv_cpu *cpu) { (void)cpu; }
void rv_gdb_fault(struct rv_cpu *cpu) { (void)cpu; }
void rv_gdb_exit(struct rv_machine *m, int status) { (void)m; (void)status; }
void rv_gdb_close(struct rv_machine *m) { (void)m; }
