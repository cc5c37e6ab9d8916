/* The run loop of one guest thread: find the block at pc, run its records through the
 * direct-threaded interpreter (computed goto, or a switch in the portable build), chain to the
 * next block. Leaves only on a guest fault, a stop request or the thread's exit. */
#include <signal.h>
#include <string.h>
#include <time.h>
#include "config.h"
#include "rv.h"
#include "interp/block.h"
#include "interp/fpu.h"
#include "interp/interp.h"
#include "debug/log.h"
#include "linux/syscall.h"
#ifdef RV_JIT
#include "jit/jit.h"
#include "jit/jit-abi.h"
#endif

#include "interp/ops.h"

/* The second operations of superinstructions, chosen from pair frequencies measured over
 * bench/ (-d exec,in_asm): mv/addi, sext.w/addiw, add, lw, ld, lbu, sd and bne follow other
 * plain integer operations most often. Keep in step with the SUPER_B list below. */
#define SUPER_SECONDS(X, a) X(addi, a) X(addiw, a) X(add, a) X(lw, a) X(ld, a) X(lbu, a) \
                            X(sd, a) X(bne, a)
#define SUPER_N 8
const void *const (*rv_fused)[SUPER_N];
#ifdef RV_SUPER
const int rv_fused_second[RV_OP_X_COUNT] = {
    [RV_OP_addi] = 1, [RV_OP_addiw] = 2, [RV_OP_add] = 3, [RV_OP_lw] = 4, [RV_OP_ld] = 5,
    [RV_OP_lbu] = 6, [RV_OP_sd] = 7, [RV_OP_bne] = 8,
};
#endif

#ifdef RV_DISPATCH_GOTO
#define OP(name) L_##name:
#define DISPATCH() goto *r->h
#else
#define OP(name) case RV_OP_##name:
#define DISPATCH() goto dispatch
#endif
#define NEXT() do { r++; DISPATCH(); } while (0)

#define X(i) cpu->x[i]
#define F(i) cpu->f[i]
#define RD X(r->rd)
#define RS1 X(r->rs1)
#define RS2 X(r->rs2)
#define IMM ((uint64_t)r->imm)
#define SIMM r->imm
#define LEN r->len
#define FRD F(r->rd)
#define FRS2 F(r->rs2)
#define PC (b->pc + r->pcoff)
#define SX32(v) ((uint64_t)(int64_t)(int32_t)(v))

/* Guest memory is little-endian: RV_LE_AS converts (nothing on a little-endian host). */
/* one compare: a + n <= size, with size - n folded (size is at least 16 MiB) */
#define CHECK(a, n) do { if (__builtin_expect((a) > msize - (n), 0)) { fa = (a); goto bad_address; } cpu->cur = r; } while (0)
#ifdef __SANITIZE_THREAD__
/* Races between guest threads are the guest's own business: under ThreadSanitizer aligned
 * guest accesses are relaxed atomics (what plain ones are on every host we support), so that
 * the reports left are rvemu's own races. */
#define LD(T, a) ({ T v_;                                                         \
        if (((a) & (sizeof(T) - 1)) == 0)                                         \
            v_ = __atomic_load_n((T *)(base + (a)), __ATOMIC_RELAXED);            \
        else                                                                       \
            memcpy(&v_, base + (a), sizeof v_);                                    \
        RV_LE_AS(T, v_); })
#define ST(T, a, v) do { T v_ = RV_LE_AS(T, v);                                    \
        if (((a) & (sizeof(T) - 1)) == 0)                                         \
            __atomic_store_n((T *)(base + (a)), v_, __ATOMIC_RELAXED);            \
        else                                                                       \
            memcpy(base + (a), &v_, sizeof v_);                                    \
    } while (0)
