/* Integer and M-extension edge cases: div/rem corner cases, unsigned wrap, shifts,
 * 32-bit W operations, bit-count builtins, 128-bit multiply (mulh*), rotates. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static volatile int64_t vs64[] = {0, 1, -1, 7, -7, 3, -3, INT64_MIN, INT64_MAX, 1000000007, -123456789012345LL};
static volatile int32_t vs32[] = {0, 1, -1, 7, -7, 3, -3, INT32_MIN, INT32_MAX, 1000000007, -123456789};
#define N64 (sizeof vs64 / sizeof vs64[0])
#define N32 (sizeof vs32 / sizeof vs32[0])

static uint64_t hash = 1469598103934665603ULL;
static void mix(uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        hash ^= (v >> (8 * i)) & 0xff;
        hash *= 1099511628211ULL;
    }
}

static inline uint64_t rotl64(uint64_t x, unsigned r) { return (x << (r & 63)) | (x >> ((64 - r) & 63)); }
static inline uint64_t rotr64(uint64_t x, unsigned r) { return (x >> (r & 63)) | (x << ((64 - r) & 63)); }
static inline uint32_t rotl32(uint32_t x, unsigned r) { return (x << (r & 31)) | (x >> ((32 - r) & 31)); }

__attribute__((noinline)) static int64_t div64(int64_t a, int64_t b) { return a / b; }
__attribute__((noinline)) static int64_t rem64(int64_t a, int64_t b) { return a % b; }
__attribute__((noinline)) static uint64_t divu64(uint64_t a, uint64_t b) { return a / b; }
__attribute__((noinline)) static uint64_t remu64(uint64_t a, uint64_t b) { return a % b; }
__attribute__((noinline)) static int32_t div32(int32_t a, int32_t b) { return a / b; }
__attribute__((noinline)) static int32_t rem32(int32_t a, int32_t b) { return a % b; }
__attribute__((noinline)) static uint32_t divu32(uint32_t a, uint32_t b) { return a / b; }
__attribute__((noinline)) static uint32_t remu32(uint32_t a, uint32_t b) { return a % b; }

int main(void)
{
    volatile int64_t zero = 0, m1 = -1, mn = INT64_MIN, seven = 7;
    volatile int32_t zero32 = 0, m132 = -1, mn32 = INT32_MIN;

    /* RISC-V defines these; no trap. */
    printf("INT64_MIN/-1 = %" PRId64 "\n", div64(mn, m1));
    printf("INT64_MIN%%-1 = %" PRId64 "\n", rem64(mn, m1));
    printf("7/0 = %" PRId64 "\n", div64(seven, zero));
    printf("7%%0 = %" PRId64 "\n", rem64(seven, zero));
    printf("-7/0 = %" PRId64 "\n", div64(-seven, zero));
    printf("7u/0 = 0x%" PRIx64 "\n", divu64((uint64_t)seven, (uint64_t)zero));
    printf("7u%%0 = %" PRIu64 "\n", remu64((uint64_t)seven, (uint64_t)zero));
    printf("INT32_MIN/-1 (w) = %" PRId32 "\n", div32(mn32, m132));
    printf("INT32_MIN%%-1 (w) = %" PRId32 "\n", rem32(mn32, m132));
    printf("7/0 (w) = %" PRId32 "\n", div32(7, zero32));
    printf("-7%%0 (w) = %" PRId32 "\n", rem32(-7, zero32));
    printf("7u/0 (w) = 0x%" PRIx32 "\n", divu32(7, (uint32_t)zero32));
    printf("0xfffffff9u%%0 (w) = 0x%" PRIx32 "\n", remu32(0xfffffff9u, (uint32_t)zero32));

    /* Signs of quotient and remainder (truncation toward zero). */
    for (int i = 3; i <= 6; i++)
        for (int j = 3; j <= 6; j++)
            printf("%" PRId64 "/%" PRId64 "=%" PRId64 " r%" PRId64 "\n", vs64[i], vs64[j],
                   div64(vs64[i], vs64[j]), rem64(vs64[i], vs64[j]));

    /* All pairs, 64-bit and 32-bit, mixed into a hash. */
    for (size_t i = 0; i < N64; i++)
        for (size_t j = 0; j < N64; j++) {
            int64_t a = vs64[i], b = vs64[j];
            mix(div64(a, b)); mix(rem64(a, b));
            mix(divu64(a, b)); mix(remu64(a, b));
            mix((uint64_t)a * (uint64_t)b);
            __int128 p = (__int128)a * b;
            mix((uint64_t)(p >> 64));
            unsigned __int128 up = (unsigned __int128)(uint64_t)a * (uint64_t)b;
            mix((uint64_t)(up >> 64));
            __int128 su = (__int128)a * (unsigned __int128)(uint64_t)b; /* mulhsu-ish */
            mix((uint64_t)(su >> 64));
            mix((uint64_t)a + (uint64_t)b); mix((uint64_t)a - (uint64_t)b);
            mix(a < b); mix((uint64_t)a < (uint64_t)b);
        }
    printf("hash64 = %016" PRIx64 "\n", hash);
    hash = 1469598103934665603ULL;
    for (size_t i = 0; i < N32; i++)
        for (size_t j = 0; j < N32; j++) {
            int32_t a = vs32[i], b = vs32[j];
            mix((int64_t)div32(a, b)); mix((int64_t)rem32(a, b));
            mix((int64_t)(int32_t)divu32(a, b)); mix((int64_t)(int32_t)remu32(a, b));
            mix((int64_t)(int32_t)((uint32_t)a * (uint32_t)b));
            mix((int64_t)(int32_t)((uint32_t)a + (uint32_t)b));
            mix((int64_t)(int32_t)((uint32_t)a - (uint32_t)b));
            mix((int64_t)(int32_t)((uint32_t)a << (b & 31)));
            mix((int64_t)(int32_t)((uint32_t)a >> (b & 31)));
            mix((int64_t)(a >> (b & 31)));
        }
    printf("hash32 = %016" PRIx64 "\n", hash);

    /* Unsigned wrap. */
    volatile uint64_t umax = UINT64_MAX;
    volatile uint32_t umax32 = UINT32_MAX;
    printf("UINT64_MAX+1 = %" PRIu64 "\n", umax + 1);
    printf("0-1 = %" PRIu64 "\n", (uint64_t)zero - 1);
    printf("UINT64_MAX*UINT64_MAX = %" PRIu64 "\n", umax * umax);
    printf("UINT32_MAX+1 (w) = %" PRIu32 "\n", (uint32_t)(umax32 + 1));
    printf("UINT32_MAX*3 (w) = %" PRIu32 "\n", (uint32_t)(umax32 * 3u));

    /* 32-bit ops sign-extend into 64-bit registers. */
    volatile int32_t big32 = 0x7fffffff;
    int64_t w = (int32_t)((uint32_t)big32 + 1u);
    printf("addw overflow -> %" PRId64 "\n", w);
    w = (int32_t)((uint32_t)big32 << 1);
    printf("sllw -> %" PRId64 "\n", w);
    volatile uint32_t hi32 = 0x80000000u;
    w = (int32_t)(hi32 >> 4);
    printf("srlw -> %" PRId64 "\n", w);
    w = (int32_t)hi32 >> 4;
    printf("sraw -> %" PRId64 "\n", w);
    volatile int64_t wide = 0x123456789abcdefLL;
    w = (int32_t)wide;
    printf("sext.w -> %" PRId64 "\n", w);
    w = (int32_t)((uint32_t)wide * 0x10001u);
    printf("mulw -> %" PRId64 "\n", w);

    /* Shifts, including amounts masked by the hardware (but defined in C). */
    volatile uint64_t pat = 0x8000000000000001ULL;
    for (int s = 0; s < 64; s += 9)
        printf("shift %2d: sll=%016" PRIx64 " srl=%016" PRIx64 " sra=%016" PRIx64 "\n", s,
               pat << s, pat >> s, (uint64_t)((int64_t)pat >> s));
    volatile int sh = 63;
    printf("1<<63 = %016" PRIx64 ", -1>>63 = %" PRId64 "\n", (uint64_t)1 << sh, (int64_t)m1 >> sh);

    /* Bit counting. */
    volatile uint64_t bits[] = {1, 2, 0x80000000ULL, 0x8000000000000000ULL, 0xffULL, 0x0f0f0f0f0f0f0f0fULL,
                                UINT64_MAX, 0x100000000ULL, 0x123456789abcdef0ULL};
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
        uint64_t x = bits[i];
        printf("%016" PRIx64 ": clz=%d ctz=%d pop=%d clz32=%d ctz32=%d pop32=%d\n", x, __builtin_clzll(x),
               __builtin_ctzll(x), __builtin_popcountll(x), (uint32_t)x ? __builtin_clz((uint32_t)x) : 32,
               (uint32_t)x ? __builtin_ctz((uint32_t)x) : 32, __builtin_popcount((uint32_t)x));
    }
    printf("bswap64 = %016" PRIx64 " bswap32 = %08" PRIx32 "\n", __builtin_bswap64(bits[8]),
           __builtin_bswap32((uint32_t)bits[8]));

    /* 128-bit products. */
    unsigned __int128 u = (unsigned __int128)umax * umax;
    printf("UINT64_MAX^2 = %016" PRIx64 "%016" PRIx64 "\n", (uint64_t)(u >> 64), (uint64_t)u);
    __int128 s = (__int128)mn * mn;
    printf("INT64_MIN^2 = %016" PRIx64 "%016" PRIx64 "\n", (uint64_t)((unsigned __int128)s >> 64), (uint64_t)s);
    s = (__int128)mn * (int64_t)INT64_MAX;
    printf("INT64_MIN*INT64_MAX = %016" PRIx64 "%016" PRIx64 "\n", (uint64_t)((unsigned __int128)s >> 64),
           (uint64_t)s);
    unsigned __int128 f = 1;
    for (int i = 1; i <= 30; i++)
        f *= (unsigned)i;
    printf("30! = %016" PRIx64 "%016" PRIx64 "\n", (uint64_t)(f >> 64), (uint64_t)f);
    unsigned __int128 q = f / 1000000007u;
    printf("30! / 1000000007 low = %" PRIu64 ", rem = %" PRIu64 "\n", (uint64_t)q, (uint64_t)(f % 1000000007u));

    /* Rotates. */
    volatile uint64_t r = 0x0123456789abcdefULL;
    for (unsigned k = 0; k < 64; k += 13)
        printf("rot %2u: rotl=%016" PRIx64 " rotr=%016" PRIx64 " rotl32=%08" PRIx32 "\n", k, rotl64(r, k),
               rotr64(r, k), rotl32((uint32_t)r, k));

    /* Comparisons and conditional selection. */
    int64_t cnt = 0;
    for (size_t i = 0; i < N64; i++)
        for (size_t j = 0; j < N64; j++)
            cnt += (vs64[i] < vs64[j]) * 1 + ((uint64_t)vs64[i] < (uint64_t)vs64[j]) * 100 +
                   (vs64[i] == vs64[j]) * 10000;
    printf("compare count = %" PRId64 "\n", cnt);
    int64_t mx = INT64_MIN, mnv = INT64_MAX;
    for (size_t i = 0; i < N64; i++) {
        mx = vs64[i] > mx ? vs64[i] : mx;
        mnv = vs64[i] < mnv ? vs64[i] : mnv;
    }
    printf("max = %" PRId64 " min = %" PRId64 "\n", mx, mnv);
    return 0;
}
