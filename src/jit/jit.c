/* Compiling a block: choosing a stencil for each record (by immediate size and where its
 * operands live), laying the pieces out (entry, records, exits, cold parts), copying them from
 * the generated stencil header and patching their holes. Code is written while its pages are
 * read+write and runs only once they are read+execute again (W^X); a block that cannot be
 * compiled stays interpreted. The code region itself is region.c's. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "rv.h"
#include "decode/decode.h"
#include "interp/block.h"
#include "interp/fpu.h"
#include "interp/interp.h"
#include "jit/jit.h"
#include "jit/jit-abi.h"
#include "jit/jit-int.h"
#include "debug/log.h"


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
    if (rv_jit_machine() == EM_X86_64 ? !(h->off >= 1 && st->code[h->off - 1] == 0xe9)
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
    case JH_H_slot: return (uintptr_t)&b->jl->succ[p->slot].code;
    case JH_H_target: return p->target;
    case JH_H_ic: return (uintptr_t)&b->jl->ic;
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
    __atomic_fetch_add(&rv_jit_st.refused, 1, __ATOMIC_RELAXED);
    return NULL;
}

void *rv_jit_compile(struct rv_cpu *cpu, struct rv_block *b)
{
    if (b->jit_refused || rv_jit_backoff(cpu))
        return NULL;
    if (!b->jl)
        b->jl = rv_cache_alloc(cpu->cache, sizeof *b->jl);
    double t0 = now_ns();
    struct piece pc[MAX_PIECES];
    int np = 0;
    int held[RV_JIT_PINNED];
    int8_t slot[33];
    choose_held(b, held, slot);
    int loads = held[0] != 0;           /* held[] fills from the front */
    if (loads)
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
        need1 = (rv_insns[last->op].flags & F_BRANCH) != 0;
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
            pc[i].size -= rv_jit_machine() == EM_X86_64 ? 5 : 4;
        size += pc[i].size;
    }

    uint8_t *veneers;
    uint8_t *code = rv_jit_room(cpu, size, &veneers);
    if (!code)
        return size > RV_JIT_CHUNK_SIZE / 2 ? refuse(b) : NULL;
    if (rv_jit_protect(code, size, PROT_READ | PROT_WRITE))
        rv_fatal("JIT: mprotect failed");
    /* a loop back to the block's start keeps its held registers: past X_LOAD */
    uint64_t taken = self ? (uintptr_t)code + pc[loads].off : 0;
    for (int i = 0; i < np; i++)
        if (pc[i].st == &jit_st_X_EXIT && pc[i].slot == 0)
            taken = (uintptr_t)code + pc[i].off;
    int ok = 1;
    for (int i = 0; i < np && ok; i++) {
        const struct piece *p = &pc[i];
        if (p->size)                    /* a stencil can be empty once its jump is stripped */
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
            if (rv_jit_patch(rv_jit_machine(), at, (uintptr_t)at, h->type, v) == 0)
                continue;
            /* a helper out of branch range: through the chunk's veneer */
            if (h->kind == JH_HELPER && rv_jit_is_branch(rv_jit_machine(), h->type) &&
                rv_jit_patch(rv_jit_machine(), at, (uintptr_t)at, h->type,
                             (uintptr_t)veneers + 16 * h->helper + (uint64_t)h->addend) == 0)
                continue;
            ok = 0;
            break;
        }
    }
    __builtin___clear_cache((char *)code, (char *)code + size);
    if (rv_jit_protect(code, size, PROT_READ | PROT_EXEC))
        rv_fatal("JIT: mprotect failed");
    if (!ok || rv_jit_commit(cpu, code, size, b) != 0)
        return refuse(b);
    for (int i = 0; i < np; i++) {
        if (pc[i].r && !pc[i].cold && !pc[i].aux)
            b->recs[pc[i].r - b->recs].jit_off = (uint16_t)pc[i].off;
        if (pc[i].st == &jit_st_X_EXIT)
            b->jl->succ[pc[i].slot].exit = code + pc[i].off;
    }
    b->jit = code;
    __atomic_fetch_add(&rv_jit_st.blocks, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&rv_jit_st.bytes, size, __ATOMIC_RELAXED);
    __atomic_fetch_add(&rv_jit_st.guest_insns, b->n, __ATOMIC_RELAXED);
    __atomic_fetch_add(&rv_jit_st.ns, (uint64_t)(now_ns() - t0), __ATOMIC_RELAXED);
    FILE *pm = rv_jit_perfmap();
    if (pm)
        fprintf(pm, "%lx %x rv:%#llx\n", (unsigned long)(uintptr_t)code, size,
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


int rv_jit_init(struct rv_machine *m)
{
    return rv_jit_region_init(m, helpers, NHELPERS, JIT_STENCIL_MACHINE);
}
