/* The JIT's stencils: one per instruction-table row, expanded from the same bodies as the
 * interpreter's handlers (interp/exec.h), in two variants (64-bit and small immediates), plus
 * the block entry and exit. Built with fixed flags and read by tools/stencil-extract.c. */
#include "jit-templates/stencil.h"
#include "jit-templates/ops.h"

extern char H_p0[1], H_p1[1], H_p2[1], H_p3[1];

/* ---- block structure ---- */
/* Entry from outside: the block's held registers come from cpu->x (H_p0..H_p3 are their
 * offsets), then X_ENTER, where a loop back to the block's own start also enters */
OP(X_LOAD)
{
    (void)p0, (void)p1, (void)p2, (void)p3;
    return J_next(cpu, base, REG(H_p0), REG(H_p1), REG(H_p2), REG(H_p3));
}

/* Stop requests are seen at every block entry, so a compiled loop still takes signals;
 * instret counts whole blocks, as in the interpreter. */
OP(X_ENTER)
{
    if (__builtin_expect(__atomic_load_n(&cpu->pending, __ATOMIC_RELAXED), 0))
        return rv_jit_kicked(cpu, PC);
    cpu->instret += HOLE31(H_n);
    NEXT();
}

/* After a plain stencil wrote a held register in cpu->x: take it again */
OP(X_RELOAD0) { p0 = REG(H_rd); NEXT(); }
OP(X_RELOAD1) { p1 = REG(H_rd); NEXT(); }
OP(X_RELOAD2) { p2 = REG(H_rd); NEXT(); }
OP(X_RELOAD3) { p3 = REG(H_rd); NEXT(); }

/* A direct exit: to the successor's code once the run loop has linked it, else back to the
 * run loop with the slot to fill. */
OP(X_EXIT)
{
    rv_jit_fn *f = *(rv_jit_fn **)HOLE64(H_slot);
    if (__builtin_expect(f != NULL, 1))
        return f(ST_PASS);
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

/* ---- alu.h's operations with held registers (small immediates only) ---- */
#include "jit-templates/pin.h"
#undef RS1
#undef RS2
#define RS1 rs1_v
#define RS2 rs2_v
#define LOC_M(h) REG(h)
#define LOC_P0(h) p0
#define LOC_P1(h) p1
#define LOC_P2(h) p2
#define LOC_P3(h) p3
#define PUT_M(v) (REG(H_rd) = (v))
#define PUT_P0(v) (REG(H_rd) = p0 = (v))
#define PUT_P1(v) (REG(H_rd) = p1 = (v))
#define PUT_P2(v) (REG(H_rd) = p2 = (v))
#define PUT_P3(v) (REG(H_rd) = p3 = (v))
/* CHECK pastes its size into a name: expand TN##_N to the number first */
#define CHECK_X(a, n) CHECK(a, n)

#define G_RRR(name, V, D, S1, S2)                                                  \
    uintptr_t st_p_##name##_##D##_##S1##_##S2(ST_ARGS)                             \
    {                                                                              \
        uint64_t rs1_v = LOC_##S1(H_rs1), rs2_v = LOC_##S2(H_rs2);                 \
        PUT_##D(V);                                                                \
        NEXT();                                                                    \
    }
#define G_RRI(name, V, D, S1)                                                      \
    uintptr_t st_p_##name##_##D##_##S1(ST_ARGS)                                    \
    {                                                                              \
        uint64_t rs1_v = LOC_##S1(H_rs1);                                          \
        PUT_##D(V);                                                                \
        NEXT();                                                                    \
    }
#define G_LOAD(name, TN, D, S1)                                                    \
    uintptr_t st_p_##name##_##D##_##S1(ST_ARGS)                                    \
    {                                                                              \
        uint64_t a = LOC_##S1(H_rs1) + IMM;                                        \
        CHECK_X(a, TN##_N);                                                        \
        PUT_##D((uint64_t)(int64_t)LD(TN##_T, a));                                 \
        NEXT();                                                                    \
    }
#define G_STORE(name, TN, S1, S2)                                                  \
    uintptr_t st_p_##name##_##S1##_##S2(ST_ARGS)                                   \
    {                                                                              \
        uint64_t a = LOC_##S1(H_rs1) + IMM;                                        \
        CHECK_X(a, TN##_N);                                                        \
        ST(TN##_T, a, LOC_##S2(H_rs2));                                            \
        NEXT();                                                                    \
    }
#define G_BRANCH(name, C, S1, S2)                                                  \
    uintptr_t st_p_##name##_##S1##_##S2(ST_ARGS)                                   \
    {                                                                              \
        uint64_t rs1_v = LOC_##S1(H_rs1), rs2_v = LOC_##S2(H_rs2);                 \
        if (C)                                                                     \
            return J_taken(ST_PASS);                                               \
        return J_next(ST_PASS);                                                    \
    }
/* a load's or store's type and size travel as one token: TN_T and TN_N */
#define i8_T int8_t
#define i8_N 1
#define i16_T int16_t
#define i16_N 2
#define i32_T int32_t
#define i32_N 4
#define u64_T uint64_t
#define u64_N 8
#define u8_T uint8_t
#define u8_N 1
#define u16_T uint16_t
#define u16_N 2
#define u32_T uint32_t
#define u32_N 4
#define TN_int8_t i8
#define TN_int16_t i16
#define TN_int32_t i32
#define TN_uint64_t u64
#define TN_uint8_t u8
#define TN_uint16_t u16
#define TN_uint32_t u32
#undef RRR
#undef RRI
#undef LOADOP
#undef STOREOP
#undef BRANCH
#define RRR(name, V) PIN3(G_RRR, name, V)
#define RRI(name, V) PIN2(G_RRI, name, V)
#define LOADOP(name, T, n) PIN2(G_LOAD, name, TN_##T)
#define STOREOP(name, T, n) PIN2(G_STORE, name, TN_##T)
#define BRANCH(name, C) PIN2(G_BRANCH, name, C)
#include "interp/alu.h"
