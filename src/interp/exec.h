/* What each operation does: one body per instruction-table row, written once and expanded
 * twice, as the interpreter's handlers (interp.c: computed goto or switch) and as the JIT's
 * stencils (jit-templates/stencils.c), through OP/NEXT/JUMP/CHECK/RD/IMM/... macros. The
 * operations that need the run loop itself (ecall, fence.i, ebreak, CSRs) are in exec-sys.h;
 * the plain integer ones are in alu.h, by shape, so that the JIT can also expand them into
 * variants by where their operands live. */

/* the shapes of alu.h, as the interpreter (and the JIT's plain stencils) run them */
#ifndef RRR
#define RRR(name, V) OP(name) { RD = (V); NEXT(); }
#define RRI(name, V) OP(name) { RD = (V); NEXT(); }
#define LOADOP(name, T, n) OP(name) { uint64_t a = RS1 + IMM; CHECK(a, n); \
        RD = (uint64_t)(int64_t)LD(T, a); NEXT(); }
#define STOREOP(name, T, n) OP(name) { uint64_t a = RS1 + IMM; CHECK(a, n); ST(T, a, RS2); NEXT(); }
#define BRANCH(name, C) OP(name) { if (C) JUMP(PC + IMM, 0); JUMP(PC + LEN, 1); }
#endif

/* ---- RV64I ---- */
OP(jal)   { uint64_t pc = PC; RD = pc + LEN; JUMP(pc + IMM, 0); }
OP(jalr)  { uint64_t t = (RS1 + IMM) & ~(uint64_t)1; RD = PC + LEN; JUMP_INDIRECT(t, 0); }
#ifndef EXEC_NO_ALU
#include "interp/alu.h"
#endif

OP(fence)   { FENCE(); NEXT(); }
/* ---- M ---- */
OP(mulh)   { RD = mulh64(RS1, RS2); NEXT(); }
OP(mulhsu) { RD = mulhsu64(RS1, RS2); NEXT(); }
OP(mulhu)  { RD = mulhu64(RS1, RS2); NEXT(); }
OP(div)    { RD = (uint64_t)div64((int64_t)RS1, (int64_t)RS2); NEXT(); }
OP(divu)   { RD = RS2 ? RS1 / RS2 : ~(uint64_t)0; NEXT(); }
OP(rem)    { RD = (uint64_t)rem64((int64_t)RS1, (int64_t)RS2); NEXT(); }
OP(remu)   { RD = RS2 ? RS1 % RS2 : RS1; NEXT(); }
OP(divw)   { RD = SX32(div32((int32_t)RS1, (int32_t)RS2)); NEXT(); }
OP(divuw)  { uint32_t d = (uint32_t)RS2; RD = SX32(d ? (uint32_t)RS1 / d : 0xffffffffu); NEXT(); }
OP(remw)   { RD = SX32(rem32((int32_t)RS1, (int32_t)RS2)); NEXT(); }
OP(remuw)  { uint32_t d = (uint32_t)RS2; RD = SX32(d ? (uint32_t)RS1 % d : (uint32_t)RS1); NEXT(); }

/* ---- A ---- */
OP(lr_w) {
    uint64_t a = RS1; ATOMIC_CHECK(a, 4);
    /* res_val is the word as memory holds it (little-endian), for sc's compare */
    uint32_t v = __atomic_load_n(HOST(uint32_t, a), __ATOMIC_SEQ_CST);
    /* kept sign-extended: GCC 12 for a riscv64 host compares sc_w's 32-bit expected value
     * with lr.w's sign-extended result as a whole register, without extending it first */
    cpu->res_addr = a; cpu->res_val = SX32(v); cpu->res_valid = 1;
    RD = SX32(rv_le32(v)); NEXT();
}
OP(lr_d) {
    uint64_t a = RS1; ATOMIC_CHECK(a, 8);
    uint64_t v = __atomic_load_n(HOST(uint64_t, a), __ATOMIC_SEQ_CST);
    cpu->res_addr = a; cpu->res_val = v; cpu->res_valid = 1;
    RD = rv_le64(v); NEXT();
}
OP(sc_w) {
    uint64_t a = RS1; ATOMIC_CHECK(a, 4);
    uint32_t expect = (uint32_t)cpu->res_val;
    int ok = cpu->res_valid && cpu->res_addr == a &&
             __atomic_compare_exchange_n(HOST(uint32_t, a), &expect, rv_le32((uint32_t)RS2), 0,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    cpu->res_valid = 0;
    RD = !ok; NEXT();
}
OP(sc_d) {
    uint64_t a = RS1; ATOMIC_CHECK(a, 8);
    uint64_t expect = cpu->res_val;
    int ok = cpu->res_valid && cpu->res_addr == a &&
             __atomic_compare_exchange_n(HOST(uint64_t, a), &expect, rv_le64(RS2), 0,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    cpu->res_valid = 0;
    RD = !ok; NEXT();
}
#define AMO_W(name, EXPR) OP(name) { uint64_t a = RS1; ATOMIC_CHECK(a, 4); \
        uint32_t *p = HOST(uint32_t, a); uint32_t v = (uint32_t)RS2; RD = SX32(EXPR); NEXT(); }
#define AMO_D(name, EXPR) OP(name) { uint64_t a = RS1; ATOMIC_CHECK(a, 8); \
        uint64_t *p = HOST(uint64_t, a); uint64_t v = RS2; RD = (EXPR); NEXT(); }
