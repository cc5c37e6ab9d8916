/* The big-endian side of le.h: structures swapped field by field from their layout.
 * Async-signal-safe (siginfo is converted in host signal handlers). */
#include "interp/le.h"

void rv_swap_fields(void *p, const char *layout, size_t size, size_t count)
{
    unsigned char *base = p;
    for (size_t i = 0; i < count; i++, base += size) {
        size_t off = 0;
        for (const char *l = layout; *l && off < size; ) {
            char c = *l++;
            unsigned long rep = 1;
            if (*l == '{') {        /* parsed by hand: this runs in signal handlers */
                for (rep = 0, l++; *l >= '0' && *l <= '9'; l++)
                    rep = rep * 10 + (unsigned long)(*l - '0');
                if (*l == '}')
                    l++;
            }
            size_t w = c >= 'a' && c <= 'z' ? (size_t)(c - 'a' + 1) : (size_t)(c - '0');
            for (; rep > 0 && w > 0 && off + w <= size; rep--, off += w) {
                unsigned char *f = base + off;
                switch (c) {
                case '2': { uint16_t v; memcpy(&v, f, 2); v = __builtin_bswap16(v); memcpy(f, &v, 2); break; }
                case '4': { uint32_t v; memcpy(&v, f, 4); v = __builtin_bswap32(v); memcpy(f, &v, 4); break; }
                case '8': { uint64_t v; memcpy(&v, f, 8); v = __builtin_bswap64(v); memcpy(f, &v, 8); break; }
                default: break;
                }
            }
        }
    }
}
