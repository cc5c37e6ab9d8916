/* Pure helpers of the operations in exec.h (bit counts, rotations, division by zero and
 * overflow rules, AMO min/max). Always inlined: the JIT's stencils include them too and must
 * not call out for them. */
#ifndef RV_OPS_H
#define RV_OPS_H
#include <stdint.h>
#include "interp/le.h"

#define RV_INLINE static inline __attribute__((always_inline))

/* *p is guest memory: little-endian (LE converts, nothing on a little-endian host) */
#define AMO_MINMAX(name, T, LE, CMP)                                               \
    RV_INLINE T name(T *p, T v)                                                       \
    {                                                                              \
        T raw = __atomic_load_n(p, __ATOMIC_RELAXED), old, nv;                     \
        do {                                                                       \
            old = LE(raw);                                                         \
            nv = LE(CMP ? old : v);                                                \
        } while (!__atomic_compare_exchange_n(p, &raw, nv, 1, __ATOMIC_SEQ_CST,    \
                                              __ATOMIC_RELAXED));                  \
        return old;                                                                \
    }
AMO_MINMAX(amo_min32, uint32_t, rv_le32, ((int32_t)old < (int32_t)v))
AMO_MINMAX(amo_max32, uint32_t, rv_le32, ((int32_t)old > (int32_t)v))
AMO_MINMAX(amo_minu32, uint32_t, rv_le32, (old < v))
AMO_MINMAX(amo_maxu32, uint32_t, rv_le32, (old > v))
AMO_MINMAX(amo_min64, uint64_t, rv_le64, ((int64_t)old < (int64_t)v))
AMO_MINMAX(amo_max64, uint64_t, rv_le64, ((int64_t)old > (int64_t)v))
AMO_MINMAX(amo_minu64, uint64_t, rv_le64, (old < v))
AMO_MINMAX(amo_maxu64, uint64_t, rv_le64, (old > v))

/* amoadd: a plain atomic add on a little-endian host; a big-endian one adds in a
 * compare-and-swap loop, the memory word being byte-swapped */
#define AMO_ADD(name, T, LE)                                                        \
    RV_INLINE T name(T *p, T v)                                                       \
    {                                                                              \
        if (!RV_HOST_BE)                                                           \
            return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);                     \
        T raw = __atomic_load_n(p, __ATOMIC_RELAXED);                              \
        while (!__atomic_compare_exchange_n(p, &raw, LE((T)(LE(raw) + v)), 1,      \
                                            __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))   \
            ;                                                                      \
        return LE(raw);                                                            \
    }
AMO_ADD(amo_add32, uint32_t, rv_le32)
AMO_ADD(amo_add64, uint64_t, rv_le64)

RV_INLINE uint64_t clz64(uint64_t v) { return v ? (uint64_t)__builtin_clzll(v) : 64; }
RV_INLINE uint64_t ctz64(uint64_t v) { return v ? (uint64_t)__builtin_ctzll(v) : 64; }
RV_INLINE uint64_t clz32(uint32_t v) { return v ? (uint64_t)__builtin_clz(v) : 32; }
RV_INLINE uint64_t ctz32(uint32_t v) { return v ? (uint64_t)__builtin_ctz(v) : 32; }
RV_INLINE uint64_t rol64(uint64_t v, unsigned s) { s &= 63; return s ? v << s | v >> (64 - s) : v; }
RV_INLINE uint64_t ror64(uint64_t v, unsigned s) { s &= 63; return s ? v >> s | v << (64 - s) : v; }
RV_INLINE uint32_t rol32(uint32_t v, unsigned s) { s &= 31; return s ? v << s | v >> (32 - s) : v; }
RV_INLINE uint32_t ror32(uint32_t v, unsigned s) { s &= 31; return s ? v >> s | v << (32 - s) : v; }

RV_INLINE uint64_t orc_b(uint64_t v)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i += 8)
        if ((v >> i) & 0xff)
            r |= (uint64_t)0xff << i;
    return r;
}

RV_INLINE int64_t div64(int64_t a, int64_t b)
{
    if (b == 0) return -1;
    if (a == INT64_MIN && b == -1) return a;
    return a / b;
}
RV_INLINE int64_t rem64(int64_t a, int64_t b)
{
    if (b == 0) return a;
    if (a == INT64_MIN && b == -1) return 0;
    return a % b;
}
RV_INLINE int32_t div32(int32_t a, int32_t b)
{
    if (b == 0) return -1;
    if (a == INT32_MIN && b == -1) return a;
    return a / b;
}
RV_INLINE int32_t rem32(int32_t a, int32_t b)
{
    if (b == 0) return a;
    if (a == INT32_MIN && b == -1) return 0;
    return a % b;
}

/* The high halves of 64x64-bit products. Without a 128-bit type (32-bit hosts) the unsigned
 * product is built from 32-bit halves, and a negative signed operand, read as unsigned, added
 * 2^64 times the other operand: subtracting that other operand from the high half undoes it. */
#ifdef __SIZEOF_INT128__
RV_INLINE uint64_t mulhu64(uint64_t a, uint64_t b) { return (uint64_t)(((unsigned __int128)a * b) >> 64); }
RV_INLINE uint64_t mulh64(uint64_t a, uint64_t b)
{
    return (uint64_t)(((__int128)(int64_t)a * (__int128)(int64_t)b) >> 64);
}
RV_INLINE uint64_t mulhsu64(uint64_t a, uint64_t b) { return (uint64_t)(((__int128)(int64_t)a * (__int128)b) >> 64); }
#else
RV_INLINE uint64_t mulhu64(uint64_t a, uint64_t b)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    return ah * bh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}
RV_INLINE uint64_t mulh64(uint64_t a, uint64_t b)
{
    return mulhu64(a, b) - ((int64_t)a < 0 ? b : 0) - ((int64_t)b < 0 ? a : 0);
}
RV_INLINE uint64_t mulhsu64(uint64_t a, uint64_t b) { return mulhu64(a, b) - ((int64_t)a < 0 ? b : 0); }
#endif

/* SWAR population count: __builtin_popcount would be a libgcc call on hosts without the
 * instruction, which a stencil cannot make */
RV_INLINE uint64_t popcount64(uint64_t v)
{
    v = v - ((v >> 1) & 0x5555555555555555ull);
    v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
    v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (v * 0x0101010101010101ull) >> 56;
}

#endif
