/* The JIT's code region: one reservation near rvemu's own code, cut into chunks that each
 * thread takes as it compiles (so writing code never touches a page another thread runs) and
 * gives back at its flush; the veneers to helpers at each chunk's start; linking exits into
 * direct jumps; and mapping a host fault in compiled code back to its guest instruction. */
#include <elf.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include "rv.h"
#include "interp/block.h"
#include "jit/jit.h"
#include "jit/jit-int.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000    /* Linux 4.17; older kernels take it as a hint */
#endif

struct rv_jit_stats rv_jit_st;

/* The region is cut into chunks; a thread compiles into chunks it owns, so writing code never
 * touches a page another thread runs, and its flush gives them all back. Each chunk starts
 * with veneers to every helper, in branch range of all code in the chunk. */
#define CHUNK_SIZE RV_JIT_CHUNK_SIZE
#define VENEER_BYTES (((R.nhelpers * 16) + 63) & ~(size_t)63)

static struct {
    uint8_t *lo;
    size_t span;            /* the reservation: a power of two, aligned to itself */
    size_t nchunks;
    int32_t *next;          /* per chunk: the next chunk of the same list (-1 ends) */
    int32_t free;           /* list of free chunks */
    struct chunk_index *idx;
    pthread_mutex_t lock;
    int machine;
    const uintptr_t *helpers;
    size_t nhelpers;
    FILE *perfmap;
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

int rv_jit_region_init(struct rv_machine *m, const uintptr_t *helpers, size_t nhelpers,
                       int machine)
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
        want = ((uintptr_t)&rv_jit_region_init + ((uintptr_t)512 << 20) + span - 1) & ~(uintptr_t)(span - 1);
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
    R.machine = machine;
    R.helpers = helpers;
    R.nhelpers = nhelpers;
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

int rv_jit_protect(uint8_t *p, size_t n, int prot)
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
    if (rv_jit_protect(p, VENEER_BYTES, PROT_READ | PROT_WRITE))
        rv_fatal("JIT: mprotect failed");
    for (size_t i = 0; i < R.nhelpers; i++)
        rv_jit_veneer(R.machine, p + 16 * i, R.helpers[i]);
    __builtin___clear_cache((char *)p, (char *)p + VENEER_BYTES);
    if (rv_jit_protect(p, VENEER_BYTES, PROT_READ | PROT_EXEC))
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
        rv_jit_protect(chunk_addr(c), CHUNK_SIZE, PROT_NONE);
        R.idx[c].n = 0;
    }
    pthread_mutex_lock(&R.lock);
    R.next[last] = R.free;
    R.free = a->chunks;
    pthread_mutex_unlock(&R.lock);
    a->chunks = -1;
    __atomic_fetch_add(&rv_jit_st.flushes, 1, __ATOMIC_RELAXED);
}


int rv_jit_machine(void) { return R.machine; }
FILE *rv_jit_perfmap(void) { return R.perfmap; }

/* The thread's area, made at its first compile, when its compiled accesses' limits are set */
static struct jit_area *area(struct rv_cpu *cpu)
{
    struct jit_area *a = cpu->jit_area;
    if (!a && (a = cpu->jit_area = calloc(1, sizeof *a))) {
        uint64_t msize = cpu->m->mem.size;
        a->chunks = -1;
        cpu->jit_lim1 = msize - 1;
        cpu->jit_lim2 = msize - 2;
        cpu->jit_lim4 = msize - 4;
        cpu->jit_lim8 = msize - 8;
    }
    return a;
}

int rv_jit_backoff(struct rv_cpu *cpu)
{
    struct jit_area *a = area(cpu);
    if (!R.lo || !a)
        return 1;
    if (a->backoff) {
        a->backoff--;
        return 1;
    }
    return 0;
}

uint8_t *rv_jit_room(struct rv_cpu *cpu, size_t size, uint8_t **veneers)
{
    struct jit_area *a = area(cpu);
    size_t need = (size + 15) & ~(size_t)15;
    if (!a || need > CHUNK_SIZE - VENEER_BYTES)
        return NULL;
    if (a->chunks < 0 || a->used + need > CHUNK_SIZE) {
        if (take_chunk(a) < 0) {
            /* full: a thread with code starts over (its blocks and code go at the next safe
             * point); one without waits a while for other threads to give chunks back */
            __atomic_fetch_add(&rv_jit_st.full, 1, __ATOMIC_RELAXED);
            if (a->chunks >= 0)
                rv_cache_flush(cpu->cache);
            else
                a->backoff = 4096;
            return NULL;
        }
    }
    *veneers = chunk_addr(a->chunks);
    return *veneers + a->used;
}

int rv_jit_commit(struct rv_cpu *cpu, uint8_t *code, size_t size, struct rv_block *b)
{
    struct jit_area *a = cpu->jit_area;
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
            return -1;
        ci->cap = cap;
    }
    ci->off[ci->n] = (uint32_t)(code - chunk_addr(a->chunks));
    ci->blk[ci->n] = b;
    ci->n++;
    a->used += (size + 15) & ~(size_t)15;
    return 0;
}

void rv_jit_link(void **slot, void *target)
{
    struct rv_jit_link *l = (struct rv_jit_link *)slot;
    uint8_t *e = l->exit;
    l->code = target;
    if (!e)
        return;
    /* the exit becomes a direct jump: one patch per edge, not an indirect jump per run; the
     * patcher encodes and range-checks it (rel32 after an E9 on x86-64, a B on aarch64) */
    uint8_t jmp[5] = { 0xe9 };
    size_t n = 5;
    uintptr_t t = (uintptr_t)target;
    int ok;
    if (R.machine == EM_X86_64) {
        ok = rv_jit_patch(R.machine, jmp + 1, (uintptr_t)e + 1, R_X86_64_PC32, t - 4) == 0;
    } else {
        uint32_t b = 0x14000000u;
        memcpy(jmp, &b, 4);
        n = 4;
        ok = rv_jit_patch(R.machine, jmp, (uintptr_t)e, R_AARCH64_JUMP26, t) == 0;
    }
    if (!ok)
        return;
    if (rv_jit_protect(e, n, PROT_READ | PROT_WRITE))
        rv_fatal("JIT: mprotect failed");
    memcpy(e, jmp, n);
    __builtin___clear_cache((char *)e, (char *)e + n);
    if (rv_jit_protect(e, n, PROT_READ | PROT_EXEC))
        rv_fatal("JIT: mprotect failed");
    l->exit = NULL;
    __atomic_fetch_add(&rv_jit_st.links, 1, __ATOMIC_RELAXED);
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
    s->blocks = __atomic_load_n(&rv_jit_st.blocks, __ATOMIC_RELAXED);
    s->refused = __atomic_load_n(&rv_jit_st.refused, __ATOMIC_RELAXED);
    s->bytes = __atomic_load_n(&rv_jit_st.bytes, __ATOMIC_RELAXED);
    s->guest_insns = __atomic_load_n(&rv_jit_st.guest_insns, __ATOMIC_RELAXED);
    s->ns = __atomic_load_n(&rv_jit_st.ns, __ATOMIC_RELAXED);
    s->flushes = __atomic_load_n(&rv_jit_st.flushes, __ATOMIC_RELAXED);
    s->full = __atomic_load_n(&rv_jit_st.full, __ATOMIC_RELAXED);
    s->links = __atomic_load_n(&rv_jit_st.links, __ATOMIC_RELAXED);
}
