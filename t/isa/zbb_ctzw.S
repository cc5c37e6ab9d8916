/*
 * zbb_ctzw.S - ctzw when the low word is zero but bits above bit 32 are set.
 * ctzw only looks at rs1[31:0], so the answer is 32 whatever the upper word
 * holds.  qemu-riscv64 7.2 (Debian 12) returns ctz of the whole 64-bit value
 * for these inputs (e.g. 63 for 0x8000000000000000), so this test is not run
 * under qemu (zbb_ctzw.noqemu); zbb.S holds the ctzw vectors qemu agrees on.
 */
#include "test.h"

TEST_BEGIN
        TEST_R(1, ctzw, 32, 0x8000000000000000)
        TEST_R(2, ctzw, 32, 0x0008000000000000)
        TEST_R(3, ctzw, 32, 0x4000000000000000)
        TEST_R(4, ctzw, 32, 0xfffffffe00000000)
        TEST_R(5, ctzw, 32, 0x1234567800000000)
        TEST_R(6, ctzw, 31, 0x8000000280000000)
        TEST_R(7, ctzw, 0, 0xc000000000000001)
        TEST_R_SRC1_EQ_DEST(8, ctzw, 32, 0x0000000200000000)
        /* the 64-bit ctz of the same values, for contrast */
        TEST_R(9, ctz, 63, 0x8000000000000000)
        TEST_R(10, ctz, 51, 0x0008000000000000)
TEST_END