#else
#define LD(T, a) ({ T v_; memcpy(&v_, base + (a), sizeof v_); RV_LE_AS(T, v_); })
#define ST(T, a, v) do { T v_ = RV_LE_AS(T, v); memcpy(base + (a), &v_, sizeof v_); } while (0)
#endif
#ifdef __SANITIZE_THREAD__
/* ThreadSanitizer does not model fences: a seq_cst RMW orders the same for it */
static int fence_word;
#define FENCE() __atomic_fetch_add(&fence_word, 0, __ATOMIC_SEQ_CST)
#else
#define FENCE() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
#define ATOMIC_CHECK(a, n) do { CHECK(a, n); if ((a) & ((n) - 1)) { fa = (a); goto misaligned_atomic; } } while (0)
#define HOST(T, a) ((T *)(base + (a)))

/* jump to a target that is the same on every execution, through chain slot s */
#define JUMP(target, s) do {                                                       \
        struct rv_block *nb_ = b->succ[s];                                         \
        if (__builtin_expect(nb_ != NULL, 1)) { b = nb_; goto enter; }             \
        cpu->pc = (target); prev = b; slot = (s); goto lookup;                     \
    } while (0)
/* jump to a computed target: the chain slot is a one-entry cache checked by pc, then the
 * thread's jump cache; a miss in both takes the hash lookup, which fills the jump cache */
#define JUMP_INDIRECT(target, s) do {                                              \
        uint64_t t_ = (target);                                                    \
        struct rv_block *nb_ = b->succ[s];                                         \
        if (__builtin_expect(nb_ != NULL && nb_->pc == t_, 1)) { b = nb_; goto enter; } \
        nb_ = jumps[RV_JUMP_SLOT(t_)];                                              \
        if (nb_ != NULL && nb_->pc == t_) { b->succ[s] = nb_; b = nb_; goto enter; } \
        cpu->pc = t_; prev = b; slot = (s); indirect = 1; goto lookup;             \
    } while (0)

#define RM_OF(r) ((r)->rm == RM_DYN ? (int)cpu->frm : (int)(r)->rm)
#define FP_FFF(name) OP(name) { int rm = RM_OF(r); if (rm > RM_RMM) goto illegal; \
        F(r->rd) = fpu_##name(cpu, F(r->rs1), F(r->rs2), F(r->rs3), rm); NEXT(); }
#define FP_FF(name) OP(name) { F(r->rd) = fpu_##name(cpu, F(r->rs1), F(r->rs2), 0, 0); NEXT(); }
#define FP_XF_RM(name) OP(name) { int rm = RM_OF(r); if (rm > RM_RMM) goto illegal; \
        RD = fpu_##name(cpu, F(r->rs1), 0, 0, rm); NEXT(); }
#define FP_XF(name) OP(name) { RD = fpu_##name(cpu, F(r->rs1), F(r->rs2), 0, 0); NEXT(); }
#define FP_FX_RM(name) OP(name) { int rm = RM_OF(r); if (rm > RM_RMM) goto illegal; \
        F(r->rd) = fpu_##name(cpu, RS1, 0, 0, rm); NEXT(); }
#define FP_FX(name) OP(name) { F(r->rd) = fpu_##name(cpu, RS1, 0, 0, 0); NEXT(); }

/* The loop proper; rv_run() wraps it in the fault landing pad so that none of its locals
 * live across sigsetjmp. */
