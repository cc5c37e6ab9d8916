/* The debug module of a `configure --enable-small` build: no per-block logs, no -strace, no
 * gdb stub, no symbol tables and no disassembler. The options that ask for them are refused
 * in one line at start (logopt.c, -g here); the hooks the rest of rvemu calls do nothing.
 * --stats (stats.c) and -d guest_errors,unimp stay. */
#include "config.h"
#include <stdio.h>
#include "rv.h"
#include "debug/log.h"
#include "debug/gdbstub.h"
#include "debug/symbols.h"

int rv_small_refuse(const char *what)
{
    fprintf(stderr, "rvemu: %s: not in this build (configured with --enable-small)\n", what);
    return -1;
}

void rv_log_block_decoded(struct rv_cpu *cpu, const struct rv_block *b) { (void)cpu, (void)b; }
void rv_log_block_entry(struct rv_cpu *cpu, const struct rv_block *b) { (void)cpu, (void)b; }
void rv_debug_block_entry(struct rv_cpu *cpu, const struct rv_block *b) { (void)cpu, (void)b; }
void rv_log_page(struct rv_machine *m) { (void)m; }
void rv_log_signal(struct rv_cpu *cpu, const char *what) { (void)cpu, (void)what; }
void rv_strace_enter(struct rv_cpu *cpu, uint64_t nr) { (void)cpu, (void)nr; }
void rv_strace_exit(struct rv_cpu *cpu, uint64_t nr, int64_t ret)
{
    (void)cpu, (void)nr, (void)ret;
}

int rv_gdb_start(struct rv_machine *m, const char *port)
{
    (void)m;
    (void)port;
    return rv_small_refuse("-g (gdb stub)");
}
void rv_gdb_block_entry(struct rv_cpu *cpu) { (void)cpu; }
void rv_gdb_fault(struct rv_cpu *cpu) { (void)cpu; }
void rv_gdb_exit(struct rv_machine *m, int status) { (void)m, (void)status; }
void rv_gdb_close(struct rv_machine *m) { (void)m; }

void rv_syms_load(struct rv_symtab **t, const char *path, uint64_t bias)
{
    (void)path;
    (void)bias;
    *t = NULL;
}
const char *rv_syms_find(const struct rv_symtab *t, uint64_t addr, uint64_t *off)
{
    (void)t;
    (void)addr;
    (void)off;
    return NULL;
}
void rv_syms_free(struct rv_symtab *t) { (void)t; }
void rv_syms_note_mapping(struct rv_machine *m, int fd, uint64_t addr, uint64_t off)
{
    (void)m, (void)fd, (void)addr, (void)off;
}
