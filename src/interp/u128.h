/* 128-bit unsigned arithmetic for the soft-float core (fpu.c): the compiler's unsigned
 * __int128 where it has one (64-bit hosts), else a pair of 64-bit halves, so that 32-bit hosts
 * (armhf) get the same exact results. Only the operations fpu.c needs, with the ranges it uses:
 * shifts of 0..127, quotients by a divisor that fits in 64 bits. */
#ifndef RV_U128_H
#define RV_U128_H
#include <stdint.h>

#ifdef __SIZEOF_INT128__
typedef unsigned __int128 u128;
static inline u128 u128_of(uint64_t v) { return v; }
static inline uint64_t u128_lo(u128 v) { return (uint64_t)v; }
static inline uint64_t u128_hi(u128 v) { return (uint64_t)(v >> 64); }
static inline u128 u128_shl(u128 v, int n) { return v << n; }
static inline u128 u128_shr(u128 v, int n) { return v >> n; }
static inline u128 u128_or64(u128 v, uint64_t w) { return v | w; }
static inline u128 u128_add(u128 a, u128 b) { return a + b; }
static inline u128 u128_sub(u128 a, u128 b) { return a - b; }
static inline u128 u128_mul64(uint64_t a, uint64_t b) { return (u128)a * b; }
static inline u128 u128_div64(u128 n, uint64_t d) { return n / d; }
static inline int u128_lt(u128 a, u128 b) { return a < b; }
static inline int u128_eq(u128 a, u128 b) { return a == b; }
static inline int u128_nz(u128 v) { return v != 0; }
static inline double u128_to_double(u128 v) { return (double)v; }
#else
typedef struct { uint64_t lo, hi; } u128;
static inline u128 u128_of(uint64_t v) { u128 r = {v, 0}; return r; }
static inline uint64_t u128_lo(u128 v) { return v.lo; }
static inline uint64_t u128_hi(u128 v) { return v.hi; }
static inline u128 u128_shl(u128 v, int n)
{
    u128 r;
    if (n == 0)
        return v;
    if (n >= 64) {
        r.hi = v.lo << (n - 64), r.lo = 0;
    } else {
        r.hi = v.hi << n | v.lo >> (64 - n), r.lo = v.lo << n;
    }
    return r;
}
static inline u128 u128_shr(u128 v, int n)
{
    u128 r;
    if (n == 0)
        return v;
    if (n >= 64) {
        r.lo = v.hi >> (n - 64), r.hi = 0;
    } else {
        r.lo = v.lo >> n | v.hi << (64 - n), r.hi = v.hi >> n;
    }
    return r;
}
static inline u128 u128_or64(u128 v, uint64_t w) { v.lo |= w; return v; }
static inline u128 u128_add(u128 a, u128 b)
{
    u128 r = {a.lo + b.lo, a.hi + b.hi};
    r.hi += r.lo < a.lo;
    return r;
}
static inline u128 u128_sub(u128 a, u128 b)
{
    u128 r = {a.lo - b.lo, a.hi - b.hi};
    r.hi -= a.lo < b.lo;
    return r;
}
static inline u128 u128_mul64(uint64_t a, uint64_t b)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;      /* cannot overflow */
    u128 r = {(mid << 32) | (uint32_t)ll, hh + (lh >> 32) + (hl >> 32) + (mid >> 32)};
    return r;
}
static inline int u128_lt(u128 a, u128 b) { return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo; }
static inline int u128_eq(u128 a, u128 b) { return a.hi == b.hi && a.lo == b.lo; }
static inline int u128_nz(u128 v) { return (v.hi | v.lo) != 0; }
/* restoring division, one bit a step: only the exact (slow) path of division uses it */
static inline u128 u128_div64(u128 n, uint64_t d)
{
    u128 q = {0, 0};
    uint64_t rem = 0;
    for (int i = 127; i >= 0; i--) {
        uint64_t top = rem >> 63;
        rem = rem << 1 | (u128_shr(n, i).lo & 1);
        q = u128_shl(q, 1);
        if (top || rem >= d) {
            rem -= d;
            q.lo |= 1;
        }
    }
    return q;
}
/* an estimate is enough (square_root corrects it) */
static inline double u128_to_double(u128 v) { return (double)v.hi * 18446744073709551616.0 + (double)v.lo; }
#endif

/* the bits of v below bit n (n < 128) */
static inline u128 u128_low(u128 v, int n) { return u128_shr(u128_shl(v, 128 - n), 128 - n); }
#endif
