/*
 * t/isa/test.h - harness for rvemu's self-checking ISA tests.
 *
 * Every t/isa/NAME.S is a freestanding riscv64 program (no libc, entry _start):
 *
 *     #include "test.h"
 *     TEST_BEGIN
 *         TEST_RR(1, add, 3, 1, 2)
 *         ...
 *     TEST_END
 *
 * On success the program writes "PASS\n" to fd 1 and exits 0 (exit_group);
 * on the first failing vector it writes "FAIL test N\n" (N = test number in
 * decimal) and exits 1.
 *
 * Register conventions:
 *   TESTNUM (s11, x27)  number of the test being run (used by the fail path)
 *   EXP     (t6,  x31)  expected value of the check
 *   a0                  result register of the standard macros
 *   a1, a2              source operands of the standard macros
 * Test code must not clobber s11; t6 is free between checks.
 *
 * Dependencies of the harness itself: the checks use `li` (lui/addi/addiw/
 * slli), `beq` and `jal` (j); the fail path additionally uses bltu, bnez,
 * sb, add/sub/mv, auipc (lla) and ecall.  A broken beq/jal therefore makes
 * most tests report nonsense - that is accepted; rv64i_branch.S tests the
 * branches themselves first.
 *
 * TEST_BEGIN selects `.option norvc` (each file tests exactly the encodings it
 * names; rvc.S switches compression back on) and `.option norelax` (no linker
 * relaxation, so nothing is rewritten behind the test's back, e.g. into
 * gp-relative accesses: gp is never initialised here).
 *
 * No '#' comments inside this file's macros: cpp would take them as operators.
 * Numeric local labels 8 and 9 are reserved for the harness macros.
 */
#ifndef RVEMU_T_ISA_TEST_H
#define RVEMU_T_ISA_TEST_H

#define TESTNUM s11
#define EXP t6

/* ---- program frame --------------------------------------------------- */

#define TEST_BEGIN \
        .option norelax; \
        .option norvc; \
        .text; \
        .globl _start; \
        .type _start, @function; \
_start: \
        li TESTNUM, 0;

#define TEST_END \
        TEST_EPILOGUE_CODE

/* Check that register `reg` holds `expected`; jump to the fail path if not. */
#define TEST_CHECK(reg, expected) \
        li EXP, expected; \
        beq reg, EXP, 9f; \
        j rvtest_fail; \
9:

/* Generic: run `code`, then compare register `reg` with `expected`. */
#define TEST_CASE(num, reg, expected, code...) \
        li TESTNUM, num; \
        code; \
        TEST_CHECK(reg, expected)

/* ---- register-register / register-immediate ALU forms ---------------- */

/* a0 = insn(v1, v2) */
#define TEST_RR(num, insn, expected, v1, v2) \
        TEST_CASE(num, a0, expected, li a1, v1; li a2, v2; insn a0, a1, a2)

/* rd == rs1 */
#define TEST_RR_SRC1_EQ_DEST(num, insn, expected, v1, v2) \
        TEST_CASE(num, a1, expected, li a1, v1; li a2, v2; insn a1, a1, a2)

/* rd == rs2 */
#define TEST_RR_SRC2_EQ_DEST(num, insn, expected, v1, v2) \
        TEST_CASE(num, a2, expected, li a1, v1; li a2, v2; insn a2, a1, a2)

/* rd == rs1 == rs2 */
#define TEST_RR_SRC12_EQ_DEST(num, insn, expected, v) \
        TEST_CASE(num, a1, expected, li a1, v; insn a1, a1, a1)

/* rs1 == x0 */
#define TEST_RR_ZEROSRC1(num, insn, expected, v2) \
        TEST_CASE(num, a0, expected, li a2, v2; insn a0, x0, a2)

/* rs2 == x0 */
#define TEST_RR_ZEROSRC2(num, insn, expected, v1) \
        TEST_CASE(num, a0, expected, li a1, v1; insn a0, a1, x0)

/* rd == x0: the write must be discarded */
#define TEST_RR_ZERODEST(num, insn, v1, v2) \
        TEST_CASE(num, x0, 0, li a1, v1; li a2, v2; insn x0, a1, a2)

