/* The JIT's runtime: the code region and its per-thread chunks, and compiling a block by
 * copying its stencils (generated jit_stencils.h) one after the other and patching their
 * holes. Code is written while its pages are read+write and run only once they are
 * read+execute again (W^X); a block that cannot be compiled stays interpreted. */
#include <elf.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include "rv.h"
#include "decode/decode.h"
#include "interp/block.h"
#include "interp/fpu.h"
#include "interp/interp.h"
#include "jit/jit.h"
#include "jit/jit-abi.h"
#include "debug/log.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000    /* Linux 4.17; older kernels take it as a hint */
#endif

struct jit_hole { uint32_t off; uint16_t type; uint16_t kind; uint32_t helper; int64_t addend; };
struct jit_stencil {
    const char *name;
    const unsigned char *code;
    uint32_t size;
    const struct jit_hole *holes;
    uint32_t nholes;
    int falls;              /* its trailing jump to J_next was stripped: it falls through */
    const struct jit_stencil *cold;   /* its unlikely paths, placed after the block's exits */
};
/* The holes the stencils use (jit-templates/stencil.h), by symbol name */
enum {
    JH_H_rd, JH_H_rs1, JH_H_rs2, JH_H_frd, JH_H_frs1, JH_H_frs2, JH_H_frs3,
    JH_H_imm, JH_H_simm, JH_H_pc, JH_H_len, JH_H_rec, JH_H_rm, JH_H_n,
    JH_H_lim1, JH_H_lim2, JH_H_lim4, JH_H_lim8,
    JH_H_slot, JH_H_target, JH_H_ic, JH_H_jumps, JH_H_p0, JH_H_p1, JH_H_p2, JH_H_p3,
    JH_J_next, JH_J_taken, JH_J_cold, JH_J_hot, JH_HELPER
};
#if defined(__x86_64__)
#include "jit/stencils-x86_64.h"
#elif defined(__aarch64__)
#include "jit/stencils-aarch64.h"
#endif

#define HELPER_ADDR(name) (uintptr_t)&name,
static const uintptr_t helpers[] = { JIT_HELPERS(HELPER_ADDR) 0 };
#define NHELPERS (sizeof helpers / sizeof helpers[0] - 1)

/* every instruction-table row has its stencils: a missing one is a build error here */
static const struct jit_stencil *const op_stencil[RV_OP_X_COUNT] = {
    [RV_OP_ILLEGAL] = &jit_st_ILLEGAL,
#define INSN(id, mask, match, fmt, ext, flags, args) [RV_OP_##id] = &jit_st_##id,
#include "decode/insn.def"
#undef INSN
};
/* the variants for immediates in [-RV_JIT_IMM_BIAS, RV_JIT_IMM_BIAS) */
static const struct jit_stencil *const op_stencil_i[RV_OP_X_COUNT] = {
    [RV_OP_ILLEGAL] = &jit_st_i_ILLEGAL,
#define INSN(id, mask, match, fmt, ext, flags, args) [RV_OP_##id] = &jit_st_i_##id,
#include "decode/insn.def"
#undef INSN
};

/* alu.h's operations in variants by where their operands live (jit-templates/pin.h): per
 * operation, its shape and the variants in PIN3/PIN2 order (location M = 0, P0..P3 = 1..4) */
#include "jit-templates/pin.h"
#define PIN_T3(name, V, A, B, C) &jit_st_p_##name##_##A##_##B##_##C,
#define PIN_T2(name, V, A, B) &jit_st_p_##name##_##A##_##B,
#define RRR(name, V) static const struct jit_stencil *const pin_##name[] = { PIN3(PIN_T3, name, V) };
#define RRI(name, V) static const struct jit_stencil *const pin_##name[] = { PIN2(PIN_T2, name, V) };
#define LOADOP(name, T, n) RRI(name, T)
#define STOREOP(name, T, n) RRI(name, T)
#define BRANCH(name, C) RRI(name, C)
#include "interp/alu.h"
#undef RRR
#undef RRI
#undef LOADOP
#undef STOREOP
#undef BRANCH
enum { SH_NONE, SH_DSS, SH_DS, SH_SS };    /* rd rs1 rs2 | rd rs1 | rs1 rs2 */
static const struct { uint8_t shape; const struct jit_stencil *const *v; } pin_ops[RV_OP_X_COUNT] = {
#define RRR(name, V) [RV_OP_##name] = { SH_DSS, pin_##name },
#define RRI(name, V) [RV_OP_##name] = { SH_DS, pin_##name },
#define LOADOP(name, T, n) [RV_OP_##name] = { SH_DS, pin_##name },
#define STOREOP(name, T, n) [RV_OP_##name] = { SH_SS, pin_##name },
#define BRANCH(name, C) [RV_OP_##name] = { SH_SS, pin_##name },
#include "interp/alu.h"
#undef RRR
#undef RRI
#undef LOADOP
#undef STOREOP
#undef BRANCH
};

