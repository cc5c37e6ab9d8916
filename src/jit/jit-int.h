/* Between the JIT's compiler (jit.c) and its code region (region.c). */
#ifndef RV_JIT_INT_H
#define RV_JIT_INT_H
#include <stdint.h>
#include <stdio.h>
#include "interp/cpu.h"
#include "jit/jit.h"

struct rv_machine;
struct rv_block;

extern struct rv_jit_stats rv_jit_st;   /* updated atomically */

/* Reserves the region (see rv_jit_init); helpers are the addresses the chunks' veneers reach */
int rv_jit_region_init(struct rv_machine *m, const uintptr_t *helpers, size_t nhelpers,
                       int machine);
int rv_jit_machine(void);               /* EM_X86_64 or EM_AARCH64 */
FILE *rv_jit_perfmap(void);             /* -perfmap's file, or NULL */
/* 1 when cpu's thread should not compile now (no region, or backing off a full one) */
int rv_jit_backoff(struct rv_cpu *cpu);
/* Room for size bytes of code in cpu's chunks, and that chunk's veneers (16 bytes per helper,
 * in helper order); NULL when there is none now (the thread flushes or backs off) */
uint8_t *rv_jit_room(struct rv_cpu *cpu, size_t size, uint8_t **veneers);
/* The code at code (from rv_jit_room) is b's: counted as used and indexed for host faults */
int rv_jit_commit(struct rv_cpu *cpu, uint8_t *code, size_t size, struct rv_block *b);
/* mprotect of the pages holding [p, p + n) */
int rv_jit_protect(uint8_t *p, size_t n, int prot);

#endif
