/* The gdb stub (-g port): the GDB remote serial protocol over TCP, for gdb-multiarch. While a
 * debugger is attached every guest instruction passes through rv_gdb_block_entry(); when
 * none is, nothing here runs. */
#ifndef RV_GDBSTUB_H
#define RV_GDBSTUB_H
#include "rv.h"

/* Listens on port (a number, or a numeric IPv4 address:number; 127.0.0.1 by default; 0
 * picks a free port), says so on stderr ("rvemu: waiting for gdb on port N"), waits for gdb
 * to connect and stops before the first instruction. 0, or -1 after a one-line error. */
int rv_gdb_start(struct rv_machine *m, const char *port);
/* Before each instruction: stops for breakpoints, single steps and Ctrl-C, and serves gdb
 * until it resumes. When gdb kills the program, rvemu exits at once (status 137, as for
 * SIGKILL). */
void rv_gdb_block_entry(struct rv_cpu *cpu);
/* The guest got a fatal signal (cpu->sig*): reports it and serves gdb until it resumes. Resumed
 * with the signal (gdb's default), it returns and the caller dies of it; without it (signal 0,
 * the end of an inferior call, a detach), the thread runs on and this never returns. */
void rv_gdb_fault(struct rv_cpu *cpu);
/* The program exited: tells gdb. */
void rv_gdb_exit(struct rv_machine *m, int status);
void rv_gdb_close(struct rv_machine *m);

#endif