static __attribute__((noinline)) enum rv_exit run_blocks(struct rv_cpu *cpu)
{
#ifdef RV_DISPATCH_GOTO
    static const void *const table[RV_OP_X_COUNT] = {
        [RV_OP_ILLEGAL] = &&L_ILLEGAL,
#define INSN(id, mask, match, fmt, ext, flags, args) [RV_OP_##id] = &&L_##id,
#include "decode/insn.def"
#undef INSN
        [RV_OP_X_FALLTHRU] = &&L_X_FALLTHRU,
    };
#ifdef RV_SUPER
    /* superinstructions: alu.h's operations followed by a frequent second operation jump to
     * its handler directly instead of through the record (see SUPER_SECONDS) */
#define SUPER_ROW(name) [RV_OP_##name] = { SUPER_SECONDS(SUPER_CELL_OF, name) },
#define SUPER_CELL_OF(b, a) &&L_##a##__##b,
#define RRR(name, V) SUPER_ROW(name)
#define RRI(name, V) SUPER_ROW(name)
#define LOADOP(name, T, n) SUPER_ROW(name)
#define STOREOP(name, T, n) SUPER_ROW(name)
#define BRANCH(name, C) SUPER_ROW(name)
    static const void *const fused[RV_OP_X_COUNT][SUPER_N] = {
#include "interp/alu.h"
    };
#undef RRR
#undef RRI
#undef LOADOP
#undef STOREOP
#undef BRANCH
#endif
    if (!cpu) {
        rv_handlers = table;
#ifdef RV_SUPER
        rv_fused = fused;
#endif
        return RV_EXIT_NONE;
    }
#else
    if (!cpu)
        return RV_EXIT_NONE;
#endif
    struct rv_mem *mem = &cpu->m->mem;
    uint8_t *base = mem->base;
    const uint64_t msize = mem->size;
    struct rv_block **jumps = rv_cache_jumps(cpu->cache);
    int indirect = 0;
    struct rv_block *b, *prev = NULL;
    const struct rv_rec *r;
    int slot = 0;
    uint64_t fa;
#ifdef RV_JIT
    const int jit_on = cpu->m->jit_on;
    const uint32_t jit_threshold = cpu->m->opts.jit_threshold;
    void **jlink = NULL;                /* a compiled exit to link to the next block */
    struct rv_jit_ic *jic = NULL;       /* a compiled indirect jump's cache to fill */
#endif

    cpu->in_guest = 1;

lookup:
    /* a host fault while decoding (a code page of a file truncated under it) is the fetch's */
    cpu->cur = NULL;
    b = rv_cache_get(cpu, cpu->pc);
    if (!b) {
        cpu->in_guest = 0;
        return RV_EXIT_FAULT;
    }
    if (indirect) {
        jumps[RV_JUMP_SLOT(b->pc)] = b;
        indirect = 0;
    }
    /* debugging that must see every block (logs, gdb) keeps blocks unchained: no cost on
     * the chained path when it is off */
    if (__builtin_expect(cpu->m->per_block, 0)) {
        rv_debug_block_entry(cpu, b);
        if (rv_cpu_kicked(cpu)) {
            cpu->in_guest = 0;
            return RV_EXIT_NONE;
        }
    } else if (prev)
        prev->succ[slot] = b;
enter:
    if (__builtin_expect(rv_cpu_kicked(cpu), 0)) {
        cpu->pc = b->pc;
        cpu->in_guest = 0;
        return RV_EXIT_NONE;
    }
#ifdef RV_JIT
    if (b->jit || (jit_on && b->hits++ >= jit_threshold && rv_jit_compile(cpu, b))) {
        if (jlink)
            rv_jit_link(jlink, b->jit);
        if (jic) {
            jic->pc = b->pc;
            jic->code = b->jit;
        }
        jlink = NULL;
        jic = NULL;
        switch (((rv_jit_fn *)b->jit)(cpu, base, 0, 0, 0, 0)) {
        case JX_LOOKUP:
            jlink = cpu->jit_link;
            prev = NULL;
            goto lookup;
        case JX_INDIRECT:
            jic = cpu->jit_ic;
            prev = NULL;
            indirect = 1;
            goto lookup;
        case JX_ECALL:
            goto syscall;
        case JX_FENCE_I:
            rv_cache_flush(cpu->cache);
            cpu->in_guest = 0;
            return RV_EXIT_NONE;
        case JX_FAULT:
            cpu->in_guest = 0;
            return RV_EXIT_FAULT;
        default:                        /* JX_KICKED: cpu->pc is the block's */
            cpu->in_guest = 0;
            return RV_EXIT_NONE;
        }
    }
    jlink = NULL;
    jic = NULL;
#endif
    cpu->instret += b->n;
    r = b->recs;
    DISPATCH();

#ifndef RV_DISPATCH_GOTO
dispatch:
    switch (r->op) {
    default:
#endif
#include "interp/exec.h"
#include "interp/exec-sys.h"
#ifdef RV_SUPER
    /* alu.h once more per second operation B: L_<a>__<B> runs a, then B's handler directly */
#undef OP
#undef NEXT
#define SUPER_CAT(a, b) SUPER_CAT_(a, b)
#define SUPER_CAT_(a, b) L_##a##__##b
#define SUPER_GO(b) SUPER_GO_(b)
#define SUPER_GO_(b) L_##b
#define OP(name) SUPER_CAT(name, SUPER_B):
#define NEXT() do { r++; goto SUPER_GO(SUPER_B); } while (0)
#define SUPER_B addi
#include "interp/alu.h"
#undef SUPER_B
#define SUPER_B addiw
#include "interp/alu.h"
#undef SUPER_B
#define SUPER_B add
#include "interp/alu.h"
#undef SUPER_B
#define SUPER_B lw
#include "interp/alu.h"
#undef SUPER_B
#define SUPER_B ld
#include "interp/alu.h"
#undef SUPER_B
#define SUPER_B lbu
#include "interp/alu.h"
#undef SUPER_B
#define SUPER_B sd
#include "interp/alu.h"
#undef SUPER_B
#define SUPER_B bne
#include "interp/alu.h"
#undef SUPER_B
#endif
#ifndef RV_DISPATCH_GOTO
    }
#endif

syscall:
    cpu->in_guest = 0;
    rv_syscall(cpu);
    if (cpu->halt)
        return RV_EXIT_HALT;
    /* a signal, a flush request or a stop arrived during the call */
    if (rv_cpu_kicked(cpu))
        return RV_EXIT_NONE;
    cpu->in_guest = 1;
    prev = NULL;
    goto lookup;
bad_address:
    cpu->sig = SIGSEGV;
    cpu->sig_code = SEGV_MAPERR;
    cpu->sig_addr = fa;
    goto trap;
misaligned_atomic:
    cpu->sig = SIGBUS;
    cpu->sig_code = BUS_ADRALN;
    cpu->sig_addr = fa;
    goto trap;
illegal:
    cpu->sig = SIGILL;
    cpu->sig_code = ILL_ILLOPC;
    cpu->sig_addr = PC;
trap:
    cpu->pc = PC;
    cpu->in_guest = 0;
    return RV_EXIT_FAULT;
}

enum rv_exit rv_run(struct rv_cpu *cpu)
{
    if (cpu && sigsetjmp(cpu->fault_jmp, 0)) {
        /* a host fault in guest memory: the signal handler filled cpu->sig* */
        cpu->in_guest = 0;
        if (cpu->cur)
            cpu->pc = rv_rec_block(cpu->cur)->pc + cpu->cur->pcoff;
#if defined(__s390x__) || defined(__s390__)
        /* s390x reports the page of a fault, not its byte: the access is the record's (its
         * base register is not yet overwritten), unless it began on the page before */
        if (cpu->cur && (rv_insns[cpu->cur->op].flags & (F_LOAD | F_STORE))) {
            const struct rv_rec *r = cpu->cur;
            uint64_t a = cpu->x[r->rs1] +
                         ((rv_insns[r->op].flags & F_ATOMIC) ? 0 : (uint64_t)r->imm);
            if (RV_PAGE_DOWN(a) == RV_PAGE_DOWN(cpu->sig_addr))
                cpu->sig_addr = a;
        }
#endif
        return RV_EXIT_FAULT;
    }
    return run_blocks(cpu);
}
