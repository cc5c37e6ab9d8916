/* malloc/free/realloc/calloc stress driven by a deterministic PRNG: small, medium,
 * mmap-sized (> 128 KiB) and 1 MiB+ blocks, every block filled with a pattern and
 * checked before it is freed or after it is resized. Prints counts and a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 256
#define OPS 12000

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint64_t next(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dULL;
}

struct slot {
    unsigned char *p;
    size_t size;
    unsigned tag;
};
static struct slot slots[SLOTS];
static uint64_t checksum, errors, misaligned;

static size_t pick_size(void)
{
    unsigned r = next() % 1000;
    if (r < 600)
        return next() % 128 + 1;
    if (r < 900)
        return next() % 4096 + 1;
    if (r < 985)
        return next() % 65536 + 1;
    if (r < 997)
        return 128 * 1024 + next() % (256 * 1024); /* mmap threshold territory */
    return 1024 * 1024 + next() % (1024 * 1024);   /* 1 MiB+ */
}

static unsigned char pat(unsigned tag, size_t i) { return (unsigned char)(tag * 31u + i * 7u + (i >> 8)); }

static void fill(struct slot *s)
{
    for (size_t i = 0; i < s->size; i++)
        s->p[i] = pat(s->tag, i);
}

static void check(const struct slot *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s->p[i] != pat(s->tag, i)) {
            errors++;
            return;
        }
        checksum = checksum * 131 + s->p[i];
    }
}

static void note(const void *p)
{
    if ((uintptr_t)p & 15)
        misaligned++;
}

int main(void)
{
    unsigned long nmalloc = 0, ncalloc = 0, nrealloc = 0, nfree = 0, nbig = 0, nhuge = 0;
    unsigned tag = 0;
    for (int op = 0; op < OPS; op++) {
        struct slot *s = &slots[next() % SLOTS];
        unsigned kind = next() % 10;
        if (!s->p) {
            size_t size = pick_size();
            if (size > 128 * 1024)
                nbig++;
            if (size >= 1024 * 1024)
                nhuge++;
            if (kind < 3) {
                s->p = calloc(1, size);
                ncalloc++;
                if (!s->p) {
                    errors++;
                    continue;
                }
                for (size_t i = 0; i < size; i++)
                    if (s->p[i]) {
                        errors++;
                        break;
                    }
            } else {
                s->p = malloc(size);
                nmalloc++;
                if (!s->p) {
                    errors++;
                    continue;
                }
            }
            note(s->p);
            s->size = size;
            s->tag = ++tag;
            fill(s);
        } else if (kind < 4) {
            /* realloc: contents up to the smaller size must survive */
            size_t size = pick_size();
            unsigned char *q = realloc(s->p, size);
            nrealloc++;
            if (!q) {
                errors++;
                continue;
            }
            note(q);
            s->p = q;
            check(s, size < s->size ? size : s->size);
            s->size = size;
            fill(s);
        } else {
            check(s, s->size);
            free(s->p);
            nfree++;
            s->p = NULL;
        }
    }
    for (int i = 0; i < SLOTS; i++)
        if (slots[i].p) {
            check(&slots[i], slots[i].size);
            free(slots[i].p);
            nfree++;
        }

    /* Growing one block by realloc in steps, then shrinking. */
    struct slot g = {malloc(1), 1, 4242};
    fill(&g);
    for (size_t sz = 2; sz <= 3 * 1024 * 1024; sz = sz * 3 / 2 + 1) {
        g.p = realloc(g.p, sz);
        if (!g.p) {
            errors++;
            break;
        }
        check(&g, g.size);
        g.size = sz;
        fill(&g);
    }
    for (size_t sz = g.size; sz > 16; sz /= 3) {
        g.p = realloc(g.p, sz);
        check(&g, sz);
        g.size = sz;
    }
    free(g.p);

    /* Edge cases. */
    void *z = malloc(0);
    printf("malloc(0) %s\n", z ? "non-null" : "null");
    free(z);
    free(NULL);
    void *r = realloc(NULL, 100);
    printf("realloc(NULL,100) %s\n", r ? "ok" : "null");
    free(r);
    void *huge = malloc((size_t)1 << 62);
    printf("malloc(2^62) %s\n", huge ? "non-null" : "null");
    volatile size_t big40 = (size_t)1 << 40; /* opaque: no compile-time overflow warning */
    void *ov = calloc(big40, big40);
    printf("calloc overflow %s\n", ov ? "non-null" : "null");
    void *al = aligned_alloc(4096, 8192);
    printf("aligned_alloc 4096 %s\n", al && ((uintptr_t)al & 4095) == 0 ? "aligned" : "bad");
    free(al);
    void *pm = NULL;
    int rc = posix_memalign(&pm, 65536, 100);
    printf("posix_memalign 65536 rc=%d %s\n", rc, pm && ((uintptr_t)pm & 65535) == 0 ? "aligned" : "bad");
    free(pm);

    printf("malloc=%lu calloc=%lu realloc=%lu free=%lu big=%lu huge=%lu\n", nmalloc, ncalloc, nrealloc, nfree,
           nbig, nhuge);
    printf("misaligned=%lu errors=%lu\n", (unsigned long)misaligned, (unsigned long)errors);
    printf("checksum=%016llx\n", (unsigned long long)checksum);
    return errors != 0;
}
