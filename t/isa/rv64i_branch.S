/*
 * rv64i_branch.S - RV64I control transfer: beq/bne/blt/bge/bltu/bgeu taken
 * and not taken on signed/unsigned edges (values differing only in the upper
 * 32 bits, INT64_MIN/INT64_MAX, -1 vs 0), same register and x0 operands,
 * backward branches, branches near the +-4 KiB limit; jal (link value,
 * forward, backward, far); jalr (link value, positive/negative offsets, odd
 * targets whose low bit must be cleared, rd == rs1, rd == x0, call/ret).
 *
 * The harness itself relies on beq and jal: these are tested first.
 */
#include "test.h"

/* `insn r1, r2, label` must be taken / not taken after `setup` */
#define BR_TAKEN(num, insn, r1, r2, setup...) \
        li TESTNUM, num; setup; insn r1, r2, 7f; j rvtest_fail; 7:
#define BR_NOTTAKEN(num, insn, r1, r2, setup...) \
        li TESTNUM, num; setup; insn r1, r2, 6f; j 7f; 6: j rvtest_fail; 7:

/* `jalr rd, off(rs1)` after `setup` must reach label 3 exactly; checks the
   link value in rd. */
#define JALR_CASE(num, rd, off, rs1, setup...) \
        TEST_CASE(num, rd, 0, li a2, 0; setup; 2: jalr rd, off(rs1); j rvtest_fail; \
                  3: lla a2, 2b; addi a2, a2, 4; sub rd, rd, a2)