/* guest words are little-endian: the bitwise operations work on either order, the others
 * convert (rv_le*: nothing on a little-endian host) */
AMO_W(amoswap_w, rv_le32(__atomic_exchange_n(p, rv_le32(v), __ATOMIC_SEQ_CST)))
AMO_W(amoadd_w, amo_add32(p, v))
AMO_W(amoxor_w, rv_le32(__atomic_fetch_xor(p, rv_le32(v), __ATOMIC_SEQ_CST)))
AMO_W(amoand_w, rv_le32(__atomic_fetch_and(p, rv_le32(v), __ATOMIC_SEQ_CST)))
AMO_W(amoor_w, rv_le32(__atomic_fetch_or(p, rv_le32(v), __ATOMIC_SEQ_CST)))
AMO_W(amomin_w, amo_min32(p, v))
AMO_W(amomax_w, amo_max32(p, v))
AMO_W(amominu_w, amo_minu32(p, v))
AMO_W(amomaxu_w, amo_maxu32(p, v))
AMO_D(amoswap_d, rv_le64(__atomic_exchange_n(p, rv_le64(v), __ATOMIC_SEQ_CST)))
AMO_D(amoadd_d, amo_add64(p, v))
AMO_D(amoxor_d, rv_le64(__atomic_fetch_xor(p, rv_le64(v), __ATOMIC_SEQ_CST)))
AMO_D(amoand_d, rv_le64(__atomic_fetch_and(p, rv_le64(v), __ATOMIC_SEQ_CST)))
AMO_D(amoor_d, rv_le64(__atomic_fetch_or(p, rv_le64(v), __ATOMIC_SEQ_CST)))
AMO_D(amomin_d, amo_min64(p, v))
AMO_D(amomax_d, amo_max64(p, v))
AMO_D(amominu_d, amo_minu64(p, v))
AMO_D(amomaxu_d, amo_maxu64(p, v))

/* ---- F and D ---- */
OP(flw) { uint64_t a = RS1 + IMM; CHECK(a, 4); FRD = 0xffffffff00000000ull | LD(uint32_t, a); NEXT(); }
OP(fld) { uint64_t a = RS1 + IMM; CHECK(a, 8); FRD = LD(uint64_t, a); NEXT(); }
OP(fsw) { uint64_t a = RS1 + IMM; CHECK(a, 4); ST(uint32_t, a, FRS2); NEXT(); }
OP(fsd) { uint64_t a = RS1 + IMM; CHECK(a, 8); ST(uint64_t, a, FRS2); NEXT(); }
FP_FFF(fmadd_s) FP_FFF(fmsub_s) FP_FFF(fnmsub_s) FP_FFF(fnmadd_s)
FP_FFF(fadd_s) FP_FFF(fsub_s) FP_FFF(fmul_s) FP_FFF(fdiv_s) FP_FFF(fsqrt_s)
FP_FF(fsgnj_s) FP_FF(fsgnjn_s) FP_FF(fsgnjx_s) FP_FF(fmin_s) FP_FF(fmax_s)
FP_XF_RM(fcvt_w_s) FP_XF_RM(fcvt_wu_s) FP_XF_RM(fcvt_l_s) FP_XF_RM(fcvt_lu_s)
FP_XF(fmv_x_w) FP_XF(fclass_s) FP_XF(feq_s) FP_XF(flt_s) FP_XF(fle_s)
FP_FX_RM(fcvt_s_w) FP_FX_RM(fcvt_s_wu) FP_FX_RM(fcvt_s_l) FP_FX_RM(fcvt_s_lu) FP_FX(fmv_w_x)
FP_FFF(fmadd_d) FP_FFF(fmsub_d) FP_FFF(fnmsub_d) FP_FFF(fnmadd_d)
FP_FFF(fadd_d) FP_FFF(fsub_d) FP_FFF(fmul_d) FP_FFF(fdiv_d) FP_FFF(fsqrt_d)
FP_FF(fsgnj_d) FP_FF(fsgnjn_d) FP_FF(fsgnjx_d) FP_FF(fmin_d) FP_FF(fmax_d)
FP_FFF(fcvt_s_d) FP_FFF(fcvt_d_s)
FP_XF_RM(fcvt_w_d) FP_XF_RM(fcvt_wu_d) FP_XF_RM(fcvt_l_d) FP_XF_RM(fcvt_lu_d)
FP_XF(fmv_x_d) FP_XF(fclass_d) FP_XF(feq_d) FP_XF(flt_d) FP_XF(fle_d)
FP_FX_RM(fcvt_d_w) FP_FX_RM(fcvt_d_wu) FP_FX_RM(fcvt_d_l) FP_FX_RM(fcvt_d_lu) FP_FX(fmv_d_x)

