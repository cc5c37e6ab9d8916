/* A stencil whose unlikely path calls a cold helper: gcc's hot/cold partitioning moves that
 * path to .text.unlikely.st_ld (st_ld.cold); the extractor makes it the stencil's cold part
 * and the hot part ends with the stripped jump to J_next. */
#include "stencil.h"

__attribute__((cold)) uintptr_t helper_cold(struct cpu *, uint64_t);

uintptr_t st_ld(struct cpu *cpu, unsigned char *m)
{
    uint64_t a = X(H_rs1) + HOLE64(H_imm);
    if (__builtin_expect(a > cpu->x[32], 0))
        return helper_cold(cpu, a);
    uint64_t v;
    __builtin_memcpy(&v, m + a, 8);
    X(H_rd) = v;
    return J_next(cpu, m);
}
