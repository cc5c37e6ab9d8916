/* Floating-point semantics of the F and D extensions, exact to the RISC-V spec: IEEE results,
 * NaN-boxing, canonical NaNs, accrued fflags, all five rounding modes. One function per
 * instruction; the interpreter (and later the JIT) call them. */
#ifndef RV_FPU_H
#define RV_FPU_H
#include <stdint.h>
#include "interp/cpu.h"

/* Every function has the same shape: a, b, c are the raw 64-bit source register values
 * (from f or x registers as the instruction says: rs1, rs2, rs3), rm is the resolved rounding
 * mode 0..4 (dynamic already replaced by frm, invalid modes already refused), and the result
 * is the raw 64-bit value for rd (NaN-boxed for single results in f registers, sign-extended
 * for 32-bit integer results in x registers). Flags are OR-ed into c->fflags. */
#define RV_FPU_FN(name) uint64_t fpu_##name(struct rv_cpu *cpu, uint64_t a, uint64_t b, uint64_t c, int rm)

#define RV_FPU_OPS(X) \
    X(fmadd_s) X(fmsub_s) X(fnmsub_s) X(fnmadd_s) \
    X(fadd_s) X(fsub_s) X(fmul_s) X(fdiv_s) X(fsqrt_s) \
    X(fsgnj_s) X(fsgnjn_s) X(fsgnjx_s) X(fmin_s) X(fmax_s) \
    X(fcvt_w_s) X(fcvt_wu_s) X(fcvt_l_s) X(fcvt_lu_s) \
    X(fmv_x_w) X(fclass_s) X(feq_s) X(flt_s) X(fle_s) \
    X(fcvt_s_w) X(fcvt_s_wu) X(fcvt_s_l) X(fcvt_s_lu) X(fmv_w_x) \
    X(fmadd_d) X(fmsub_d) X(fnmsub_d) X(fnmadd_d) \
    X(fadd_d) X(fsub_d) X(fmul_d) X(fdiv_d) X(fsqrt_d) \
    X(fsgnj_d) X(fsgnjn_d) X(fsgnjx_d) X(fmin_d) X(fmax_d) \
    X(fcvt_s_d) X(fcvt_d_s) \
    X(fcvt_w_d) X(fcvt_wu_d) X(fcvt_l_d) X(fcvt_lu_d) \
    X(fmv_x_d) X(fclass_d) X(feq_d) X(flt_d) X(fle_d) \
    X(fcvt_d_w) X(fcvt_d_wu) X(fcvt_d_l) X(fcvt_d_lu) X(fmv_d_x)

#define RV_FPU_DECL(name) RV_FPU_FN(name);
RV_FPU_OPS(RV_FPU_DECL)
#undef RV_FPU_DECL

#endif
