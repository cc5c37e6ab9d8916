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

static uint64_t csr_read(struct rv_cpu *cpu, unsigned csr, uint64_t instret)
{
    switch (csr) {
    case CSR_FFLAGS: return cpu->fflags;
    case CSR_FRM: return cpu->frm;
    case CSR_FCSR: return cpu->frm << 5 | cpu->fflags;
    case CSR_TIME: {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        /* a 10 MHz timebase, as on common riscv64 boards */
        return (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100;
    }
    default: return instret;       /* cycle and instret */
    }
}

static void csr_write(struct rv_cpu *cpu, unsigned csr, uint64_t v)
{
    switch (csr) {
    case CSR_FFLAGS: cpu->fflags = v & 31; break;
    case CSR_FRM: cpu->frm = v & 7; break;
    case CSR_FCSR: cpu->fflags = v & 31; cpu->frm = (v >> 5) & 7; break;
    default: break;                /* read-only counters are refused by the decoder */
    }
}

#define AMO_MINMAX(name, T, CMP)                                                   \
    static T name(T *p, T v)                                                       \
    {                                                                              \
        T old = __atomic_load_n(p, __ATOMIC_RELAXED), nv;                          \
        do {                                                                       \
            nv = CMP ? old : v;                                                    \
        } while (!__atomic_compare_exchange_n(p, &old, nv, 1, __ATOMIC_SEQ_CST,    \
                                              __ATOMIC_RELAXED));                  \
        return old;                                                                \
    }
AMO_MINMAX(amo_min32, uint32_t, ((int32_t)old < (int32_t)v))
AMO_MINMAX(amo_max32, uint32_t, ((int32_t)old > (int32_t)v))
AMO_MINMAX(amo_minu32, uint32_t, (old < v))
AMO_MINMAX(amo_maxu32, uint32_t, (old > v))
AMO_MINMAX(amo_min64, uint64_t, ((int64_t)old < (int64_t)v))
AMO_MINMAX(amo_max64, uint64_t, ((int64_t)old > (int64_t)v))
AMO_MINMAX(amo_minu64, uint64_t, (old < v))
AMO_MINMAX(amo_maxu64, uint64_t, (old > v))

static inline uint64_t clz64(uint64_t v) { return v ? (uint64_t)__builtin_clzll(v) : 64; }
static inline uint64_t ctz64(uint64_t v) { return v ? (uint64_t)__builtin_ctzll(v) : 64; }
static inline uint64_t clz32(uint32_t v) { return v ? (uint64_t)__builtin_clz(v) : 32; }
static inline uint64_t ctz32(uint32_t v) { return v ? (uint64_t)__builtin_ctz(v) : 32; }
static inline uint64_t rol64(uint64_t v, unsigned s) { s &= 63; return s ? v << s | v >> (64 - s) : v; }
static inline uint64_t ror64(uint64_t v, unsigned s) { s &= 63; return s ? v >> s | v << (64 - s) : v; }
static inline uint32_t rol32(uint32_t v, unsigned s) { s &= 31; return s ? v << s | v >> (32 - s) : v; }
static inline uint32_t ror32(uint32_t v, unsigned s) { s &= 31; return s ? v >> s | v << (32 - s) : v; }

static inline uint64_t orc_b(uint64_t v)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i += 8)
        if ((v >> i) & 0xff)
            r |= (uint64_t)0xff << i;
    return r;
}

static inline int64_t div64(int64_t a, int64_t b)
{
    if (b == 0) return -1;
    if (a == INT64_MIN && b == -1) return a;
    return a / b;
}
static inline int64_t rem64(int64_t a, int64_t b)
{
    if (b == 0) return a;
    if (a == INT64_MIN && b == -1) return 0;
    return a % b;
}
static inline int32_t div32(int32_t a, int32_t b)
{
    if (b == 0) return -1;
    if (a == INT32_MIN && b == -1) return a;
    return a / b;
}
static inline int32_t rem32(int32_t a, int32_t b)
{
    if (b == 0) return a;
    if (a == INT32_MIN && b == -1) return 0;
    return a % b;
}

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
#define PC (b->pc + r->pcoff)
#define SX32(v) ((uint64_t)(int64_t)(int32_t)(v))

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
        v_; })
#define ST(T, a, v) do { T v_ = (T)(v);                                            \
        if (((a) & (sizeof(T) - 1)) == 0)                                         \
            __atomic_store_n((T *)(base + (a)), v_, __ATOMIC_RELAXED);            \
        else                                                                       \
            memcpy(base + (a), &v_, sizeof v_);                                    \
    } while (0)
#else
#define LD(T, a) ({ T v_; memcpy(&v_, base + (a), sizeof v_); v_; })
#define ST(T, a, v) do { T v_ = (T)(v); memcpy(base + (a), &v_, sizeof v_); } while (0)
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
    if (!cpu) {
        rv_handlers = table;
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

    cpu->in_guest = 1;

lookup:
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
    cpu->instret += b->n;
    r = b->recs;
    DISPATCH();

#ifndef RV_DISPATCH_GOTO
dispatch:
    switch (r->op) {
    default:
#endif
#include "interp/exec.h"
#ifndef RV_DISPATCH_GOTO
    }
#endif

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
        cpu->pc = rv_rec_block(cpu->cur)->pc + cpu->cur->pcoff;
        return RV_EXIT_FAULT;
    }
    return run_blocks(cpu);
}
