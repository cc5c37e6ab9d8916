/* Sizing the guest address space and the JIT code region. Both are reservations of address
 * space, not memory, but RLIMIT_AS counts address space: under a low limit (ulimit -v) the
 * defaults (256 GiB and 128 MiB) cannot be had, and taking all that is left would starve
 * rvemu's own heap and thread stacks later. So the limit is split: rvemu keeps a headroom, the
 * JIT gets at most a quarter of the rest, the guest the largest power of two left. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>
#include "linux/space.h"
#include "jit/jit.h"

#define MIB ((uint64_t)1 << 20)
/* rvemu's own use of address space besides the two regions: its heap (block cache, decoded
 * records), host stacks of guest threads, libc's arenas */
#define HEADROOM (32 * MIB)
/* the smallest JIT code room worth having under a low RLIMIT_AS */
#define JIT_MIN (1 * MIB)

/* Address space the process may still reserve under RLIMIT_AS, or UINT64_MAX */
static uint64_t space_avail(uint64_t *limit)
{
    struct rlimit rl;
    *limit = UINT64_MAX;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return UINT64_MAX;
    *limit = rl.rlim_cur;
    /* what is mapped already (binary, stack, libc's heap): statm's first field, in pages */
    unsigned long long pages = 0;
    FILE *f = fopen("/proc/self/statm", "re");
    if (f) {
        if (fscanf(f, "%llu", &pages) != 1)
            pages = 0;
        fclose(f);
    }
    uint64_t used = (uint64_t)pages * (uint64_t)sysconf(_SC_PAGESIZE);
    return used < *limit ? *limit - used : 0;
}

/* The address space the JIT's reservation of a cache_size code room can take: its span is the
 * power of two above cache_size plus a chunk, and twice that while it is aligned (region.c) */
static uint64_t jit_cost(uint64_t cache_size)
{
    uint64_t span = RV_JIT_CHUNK_SIZE;
    while (span < cache_size + RV_JIT_CHUNK_SIZE)
        span <<= 1;
    return 2 * span;
}

/* The largest power-of-two region the host lets us reserve now, as log2 (0: none) */
static int largest_reservable(int from)
{
    for (int bits = from; bits >= RV_SPACE_MIN_BITS; bits--) {
        uint64_t size = (uint64_t)1 << bits;
        if ((size_t)size != size)
            continue;
        void *p = mmap(NULL, (size_t)size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                       -1, 0);
        if (p != MAP_FAILED) {
            munmap(p, (size_t)size);
            return bits;
        }
    }
    return 0;
}

static unsigned long long mib(uint64_t n) { return (unsigned long long)(n / MIB); }

int rv_space_reserve(struct rv_machine *m, int jit)
{
    struct rv_opts *o = &m->opts;
    uint64_t limit, avail = space_avail(&limit);
    int given = o->mem_bits != 0, jit_given = o->jit_cache_size != 0;
    if (!jit_given)
        o->jit_cache_size = RV_JIT_CACHE_SIZE;
    int bits = given ? o->mem_bits : RV_SPACE_DEFAULT_BITS;
    uint64_t jit_default = o->jit_cache_size;
    if (avail != UINT64_MAX) {
        uint64_t budget = avail > HEADROOM ? avail - HEADROOM : 0;
        if (jit && !jit_given)
            while (o->jit_cache_size > JIT_MIN && jit_cost(o->jit_cache_size) > budget / 4)
                o->jit_cache_size /= 2;
        uint64_t jit_room = jit ? jit_cost(o->jit_cache_size) : 0;
        budget = budget > jit_room ? budget - jit_room : 0;
        if (given && ((uint64_t)1 << bits) > budget) {
            fprintf(stderr, "rvemu: -R %llu MiB does not fit under RLIMIT_AS (%llu MiB, %llu MiB "
                    "of it for the guest at most)\n", mib((uint64_t)1 << bits), mib(limit),
                    mib(budget));
            return -1;
        }
        while (bits > RV_SPACE_MIN_BITS && ((uint64_t)1 << bits) > budget)
            bits--;
        if (((uint64_t)1 << bits) > budget) {
            fprintf(stderr, "rvemu: RLIMIT_AS allows only %llu MiB: too little for rvemu, which "
                    "needs at least %llu MiB\n", mib(limit), mib(limit - avail + HEADROOM +
                    jit_room + ((uint64_t)1 << RV_SPACE_MIN_BITS)) + 1);
            return -1;
        }
        if (bits < RV_SPACE_DEFAULT_BITS && !given) {
            char jit_note[64] = "";
            if (o->jit_cache_size < jit_default)
                snprintf(jit_note, sizeof jit_note, ", JIT code cache to %llu MiB",
                         mib(o->jit_cache_size));
            fprintf(stderr, "rvemu: RLIMIT_AS allows only %llu MiB: guest address space reduced "
                    "to %llu MiB%s\n", mib(limit), mib((uint64_t)1 << bits), jit_note);
        }
    }
    int r;
    /* without -R, a host that cannot reserve the size (a 32-bit one, its space fragmented)
     * gets the largest that it can */
    while ((r = rv_mem_init(&m->mem, bits)) == -ENOMEM && !given && bits > RV_SPACE_MIN_BITS)
        bits--;
    if (r < 0) {
        int most = largest_reservable(bits - 1);
        char hint[64] = "";
        if (most)
            snprintf(hint, sizeof hint, "; at most %llu MiB fits (-R %lluM)",
                     mib((uint64_t)1 << most), mib((uint64_t)1 << most));
        fprintf(stderr, "rvemu: cannot reserve a %llu MiB guest address space%s: %s%s\n",
                mib((uint64_t)1 << bits), given ? " (-R)" : "", strerror(-r), hint);
        return -1;
    }
    o->mem_bits = bits;
    return 0;
}
