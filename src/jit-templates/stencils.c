/* The JIT's stencils: one per instruction-table row, expanded from the same bodies as the
 * interpreter's handlers (interp/exec.h), plus the block entry and exits and the operations
 * that need the run loop. Built with fixed flags and read by tools/stencil-extract.c. */
#include "jit-templates/stencil.h"

#include "interp/exec.h"

/* ---- what exec-sys.h does in the interpreter ---- */
OP(ILLEGAL) { (void)base; cpu->pc = PC; return rv_jit_illegal(cpu); }
OP(ebreak)  { (void)base; cpu->pc = PC; return rv_jit_ebreak(cpu); }
OP(ecall)   { (void)base; cpu->pc = PC + LEN; return JX_ECALL; }
OP(fence_i) { (void)base; cpu->pc = PC + LEN; return JX_FENCE_I; }
OP(csrrw)  { RD = rv_csr_op(cpu, REC); NEXT(); }
OP(csrrs)  { RD = rv_csr_op(cpu, REC); NEXT(); }
OP(csrrc)  { RD = rv_csr_op(cpu, REC); NEXT(); }
OP(csrrwi) { RD = rv_csr_op(cpu, REC); NEXT(); }
OP(csrrsi) { RD = rv_csr_op(cpu, REC); NEXT(); }
OP(csrrci) { RD = rv_csr_op(cpu, REC); NEXT(); }

/* ---- block structure ---- */
/* Entry: stop requests are seen at every block entry, so a compiled loop still takes signals;
 * instret counts whole blocks, as in the interpreter. */
OP(X_ENTER)
{
    if (__builtin_expect(__atomic_load_n(&cpu->pending, __ATOMIC_RELAXED), 0)) {
        cpu->pc = PC;
        return JX_KICKED;
    }
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
