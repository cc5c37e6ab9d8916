/* How exec.h's operation bodies become stencils: the OP/RD/IMM/CHECK/JUMP macros of the
 * interpreter re-defined over holes (undefined symbols the JIT patches at run time) and
 * continuations (tail calls the JIT points at the next piece of code). See docs in jit.c. */
/* Included twice by stencils.c: once as is, once with STENCIL_SMALL_IMM. */
#include <stdint.h>
#include "interp/cpu.h"
#include "interp/block.h"
#include "interp/fpu.h"
#include "interp/interp.h"
#include "interp/ops.h"
#include "jit/jit-abi.h"

/* continuations: the next stencil, and the block's taken-branch exit. (Unlikely paths, the
 * ones that call the cold helpers of jit-abi.h, are moved out of line by gcc's hot/cold
 * partitioning; the extractor and the runtime place them after the block's exits.) */
extern rv_jit_fn J_next, J_taken;
/* 31-bit holes: register offsets in struct rv_cpu, small fields */
extern char H_rd[1], H_rs1[1], H_rs2[1], H_frd[1], H_frs1[1], H_frs2[1], H_frs3[1];
extern char H_len[1], H_rm[1], H_n[1], H_simm[1];

#if defined(__x86_64__)
/* -mcmodel=small: a 31-bit hole folds into a disp32/imm32 (R_X86_64_32/32S); a 64-bit one is
 * a movabs (R_X86_64_64) */
#define HOLE31(s) ((uintptr_t)(s))
#define HOLE64(s) ({ uint64_t v_; __asm__("movabsq $" #s ", %0" : "=r"(v_)); v_; })
#elif defined(__aarch64__)
/* no addressing mode takes a symbol's value: movz/movk pairs (R_AARCH64_MOVW_UABS_G*) */
#define HOLE31(s) ({ uint64_t v_; __asm__("movz %0, #:abs_g1:" #s "\n\tmovk %0, #:abs_g0_nc:" #s \
                                          : "=r"(v_)); v_; })
#define HOLE64(s) ({ uint64_t v_; __asm__("movz %0, #:abs_g3:" #s "\n\tmovk %0, #:abs_g2_nc:" #s \
                                          "\n\tmovk %0, #:abs_g1_nc:" #s "\n\tmovk %0, #:abs_g0_nc:" #s \
                                          : "=r"(v_)); v_; })
#else
#error "stencils are built for x86-64 and aarch64 hosts only"
#endif

#define ST_ARGS struct rv_cpu *cpu, uint8_t *base, uint64_t p0, uint64_t p1, uint64_t p2, uint64_t p3
#define ST_PASS cpu, base, p0, p1, p2, p3
#ifdef STENCIL_SMALL_IMM
#define OP(name) uintptr_t st_i_##name(ST_ARGS)
#else
#define OP(name) uintptr_t st_##name(ST_ARGS)
#endif
#define NEXT() return J_next(ST_PASS)

#define REG(h) (*(uint64_t *)((char *)cpu + HOLE31(h)))
#define RD REG(H_rd)
#define RS1 REG(H_rs1)
#define RS2 REG(H_rs2)
#define FRD REG(H_frd)
#define FRS1 REG(H_frs1)
#define FRS2 REG(H_frs2)
#define FRS3 REG(H_frs3)
/* Immediates: a 64-bit hole, or in the small-immediate variants (st_i_*) a 31-bit hole
 * holding imm + RV_JIT_IMM_BIAS, so that the compiler's assumption that holes are small
 * non-negative numbers stays true and imm32 forms can carry negative immediates. */
#ifdef STENCIL_SMALL_IMM
#define SIMM ((int64_t)HOLE31(H_simm) - RV_JIT_IMM_BIAS)
#else
#define SIMM ((int64_t)HOLE64(H_imm))
#endif
#define IMM ((uint64_t)SIMM)
#define LEN HOLE31(H_len)
#define PC HOLE64(H_pc)
#define REC ((const struct rv_rec *)HOLE64(H_rec))
#define SX32(v) ((uint64_t)(int64_t)(int32_t)(v))

/* A host fault in compiled code is mapped back to its record by the host pc (jit.c); only a
 * failed check, out of line, passes its record. */
#define CHECK(a, n) do {                                                           \
        if (__builtin_expect((a) > cpu->jit_lim##n, 0))                            \
            return rv_jit_segv(cpu, REC, (a));                                     \
    } while (0)
#define ATOMIC_CHECK(a, n) do {                                                    \
        CHECK(a, n);                                                               \
        if (__builtin_expect((a) & ((n) - 1), 0))                                  \
            return rv_jit_misaligned(cpu, REC, (a));                               \
    } while (0)
#define LD(T, a) ({ T v_; __builtin_memcpy(&v_, base + (a), sizeof v_); v_; })
#define ST(T, a, v) do { T v_ = (T)(v); __builtin_memcpy(base + (a), &v_, sizeof v_); } while (0)
#define HOST(T, a) ((T *)(base + (a)))
#define FENCE() __atomic_thread_fence(__ATOMIC_SEQ_CST)

/* Slot 0 is the taken exit, slot 1 the fall-through: the code right after the stencil */
#define JUMP(target, s) return (s) ? J_next(ST_PASS) : J_taken(ST_PASS)
/* An indirect jump: the block's inline cache, then the thread's jump cache, then the run loop */
#define JUMP_INDIRECT(target, s) do {                                              \
        uint64_t t_ = (target);                                                    \
        struct rv_jit_ic *ic_ = (struct rv_jit_ic *)HOLE64(H_ic);                  \
        if (__builtin_expect(ic_->pc == t_, 1))                                    \
            return ((rv_jit_fn *)ic_->code)(ST_PASS);                              \
        struct rv_block *nb_ = ((struct rv_block **)HOLE64(H_jumps))[RV_JUMP_SLOT(t_)]; \
        if (nb_ && nb_->pc == t_ && nb_->jit) {                                    \
            ic_->pc = t_;                                                          \
            ic_->code = nb_->jit;                                                  \
            return ((rv_jit_fn *)nb_->jit)(ST_PASS);                               \
        }                                                                          \
        cpu->pc = t_;                                                              \
        cpu->jit_ic = ic_;                                                         \
        return JX_INDIRECT;                                                        \
    } while (0)

/* Floating point calls fpu.c; the rounding mode is the record's or, if dynamic, frm */
#define RM_RESOLVE                                                                 \
    uint64_t rm_ = HOLE31(H_rm);                                                   \
    if (rm_ == RM_DYN)                                                             \
        rm_ = cpu->frm;                                                            \
    if (__builtin_expect(rm_ > RM_RMM, 0))                                         \
        return rv_jit_illegal(cpu, PC);
#define FP_FFF(name) OP(name) { RM_RESOLVE FRD = fpu_##name(cpu, FRS1, FRS2, FRS3, (int)rm_); NEXT(); }
#define FP_FF(name) OP(name) { FRD = fpu_##name(cpu, FRS1, FRS2, 0, 0); NEXT(); }
#define FP_XF_RM(name) OP(name) { RM_RESOLVE RD = fpu_##name(cpu, FRS1, 0, 0, (int)rm_); NEXT(); }
#define FP_XF(name) OP(name) { RD = fpu_##name(cpu, FRS1, FRS2, 0, 0); NEXT(); }
#define FP_FX_RM(name) OP(name) { RM_RESOLVE FRD = fpu_##name(cpu, RS1, 0, 0, (int)rm_); NEXT(); }
#define FP_FX(name) OP(name) { FRD = fpu_##name(cpu, RS1, 0, 0, 0); NEXT(); }
