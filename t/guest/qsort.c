/* qsort and bsearch on ints and structs filled by a deterministic PRNG: checks
 * sortedness and that every element is found, prints checksums. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t state = 12345;
static uint32_t lcg(void)
{
    state = state * 1664525u + 1013904223u;
    return state;
}

static unsigned long ncmp;
static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    ncmp++;
    return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }

struct rec {
    char name[12];
    int key;
    double weight;
    uint16_t id;
};

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return (x->id > y->id) - (x->id < y->id);
}

struct big {
    char pad[20];
    int v;
};
static int cmp_big(const void *a, const void *b)
{
    const struct big *x = a, *y = b;
    return (x->v > y->v) - (x->v < y->v);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ c[i]) * 1099511628211ULL;
    return h;
}

static void int_test(int n, int range, const char *label)
{
    int *a = malloc(n * sizeof *a);
    long long sum = 0;
    for (int i = 0; i < n; i++) {
        a[i] = range ? (int)(lcg() % (unsigned)range) - range / 2 : (int)lcg();
        sum += a[i];
    }
    qsort(a, n, sizeof *a, cmp_int);
    int sorted = 1;
    long long sum2 = 0;
    for (int i = 0; i < n; i++) {
        if (i && a[i - 1] > a[i])
            sorted = 0;
        sum2 += a[i];
    }
    int found = 0, missing = 0;
    for (int i = 0; i < n; i += 7)
        found += bsearch(&a[i], a, n, sizeof *a, cmp_int) != NULL;
    for (int probe = -5; probe < 5; probe++) {
        int key = range ? range + probe * 1000 : probe; /* out-of-range keys for bounded sets */
        if (range)
            missing += bsearch(&key, a, n, sizeof *a, cmp_int) == NULL;
    }
    printf("%s n=%d sorted=%d sum_ok=%d found=%d/%d missing=%d min=%d max=%d hash=%016llx\n", label, n, sorted,
           sum == sum2, found, (n + 6) / 7, missing, n ? a[0] : 0, n ? a[n - 1] : 0,
           (unsigned long long)fnv(1469598103934665603ULL, a, n * sizeof *a));
    free(a);
}

int main(void)
{
    int_test(0, 100, "empty");
    int_test(1, 100, "one");
    int_test(2, 100, "two");
    int_test(17, 10, "dups");
    int_test(1000, 1000000, "k1");
    int_test(20000, 0, "full-range");
    int_test(30000, 50, "many-dups");

    /* Already sorted, reversed, and all-equal inputs. */
    int *a = malloc(5000 * sizeof *a);
    for (int i = 0; i < 5000; i++)
        a[i] = i;
    qsort(a, 5000, sizeof *a, cmp_int_desc);
    int ok = 1;
    for (int i = 0; i < 5000; i++)
        ok &= a[i] == 4999 - i;
    printf("reverse ok=%d\n", ok);
    qsort(a, 5000, sizeof *a, cmp_int);
    ok = 1;
    for (int i = 0; i < 5000; i++)
        ok &= a[i] == i;
    printf("re-sort ok=%d\n", ok);
    for (int i = 0; i < 5000; i++)
        a[i] = 42;
    qsort(a, 5000, sizeof *a, cmp_int);
    int key = 42, nokey = 43;
    printf("equal: found=%d notfound=%d\n", bsearch(&key, a, 5000, sizeof *a, cmp_int) != NULL,
           bsearch(&nokey, a, 5000, sizeof *a, cmp_int) == NULL);
    free(a);

    /* Structs with a composite key. */
    enum { NR = 3000 };
    struct rec *r = calloc(NR, sizeof *r);
    for (int i = 0; i < NR; i++) {
        r[i].key = (int)(lcg() % 100);
        for (int j = 0; j < 5; j++)
            r[i].name[j] = (char)('a' + lcg() % 4);
        r[i].weight = (double)(lcg() % 10000) / 100.0;
        r[i].id = (uint16_t)i;
    }
    double wsum = 0;
    for (int i = 0; i < NR; i++)
        wsum += r[i].weight;
    qsort(r, NR, sizeof *r, cmp_rec);
    ok = 1;
    double wsum2 = 0;
    for (int i = 0; i < NR; i++) {
        if (i && cmp_rec(&r[i - 1], &r[i]) >= 0)
            ok = 0;
        wsum2 += r[i].weight;
    }
    int found = 0;
    for (int i = 0; i < NR; i++) {
        struct rec *p = bsearch(&r[i], r, NR, sizeof *r, cmp_rec);
        found += p == &r[i];
    }
    printf("structs n=%d strictly_sorted=%d found=%d weight=%.2f/%.2f first=%d:%s last=%d:%s hash=%016llx\n", NR, ok,
           found, wsum, wsum2, r[0].key, r[0].name, r[NR - 1].key, r[NR - 1].name,
           (unsigned long long)fnv(1469598103934665603ULL, r, sizeof(struct rec) * NR));
    free(r);

    /* Elements of an odd-ish size (24 bytes) compared on an inner field. */
    struct big *b = malloc(777 * sizeof *b);
    for (int i = 0; i < 777; i++) {
        memset(b[i].pad, i & 0x7f, sizeof b[i].pad);
        b[i].v = (int)(lcg() % 5000);
    }
    qsort(b, 777, sizeof *b, cmp_big);
    ok = 1;
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < 777; i++) {
        if (i && b[i - 1].v > b[i].v)
            ok = 0;
        for (int j = 1; j < 20; j++)
            ok &= b[i].pad[j] == b[i].pad[0];
        h = fnv(h, &b[i].v, sizeof b[i].v);
    }
    printf("big elements size=%zu sorted_intact=%d hash=%016llx compares>0=%d\n", sizeof *b, ok,
           (unsigned long long)h, ncmp > 0);
    free(b);
    return 0;
}
