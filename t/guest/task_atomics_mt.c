/* Atomics under contention: 8 threads released together hammer shared counters with AMOs
 * (__atomic_fetch_add -> amoadd.w/.d, amoor, amomax/amominu, amoswap spinlock), explicit
 * LR/SC loops (lr.w/sc.w, lr.d/sc.d), compare-and-swap loops, and 8/16-bit atomics on
 * adjacent bytes and halfwords of one word (masked LR/SC on the containing word). Every
 * result is checked against the count of operations: a lost update changes the output. */
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#define NTHREADS 8
#define ITERS 20000

/* GCC 12 does not inline sub-word atomics on RISC-V: it calls libatomic's
 * __atomic_fetch_add_1/_2 and __atomic_compare_exchange_1/_2, which a static link does not
 * pull in. Supply them here as masked LR/SC loops on the aligned containing word. */
static unsigned long masked_add(volatile void *p, unsigned size, unsigned long val)
{
    uintptr_t a = (uintptr_t)p;
    volatile uint32_t *w = (volatile uint32_t *)(a & ~(uintptr_t)3);
    unsigned shift = (a & 3) * 8;
    unsigned long mask = (size == 1 ? 0xfful : 0xfffful) << shift;
    unsigned long v = (val << shift) & mask, old, nw, tmp;
    __asm__ volatile("1: lr.w.aqrl %[old], (%[w])\n\t"
                     "add %[new], %[old], %[v]\n\t"
                     "xor %[new], %[new], %[old]\n\t"
                     "and %[new], %[new], %[mask]\n\t"
                     "xor %[new], %[new], %[old]\n\t"
                     "sc.w.rl %[tmp], %[new], (%[w])\n\t"
                     "bnez %[tmp], 1b"
                     : [old] "=&r"(old), [new] "=&r"(nw), [tmp] "=&r"(tmp)
                     : [w] "r"(w), [v] "r"(v), [mask] "r"(mask)
                     : "memory");
    return (old & mask) >> shift;
}

static bool masked_cas(volatile void *p, unsigned size, void *expected, unsigned long desired)
{
    uintptr_t a = (uintptr_t)p;
    volatile uint32_t *w = (volatile uint32_t *)(a & ~(uintptr_t)3);
    unsigned shift = (a & 3) * 8;
    unsigned long mask = (size == 1 ? 0xfful : 0xfffful) << shift;
    unsigned long exp = size == 1 ? *(uint8_t *)expected : *(uint16_t *)expected;
    unsigned long e = (exp << shift) & mask, d = (desired << shift) & mask, old, nw, tmp;
    __asm__ volatile("1: lr.w.aqrl %[old], (%[w])\n\t"
                     "and %[tmp], %[old], %[mask]\n\t"
                     "bne %[tmp], %[e], 2f\n\t"
                     "xor %[new], %[old], %[tmp]\n\t"
                     "or %[new], %[new], %[d]\n\t"
                     "sc.w.rl %[tmp], %[new], (%[w])\n\t"
                     "bnez %[tmp], 1b\n\t"
                     "2:"
                     : [old] "=&r"(old), [new] "=&r"(nw), [tmp] "=&r"(tmp)
                     : [w] "r"(w), [e] "r"(e), [d] "r"(d), [mask] "r"(mask)
                     : "memory");
    unsigned long cur = (old & mask) >> shift;
    if (cur == exp)
        return true;
    if (size == 1)
        *(uint8_t *)expected = (uint8_t)cur;
    else
        *(uint16_t *)expected = (uint16_t)cur;
    return false;
}

uint8_t lib_add_1(volatile void *p, uint8_t v, int m) __asm__("__atomic_fetch_add_1");
uint8_t lib_add_1(volatile void *p, uint8_t v, int m)
{
    (void)m;
    return (uint8_t)masked_add(p, 1, v);
}
uint16_t lib_add_2(volatile void *p, uint16_t v, int m) __asm__("__atomic_fetch_add_2");
uint16_t lib_add_2(volatile void *p, uint16_t v, int m)
{
    (void)m;
    return (uint16_t)masked_add(p, 2, v);
}
bool lib_cas_1(volatile void *p, void *e, uint8_t d, int s, int f) __asm__("__atomic_compare_exchange_1");
bool lib_cas_1(volatile void *p, void *e, uint8_t d, int s, int f)
{
    (void)s, (void)f;
    return masked_cas(p, 1, e, d);
}
bool lib_cas_2(volatile void *p, void *e, uint16_t d, int s, int f) __asm__("__atomic_compare_exchange_2");
bool lib_cas_2(volatile void *p, void *e, uint16_t d, int s, int f)
{
    (void)s, (void)f;
    return masked_cas(p, 2, e, d);
}

/* Shared state, each group on its own cache line. */
static struct {
    uint64_t amo_d;
    uint32_t amo_w;
} __attribute__((aligned(64))) amo;
static struct {
    uint64_t d;
    uint32_t w;
} __attribute__((aligned(64))) lrsc;
static uint64_t cas_d __attribute__((aligned(64)));
static uint32_t cas_w;
static uint32_t or_bits __attribute__((aligned(64)));
static int32_t max_w, min_w;
static uint64_t minu_d;
static uint32_t spin __attribute__((aligned(64)));
static uint64_t spin_protected;
/* Adjacent sub-word atomics: four bytes in one word, two halfwords in the next. */
static struct {
    uint8_t b[4];
    uint16_t h[2];
    uint8_t cb[4]; /* incremented with sub-word CAS loops */
} __attribute__((aligned(64))) sub;
static pthread_barrier_t start;