/* The region is cut into chunks; a thread compiles into chunks it owns, so writing code never
 * touches a page another thread runs, and its flush gives them all back. Each chunk starts
 * with veneers to every helper, in branch range of all code in the chunk. */
#define CHUNK_SIZE RV_JIT_CHUNK_SIZE
#define VENEER_BYTES (((NHELPERS * 16) + 63) & ~(size_t)63)

static struct {
    uint8_t *lo;
    size_t span;            /* the reservation: a power of two, aligned to itself */
    size_t nchunks;
    int32_t *next;          /* per chunk: the next chunk of the same list (-1 ends) */
    int32_t free;           /* list of free chunks */
    struct chunk_index *idx;
    pthread_mutex_t lock;
    int machine;
    FILE *perfmap;
    struct rv_jit_stats st; /* updated atomically */
} R = { .free = -1, .lock = PTHREAD_MUTEX_INITIALIZER };

/* Per chunk, where each compiled block starts (in increasing order: code is bump-allocated),
 * so that a host fault in compiled code finds its block and record from the host pc. Only the
 * owner thread writes a chunk's index, and faults are synchronous: no lock. */
struct chunk_index { uint32_t n, cap; uint32_t *off; struct rv_block **blk; };

struct jit_area {
    int32_t chunks;         /* the thread's chunks, newest first */
    size_t used;            /* bytes used in the newest */
    uint32_t backoff;       /* compiles to skip: the region had no chunk for this thread */
};

int rv_jit_available(void) { return 1; }

void rv_jit_region(uintptr_t *lo, uintptr_t *span)
{
    *lo = (uintptr_t)R.lo;
    *span = R.span;
}

int rv_jit_init(struct rv_machine *m)
{
    size_t size = (m->opts.jit_cache_size + CHUNK_SIZE - 1) & ~(CHUNK_SIZE - 1);
    if (size < CHUNK_SIZE)
        size = CHUNK_SIZE;
    /* A power-of-two span aligned to itself, so that the sandbox's filter can tell an address
     * in it with one mask; it holds at least one chunk more than is used, as a guard. */
    size_t span = CHUNK_SIZE;
    while (span < size + CHUNK_SIZE)
        span <<= 1;
    /* At a fixed place near our own code, so that helper calls are direct branches (veneers
     * cover the rest) and a re-executed rvemu, still under this one's seccomp filter, finds
     * the same region: it is told where with --jit-region and has no JIT elsewhere. */
    uintptr_t want = m->opts.jit_region;
    if (!want)
        want = ((uintptr_t)&rv_jit_init + ((uintptr_t)512 << 20) + span - 1) & ~(uintptr_t)(span - 1);
    uint8_t *a = mmap((void *)want, span, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (a != MAP_FAILED && (uintptr_t)a != want) {
        munmap(a, span);                /* a kernel without MAP_FIXED_NOREPLACE */
        a = MAP_FAILED;
    }
    if (a == MAP_FAILED && m->opts.jit_region)
        return -1;
    if (a == MAP_FAILED) {
        uint8_t *p = mmap(NULL, 2 * span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                          -1, 0);
        if (p == MAP_FAILED) {
            fprintf(stderr, "rvemu: cannot reserve %zu bytes for the JIT; interpreting only\n",
                    2 * span);
            return -1;
        }
        a = (uint8_t *)(((uintptr_t)p + span - 1) & ~(uintptr_t)(span - 1));
        if (a > p)
            munmap(p, (size_t)(a - p));
        munmap(a + span, (size_t)(p + 2 * span - (a + span)));
    }
    R.lo = a;
    R.span = span;
    R.nchunks = size / CHUNK_SIZE;
    R.next = malloc(R.nchunks * sizeof *R.next);
    R.idx = calloc(R.nchunks, sizeof *R.idx);
    if (!R.next || !R.idx)
        rv_fatal("out of memory");
    for (size_t i = 0; i < R.nchunks; i++)
        R.next[i] = i + 1 < R.nchunks ? (int32_t)(i + 1) : -1;
    R.free = 0;
    R.machine = JIT_STENCIL_MACHINE;
    if (m->opts.perfmap) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
        R.perfmap = fopen(path, "we");
        if (R.perfmap)
            setvbuf(R.perfmap, NULL, _IOLBF, 0);
    }
    return 0;
}

