/* Block cache: decoding guest code into predecoded blocks, finding them by pc, dropping them
 * when guest code may have changed. Blocks live in an arena freed all at once on a flush. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "config.h"
#include "rv.h"
#include "interp/block.h"
#include "debug/log.h"
#ifdef RV_JIT
#include "jit/jit.h"
#endif

/* The pc hash starts small and grows with the blocks: a program that decodes a few hundred
 * blocks (most runs of small tools) touches two pages of it, not the 128 KiB a table sized for
 * big programs would fault in (each page twice: read as zeros, then written). */
#define HASH_MIN 1024u
#define HASH_MAX (1u << 18)
#define ARENA_CHUNK (1u << 20)

struct chunk { struct chunk *next; size_t used, size; _Alignas(16) unsigned char data[]; };

struct rv_cache {
    struct rv_block **hash;
    unsigned hmask;                 /* buckets less 1, a power of two less 1 */
    struct chunk *chunks;
    struct rv_cpu *owner;           /* the only thread that decodes, runs and frees these */
    struct rv_block *jumps[RV_JUMP_CACHE];  /* indirect-jump targets by pc (see block.h) */
    int flush_req;                  /* others ask; the owner flushes at its next safe point */
    size_t arena, limit;            /* bytes of decoded blocks; --block-cache-size */
    size_t chunk;                   /* arena chunk size: a quarter of a small limit */
    uint64_t nblocks, decoded, flushes;
};

const void *const *rv_handlers;

struct rv_cache *rv_cache_new(struct rv_cpu *owner)
{
    struct rv_cache *c = calloc(1, sizeof *c);
    if (c && !(c->hash = calloc(HASH_MIN, sizeof *c->hash))) {
        free(c);
        return NULL;
    }
    if (c) {
        c->owner = owner;
        c->hmask = HASH_MIN - 1;
        c->limit = owner && owner->m && owner->m->opts.block_cache_size
                   ? (size_t)owner->m->opts.block_cache_size : RV_BLOCK_CACHE_SIZE;
        c->chunk = c->limit / 4 < ARENA_CHUNK ? c->limit / 4 : ARENA_CHUNK;
    }
    return c;
}

/* Frees every block: only the owner, at a point where it holds no block pointer. */
static void flush_now(struct rv_cache *c)
{
    struct chunk *k = c->chunks;
#ifdef RV_JIT
    rv_jit_flush(c->owner);             /* the code goes with the blocks it was made from */
#endif
    while (k) {
        struct chunk *n = k->next;
        free(k);
        k = n;
    }
    c->chunks = NULL;
    c->arena = 0;
    memset(c->hash, 0, (c->hmask + 1) * sizeof *c->hash);
    memset(c->jumps, 0, sizeof c->jumps);
    c->nblocks = 0;
    c->flushes++;
}

struct rv_block **rv_cache_jumps(struct rv_cache *c)
{
    return c->jumps;
}

void rv_cache_flush(struct rv_cache *c)
{
    __atomic_store_n(&c->flush_req, 1, __ATOMIC_RELEASE);
    rv_cpu_kick(c->owner);
}

void rv_cache_sync(struct rv_cache *c)
{
    if (__atomic_exchange_n(&c->flush_req, 0, __ATOMIC_ACQ_REL))
        flush_now(c);
}

void rv_cache_stats(const struct rv_cache *c, struct rv_cache_stats *s)
{
    s->blocks = c->nblocks;
    s->decoded = c->decoded;
    s->flushes = c->flushes;
}

void rv_cache_free(struct rv_cache *c)
{
    if (c) {
        flush_now(c);
        free(c->hash);
        free(c);
    }
}

void rv_code_changed(void *machine, uint64_t start, uint64_t end)
{
    struct rv_machine *m = machine;
    if (start >= __atomic_load_n(&m->code_hi, __ATOMIC_ACQUIRE) ||
        end <= __atomic_load_n(&m->code_lo, __ATOMIC_ACQUIRE))
        return;
    pthread_mutex_lock(&m->threads_lock);
    for (struct rv_cpu *t = m->threads; t; t = t->next)
        rv_cache_flush(t->cache);
    pthread_mutex_unlock(&m->threads_lock);
}

/* Past the limit the owner is asked to flush: blocks in use cannot go before its next safe
 * point, so the arena may overshoot by what one run between two such points decodes. */
static void *arena_alloc(struct rv_cache *c, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!c->chunks || c->chunks->used + n > c->chunks->size) {
        size_t sz = n > c->chunk ? n : c->chunk;
        struct chunk *k = malloc(sizeof *k + sz);
        if (!k)
            rv_fatal("out of memory for decoded blocks");
        k->next = c->chunks;
        k->used = 0;
        k->size = sz;
        c->chunks = k;
        c->arena += sz;
        if (c->arena > c->limit && c->owner)
            rv_cache_flush(c);
    }
    void *p = c->chunks->data + c->chunks->used;
    c->chunks->used += n;
    return p;
}

void *rv_cache_alloc(struct rv_cache *c, size_t n)
{
    return memset(arena_alloc(c, n), 0, n);
}

static inline unsigned hash_pc(const struct rv_cache *c, uint64_t pc)
{
    return (unsigned)((pc >> 1) ^ (pc >> 19)) & c->hmask;
}

/* four times the buckets once there are two blocks a bucket; without memory, chains grow */
static void hash_grow(struct rv_cache *c)
{
    unsigned n = (c->hmask + 1) * 4;
    struct rv_block **old = c->hash, **h = calloc(n, sizeof *h);
    if (!h)
        return;
    unsigned oldn = c->hmask + 1;
    c->hash = h;
    c->hmask = n - 1;
    for (unsigned i = 0; i < oldn; i++)
        for (struct rv_block *b = old[i], *next; b; b = next) {
            next = b->hnext;
            unsigned k = hash_pc(c, b->pc);
            b->hnext = h[k];
            h[k] = b;
        }
    free(old);
}