static void lrsc_add_w(uint32_t *p, uint32_t v)
{
    uint32_t old, tmp;
    __asm__ volatile("1: lr.w %0, (%2)\n\t"
                     "addw %0, %0, %3\n\t"
                     "sc.w %1, %0, (%2)\n\t"
                     "bnez %1, 1b"
                     : "=&r"(old), "=&r"(tmp)
                     : "r"(p), "r"(v)
                     : "memory");
}

static void lrsc_add_d(uint64_t *p, uint64_t v)
{
    uint64_t old, tmp;
    __asm__ volatile("1: lr.d.aq %0, (%2)\n\t"
                     "add %0, %0, %3\n\t"
                     "sc.d.rl %1, %0, (%2)\n\t"
                     "bnez %1, 1b"
                     : "=&r"(old), "=&r"(tmp)
                     : "r"(p), "r"(v)
                     : "memory");
}

static void amo_max_w(int32_t *p, int32_t v)
{
    int32_t old;
    __asm__ volatile("amomax.w %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory");
}
static void amo_min_w(int32_t *p, int32_t v)
{
    int32_t old;
    __asm__ volatile("amomin.w %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory");
}
static void amo_minu_d(uint64_t *p, uint64_t v)
{
    uint64_t old;
    __asm__ volatile("amominu.d %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory");
}

static void *worker(void *arg)
{
    long id = (long)arg;
    pthread_barrier_wait(&start); /* start together for maximum contention */
    for (int i = 0; i < ITERS; i++) {
        __atomic_fetch_add(&amo.amo_d, 3, __ATOMIC_RELAXED);
        __atomic_fetch_add(&amo.amo_w, 1, __ATOMIC_SEQ_CST);
        lrsc_add_w(&lrsc.w, 1);
        lrsc_add_d(&lrsc.d, 0x100000001ull);

        uint64_t cur = __atomic_load_n(&cas_d, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&cas_d, &cur, cur + 5, true, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
            ;
        uint32_t cw = __atomic_load_n(&cas_w, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&cas_w, &cw, cw + 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            ;

        /* sub-word: this thread's byte and halfword, plus a shared byte everyone bumps */
        __atomic_fetch_add(&sub.b[id % 4], 1, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&sub.h[id % 2], 1, __ATOMIC_SEQ_CST);
        uint8_t cb = __atomic_load_n(&sub.cb[id % 4], __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&sub.cb[id % 4], &cb, (uint8_t)(cb + 1), false, __ATOMIC_SEQ_CST,
                                            __ATOMIC_SEQ_CST))
            ;

        if ((i & 63) == 0) {
            amo_max_w(&max_w, (int32_t)(id * 1000 + i / 64));
            amo_min_w(&min_w, (int32_t)(-id * 1000 - i / 64));
            amo_minu_d(&minu_d, (uint64_t)(id + 1) << 40 | (uint64_t)(ITERS - i));
        }

        /* test-and-set spinlock (amoswap.w.aq / release store) around a plain counter */
        if ((i & 7) == 0) {
            while (__atomic_exchange_n(&spin, 1, __ATOMIC_ACQUIRE))
                while (__atomic_load_n(&spin, __ATOMIC_RELAXED))
                    ;
            spin_protected++;
            __atomic_store_n(&spin, 0, __ATOMIC_RELEASE);
        }
    }
    __atomic_fetch_or(&or_bits, 1u << (id * 4), __ATOMIC_RELAXED);
    return NULL;
}

#define SHOW(name, got, want)                                                                                   \
    printf("%-22s %" PRIu64 " %s\n", name, (uint64_t)(got), (uint64_t)(got) == (uint64_t)(want) ? "ok" : "LOST")

int main(void)
{
    alarm(20);
    pthread_t th[NTHREADS];
    min_w = 0x7fffffff;
    max_w = -0x7fffffff;
    minu_d = ~0ull;
    pthread_barrier_init(&start, NULL, NTHREADS);
    for (long i = 0; i < NTHREADS; i++)
        if (pthread_create(&th[i], NULL, worker, (void *)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);

    const uint64_t n = (uint64_t)NTHREADS * ITERS;
    SHOW("amoadd.d", amo.amo_d, 3 * n);
    SHOW("amoadd.w", amo.amo_w, n);
    SHOW("lr.w/sc.w", lrsc.w, n);
    SHOW("lr.d/sc.d", lrsc.d, n * 0x100000001ull);
    SHOW("cas.d weak", cas_d, 5 * n);
    SHOW("cas.w strong", cas_w, n);
    for (int k = 0; k < 4; k++) {
        char name[32];
        snprintf(name, sizeof name, "u8[%d] fetch_add", k);
        SHOW(name, sub.b[k], (uint8_t)(2 * ITERS)); /* two threads per byte, mod 256 */
        snprintf(name, sizeof name, "u8[%d] cas", k);
        SHOW(name, sub.cb[k], (uint8_t)(2 * ITERS));
    }
    for (int k = 0; k < 2; k++) {
        char name[32];
        snprintf(name, sizeof name, "u16[%d] fetch_add", k);
        SHOW(name, sub.h[k], (uint16_t)(4 * ITERS)); /* four threads per halfword, mod 65536 */
    }
    SHOW("spinlock counter", spin_protected, n / 8);
    printf("amoor bits             0x%08x\n", or_bits);
    printf("amomax.w               %d\n", max_w);
    printf("amomin.w               %d\n", min_w);
    printf("amominu.d              0x%" PRIx64 "\n", minu_d);
    return 0;
}