static uint8_t *chunk_addr(int32_t c) { return R.lo + (size_t)c * CHUNK_SIZE; }

static int protect(uint8_t *p, size_t n, int prot)
{
    uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t a = (uintptr_t)p & ~(pg - 1), e = ((uintptr_t)p + n + pg - 1) & ~(pg - 1);
    return mprotect((void *)a, e - a, prot);
}

/* A fresh chunk for area, with its veneers written; -1 when the region is full */
static int32_t take_chunk(struct jit_area *a)
{
    pthread_mutex_lock(&R.lock);
    int32_t c = R.free;
    if (c >= 0)
        R.free = R.next[c];
    pthread_mutex_unlock(&R.lock);
    if (c < 0)
        return -1;
    uint8_t *p = chunk_addr(c);
    if (protect(p, VENEER_BYTES, PROT_READ | PROT_WRITE))
        rv_fatal("JIT: mprotect failed");
    for (size_t i = 0; i < NHELPERS; i++)
        rv_jit_veneer(R.machine, p + 16 * i, helpers[i]);
    __builtin___clear_cache((char *)p, (char *)p + VENEER_BYTES);
    if (protect(p, VENEER_BYTES, PROT_READ | PROT_EXEC))
        rv_fatal("JIT: mprotect failed");
    R.next[c] = a->chunks;
    a->chunks = c;
    a->used = VENEER_BYTES;
    return c;
}

void rv_jit_flush(struct rv_cpu *cpu)
{
    struct jit_area *a = cpu->jit_area;
    if (!a || a->chunks < 0)
        return;
    int32_t last = a->chunks;
    while (R.next[last] >= 0)
        last = R.next[last];
    /* no thread runs these any more: unmapped pages fault if a stale pointer is ever used */
    for (int32_t c = a->chunks; c >= 0; c = R.next[c]) {
        protect(chunk_addr(c), CHUNK_SIZE, PROT_NONE);
        R.idx[c].n = 0;
    }
    pthread_mutex_lock(&R.lock);
    R.next[last] = R.free;
    R.free = a->chunks;
    pthread_mutex_unlock(&R.lock);
    a->chunks = -1;
    __atomic_fetch_add(&R.st.flushes, 1, __ATOMIC_RELAXED);
}

/* One piece of a compiled block: a stencil and what its holes refer to */
struct piece {
    const struct jit_stencil *st;
    const struct rv_rec *r;     /* the record, for instruction stencils */
    int slot;                   /* exits: the chain slot */
    uint64_t target;            /* exits: the guest pc */
    uint32_t off, size;
    int trim_hole;              /* index of a trailing jump elided, or -1 */
    int cold;                   /* a cold part: of piece `parent` */
    int aux;                    /* a reload after its record's stencil */
    int parent, cold_at;        /* a cold part's piece; a hot piece's cold part (or 0) */
};
#define MAX_PIECES (3 * RV_BLOCK_MAX + 8)

/* The stencil ends with an unconditional jump to a continuation (its kind in *kind): the
 * piece that continuation refers to can follow it, without the jump, unless the stencil also
 * falls through (then the fall-through must follow). */
static int last_hole_is_trailing_jump(const struct jit_stencil *st, int *kind)
{
    if (!st->nholes)
        return -1;
    const struct jit_hole *h = &st->holes[st->nholes - 1];
    if (h->off + 4 != st->size || (h->kind != JH_J_next && h->kind != JH_J_taken))
        return -1;
    if (R.machine == EM_X86_64 ? !(h->off >= 1 && st->code[h->off - 1] == 0xe9)
                               : !(h->type == R_AARCH64_JUMP26))
        return -1;
    *kind = h->kind;
    return (int)st->nholes - 1;
}

