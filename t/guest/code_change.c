/* Guest code that changes: the emulator must drop decoded blocks when code pages are
 * unmapped and mapped again, when their protection changes, and on an explicit icache
 * flush (riscv_flush_icache / fence.i). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef long (*fn)(void);

/* li a0, v ; ret */
static void emit(uint32_t *p, int v)
{
    p[0] = 0x00000513u | ((uint32_t)v & 0xfff) << 20;
    p[1] = 0x00008067u;
}

int main(void)
{
    const size_t pg = 4096;
    uint32_t *p = mmap(NULL, pg, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    emit(p, 1);
    __builtin___clear_cache((char *)p, (char *)p + 8);
    printf("first: %ld\n", ((fn)p)());

    emit(p, 2);                                     /* rewrite, then flush the icache */
    __builtin___clear_cache((char *)p, (char *)p + 8);
    printf("after flush: %ld\n", ((fn)p)());

    munmap(p, pg);                                  /* a new mapping at the same place */
    uint32_t *q = mmap(p, pg, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    emit(q, 3);
    printf("after remap: %ld same place: %d\n", ((fn)q)(), q == p);

    mprotect(q, pg, PROT_READ | PROT_WRITE);        /* W^X style: write, then make it X */
    emit(q, 4);
    mprotect(q, pg, PROT_READ | PROT_EXEC);
    printf("after mprotect: %ld\n", ((fn)q)());

    long sum = 0;                                   /* a hot loop over changing code */
    for (int i = 0; i < 50; i++) {
        mprotect(q, pg, PROT_READ | PROT_WRITE);
        emit(q, i);
        mprotect(q, pg, PROT_READ | PROT_EXEC);
        sum += ((fn)q)();
    }
    printf("loop sum: %ld\n", sum);
    return 0;
}
