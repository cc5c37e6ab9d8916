/* The JIT's stencils: one per instruction-table row, expanded from the same bodies as the
 * interpreter's handlers (interp/exec.h), in two variants (64-bit and small immediates), plus
 * the block entry and exit. Built with fixed flags and read by tools/stencil-extract.c. */
#include "jit-templates/stencil.h"
#include "jit-templates/ops.h"

/* ---- block structure ---- */
/* Entry: stop requests are seen at every block entry, so a compiled loop still takes signals;
 * instret counts whole blocks, as in the interpreter. */
OP(X_ENTER)
{
    if (__builtin_expect(__atomic_load_n(&cpu->pending, __ATOMIC_RELAXED), 0))
        return rv_jit_kicked(cpu, PC);
    cpu->instret += HOLE31(H_n);
    NEXT();
}

/* A direct exit: to the successor's code once the run loop has linked it, else back to the
 * run loop with the slot to fill. */
OP(X_EXIT)
{
    rv_jit_fn *f = *(rv_jit_fn **)HOLE64(H_slot);
    if (__builtin_expect(f != NULL, 1))
        return f(cpu, base);
    cpu->pc = HOLE64(H_target);
    cpu->jit_link = (void **)HOLE64(H_slot);
    return JX_LOOKUP;
}

/* ---- the small-immediate variants ---- */
#undef OP
#undef SIMM
#define STENCIL_SMALL_IMM 1
#include "jit-templates/stencil.h"
#include "jit-templates/ops.h"