static uint64_t hole_value(struct rv_cpu *cpu, struct rv_block *b, struct piece *pc,
                           int np, int i, const struct jit_hole *h, uint8_t *code,
                           uint64_t taken, const int *held)
{
    if (pc[i].cold && (h->kind == JH_J_next || h->kind == JH_J_taken))
        i = pc[i].parent;               /* a cold part continues where its stencil does */
    const struct piece *p = &pc[i];
    const struct rv_rec *r = p->r;
    uint64_t msize = cpu->m->mem.size;
#define XOFF(n) (offsetof(struct rv_cpu, x) + 8 * (uint64_t)(n))
#define FOFF(n) (offsetof(struct rv_cpu, f) + 8 * (uint64_t)(n))
    switch (h->kind) {
    case JH_H_rd: return XOFF(r->rd);
    case JH_H_rs1: return XOFF(r->rs1);
    case JH_H_rs2: return XOFF(r->rs2);
    case JH_H_frd: return FOFF(r->rd);
    case JH_H_frs1: return FOFF(r->rs1);
    case JH_H_frs2: return FOFF(r->rs2);
    case JH_H_frs3: return FOFF(r->rs3);
    case JH_H_imm: return (uint64_t)r->imm;
    case JH_H_simm: return (uint64_t)(r->imm + RV_JIT_IMM_BIAS);
    case JH_H_pc: return r ? b->pc + r->pcoff : b->pc;
    case JH_H_len: return r->len;
    case JH_H_rec: return (uintptr_t)r;
    case JH_H_rm: return r->rm;
    case JH_H_n: return b->n;
    case JH_H_lim1: return msize - 1;
    case JH_H_lim2: return msize - 2;
    case JH_H_lim4: return msize - 4;
    case JH_H_lim8: return msize - 8;
    case JH_H_slot: return (uintptr_t)&b->jit_succ[p->slot].code;
    case JH_H_target: return p->target;
    case JH_H_ic: return (uintptr_t)&b->ic;
    case JH_H_jumps: return (uintptr_t)rv_cache_jumps(cpu->cache);
    case JH_H_p0: case JH_H_p1: case JH_H_p2: case JH_H_p3: return XOFF(held[h->kind - JH_H_p0]);
    case JH_J_next:
        /* the terminator continues at its fall-through exit, which may not be next */
        if (p->r == b->recs + b->n - 1 && !p->cold && !p->aux)
            for (int k = i + 1; k < np; k++)
                if (pc[k].st == &jit_st_X_EXIT && pc[k].slot == 1)
                    return (uintptr_t)code + pc[k].off;
        return i + 1 < np ? (uintptr_t)code + pc[i + 1].off : 0;
    case JH_J_taken: return taken;
    case JH_J_cold: return p->cold_at ? (uintptr_t)code + pc[p->cold_at].off : 0;
    case JH_J_hot: return p->cold ? (uintptr_t)code + pc[p->parent].off : 0;
    case JH_HELPER: return helpers[h->helper];
    }
    return 0;
#undef XOFF
#undef FOFF
}

/* The guest registers a block holds in host registers: the ones its alu.h operations use
 * most (at least twice); slot[reg] is where each is held, -1 for none */
static void choose_held(const struct rv_block *b, int *held, int8_t *slot)
{
    unsigned cnt[33] = { 0 };
    for (uint32_t i = 0; i < b->n; i++) {
        const struct rv_rec *r = &b->recs[i];
        int sh = pin_ops[r->op].shape;
        if (sh == SH_NONE || r->imm < -RV_JIT_IMM_BIAS || r->imm >= RV_JIT_IMM_BIAS)
            continue;
        if (sh != SH_SS)
            cnt[r->rd]++;
        cnt[r->rs1]++;
        if (sh != SH_DS)
            cnt[r->rs2]++;
    }
    cnt[0] = cnt[32] = 0;               /* x0 reads as 0 from cpu->x; the sink is never read */
    memset(slot, -1, 33);
    for (int k = 0; k < RV_JIT_PINNED; k++) {
        int best = 0;
        for (int reg = 1; reg < 32; reg++)
            if (slot[reg] < 0 && cnt[reg] > cnt[best])
                best = reg;
        held[k] = cnt[best] >= 2 ? best : 0;
        if (held[k])
            slot[best] = (int8_t)k;
    }
}

static int is_cond_branch(int op)
{
    return op == RV_OP_beq || op == RV_OP_bne || op == RV_OP_blt || op == RV_OP_bge ||
           op == RV_OP_bltu || op == RV_OP_bgeu;
}