TEST_BEGIN

        /* beq */
        TEST_BR_TAKEN(1, beq, 0x0000000000000000, 0x0000000000000000)
        TEST_BR_NOTTAKEN(2, beq, 0x0000000000000000, 0x0000000000000001)
        TEST_BR_NOTTAKEN(3, beq, 0x0000000000000001, 0x0000000000000000)
        TEST_BR_NOTTAKEN(4, beq, 0xffffffffffffffff, 0x0000000000000000)
        TEST_BR_NOTTAKEN(5, beq, 0x0000000000000000, 0xffffffffffffffff)
        TEST_BR_TAKEN(6, beq, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_BR_NOTTAKEN(7, beq, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_NOTTAKEN(8, beq, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_TAKEN(9, beq, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_NOTTAKEN(10, beq, 0x0000000080000000, 0xffffffff80000000)
        TEST_BR_NOTTAKEN(11, beq, 0xffffffff80000000, 0x0000000080000000)
        TEST_BR_NOTTAKEN(12, beq, 0x0000000100000000, 0x0000000000000000)
        TEST_BR_NOTTAKEN(13, beq, 0x0000000000000000, 0x0000000100000000)
        TEST_BR_NOTTAKEN(14, beq, 0xfffffffffffffffe, 0xffffffffffffffff)

        /* bne */
        TEST_BR_NOTTAKEN(15, bne, 0x0000000000000000, 0x0000000000000000)
        TEST_BR_TAKEN(16, bne, 0x0000000000000000, 0x0000000000000001)
        TEST_BR_TAKEN(17, bne, 0x0000000000000001, 0x0000000000000000)
        TEST_BR_TAKEN(18, bne, 0xffffffffffffffff, 0x0000000000000000)
        TEST_BR_TAKEN(19, bne, 0x0000000000000000, 0xffffffffffffffff)
        TEST_BR_NOTTAKEN(20, bne, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_BR_TAKEN(21, bne, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_TAKEN(22, bne, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_NOTTAKEN(23, bne, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_TAKEN(24, bne, 0x0000000080000000, 0xffffffff80000000)
        TEST_BR_TAKEN(25, bne, 0xffffffff80000000, 0x0000000080000000)
        TEST_BR_TAKEN(26, bne, 0x0000000100000000, 0x0000000000000000)
        TEST_BR_TAKEN(27, bne, 0x0000000000000000, 0x0000000100000000)
        TEST_BR_TAKEN(28, bne, 0xfffffffffffffffe, 0xffffffffffffffff)

        /* blt */
        TEST_BR_NOTTAKEN(29, blt, 0x0000000000000000, 0x0000000000000000)
        TEST_BR_TAKEN(30, blt, 0x0000000000000000, 0x0000000000000001)
        TEST_BR_NOTTAKEN(31, blt, 0x0000000000000001, 0x0000000000000000)
        TEST_BR_TAKEN(32, blt, 0xffffffffffffffff, 0x0000000000000000)
        TEST_BR_NOTTAKEN(33, blt, 0x0000000000000000, 0xffffffffffffffff)
        TEST_BR_NOTTAKEN(34, blt, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_BR_TAKEN(35, blt, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_NOTTAKEN(36, blt, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_NOTTAKEN(37, blt, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_NOTTAKEN(38, blt, 0x0000000080000000, 0xffffffff80000000)
        TEST_BR_TAKEN(39, blt, 0xffffffff80000000, 0x0000000080000000)
        TEST_BR_NOTTAKEN(40, blt, 0x0000000100000000, 0x0000000000000000)
        TEST_BR_TAKEN(41, blt, 0x0000000000000000, 0x0000000100000000)
        TEST_BR_TAKEN(42, blt, 0xfffffffffffffffe, 0xffffffffffffffff)

        /* bge */
        TEST_BR_TAKEN(43, bge, 0x0000000000000000, 0x0000000000000000)
        TEST_BR_NOTTAKEN(44, bge, 0x0000000000000000, 0x0000000000000001)
        TEST_BR_TAKEN(45, bge, 0x0000000000000001, 0x0000000000000000)
        TEST_BR_NOTTAKEN(46, bge, 0xffffffffffffffff, 0x0000000000000000)
        TEST_BR_TAKEN(47, bge, 0x0000000000000000, 0xffffffffffffffff)
        TEST_BR_TAKEN(48, bge, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_BR_NOTTAKEN(49, bge, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_TAKEN(50, bge, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_TAKEN(51, bge, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_TAKEN(52, bge, 0x0000000080000000, 0xffffffff80000000)
        TEST_BR_NOTTAKEN(53, bge, 0xffffffff80000000, 0x0000000080000000)
        TEST_BR_TAKEN(54, bge, 0x0000000100000000, 0x0000000000000000)
        TEST_BR_NOTTAKEN(55, bge, 0x0000000000000000, 0x0000000100000000)
        TEST_BR_NOTTAKEN(56, bge, 0xfffffffffffffffe, 0xffffffffffffffff)

        /* bltu */
        TEST_BR_NOTTAKEN(57, bltu, 0x0000000000000000, 0x0000000000000000)
        TEST_BR_TAKEN(58, bltu, 0x0000000000000000, 0x0000000000000001)
        TEST_BR_NOTTAKEN(59, bltu, 0x0000000000000001, 0x0000000000000000)
        TEST_BR_NOTTAKEN(60, bltu, 0xffffffffffffffff, 0x0000000000000000)
        TEST_BR_TAKEN(61, bltu, 0x0000000000000000, 0xffffffffffffffff)
        TEST_BR_NOTTAKEN(62, bltu, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_BR_NOTTAKEN(63, bltu, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_TAKEN(64, bltu, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_NOTTAKEN(65, bltu, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_TAKEN(66, bltu, 0x0000000080000000, 0xffffffff80000000)
        TEST_BR_NOTTAKEN(67, bltu, 0xffffffff80000000, 0x0000000080000000)
        TEST_BR_NOTTAKEN(68, bltu, 0x0000000100000000, 0x0000000000000000)
        TEST_BR_TAKEN(69, bltu, 0x0000000000000000, 0x0000000100000000)
        TEST_BR_TAKEN(70, bltu, 0xfffffffffffffffe, 0xffffffffffffffff)

        /* bgeu */
        TEST_BR_TAKEN(71, bgeu, 0x0000000000000000, 0x0000000000000000)
        TEST_BR_NOTTAKEN(72, bgeu, 0x0000000000000000, 0x0000000000000001)
        TEST_BR_TAKEN(73, bgeu, 0x0000000000000001, 0x0000000000000000)
        TEST_BR_TAKEN(74, bgeu, 0xffffffffffffffff, 0x0000000000000000)
        TEST_BR_NOTTAKEN(75, bgeu, 0x0000000000000000, 0xffffffffffffffff)
        TEST_BR_TAKEN(76, bgeu, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_BR_TAKEN(77, bgeu, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR_NOTTAKEN(78, bgeu, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR_TAKEN(79, bgeu, 0x8000000000000000, 0x8000000000000000)
        TEST_BR_NOTTAKEN(80, bgeu, 0x0000000080000000, 0xffffffff80000000)
        TEST_BR_TAKEN(81, bgeu, 0xffffffff80000000, 0x0000000080000000)
        TEST_BR_TAKEN(82, bgeu, 0x0000000100000000, 0x0000000000000000)
        TEST_BR_NOTTAKEN(83, bgeu, 0x0000000000000000, 0x0000000100000000)
        TEST_BR_NOTTAKEN(84, bgeu, 0xfffffffffffffffe, 0xffffffffffffffff)

        /* rs1 == rs2 and x0 operands */
        BR_TAKEN(85, beq, a1, a1, li a1, -5)
        BR_NOTTAKEN(86, bne, a1, a1, li a1, -5)
        BR_NOTTAKEN(87, blt, a1, a1, li a1, -5)
        BR_TAKEN(88, bge, a1, a1, li a1, -5)
        BR_NOTTAKEN(89, bltu, a1, a1, li a1, -5)
        BR_TAKEN(90, bgeu, a1, a1, li a1, -5)
        BR_TAKEN(91, beq, x0, x0, nop)
        BR_NOTTAKEN(92, bne, x0, x0, nop)
        BR_TAKEN(93, blt, a1, x0, li a1, -1)
        BR_TAKEN(94, bge, x0, a1, li a1, -1)
        BR_TAKEN(95, bltu, x0, a1, li a1, -1)
        BR_NOTTAKEN(96, bgeu, x0, a1, li a1, 1)
        BR_TAKEN(97, bgeu, a1, x0, li a1, -1)
        BR_NOTTAKEN(98, bltu, a1, x0, li a1, -1)

        /* backward branches (loops) */
        TEST_CASE(99, a0, 5, li a0, 0; li a1, 5; 1: addi a0, a0, 1; bne a0, a1, 1b)
        TEST_CASE(100, a0, 0, li a0, -3; 1: addi a0, a0, 1; blt a0, x0, 1b)
        TEST_CASE(101, a0, 3, li a0, 0; li a1, 3; 1: addi a0, a0, 1; bltu a0, a1, 1b)
        TEST_CASE(102, a0, 0, li a0, 5; li a1, 1; 1: addi a0, a0, -1; bgeu a0, a1, 1b)
        TEST_CASE(103, a0, -1, li a0, 5; 1: addi a0, a0, -2; bge a0, x0, 1b)
        TEST_CASE(104, a0, 4, li a0, 0; 1: addi a0, a0, 1; slti a1, a0, 4; xori a1, a1, 1; beq a1, x0, 1b)

        /* branches close to the +-4 KiB limit of the B-type immediate */
        li TESTNUM, 105
        li a1, 1
        bne a1, x0, 2f                  /* +4088 */
        j rvtest_fail
        .fill 1020, 4, 0x00000013
2:
        li TESTNUM, 106
        j 3f
2:      j 4f
        .fill 1019, 4, 0x00000013
3:      beq x0, x0, 2b                  /* -4080 */
        j rvtest_fail
4:

        /* jal: link value, forward, backward, far (> 64 KiB, J-imm high bits) */
        TEST_CASE(107, a0, 0, 2: jal a0, 3f; j rvtest_fail; 3: lla a2, 2b; addi a2, a2, 4; sub a0, a0, a2)
        TEST_CASE(108, a0, 1, li a0, 1; jal x0, 3f; li a0, 2; 3: nop)
        TEST_CASE(109, a0, 2, li a0, 0; j 4f; 3: addi a0, a0, 1; j 5f; 4: addi a0, a0, 1; jal x0, 3b; 5: nop)
        TEST_CASE(110, a0, 0, 2: jal a0, 3f; j rvtest_fail; .skip 0x12000; 3: lla a2, 2b; addi a2, a2, 4; sub a0, a0, a2)
        TEST_CASE(111, a0, 0, j 3f; 4: jal a0, 5f; .skip 0x12000; 3: j 4b; 5: lla a2, 4b; addi a2, a2, 4; sub a0, a0, a2)

        /* jalr */
        JALR_CASE(112, a0, 0, a1, lla a1, 3f)
        JALR_CASE(113, a0, 8, a1, lla a1, 3f; addi a1, a1, -8)
        JALR_CASE(114, a0, -16, a1, lla a1, 3f; addi a1, a1, 16)
        JALR_CASE(115, a0, 2047, a1, lla a1, 3f; addi a1, a1, -2047)
        JALR_CASE(116, a0, -2048, a1, lla a1, 3f; addi a1, a1, 2047; addi a1, a1, 1)
        /* odd targets: bit 0 of rs1 + imm is cleared */
        JALR_CASE(117, a0, 0, a1, lla a1, 3f; addi a1, a1, 1)
        JALR_CASE(118, a0, 1, a1, lla a1, 3f)
        JALR_CASE(119, a0, 3, a1, lla a1, 3f; addi a1, a1, -2)
        JALR_CASE(120, a0, -1, a1, lla a1, 3f; addi a1, a1, 2)
        /* rd == rs1: the target uses the old value */
        JALR_CASE(121, a0, 0, a0, lla a0, 3f)
        JALR_CASE(122, a0, 13, a0, lla a0, 3f; addi a0, a0, -12)
        JALR_CASE(123, ra, 0, ra, lla ra, 3f)
        /* rd == x0 (jr) and call / ret through ra */
        TEST_CASE(124, a0, 1, li a0, 1; lla a1, 3f; jalr x0, 0(a1); li a0, 2; 3: nop)
        TEST_CASE(125, a0, 77, li a0, 0; call subr_77; nop)
        TEST_CASE(126, a0, 3, li a0, 0; call subr_inc; call subr_inc; call subr_inc)
        TEST_CASE(127, a0, 0, li a0, 0; lla t0, subr_inc; jalr t0; addi a0, a0, -1)

TEST_END

subr_77:
        li      a0, 77
        ret
subr_inc:
        addi    a0, a0, 1
        jalr    x0, 0(ra)
