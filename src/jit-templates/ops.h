/* The stencils of one variant: every operation of exec.h, and the ones the interpreter keeps
 * in exec-sys.h. Included by stencils.c once per variant (see stencil.h). */
#include "interp/exec.h"

OP(ILLEGAL) { (void)base; return rv_jit_illegal(cpu, PC); }
OP(ebreak)  { (void)base; return rv_jit_ebreak(cpu, PC); }
OP(ecall)   { (void)base; cpu->pc = PC + LEN; return JX_ECALL; }
OP(fence_i) { (void)base; cpu->pc = PC + LEN; return JX_FENCE_I; }
OP(csrrw)  { RD = rv_csr_op(cpu, REC); NEXT(); }
OP(csrrs)  { RD = rv_csr_op(cpu, REC); NEXT(); }
OP(csrrc)  { RD = rv_csr_op(cpu, REC); NEXT(); }
OP(csrrwi) { RD = rv_csr_op(cpu, REC); NEXT(); }
OP(csrrsi) { RD = rv_csr_op(cpu, REC); NEXT(); }
OP(csrrci) { RD = rv_csr_op(cpu, REC); NEXT(); }
