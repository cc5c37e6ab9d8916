/* Guest memory is little-endian whatever the host is. Every read or write of a guest-visible
 * integer wider than a byte goes through these accessors: on a little-endian host they are
 * the plain (unaligned-safe) loads and stores rvemu always made, on a big-endian host they add
 * a byte swap. Always inlined: the JIT's stencils include them too. */
#ifndef RV_LE_H
#define RV_LE_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__BYTE_ORDER__) && defined(__ORDER_BIG_ENDIAN__)
#define RV_HOST_BE (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
#elif defined(__BIG_ENDIAN__) || defined(__s390__) || defined(__sparc__) || defined(__hppa__)
#define RV_HOST_BE 1
#else
#define RV_HOST_BE 0
#endif

#define RV_LE_INLINE static inline __attribute__((always_inline))

/* a value between host order and little-endian order (the same swap both ways) */
RV_LE_INLINE uint16_t rv_le16(uint16_t v) { return RV_HOST_BE ? __builtin_bswap16(v) : v; }
RV_LE_INLINE uint32_t rv_le32(uint32_t v) { return RV_HOST_BE ? __builtin_bswap32(v) : v; }
RV_LE_INLINE uint64_t rv_le64(uint64_t v) { return RV_HOST_BE ? __builtin_bswap64(v) : v; }

/* v of the integer type T between host and little-endian order, by T's size */
#define RV_LE_AS(T, v)                                                             \
    ((T)(sizeof(T) == 1 ? (T)(v) : sizeof(T) == 2 ? (T)rv_le16((uint16_t)(v))      \
         : sizeof(T) == 4 ? (T)rv_le32((uint32_t)(v)) : (T)rv_le64((uint64_t)(v))))

/* little-endian loads and stores at any alignment */
RV_LE_INLINE uint16_t rv_ld16(const void *p) { uint16_t v; memcpy(&v, p, 2); return rv_le16(v); }
RV_LE_INLINE uint32_t rv_ld32(const void *p) { uint32_t v; memcpy(&v, p, 4); return rv_le32(v); }
RV_LE_INLINE uint64_t rv_ld64(const void *p) { uint64_t v; memcpy(&v, p, 8); return rv_le64(v); }
RV_LE_INLINE void rv_st16(void *p, uint16_t v) { v = rv_le16(v); memcpy(p, &v, 2); }
RV_LE_INLINE void rv_st32(void *p, uint32_t v) { v = rv_le32(v); memcpy(p, &v, 4); }
RV_LE_INLINE void rv_st64(void *p, uint64_t v) { v = rv_le64(v); memcpy(p, &v, 8); }

/* Structures: a layout is a string with one character per field, '1', '2', '4' or '8' for an
 * integer of that many bytes, a letter 'a'..'z' for 1..26 bytes left as they are (strings,
 * padding, byte arrays such as network-order addresses); a count in braces repeats the field
 * before it ("8{16}": sixteen 64-bit integers). Bytes past the layout stay. rv_le_fix() swaps every integer
 * field of count consecutive structures of size bytes between host and guest order, in place;
 * the same call converts either way, and on a little-endian host it is nothing at all.
 * rv_swap_fields() swaps on any host (rv_le_fix's work, testable everywhere). */
void rv_swap_fields(void *p, const char *layout, size_t size, size_t count);
RV_LE_INLINE void rv_le_fix(void *p, const char *layout, size_t size, size_t count)
{
    if (RV_HOST_BE)
        rv_swap_fields(p, layout, size, count);
    else
        (void)p, (void)layout, (void)size, (void)count;
}

#endif