static void set_handler(struct rv_rec *r)
{
    r->h = rv_handlers ? rv_handlers[r->op] : NULL;
}

/* Decodes the block at pc; NULL with cpu->sig set when its first instruction cannot be
 * fetched. */
static struct rv_block *translate(struct rv_cpu *cpu, uint64_t pc)
{
    struct rv_machine *m = cpu->m;
    struct rv_mem *mem = &m->mem;
    struct rv_rec recs[RV_BLOCK_MAX + 1];
    int max = m->opts.singlestep ? 1 : RV_BLOCK_MAX;
    uint64_t a = pc, page_end = RV_PAGE_DOWN(pc) + RV_PAGE_SIZE;
    int n = 0;

    /* execute permission is checked once per page, not per instruction */
    int page_ok = !(a & 1) && rv_mem_check(mem, RV_PAGE_DOWN(a), RV_PAGE_SIZE, PROT_EXEC);
    while (n < max && page_ok) {
        uint16_t lo = rv_ld16(rv_g2h(mem, a));     /* parcels are little-endian */
        uint32_t raw = lo;
        if (rv_insn_len(lo) == 4) {
            if (a + 2 >= page_end && !rv_mem_check(mem, page_end, 2, PROT_EXEC))
                break;
            raw |= (uint32_t)rv_ld16(rv_g2h(mem, a + 2)) << 16;
        }
        struct rv_insn d;
        rv_decode(raw, &d);
        const struct rv_insn_info *in = &rv_insns[d.op];
        struct rv_rec *r = &recs[n++];
        r->op = d.op;
        r->rd = d.rd;
        r->rs1 = d.rs1;
        r->rs2 = d.rs2;
        r->rs3 = d.rs3;
        r->rm = d.rm;
        r->len = d.len;
        r->imm = d.imm;
        r->pcoff = (uint32_t)(a - pc);
        r->idx = (uint16_t)(n - 1);
        /* writes to x0 go to the sink register x[32] */
        if (in->args[0] == 'd' && r->rd == 0)
            r->rd = 32;
        a += d.len;
        if ((in->flags & F_END) || a >= page_end)
            break;
    }
    if (n == 0) {
        cpu->sig = SIGSEGV;
        cpu->sig_code = SEGV_ACCERR;
        struct rv_vma v;
        if (!rv_mem_find(mem, pc, &v))
            cpu->sig_code = SEGV_MAPERR;
        cpu->sig_addr = pc;
        if (pc & 1) {                   /* jalr clears bit 0, so only a bad entry point */
            cpu->sig = SIGBUS;
            cpu->sig_code = BUS_ADRALN;
        }
        return NULL;
    }
    /* a block that does not end in a control transfer falls through to the next pc */
    const struct rv_insn_info *last = &rv_insns[recs[n - 1].op];
    int term = !(last->flags & F_END);
    if (term) {
        struct rv_rec *r = &recs[n];
        memset(r, 0, sizeof *r);
        r->op = RV_OP_X_FALLTHRU;
        r->pcoff = (uint32_t)(a - pc);
        r->idx = (uint16_t)n;
    }
    struct rv_cache *c = cpu->cache;
    struct rv_block *b = arena_alloc(c, sizeof *b + (size_t)(n + term) * sizeof(struct rv_rec));
    memset(b, 0, sizeof *b);
    b->pc = pc;
    b->end = a;
    b->n = (uint32_t)n;
    memcpy(b->recs, recs, (size_t)(n + term) * sizeof *recs);
    for (int i = 0; i < n + term; i++)
        set_handler(&b->recs[i]);
    /* superinstructions (alu.h operation, frequent second): one indirect dispatch fewer */
#ifdef RV_SUPER
    for (int i = 0; rv_fused && i + 1 < n; i++) {
        int k = rv_fused_second[b->recs[i + 1].op];
        if (k && rv_fused[b->recs[i].op][k - 1])
            b->recs[i].h = rv_fused[b->recs[i].op][k - 1];
    }
#endif
    /* the machine-wide range of decoded code decides which memory changes flush blocks */
    uint64_t lo = __atomic_load_n(&m->code_lo, __ATOMIC_RELAXED);
    while (pc < lo && !__atomic_compare_exchange_n(&m->code_lo, &lo, pc, 1, __ATOMIC_RELEASE,
                                                   __ATOMIC_RELAXED))
        ;
    uint64_t hi = __atomic_load_n(&m->code_hi, __ATOMIC_RELAXED);
    while (a > hi && !__atomic_compare_exchange_n(&m->code_hi, &hi, a, 1, __ATOMIC_RELEASE,
                                                  __ATOMIC_RELAXED))
        ;
    if (c->nblocks >= 2 * (uint64_t)(c->hmask + 1) && c->hmask + 1 < HASH_MAX)
        hash_grow(c);
    unsigned h = hash_pc(c, pc);
    b->hnext = c->hash[h];
    c->hash[h] = b;
    c->nblocks++;
    c->decoded++;
    if (__builtin_expect(m->log_mask & (LOG_IN_ASM | LOG_OP), 0))
        rv_log_block_decoded(cpu, b);
    return b;
}

struct rv_block *rv_cache_get(struct rv_cpu *cpu, uint64_t pc)
{
    struct rv_cache *c = cpu->cache;
    for (struct rv_block *b = c->hash[hash_pc(c, pc)]; b; b = b->hnext)
        if (b->pc == pc)
            return b;
    return translate(cpu, pc);
}
