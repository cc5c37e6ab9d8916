/* Stencils stencil-extract must refuse, one mistake each: every one compiles, but its code
 * refers to something that is not copied with it or calls its continuation instead of jumping.
 * regen.sh compiles it with the same flags as sample.c. */
#include "stencil.h"

extern __thread uint64_t tls_counter;

/* &t escapes into a call, so neither compiler turns the J_next call into a jump. */
uintptr_t st_escape(struct cpu *cpu, unsigned char *m)
{
    uint64_t t = X(H_rs1);
    helper_note(&t);
    X(H_rd) = t;
    return J_next(cpu, m);
}

/* A double that no instruction can hold: the constant lands in .rodata.cst8. */
uintptr_t st_fconst(struct cpu *cpu, unsigned char *m)
{
    double d;
    __builtin_memcpy(&d, &X(H_rs1), 8);
    d *= 3.14159;
    __builtin_memcpy(&X(H_rd), &d, 8);
    return J_next(cpu, m);
}

/* A lookup table in .rodata. */
uintptr_t st_table(struct cpu *cpu, unsigned char *m)
{
    static const uint8_t shift[8] = { 3, 1, 4, 1, 5, 9, 2, 6 };
    X(H_rd) = X(H_rs1) << shift[X(H_rs2) & 7];
    return J_next(cpu, m);
}

static __attribute__((noinline)) uint64_t slow(uint64_t v)
{
    return v * v + 12345;
}

/* A call to a static function of the stencil file, which is not copied. */
uintptr_t st_static(struct cpu *cpu, unsigned char *m)
{
    X(H_rd) = slow(X(H_rs1));
    return J_next(cpu, m);
}

/* A thread-local variable. */
uintptr_t st_tls(struct cpu *cpu, unsigned char *m)
{
    tls_counter += X(H_rs1);
    return J_next(cpu, m);
}

/* A variable of the runtime addressed directly: on aarch64 that takes adrp, which cannot reach an
 * arbitrary address (x86-64 accepts it as an rip-relative reference, like a helper). */
extern uint64_t insn_count;
uintptr_t st_global(struct cpu *cpu, unsigned char *m)
{
    insn_count += X(H_rs1);
    return J_next(cpu, m);
}

__attribute__((noinline)) uintptr_t st_target(struct cpu *cpu, unsigned char *m)
{
    return cpu->pc + (uintptr_t)m;
}

/* A direct jump to another stencil instead of a J_ continuation. */
uintptr_t st_direct(struct cpu *cpu, unsigned char *m)
{
    X(H_rd) = 0;
    return st_target(cpu, m);
}
