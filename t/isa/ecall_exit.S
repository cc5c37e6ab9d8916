/*
 * ecall_exit.S - the ecall ABI: write(1, "PASS\n", 5) returns 5 in a0 and
 * leaves every other register unchanged, then exit_group(42) ends the
 * process with status 42 (ecall_exit.status).  Any failure exits with 1.
 */
#include "test.h"

TEST_BEGIN
        li      ra, 0x1001
        li      gp, 0x1003
        li      tp, 0x1004
        li      t0, 0x1005
        li      t1, 0x1006
        li      t2, 0x1007
        li      s0, 0x1008
        li      s1, 0x1009
        li      a3, 0x100d
        li      a4, 0x100e
        li      a5, 0x100f
        li      a6, 0x1010
        li      s2, 0x1012
        li      s3, 0x1013
        li      s4, 0x1014
        li      s5, 0x1015
        li      s6, 0x1016
        li      s7, 0x1017
        li      s8, 0x1018
        li      s9, 0x1019
        li      s10, 0x101a
        li      t3, 0x101c
        li      t4, 0x101d
        li      t5, 0x101e
        li      t6, 0x101f
        mv      s11, sp
        li      a0, 1
        lla     a1, msg
        li      a2, 5
        li      a7, 64
        ecall
        /* a2, t6 (EXP) and s11 (saved sp, TESTNUM) are checked first, in
           one go, before the harness reuses them: test 1 */
        addi    a2, a2, -5
        sub     s11, s11, sp
        or      a2, a2, s11
        li      s11, 0x101f
        sub     t6, t6, s11
        or      a2, a2, t6
        li      TESTNUM, 1
        beqz    a2, 1f
        j       rvtest_fail
1:
        TEST_CASE(2, a0, 5, nop)
        lla     t6, msg
        sub     a1, a1, t6
        TEST_CHECK(a1, 0)
        TEST_CASE(4, a7, 64, nop)
        TEST_CASE(5, ra, 0x1001, nop)
        TEST_CASE(6, gp, 0x1003, nop)
        TEST_CASE(7, tp, 0x1004, nop)
        TEST_CASE(8, t0, 0x1005, nop)
        TEST_CASE(9, t1, 0x1006, nop)
        TEST_CASE(10, t2, 0x1007, nop)
        TEST_CASE(11, s0, 0x1008, nop)
        TEST_CASE(12, s1, 0x1009, nop)
        TEST_CASE(13, a3, 0x100d, nop)
        TEST_CASE(14, a4, 0x100e, nop)
        TEST_CASE(15, a5, 0x100f, nop)
        TEST_CASE(16, a6, 0x1010, nop)
        TEST_CASE(17, s2, 0x1012, nop)
        TEST_CASE(18, s3, 0x1013, nop)
        TEST_CASE(19, s4, 0x1014, nop)
        TEST_CASE(20, s5, 0x1015, nop)
        TEST_CASE(21, s6, 0x1016, nop)
        TEST_CASE(22, s7, 0x1017, nop)
        TEST_CASE(23, s8, 0x1018, nop)
        TEST_CASE(24, s9, 0x1019, nop)
        TEST_CASE(25, s10, 0x101a, nop)
        TEST_CASE(26, t3, 0x101c, nop)
        TEST_CASE(27, t4, 0x101d, nop)
        TEST_CASE(28, t5, 0x101e, nop)

        /* exit_group(42); never returns */
        li      a0, 42
        li      a7, 94
        ecall
        li      TESTNUM, 29
        j       rvtest_fail
TEST_END

        .section .rodata
msg:    .ascii  "PASS\n"
