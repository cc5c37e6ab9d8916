/* The copy-and-patch JIT (design §5): hot blocks are compiled by copying the stencils of their
 * records into a per-thread code area and patching their holes. The run loop (interp.c)
 * calls compiled blocks and handles what they return (jit-abi.h). */
#ifndef RV_JIT_H
#define RV_JIT_H
#include <stddef.h>
#include <stdint.h>
#include "interp/cpu.h"

struct rv_machine;
struct rv_block;

/* Whether this build has a JIT for its host */
int rv_jit_available(void);
/* Reserves the code region (before the sandbox, whose filter allows executable mappings only
 * there). Returns 0, or -1 with a message printed (the JIT is then off). */
int rv_jit_init(struct rv_machine *m);
/* Code is written in chunks of this size (a thread's code never shares a page with another's) */
#define RV_JIT_CHUNK_SIZE ((size_t)256 << 10)
/* The code region: span bytes at lo, span a power of two and lo aligned to it, the last
 * chunk never used (a guard); 0, 0 when there is none */
void rv_jit_region(uintptr_t *lo, uintptr_t *span);
/* Compiles b for cpu's thread: sets and returns b->jit, or NULL (b stays interpreted). */
void *rv_jit_compile(struct rv_cpu *cpu, struct rv_block *b);
/* A compiled exit (its chain slot) now goes to target: the slot is filled and the exit's
 * code patched into a direct jump. */
void rv_jit_link(void **slot, void *target);
/* Drops cpu's compiled code (with its blocks, at the cache's flush). */
void rv_jit_flush(struct rv_cpu *cpu);

struct rv_rec;
/* The record of the guest instruction whose compiled code faulted, from the host pc in a
 * signal's ucontext; NULL when the fault is not in compiled code. Async-signal-safe. */
const struct rv_rec *rv_jit_fault_rec(const void *ucontext);

struct rv_jit_stats {
    uint64_t blocks, refused, bytes, guest_insns, ns, flushes, full, links;
};
void rv_jit_get_stats(struct rv_jit_stats *s);
/* -d op / out_asm for a compiled block: the stencils it was built from (names[i] copied to
 * code + offs[i]) and its host code */
void rv_jit_log_block(struct rv_cpu *cpu, const struct rv_block *b, const uint8_t *code,
                      size_t size, const char *const *names, const uint32_t *offs, int n);

/* patch.c */
int rv_jit_patch(int machine, uint8_t *p, uint64_t pc, unsigned type, uint64_t v);
int rv_jit_is_branch(int machine, unsigned type);
void rv_jit_veneer(int machine, uint8_t *p, uint64_t target);

#endif