/* a0 = insn(v1, imm) */
#define TEST_IMM(num, insn, expected, v1, imm) \
        TEST_CASE(num, a0, expected, li a1, v1; insn a0, a1, imm)

/* rd == rs1 */
#define TEST_IMM_SRC1_EQ_DEST(num, insn, expected, v1, imm) \
        TEST_CASE(num, a1, expected, li a1, v1; insn a1, a1, imm)

/* rs1 == x0 */
#define TEST_IMM_ZEROSRC1(num, insn, expected, imm) \
        TEST_CASE(num, a0, expected, insn a0, x0, imm)

/* rd == x0 */
#define TEST_IMM_ZERODEST(num, insn, v1, imm) \
        TEST_CASE(num, x0, 0, li a1, v1; insn x0, a1, imm)

/* unary: a0 = insn(v1) */
#define TEST_R(num, insn, expected, v1) \
        TEST_CASE(num, a0, expected, li a1, v1; insn a0, a1)

/* unary, rd == rs1 */
#define TEST_R_SRC1_EQ_DEST(num, insn, expected, v1) \
        TEST_CASE(num, a1, expected, li a1, v1; insn a1, a1)

/* ---- memory ------------------------------------------------------------ */

/* a0 = load(base + offset) */
#define TEST_LD(num, insn, expected, offset, base) \
        TEST_CASE(num, a0, expected, lla a1, base; insn a0, offset(a1))

/* store `value` at base + offset, read it back with `load` */
#define TEST_ST(num, store, load, expected, value, offset, base) \
        TEST_CASE(num, a0, expected, lla a1, base; li a2, value; \
                  store a2, offset(a1); load a0, offset(a1))

/* ---- branches ----------------------------------------------------------- */

#define TEST_BR_TAKEN(num, insn, v1, v2) \
        li TESTNUM, num; \
        li a1, v1; \
        li a2, v2; \
        insn a1, a2, 9f; \
        j rvtest_fail; \
9:

#define TEST_BR_NOTTAKEN(num, insn, v1, v2) \
        li TESTNUM, num; \
        li a1, v1; \
        li a2, v2; \
        insn a1, a2, 8f; \
        j 9f; \
8:      j rvtest_fail; \
9:

/* ---- pass / fail paths -------------------------------------------------- */

#define TEST_EPILOGUE_CODE rvtest_epilogue

        .macro rvtest_epilogue
rvtest_pass:
        li      a0, 1                   /* write(1, "PASS\n", 5) */
        lla     a1, rvtest_pass_msg
        li      a2, 5
        li      a7, 64
        ecall
        li      a0, 0                   /* exit_group(0) */
        li      a7, 94
        ecall
1:      j       1b

rvtest_fail:
        li      a0, 1                   /* write(1, "FAIL test ", 10) */
        lla     a1, rvtest_fail_msg
        li      a2, 10
        li      a7, 64
        ecall
        /* TESTNUM in decimal, built backwards in rvtest_numbuf; division by
           repeated subtraction so that the M extension is not needed. */
        lla     a1, rvtest_numbuf_end
        addi    a1, a1, -1
        li      a3, 10                  /* '\n' */
        sb      a3, 0(a1)
        mv      a2, TESTNUM
2:      li      a4, 0                   /* quotient */
3:      li      a3, 10
        bltu    a2, a3, 4f
        addi    a2, a2, -10
        addi    a4, a4, 1
        j       3b
4:      addi    a2, a2, 48              /* '0' + remainder */
        addi    a1, a1, -1
        sb      a2, 0(a1)
        mv      a2, a4
        bnez    a2, 2b
        lla     a3, rvtest_numbuf_end
        sub     a2, a3, a1
        li      a0, 1                   /* write(1, digits, len) */
        li      a7, 64
        ecall
        li      a0, 1                   /* exit_group(1) */
        li      a7, 94
        ecall
5:      j       5b

        .pushsection .rodata
rvtest_pass_msg:
        .ascii  "PASS\n"
rvtest_fail_msg:
        .ascii  "FAIL test "
        .popsection
        .pushsection .bss
rvtest_numbuf:
        .skip   32
rvtest_numbuf_end:
        .popsection
        .endm

#endif
