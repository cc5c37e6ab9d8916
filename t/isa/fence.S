/*
 * fence.S - fence (all pred/succ sets used in practice, fence.tso, pause) and
 * fence.i with self-modifying code: code is copied into an anonymous
 * PROT_READ|PROT_WRITE|PROT_EXEC mapping, executed, overwritten (whole
 * instructions, halves, a compressed pair), and after fence.i the new code
 * must run - also when the old code had already run several times.
 *
 * pause (Zihintpause, fence w,0) is not known to the assembler under
 * -march=rv64gc_zba_zbb_zbs, so it is emitted with .insn.
 */
#include "test.h"

#define SYS_mmap 222

/* copy the 8-byte code template `tmpl` to offset `off` of the page in s0 */
#define PATCH8(tmpl, off) lla t0, tmpl; ld t1, 0(t0); sd t1, off(s0)

TEST_BEGIN
        /* ordinary fences do not disturb program order */
        TEST_CASE(1, a0, 0x11, lla a1, fdat; li a2, 0x11; sd a2, 0(a1); fence; ld a0, 0(a1))
        TEST_CASE(2, a0, 0x22, lla a1, fdat; li a2, 0x22; sd a2, 0(a1); fence rw, rw; ld a0, 0(a1))
        TEST_CASE(3, a0, 0x33, lla a1, fdat; li a2, 0x33; sd a2, 0(a1); fence w, r; ld a0, 0(a1))
        TEST_CASE(4, a0, 0x44, lla a1, fdat; li a2, 0x44; sd a2, 0(a1); fence r, w; ld a0, 0(a1))
        TEST_CASE(5, a0, 0x55, lla a1, fdat; li a2, 0x55; sd a2, 0(a1); fence r, r; fence w, w; ld a0, 0(a1))
        TEST_CASE(6, a0, 0x66, lla a1, fdat; li a2, 0x66; sd a2, 0(a1); fence.tso; ld a0, 0(a1))
        TEST_CASE(7, a0, 0x77, lla a1, fdat; li a2, 0x77; sd a2, 0(a1); fence iorw, iorw; fence i, o; ld a0, 0(a1))
        /* pause = fence w,0 (Zihintpause) */
        TEST_CASE(8, a0, 0x88, li a0, 0x88; .insn i 0x0f, 0, x0, x0, 0x010)
        TEST_CASE(9, a0, 0x99, li a0, 0x99; fence.i)

        /* s0 = mmap(NULL, 4096, RWX, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) */
        li TESTNUM, 10
        li a0, 0
        li a1, 4096
        li a2, 7
        li a3, 0x22
        li a4, -1
        li a5, 0
        li a7, SYS_mmap
        ecall
        mv s0, a0
        li a1, -4096
        bltu a0, a1, 1f
        j rvtest_fail
1:

        /* first code: li a0, 1; ret */
        TEST_CASE(11, a0, 1, PATCH8(code_1, 0); fence.i; li a0, 0; jalr ra, 0(s0))
        TEST_CASE(12, a0, 1, li a0, 0; jalr ra, 0(s0); li a0, 0; jalr ra, 0(s0))
        /* overwrite in place: li a0, 2; ret */
        TEST_CASE(13, a0, 2, PATCH8(code_2, 0); fence.i; li a0, 0; jalr ra, 0(s0))
        /* a compressed pair in one word: c.li a0, 3; c.jr ra */
        TEST_CASE(14, a0, 3, lla t0, code_3; lw t1, 0(t0); sw t1, 0(s0); fence.i; li a0, 0; jalr ra, 0(s0))
        /* three-instruction body, then change only the middle instruction
           (addi a0, a0, 5 -> addi a0, a0, 100) with two halfword stores */
        TEST_CASE(15, a0, 10, PATCH8(code_4, 64); lla t0, code_4; lw t1, 8(t0); sw t1, 72(s0); \
                  fence.i; li a0, 0; addi t2, s0, 64; jalr ra, 0(t2); jalr ra, 0(t2); li a0, 0; jalr ra, 0(t2))
        TEST_CASE(16, a0, 105, lla t0, code_5; lhu t1, 0(t0); sh t1, 68(s0); lhu t1, 2(t0); sh t1, 70(s0); \
                  fence.i; li a0, 0; addi t2, s0, 64; jalr ra, 0(t2))
        /* byte store changing the immediate: addi a0, a0, 5 -> addi a0, a0, 7
           (imm[3:0] lives in bits 23..20, i.e. byte 2 of the word) */
        TEST_CASE(17, a0, 107, lbu t1, 66(s0); addi t1, t1, 0x20; sb t1, 66(s0); fence.i; li a0, 0; \
                  addi t2, s0, 64; jalr ra, 0(t2))
        /* code at the very end of the page */
        TEST_CASE(18, a0, 2, li t0, 4088; add t2, s0, t0; PATCH8(code_2, 0); ld t1, 0(s0); sd t1, 0(t2); \
                  fence.i; li a0, 0; jalr ra, 0(t2))
TEST_END

        .section .rodata
        .balign 8
        .option push
        .option norvc
code_1: li a0, 1
        ret
code_2: li a0, 2
        ret
code_4: addi a0, a0, 5
        addi a0, a0, 5
        ret
        .word 0
code_5: addi a0, a0, 100
        .option rvc
code_3: c.li a0, 3
        c.jr ra
        .option pop

        .data
        .balign 8
fdat:   .dword 0