/* ---- Zba ---- */
OP(add_uw)    { RD = (uint32_t)RS1 + RS2; NEXT(); }
OP(sh1add)    { RD = (RS1 << 1) + RS2; NEXT(); }
OP(sh2add)    { RD = (RS1 << 2) + RS2; NEXT(); }
OP(sh3add)    { RD = (RS1 << 3) + RS2; NEXT(); }
OP(sh1add_uw) { RD = ((uint64_t)(uint32_t)RS1 << 1) + RS2; NEXT(); }
OP(sh2add_uw) { RD = ((uint64_t)(uint32_t)RS1 << 2) + RS2; NEXT(); }
OP(sh3add_uw) { RD = ((uint64_t)(uint32_t)RS1 << 3) + RS2; NEXT(); }
OP(slli_uw)   { RD = (uint64_t)(uint32_t)RS1 << SIMM; NEXT(); }

/* ---- Zbb ---- */
OP(andn)   { RD = RS1 & ~RS2; NEXT(); }
OP(orn)    { RD = RS1 | ~RS2; NEXT(); }
OP(xnor)   { RD = ~(RS1 ^ RS2); NEXT(); }
OP(clz)    { RD = clz64(RS1); NEXT(); }
OP(ctz)    { RD = ctz64(RS1); NEXT(); }
OP(cpop)   { RD = popcount64(RS1); NEXT(); }
OP(sext_b) { RD = (uint64_t)(int64_t)(int8_t)RS1; NEXT(); }
OP(sext_h) { RD = (uint64_t)(int64_t)(int16_t)RS1; NEXT(); }
OP(clzw)   { RD = clz32((uint32_t)RS1); NEXT(); }
OP(ctzw)   { RD = ctz32((uint32_t)RS1); NEXT(); }
OP(cpopw)  { RD = popcount64((uint32_t)RS1); NEXT(); }
OP(max)    { RD = (int64_t)RS1 > (int64_t)RS2 ? RS1 : RS2; NEXT(); }
OP(maxu)   { RD = RS1 > RS2 ? RS1 : RS2; NEXT(); }
OP(min)    { RD = (int64_t)RS1 < (int64_t)RS2 ? RS1 : RS2; NEXT(); }
OP(minu)   { RD = RS1 < RS2 ? RS1 : RS2; NEXT(); }
OP(zext_h) { RD = (uint16_t)RS1; NEXT(); }
OP(rol)    { RD = rol64(RS1, (unsigned)RS2); NEXT(); }
OP(ror)    { RD = ror64(RS1, (unsigned)RS2); NEXT(); }
OP(rori)   { RD = ror64(RS1, (unsigned)SIMM); NEXT(); }
OP(rolw)   { RD = SX32(rol32((uint32_t)RS1, (unsigned)RS2)); NEXT(); }
OP(rorw)   { RD = SX32(ror32((uint32_t)RS1, (unsigned)RS2)); NEXT(); }
OP(roriw)  { RD = SX32(ror32((uint32_t)RS1, (unsigned)SIMM)); NEXT(); }
OP(orc_b)  { RD = orc_b(RS1); NEXT(); }
OP(rev8)   { RD = __builtin_bswap64(RS1); NEXT(); }

/* ---- Zbs ---- */
OP(bclr)  { RD = RS1 & ~((uint64_t)1 << (RS2 & 63)); NEXT(); }
OP(bclri) { RD = RS1 & ~((uint64_t)1 << SIMM); NEXT(); }
OP(bext)  { RD = (RS1 >> (RS2 & 63)) & 1; NEXT(); }
OP(bexti) { RD = (RS1 >> SIMM) & 1; NEXT(); }
OP(binv)  { RD = RS1 ^ ((uint64_t)1 << (RS2 & 63)); NEXT(); }
OP(binvi) { RD = RS1 ^ ((uint64_t)1 << SIMM); NEXT(); }
OP(bset)  { RD = RS1 | ((uint64_t)1 << (RS2 & 63)); NEXT(); }
OP(bseti) { RD = RS1 | ((uint64_t)1 << SIMM); NEXT(); }
