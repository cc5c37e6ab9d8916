/* C11 <stdatomic.h> and __atomic builtins on 8/16/32/64-bit objects, single-threaded.
 * 32/64-bit operations compile to AMOs and LR/SC compare-exchange loops; 8- and 16-bit
 * ones are LR/SC loops on the containing aligned word with masking (see below).
 * Neighbouring bytes are checked to be untouched. */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* GCC 12 does not inline sub-word atomics on RISC-V (GCC 13's -minline-atomics does):
 * it calls libatomic's __atomic_*_1/_2, which a plain static link does not pull in.
 * These definitions supply those entry points as the same masked LR/SC loops that
 * newer compilers inline. The memory order argument is ignored (always aq+rl). */
enum { OP_ADD, OP_SUB, OP_AND, OP_OR, OP_XOR, OP_NAND, OP_XCHG };

#define RMW_LOOP(insn)                                                                                          \
    __asm__ volatile("1: lr.w.aqrl %[old], (%[w])\n\t" insn "\n\t"                                             \
                     "xor %[new], %[new], %[old]\n\t"                                                           \
                     "and %[new], %[new], %[mask]\n\t"                                                          \
                     "xor %[new], %[new], %[old]\n\t"                                                           \
                     "sc.w.rl %[tmp], %[new], (%[w])\n\t"                                                       \
                     "bnez %[tmp], 1b"                                                                          \
                     : [old] "=&r"(old), [new] "=&r"(nw), [tmp] "=&r"(tmp)                                       \
                     : [w] "r"(w), [v] "r"(v), [mask] "r"(mask)                                                 \
                     : "memory")

static unsigned long masked_rmw(volatile void *p, unsigned size, unsigned long val, int op)
{
    uintptr_t a = (uintptr_t)p;
    volatile uint32_t *w = (volatile uint32_t *)(a & ~(uintptr_t)3);
    unsigned shift = (a & 3) * 8;
    unsigned long mask = (size == 1 ? 0xfful : 0xfffful) << shift;
    unsigned long v = (val << shift) & mask, old, nw, tmp;
    switch (op) {
    case OP_ADD: RMW_LOOP("add %[new], %[old], %[v]"); break;
    case OP_SUB: RMW_LOOP("sub %[new], %[old], %[v]"); break;
    case OP_AND: RMW_LOOP("and %[new], %[old], %[v]"); break;
    case OP_OR: RMW_LOOP("or %[new], %[old], %[v]"); break;
    case OP_XOR: RMW_LOOP("xor %[new], %[old], %[v]"); break;
    case OP_NAND: RMW_LOOP("and %[new], %[old], %[v]\n\tnot %[new], %[new]"); break;
    default: RMW_LOOP("mv %[new], %[v]"); break;
    }
    return ((old & mask) >> shift);
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
                     "xor %[new], %[old], %[tmp]\n\t" /* clear the field */
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

/* Defined under other C names with assembler labels: GCC's built-in prototype of the
 * compare-exchange entry point has a "weak" argument that the library call drops. */
#define RMW_FN(name, N, T, OP)                                                                                  \
    T lib_##name##_##N(volatile void *p, T v, int m) __asm__("__atomic_" #name "_" #N);                          \
    T lib_##name##_##N(volatile void *p, T v, int m)                                                            \
    {                                                                                                           \
        (void)m;                                                                                                \
        return (T)masked_rmw(p, N, v, OP);                                                                      \
    }
#define SUBWORD(N, T)                                                                                           \
    RMW_FN(fetch_add, N, T, OP_ADD)                                                                             \
    RMW_FN(fetch_sub, N, T, OP_SUB)                                                                             \
    RMW_FN(fetch_and, N, T, OP_AND)                                                                             \
    RMW_FN(fetch_or, N, T, OP_OR)                                                                               \
    RMW_FN(fetch_xor, N, T, OP_XOR)                                                                             \
    RMW_FN(fetch_nand, N, T, OP_NAND)                                                                           \
    RMW_FN(exchange, N, T, OP_XCHG)                                                                             \
    bool lib_cas_##N(volatile void *p, void *e, T d, int s, int f) __asm__("__atomic_compare_exchange_" #N);     \
    bool lib_cas_##N(volatile void *p, void *e, T d, int s, int f)                                              \
    {                                                                                                           \
        (void)s, (void)f;                                                                                       \
        return masked_cas(p, N, e, d);                                                                          \
    }
SUBWORD(1, uint8_t)
SUBWORD(2, uint16_t)

/* Each small object sits between guard bytes inside one aligned word. */
static struct {
    uint8_t g0;
    _Atomic uint8_t b;
    uint8_t g1;
    uint8_t g2;
    _Atomic uint16_t h;
    uint16_t g3;
    _Atomic uint32_t w;
    uint32_t g4;
    _Atomic uint64_t d;
} __attribute__((aligned(16))) s = {0xa5, 0, 0x5a, 0xc3, 0, 0x3c3c, 0, 0xdeadbeef, 0};

static int guards_ok(void) { return s.g0 == 0xa5 && s.g1 == 0x5a && s.g2 == 0xc3 && s.g3 == 0x3c3c && s.g4 == 0xdeadbeef; }

#define SHOW(label, v) printf("%-28s %" PRIu64 " (0x%" PRIx64 ")\n", label, (uint64_t)(v), (uint64_t)(v))

#define EXERCISE(obj, T, tag)                                                                                      \
    do {                                                                                                           \
        T old;                                                                                                     \
        atomic_store(&obj, (T)0x11);                                                                               \
        old = atomic_fetch_add(&obj, (T)0x22);                                                                     \
        SHOW(tag " fetch_add old", old);                                                                           \
        old = atomic_fetch_sub(&obj, (T)0x40);                                                                     \
        SHOW(tag " fetch_sub old", old);                                                                           \
        SHOW(tag " after sub (wraps)", atomic_load(&obj));                                                         \
        old = atomic_fetch_and(&obj, (T)0xf0f0f0f0f0f0f0f0ULL);                                                    \
        SHOW(tag " fetch_and old", old);                                                                           \
        old = atomic_fetch_or(&obj, (T)0x0102030405060708ULL);                                                     \
        SHOW(tag " fetch_or old", old);                                                                            \
        old = atomic_fetch_xor(&obj, (T)~(T)0);                                                                    \
        SHOW(tag " fetch_xor old", old);                                                                           \
        old = atomic_exchange(&obj, (T)0x7e);                                                                      \
        SHOW(tag " exchange old", old);                                                                            \
        T exp = 0x7e;                                                                                              \
        int ok = atomic_compare_exchange_strong(&obj, &exp, (T)0x81);                                              \
        printf(tag " cas_strong match ok=%d now=0x%" PRIx64 "\n", ok, (uint64_t)atomic_load(&obj));               \
        exp = 0x12;                                                                                                \
        ok = atomic_compare_exchange_strong(&obj, &exp, (T)0x99);                                                  \
        printf(tag " cas_strong miss ok=%d expected<-0x%" PRIx64 "\n", ok, (uint64_t)exp);                         \
        /* increment with a weak CAS loop */                                                                       \
        atomic_store(&obj, (T)0);                                                                                  \
        for (int i = 0; i < 1000; i++) {                                                                           \
            T cur = atomic_load_explicit(&obj, memory_order_relaxed);                                              \
            while (!atomic_compare_exchange_weak(&obj, &cur, (T)(cur + 3)))                                        \
                ;                                                                                                  \
        }                                                                                                          \
        SHOW(tag " weak-cas loop 1000x+3", atomic_load(&obj));                                                     \
        for (int i = 0; i < 300; i++) {                                                                            \
            atomic_fetch_add_explicit(&obj, (T)(i * 7 + 1), memory_order_relaxed);                                 \
            atomic_fetch_xor_explicit(&obj, (T)(i << 3), memory_order_acq_rel);                                    \
            atomic_fetch_sub_explicit(&obj, (T)i, memory_order_seq_cst);                                           \
            atomic_fetch_or_explicit(&obj, (T)(1u << (i % 8)), memory_order_release);                              \
            atomic_fetch_and_explicit(&obj, (T)~(T)(1u << ((i + 3) % 8)), memory_order_acquire);                   \
        }                                                                                                          \
        SHOW(tag " mixed loop", atomic_load(&obj));                                                                \
        printf(tag " guards ok=%d\n", guards_ok());                                                                \
    } while (0)

/* The same through the GCC __atomic builtins on plain (non-_Atomic) objects. */
static uint8_t pb[4] = {1, 2, 3, 4};
static uint16_t ph[4] = {0x1111, 0x2222, 0x3333, 0x4444};
static uint32_t pw = 5;
static uint64_t pd = 5;

int main(void)
{
    printf("always lock-free: 4=%d 8=%d\n", __atomic_always_lock_free(4, 0), __atomic_always_lock_free(8, 0));
    EXERCISE(s.b, uint8_t, "u8 ");
    EXERCISE(s.h, uint16_t, "u16");
    EXERCISE(s.w, uint32_t, "u32");
    EXERCISE(s.d, uint64_t, "u64");

    /* __atomic builtins on every byte / halfword position within a word */
    for (int i = 0; i < 4; i++) {
        uint8_t o = __atomic_fetch_add(&pb[i], 250, __ATOMIC_SEQ_CST);
        uint8_t n = __atomic_add_fetch(&pb[i], 10, __ATOMIC_SEQ_CST);
        uint8_t e = n, x = __atomic_exchange_n(&pb[i], (uint8_t)(0x80 | i), __ATOMIC_ACQ_REL);
        int ok = __atomic_compare_exchange_n(&pb[i], &e, 0, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        printf("pb[%d]: old=%u new=%u xchg_old=%u cas(stale)=%d expected<-0x%x\n", i, o, n, x, ok, e);
    }
    printf("pb = %02x %02x %02x %02x\n", pb[0], pb[1], pb[2], pb[3]);
    for (int i = 0; i < 4; i++) {
        uint16_t o = __atomic_fetch_nand(&ph[i], 0x0ff0, __ATOMIC_SEQ_CST);
        uint16_t n = __atomic_sub_fetch(&ph[i], 0x2000, __ATOMIC_RELAXED);
        uint16_t e = n;
        int ok = __atomic_compare_exchange_n(&ph[i], &e, (uint16_t)(n + 1), 1, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
        while (!ok) { /* weak may fail spuriously: retry */
            e = n;
            ok = __atomic_compare_exchange_n(&ph[i], &e, (uint16_t)(n + 1), 1, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
        }
        printf("ph[%d]: nand_old=0x%04x sub_new=0x%04x cas_weak=%d\n", i, o, n, ok);
    }
    printf("ph = %04x %04x %04x %04x\n", ph[0], ph[1], ph[2], ph[3]);
    uint32_t ow = __atomic_fetch_nand(&pw, 0xff, __ATOMIC_SEQ_CST);
    uint32_t mx = __atomic_or_fetch(&pw, 0x80000000u, __ATOMIC_SEQ_CST);
    printf("pw: nand_old=%u or_new=0x%08x load=0x%08x\n", ow, mx, __atomic_load_n(&pw, __ATOMIC_ACQUIRE));
    int64_t sd = -1;
    __atomic_store_n(&pd, (uint64_t)sd, __ATOMIC_RELEASE);
    uint64_t od = __atomic_fetch_add(&pd, 2, __ATOMIC_SEQ_CST);
    uint64_t now = pd;
    uint64_t xf = __atomic_xor_fetch(&pd, 0xffff0000ffff0000ULL, __ATOMIC_SEQ_CST);
    printf("pd: old=0x%016" PRIx64 " now=%" PRIu64 " xor_fetch=0x%016" PRIx64 "\n", od, now, xf);
    uint32_t e32 = 0;
    int ok32 = __atomic_compare_exchange_n(&pw, &e32, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("u32 cas fail keeps value: %d pw=0x%08x expected<-0x%08x\n", ok32, pw, e32);
    /* Signed fetch_min/max via CAS loops */
    _Atomic int32_t smin = 100;
    for (int v = 50; v > -200; v -= 37) {
        int32_t cur = atomic_load(&smin);
        while (v < cur && !atomic_compare_exchange_weak(&smin, &cur, v))
            ;
    }
    printf("cas-min=%d\n", atomic_load(&smin));
    atomic_flag fl = ATOMIC_FLAG_INIT;
    int t1 = atomic_flag_test_and_set(&fl), t2 = atomic_flag_test_and_set(&fl);
    atomic_flag_clear(&fl);
    int t3 = atomic_flag_test_and_set(&fl);
    printf("flag: %d %d %d\n", t1, t2, t3);
    atomic_thread_fence(memory_order_seq_cst);
    printf("guards ok=%d\n", guards_ok());
    return 0;
}