static void add_exit(struct piece *pc, int *np, int slot, uint64_t target)
{
    pc[*np] = (struct piece){ .st = &jit_st_X_EXIT, .slot = slot, .target = target, .trim_hole = -1 };
    (*np)++;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void *refuse(struct rv_block *b)
{
    b->jit_refused = 1;
    __atomic_fetch_add(&R.st.refused, 1, __ATOMIC_RELAXED);
    return NULL;
}

void *rv_jit_compile(struct rv_cpu *cpu, struct rv_block *b)
{
    if (!R.lo || b->jit_refused)
        return NULL;
    struct jit_area *a = cpu->jit_area;
    if (!a) {
        a = cpu->jit_area = calloc(1, sizeof *a);
        if (!a)
            return NULL;
        a->chunks = -1;
    }
    if (a->backoff) {
        a->backoff--;
        return NULL;
    }
    uint64_t msize = cpu->m->mem.size;
    cpu->jit_lim1 = msize - 1;
    cpu->jit_lim2 = msize - 2;
    cpu->jit_lim4 = msize - 4;
    cpu->jit_lim8 = msize - 8;
    double t0 = now_ns();
    struct piece pc[MAX_PIECES];
    int np = 0;
    int held[RV_JIT_PINNED];
    int8_t slot[33];
    choose_held(b, held, slot);
    pc[np++] = (struct piece){ .st = &jit_st_X_LOAD, .trim_hole = -1 };
    pc[np++] = (struct piece){ .st = &jit_st_X_ENTER, .trim_hole = -1 };
    static const struct jit_stencil *const reload[RV_JIT_PINNED] = {
        &jit_st_X_RELOAD0, &jit_st_X_RELOAD1, &jit_st_X_RELOAD2, &jit_st_X_RELOAD3,
    };
    for (uint32_t i = 0; i < b->n; i++) {
        const struct rv_rec *r = &b->recs[i];
        int small = r->imm >= -RV_JIT_IMM_BIAS && r->imm < RV_JIT_IMM_BIAS;
        const struct jit_stencil *st = (small ? op_stencil_i : op_stencil)[r->op];
        int sh = small ? pin_ops[r->op].shape : SH_NONE;
#define LOC(reg) ((reg) == 0 || (reg) == 32 ? 0 : slot[reg] + 1)
        if (sh == SH_DSS)
            st = pin_ops[r->op].v[LOC(r->rd) * 25 + LOC(r->rs1) * 5 + LOC(r->rs2)];
        else if (sh == SH_DS)
            st = pin_ops[r->op].v[LOC(r->rd) * 5 + LOC(r->rs1)];
        else if (sh == SH_SS)
            st = pin_ops[r->op].v[LOC(r->rs1) * 5 + LOC(r->rs2)];
#undef LOC
        if (!st)
            return refuse(b);
        pc[np++] = (struct piece){ .st = st, .r = r, .trim_hole = -1 };
        /* a plain stencil wrote a held register in cpu->x only */
        if (sh == SH_NONE && rv_insns[r->op].args[0] == 'd' && r->rd != 32 && slot[r->rd] >= 0 &&
            !(rv_insns[r->op].flags & F_END))
            pc[np++] = (struct piece){ .st = reload[slot[r->rd]], .r = r, .aux = 1,
                                       .trim_hole = -1 };
    }
    const struct rv_rec *last = &b->recs[b->n - 1];
    struct piece *tp = &pc[np - 1];
    uint64_t lpc = b->pc + last->pcoff, taken_pc = lpc + (uint64_t)last->imm;
    int self = 0, need0 = 0, need1;
    if (!(rv_insns[last->op].flags & F_END)) {
        need1 = 1;                       /* ends at a length limit or page end */
    } else {
        need1 = is_cond_branch(last->op);
        need0 = need1 || last->op == RV_OP_jal;
        self = need0 && taken_pc == b->pc;
    }
    uint64_t fall_pc = lpc + last->len;
    int kind;
    int th = last_hole_is_trailing_jump(tp->st, &kind);
    if (th >= 0 && kind == JH_J_taken && need0 && !self && !tp->st->falls) {
        /* the terminator ends in a jump to its taken exit: put that exit right after it */
        tp->trim_hole = th;
        add_exit(pc, &np, 0, taken_pc);
        if (need1)
            add_exit(pc, &np, 1, fall_pc);
    } else {
        if (need1)
            add_exit(pc, &np, 1, fall_pc);
        if (need0 && !self)
            add_exit(pc, &np, 0, taken_pc);
    }
    /* cold parts last */
    int nhot = np;
    for (int i = 0; i < nhot; i++)
        if (pc[i].st->cold) {
            pc[i].cold_at = np;
            pc[np++] = (struct piece){ .st = pc[i].st->cold, .r = pc[i].r, .slot = pc[i].slot,
                                       .target = pc[i].target, .cold = 1, .parent = i,
                                       .trim_hole = -1 };
        }
    uint32_t size = 0;
    for (int i = 0; i < np; i++) {
        pc[i].off = size;
        pc[i].size = pc[i].st->size;
        if (pc[i].trim_hole >= 0)
            pc[i].size -= R.machine == EM_X86_64 ? 5 : 4;
        size += pc[i].size;
    }

    size_t need = (size + 15) & ~(size_t)15;
    if (need > CHUNK_SIZE - VENEER_BYTES)
        return refuse(b);
    if (a->chunks < 0 || a->used + need > CHUNK_SIZE) {
        if (take_chunk(a) < 0) {
            /* full: a thread with code starts over (its blocks and code go at the next safe
             * point); one without waits a while for other threads to give chunks back */
            __atomic_fetch_add(&R.st.full, 1, __ATOMIC_RELAXED);
            if (a->chunks >= 0)
                rv_cache_flush(cpu->cache);
            else
                a->backoff = 4096;
            return NULL;
        }
    }
    uint8_t *veneers = chunk_addr(a->chunks);
    uint8_t *code = veneers + a->used;
    if (protect(code, size, PROT_READ | PROT_WRITE))
        rv_fatal("JIT: mprotect failed");
    /* a loop back to the block's start keeps its held registers: past X_LOAD */
    uint64_t taken = self ? (uintptr_t)code + pc[1].off : 0;
    for (int i = 0; i < np; i++)
        if (pc[i].st == &jit_st_X_EXIT && pc[i].slot == 0)
            taken = (uintptr_t)code + pc[i].off;
    int ok = 1;
    for (int i = 0; i < np && ok; i++) {
        const struct piece *p = &pc[i];
        memcpy(code + p->off, p->st->code, p->size);
        for (uint32_t k = 0; k < p->st->nholes; k++) {
            const struct jit_hole *h = &p->st->holes[k];
            if ((int)k == p->trim_hole)
                continue;
            uint8_t *at = code + p->off + h->off;
            uint64_t s = hole_value(cpu, b, pc, np, i, h, code, taken, held);
            if (h->kind >= JH_J_next && h->kind <= JH_J_hot && s == 0) {
                ok = 0;     /* a continuation with nothing to continue to */
                break;
            }
            uint64_t v = s + (uint64_t)h->addend;
            if (rv_jit_patch(R.machine, at, (uintptr_t)at, h->type, v) == 0)
                continue;
            /* a helper out of branch range: through the chunk's veneer */
            if (h->kind == JH_HELPER && rv_jit_is_branch(R.machine, h->type) &&
                rv_jit_patch(R.machine, at, (uintptr_t)at, h->type,
                             (uintptr_t)veneers + 16 * h->helper + (uint64_t)h->addend) == 0)
                continue;
            ok = 0;
            break;
        }
    }
    __builtin___clear_cache((char *)code, (char *)code + size);
    if (protect(code, size, PROT_READ | PROT_EXEC))
        rv_fatal("JIT: mprotect failed");
    if (!ok)
        return refuse(b);
    struct chunk_index *ci = &R.idx[a->chunks];
    if (ci->n == ci->cap) {
        uint32_t cap = ci->cap ? 2 * ci->cap : 64;
        uint32_t *off = realloc(ci->off, cap * sizeof *off);
        if (off)
            ci->off = off;
        struct rv_block **blk = realloc(ci->blk, cap * sizeof *blk);
        if (blk)
            ci->blk = blk;
        if (!off || !blk)
            return refuse(b);
        ci->cap = cap;
    }
    ci->off[ci->n] = (uint32_t)(code - veneers);
    ci->blk[ci->n] = b;
    ci->n++;
    for (int i = 0; i < np; i++) {
        if (pc[i].r && !pc[i].cold && !pc[i].aux)
            b->recs[pc[i].r - b->recs].jit_off = (uint16_t)pc[i].off;
        if (pc[i].st == &jit_st_X_EXIT)
            b->jit_succ[pc[i].slot].exit = code + pc[i].off;
    }
    a->used += need;
    b->jit = code;
    __atomic_fetch_add(&R.st.blocks, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&R.st.bytes, size, __ATOMIC_RELAXED);
    __atomic_fetch_add(&R.st.guest_insns, b->n, __ATOMIC_RELAXED);
    __atomic_fetch_add(&R.st.ns, (uint64_t)(now_ns() - t0), __ATOMIC_RELAXED);
    if (R.perfmap)
        fprintf(R.perfmap, "%lx %x rv:%#llx\n", (unsigned long)(uintptr_t)code, size,
                (unsigned long long)b->pc);
    if (__builtin_expect(cpu->m->log_mask & (LOG_OP | LOG_OUT_ASM), 0)) {
        const char *names[MAX_PIECES];
        uint32_t offs[MAX_PIECES];
        for (int i = 0; i < np; i++) {
            names[i] = pc[i].st->name;
            offs[i] = pc[i].off;
        }
        rv_jit_log_block(cpu, b, code, size, names, offs, np);
    }
    return code;
}

void rv_jit_link(void **slot, void *target)
{
    struct rv_jit_link *l = (struct rv_jit_link *)slot;
    uint8_t *e = l->exit;
    l->code = target;
    if (!e)
        return;
    /* the exit becomes a direct jump: one patch per edge, not an indirect jump per run */
    int64_t d = (int64_t)((uintptr_t)target - (uintptr_t)e);
    uint8_t jmp[5];
    size_t n;
    if (R.machine == EM_X86_64) {
        d -= 5;
        if (d != (int32_t)d)
            return;
        int32_t d32 = (int32_t)d;
        jmp[0] = 0xe9;
        memcpy(jmp + 1, &d32, 4);
        n = 5;
    } else {
        if (d < -((int64_t)1 << 27) || d >= ((int64_t)1 << 27))
            return;
        uint32_t b = 0x14000000u | ((uint32_t)(d >> 2) & 0x03ffffffu);
        memcpy(jmp, &b, 4);
        n = 4;
    }
    if (protect(e, n, PROT_READ | PROT_WRITE))
        rv_fatal("JIT: mprotect failed");
    memcpy(e, jmp, n);
    __builtin___clear_cache((char *)e, (char *)e + n);
    if (protect(e, n, PROT_READ | PROT_EXEC))
        rv_fatal("JIT: mprotect failed");
    l->exit = NULL;
    __atomic_fetch_add(&R.st.links, 1, __ATOMIC_RELAXED);
}

const struct rv_rec *rv_jit_fault_rec(const void *ucontext)
{
    const ucontext_t *uc = ucontext;
#if defined(__x86_64__)
    uintptr_t hpc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#else
    uintptr_t hpc = (uintptr_t)uc->uc_mcontext.pc;
#endif
    if (!R.lo || hpc < (uintptr_t)R.lo || hpc >= (uintptr_t)R.lo + R.nchunks * CHUNK_SIZE)
        return NULL;
    size_t k = (hpc - (uintptr_t)R.lo) / CHUNK_SIZE;
    uint32_t off = (uint32_t)(hpc - (uintptr_t)chunk_addr((int32_t)k));
    const struct chunk_index *ci = &R.idx[k];
    uint32_t lo = 0, hi = ci->n;            /* the last block starting at or before off */
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (ci->off[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const struct rv_block *b = ci->blk[lo - 1];
    uint32_t rel = off - ci->off[lo - 1];
    for (uint32_t i = b->n; i-- > 0;)
        if (b->recs[i].jit_off <= rel && b->recs[i].jit_off)
            return &b->recs[i];
    return NULL;
}

void rv_jit_get_stats(struct rv_jit_stats *s)
{
    s->blocks = __atomic_load_n(&R.st.blocks, __ATOMIC_RELAXED);
    s->refused = __atomic_load_n(&R.st.refused, __ATOMIC_RELAXED);
    s->bytes = __atomic_load_n(&R.st.bytes, __ATOMIC_RELAXED);
    s->guest_insns = __atomic_load_n(&R.st.guest_insns, __ATOMIC_RELAXED);
    s->ns = __atomic_load_n(&R.st.ns, __ATOMIC_RELAXED);
    s->flushes = __atomic_load_n(&R.st.flushes, __ATOMIC_RELAXED);
    s->full = __atomic_load_n(&R.st.full, __ATOMIC_RELAXED);
    s->links = __atomic_load_n(&R.st.links, __ATOMIC_RELAXED);
}
