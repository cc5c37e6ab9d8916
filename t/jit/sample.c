/* Small stencils for the stencil-extract fixtures: operand holes (31- and 64-bit, with folded
 * addends), continuations, a helper call, a block exit and an empty stencil. regen.sh compiles
 * it with the JIT's stencil flags for each compiler and machine. */
#include "stencil.h"

uintptr_t st_add(struct cpu *cpu, unsigned char *m)
{
    X(H_rd) = X(H_rs1) + X(H_rs2);
    return J_next(cpu, m);
}

uintptr_t st_addi(struct cpu *cpu, unsigned char *m)
{
    X(H_rd) = X(H_rs1) + HOLE64(H_imm);
    return J_next(cpu, m);
}

uintptr_t st_bne(struct cpu *cpu, unsigned char *m)
{
    if (X(H_rs1) != X(H_rs2))
        return J_taken(cpu, m);
    return J_next(cpu, m);
}

uintptr_t st_ld(struct cpu *cpu, unsigned char *m)
{
    uint64_t a = X(H_rs1) + HOLE64(H_imm);
    if (a > HOLE64(H_msize) - 8)
        return helper_fault(cpu, a);
    uint64_t v;
    __builtin_memcpy(&v, m + a, 8);
    X(H_rd) = v;
    return J_next(cpu, m);
}

/* The pair after a register slot: the compiler folds the +8 into the relocation's addend. */
uintptr_t st_mv2(struct cpu *cpu, unsigned char *m)
{
    ((uint64_t *)((char *)cpu + HOLE31(H_rd)))[1] = ((uint64_t *)((char *)cpu + HOLE31(H_rs1)))[1];
    return J_next(cpu, m);
}

/* Addends beyond int range, down to INT64_MIN, as a patched 64-bit constant may carry. */
uintptr_t st_wide(struct cpu *cpu, unsigned char *m)
{
#if defined(__x86_64__)
    uint64_t a, b;
    __asm__("movabsq $H_imm+0x123456789, %0" : "=r"(a));
    __asm__("movabsq $H_imm-0x8000000000000000, %0" : "=r"(b));
#else
    uint64_t a, b;
    __asm__("movz %0, #:abs_g3:H_imm+0x123456789\n\tmovk %0, #:abs_g0_nc:H_imm+0x123456789" : "=r"(a));
    __asm__("movz %0, #:abs_g3:H_imm-0x8000000000000000" : "=r"(b));
#endif
    X(H_rd) = a ^ b;
    return J_next(cpu, m);
}

uintptr_t st_exit(struct cpu *cpu, unsigned char *m)
{
    (void)m;
    cpu->pc = HOLE64(H_pc);
    return 0;
}

/* Only the jump to J_next: nothing is left once the trailing jump is stripped. */
uintptr_t st_nop(struct cpu *cpu, unsigned char *m)
{
    return J_next(cpu, m);
}
