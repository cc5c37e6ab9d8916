/* QEMU-style logging (-d items, -D file, -dfilter, RVEMU_LOG*), -strace and --stats.
 * Everything here is off the hot path: the run loop calls in only when a flag asks it to. */
#ifndef RV_LOG_H
#define RV_LOG_H
#include <stdint.h>
#include <stdio.h>

struct rv_machine;
struct rv_cpu;
struct rv_block;

enum {
    LOG_IN_ASM = 1 << 0, LOG_OP = 1 << 1, LOG_OUT_ASM = 1 << 2, LOG_CPU = 1 << 3,
    LOG_FPU = 1 << 4, LOG_EXEC = 1 << 5, LOG_INT = 1 << 6, LOG_STRACE = 1 << 7,
    LOG_UNIMP = 1 << 8, LOG_GUEST_ERRORS = 1 << 9, LOG_PAGE = 1 << 10, LOG_NOCHAIN = 1 << 11,
};
/* items that need every block to pass through the run loop's slow path */
#define LOG_PER_BLOCK (LOG_CPU | LOG_FPU | LOG_EXEC | LOG_NOCHAIN)

/* Parses "in_asm,cpu,..." into a LOG_* mask; "help" prints the list and returns 1;
 * -1 after printing an error. */
int rv_log_parse(const char *items, unsigned *mask);
/* Parses a -dfilter list "0x1000..0x2000,0x3000+0x100,..."; -1 on error. */
int rv_log_parse_filter(struct rv_machine *m, const char *spec);
/* Opens the log (file or stderr); -1 after printing an error. */
int rv_log_open(struct rv_machine *m, const char *file);
int rv_log_wanted(const struct rv_machine *m, uint64_t pc);

void rv_log_block_decoded(struct rv_cpu *cpu, const struct rv_block *b);   /* in_asm, op */
void rv_log_block_entry(struct rv_cpu *cpu, const struct rv_block *b);     /* cpu, fpu, exec */
/* Every block entry while m->per_block: logs, then gdb (which may stop the thread there;
 * it sets cpu->pending to make the run loop return). */
void rv_debug_block_entry(struct rv_cpu *cpu, const struct rv_block *b);
void rv_log_page(struct rv_machine *m);
void rv_log_signal(struct rv_cpu *cpu, const char *what);                  /* int */

/* -strace: before and after each syscall */
void rv_strace_enter(struct rv_cpu *cpu, uint64_t nr);
void rv_strace_exit(struct rv_cpu *cpu, uint64_t nr, int64_t ret);

/* --stats */
void rv_stats_print(struct rv_machine *m, struct rv_cpu *cpu);

/* --enable-small (nodebug.c): "rvemu: WHAT: not in this build ..." on stderr; -1 */
int rv_small_refuse(const char *what);

#endif
