/* What compiled code and the run loop agree on: the shape of a stencil, why compiled code
 * returns to the run loop, and the runtime helpers stencils call. Included by the stencils
 * (built with fixed flags, see jit-templates/) and by the runtime. */
#ifndef RV_JIT_ABI_H
#define RV_JIT_ABI_H
#include <stdint.h>
#include "interp/cpu.h"

/* Every stencil, and so every compiled block, has this prototype: guest state and the base
 * of guest memory in the first two argument registers, then four guest registers the block
 * keeps in host registers (written through to cpu->x, so memory is always current); tail
 * calls from one stencil to the next pass them all on. */
typedef uintptr_t rv_jit_fn(struct rv_cpu *cpu, uint8_t *base, uint64_t p0, uint64_t p1,
                            uint64_t p2, uint64_t p3);
#define RV_JIT_PINNED 4

/* Why compiled code returned. cpu->pc is always the guest pc to go on from. */
enum rv_jit_exit {
    JX_LOOKUP,      /* a direct exit to a block not compiled yet: fill *cpu->jit_link */
    JX_INDIRECT,    /* an indirect jump missed its inline cache (cpu->jit_ic) */
    JX_KICKED,      /* a stop request (signal, flush, exit) at a block entry */
    JX_FAULT,       /* a guest fault: cpu->sig* set */
    JX_ECALL,       /* a system call: cpu->pc is past the ecall */
    JX_FENCE_I,     /* fence.i: cpu->pc is past it */
};

/* Small immediates are patched as imm + this (see stencil.h) */
#define RV_JIT_IMM_BIAS ((int64_t)1 << 30)

/* Helpers the stencils call to leave compiled code (jit/helpers.c). They are cold: gcc moves
 * the paths that call them out of line, so the likely path of a stencil falls through to the
 * next one. r is the record of the instruction, pc its guest pc. */
struct rv_rec;
#define RV_JIT_COLD __attribute__((cold))
RV_JIT_COLD uintptr_t rv_jit_segv(struct rv_cpu *cpu, const struct rv_rec *r, uint64_t addr);
RV_JIT_COLD uintptr_t rv_jit_misaligned(struct rv_cpu *cpu, const struct rv_rec *r, uint64_t addr);
RV_JIT_COLD uintptr_t rv_jit_illegal(struct rv_cpu *cpu, uint64_t pc);
RV_JIT_COLD uintptr_t rv_jit_ebreak(struct rv_cpu *cpu, uint64_t pc);
RV_JIT_COLD uintptr_t rv_jit_kicked(struct rv_cpu *cpu, uint64_t pc);

#endif
