/*
 * rvc.S - the C extension (RV64): every compressed instruction except
 * c.ebreak, written with explicit c.* mnemonics under `.option rvc` so the
 * assembler must emit the 16-bit form (it refuses otherwise).  The harness
 * code in this file is compressed too where possible.  Also covers a 32-bit
 * instruction at a 2-mod-4 address and one straddling a page boundary, and
 * c.jalr's link value (pc + 2).  Compressed register fields: x8..x15 =
 * s0, s1, a0..a5 and f8..f15 = fs0, fs1, fa0..fa5.
 */
#include "test.h"

TEST_BEGIN
        .option rvc

        /* c.li, c.lui, c.nop */
        TEST_CASE(1, a0, 0, li a0, 7; c.li a0, 0)
        TEST_CASE(2, a0, 31, c.li a0, 31)
        TEST_CASE(3, a0, -32, c.li a0, -32)
        TEST_CASE(4, s11, 4, c.li s11, 4)
        TEST_CASE(5, a0, 0x1000, c.lui a0, 1)
        TEST_CASE(6, a0, 0x1f000, c.lui a0, 0x1f)
        TEST_CASE(7, a0, 0xfffffffffffe0000, c.lui a0, 0xfffe0)
        TEST_CASE(8, a5, 0xfffffffffffff000, c.lui a5, 0xfffff)
        TEST_CASE(9, a0, 3, c.li a0, 3; c.nop; c.nop)

        /* c.addi, c.addiw (incl. c.addiw rd, 0 = sext.w) */
        TEST_CASE(10, a0, 0, c.li a0, 1; c.addi a0, -1)
        TEST_CASE(11, a0, 0xffffffffffffffe0, c.li a0, 0; c.addi a0, -32)
        TEST_CASE(12, a0, 0x8000000000000000, li a0, 0x7fffffffffffffe1; c.addi a0, 31)
        TEST_CASE(13, t1, 0x100000000, li t1, 0xffffffff; c.addi t1, 1)
        TEST_CASE(14, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)
        TEST_CASE(15, a0, 0xffffffffffffffff, li a0, 0x00000000ffffffff; c.addiw a0, 0)
        TEST_CASE(16, a0, 0x000000007fffffff, li a0, 0x1234567880000000; c.addiw a0, -1)
        TEST_CASE(17, s1, 0x0000000000000010, li s1, 0xffffffff00000001; c.addiw s1, 15)

        /* c.mv, c.add, and the CA-format ALU ops */
        TEST_CASE(18, a0, 0x123456789abcdef0, li a1, 0x123456789abcdef0; c.mv a0, a1)
        TEST_CASE(19, t3, 0x8000000000000000, li t4, 0x8000000000000000; c.mv t3, t4)
        TEST_CASE(20, a0, 0, li a0, 1; li a1, -1; c.add a0, a1)
        TEST_CASE(21, ra, 0x100000000, li ra, 0xffffffff; li t0, 1; c.add ra, t0)
        TEST_CASE(22, a0, 0x8000000000000000, li a0, 0; li a1, 0x7fffffffffffffff; c.sub a0, a1; c.addi a0, -1)
        TEST_CASE(23, s0, 0xedcba9876543210f, li s0, 0x123456789abcdef0; li a1, -1; c.xor s0, a1)
        TEST_CASE(24, a0, 0xff0fff0fff0fff0f, li a0, 0xff00ff00ff00ff00; li a1, 0x000f000f000f000f; c.or a0, a1)
        TEST_CASE(25, a0, 0x1030507090b0d0f0, li a0, 0x123456789abcdef0; li a1, 0xf0f0f0f0f0f0f0f0; c.and a0, a1)
        TEST_CASE(26, a0, 0xffffffff80000000, li a0, 0x7fffffff; li a1, -1; c.subw a0, a1)
        TEST_CASE(27, a0, 0x000000007fffffff, li a0, 0xffffffff80000000; li a1, 1; c.subw a0, a1)
        TEST_CASE(28, a0, 0xffffffff80000000, li a0, 0x123456787fffffff; li a1, 0x0000000100000001; c.addw a0, a1)
        TEST_CASE(29, a5, 0, li a5, 0xffffffff; li a4, 1; c.addw a5, a4)

        /* c.andi, c.slli, c.srli, c.srai (6-bit shift amounts) */
        TEST_CASE(30, a0, 0x123456789abcdef0, li a0, 0x123456789abcdef0; c.andi a0, -1)
        TEST_CASE(31, a0, 0x123456789abcdee0, li a0, 0x123456789abcdef0; c.andi a0, -32)
        TEST_CASE(32, a0, 0x10, li a0, 0x123456789abcdef0; c.andi a0, 31)
        TEST_CASE(33, a0, 0, li a0, -1; c.andi a0, 0)
        TEST_CASE(34, a0, 0x2468acf13579bde0, li a0, 0x123456789abcdef0; c.slli a0, 1)
        TEST_CASE(35, a0, 0x9abcdef000000000, li a0, 0x123456789abcdef0; c.slli a0, 32)
        TEST_CASE(36, t5, 0x8000000000000000, li t5, 1; c.slli t5, 63)
        TEST_CASE(37, a0, 0x7fffffffffffffff, li a0, -1; c.srli a0, 1)
        TEST_CASE(38, a0, 0x00000000ffffffff, li a0, -1; c.srli a0, 32)
        TEST_CASE(39, a1, 1, li a1, 0x8000000000000000; c.srli a1, 63)
        TEST_CASE(40, a0, 0xc000000000000000, li a0, 0x8000000000000000; c.srai a0, 1)
        TEST_CASE(41, a0, 0xffffffff80000000, li a0, 0x8000000000000000; c.srai a0, 32)
        TEST_CASE(42, a0, -1, li a0, 0x8000000000000000; c.srai a0, 63)
        TEST_CASE(43, a0, 0x0123456789abcdef, li a0, 0x123456789abcdef0; c.srai a0, 4)

        /* c.lw / c.ld / c.sw / c.sd (scaled unsigned offsets, c.lw sign-extends) */
        TEST_CASE(44, a0, 0xffffffff87654321, lla a1, cdata; c.lw a0, 0(a1))
        TEST_CASE(45, a0, 0x01234567, lla a1, cdata; c.lw a0, 4(a1))
        TEST_CASE(46, a0, 0x0123456787654321, lla a1, cdata; c.ld a0, 0(a1))
        TEST_CASE(47, a2, 0xfedcba9876543210, lla a1, cdata; c.ld a2, 8(a1))
        TEST_CASE(48, a0, 0xffffffffdeadbeef, lla s0, cbuf; li a1, 0x11111111deadbeef; c.sw a1, 124(s0); c.lw a0, 124(s0))
        TEST_CASE(49, a0, 0x1111111122222222, lla s0, cbuf; li a1, 0x1111111122222222; c.sd a1, 248(s0); c.ld a0, 248(s0))
        TEST_CASE(50, a0, 0x5a5a5a5a5a5a5a5a, lla s0, cbuf; c.ld a0, 240(s0))
        TEST_CASE(51, a0, 0xdeadbeef5a5a5a5a, lla s0, cbuf; c.ld a0, 120(s0))
        TEST_CASE(52, s1, 0, lla s1, cbuf; c.sd s1, 0(s1); c.ld a0, 0(s1); c.sub s1, a0)
        TEST_CASE(53, a0, 0xffffffff87654321, lla a0, cdata; c.lw a0, 0(a0))

        /* stack-pointer forms; sp is the kernel-provided stack */
        TEST_CASE(54, a0, -512, c.mv s0, sp; c.addi16sp sp, -512; c.mv a0, sp; c.sub a0, s0)
        TEST_CASE(55, a0, 0, c.addi16sp sp, 496; c.addi16sp sp, 16; c.mv a0, sp; c.sub a0, s0)
        TEST_CASE(56, a0, -16, c.addi16sp sp, -16; c.mv a0, sp; c.sub a0, s0; c.addi16sp sp, 16)
        c.addi16sp sp, -512
        TEST_CASE(57, a0, 4, c.mv a2, sp; c.addi4spn a0, sp, 4; c.sub a0, a2)
        TEST_CASE(58, a1, 1020, c.mv a2, sp; c.addi4spn a1, sp, 1020; c.sub a1, a2)
        TEST_CASE(59, a0, 0xffffffff80000001, li a1, 0x0000000080000001; c.swsp a1, 252(sp); c.lwsp a0, 252(sp))
        TEST_CASE(60, t2, 0x7fedcba987654321, li a1, 0x7fedcba987654321; c.sdsp a1, 504(sp); c.ldsp t2, 504(sp))
        TEST_CASE(61, a0, 0x0000000080000001, c.mv a1, sp; c.ld a0, 248(a1); srli a0, a0, 32)
        TEST_CASE(62, ra, 0x0123456789abcdef, li t0, 0x0123456789abcdef; c.sdsp t0, 0(sp); c.ldsp ra, 0(sp))
        TEST_CASE(63, a0, 0xffffffff89abcdef, c.lwsp a0, 0(sp))
        TEST_CASE(64, a0, 0x01234567, c.lwsp a0, 4(sp))
        TEST_CASE(65, a0, 0, c.mv a1, sp; c.addi4spn a0, sp, 8; c.sdsp a0, 8(sp); c.ldsp a0, 8(sp); c.sub a0, a1; c.addi a0, -8)

        /* c.fld / c.fsd / c.fldsp / c.fsdsp */
        TEST_CASE(66, a0, 0x0123456787654321, lla a1, cdata; c.fld fa0, 0(a1); fmv.x.d a0, fa0)
        TEST_CASE(67, a0, 0xfedcba9876543210, lla a1, cdata; c.fld fs1, 8(a1); fmv.x.d a0, fs1)
        TEST_CASE(68, a0, 0xfedcba9876543210, lla s1, cbuf; c.fsd fs1, 128(s1); c.ld a0, 128(s1))
        TEST_CASE(69, a0, 0x0123456787654321, c.fsdsp fa0, 496(sp); c.ldsp a0, 496(sp))
        TEST_CASE(70, a0, 0x7ff0000000000001, li a1, 0x7ff0000000000001; c.sdsp a1, 16(sp); c.fldsp ft11, 16(sp); fmv.x.d a0, ft11)
        TEST_CASE(71, a0, 0x7ff0000000000001, c.fldsp fs0, 16(sp); lla s1, cbuf; c.fsd fs0, 8(s1); c.ld a0, 8(s1))
        TEST_CASE(72, a0, 0xffffffff3f800000, li a1, 0xffffffff3f800000; fmv.d.x ft0, a1; c.fsdsp ft0, 24(sp); c.fldsp fa5, 24(sp); fmv.x.d a0, fa5)
        c.addi16sp sp, 496
        c.addi16sp sp, 16
        TEST_CASE(73, a0, 0, c.mv a1, sp; c.sub s0, a1; c.mv a0, s0)

        /* c.j, c.jr, c.jalr, c.beqz, c.bnez */
        TEST_CASE(74, a0, 1, c.li a0, 1; c.j 3f; c.li a0, 2; 3: c.nop)
        TEST_CASE(75, a0, 2, c.li a0, 0; c.j 4f; 3: c.addi a0, 1; c.j 5f; 4: c.addi a0, 1; c.j 3b; 5: c.nop)
        TEST_CASE(76, a0, 1, c.li a0, 1; c.j 3f; .fill 1000, 2, 0x0001; 3: c.nop)
        TEST_CASE(77, a0, 1, c.li a0, 1; lla a1, 3f; c.jr a1; c.li a0, 2; 3: c.nop)
        TEST_CASE(78, ra, 0, lla a1, 3f; 2: c.jalr a1; j rvtest_fail; 3: lla a2, 2b; c.addi a2, 2; sub ra, ra, a2)
        TEST_CASE(79, ra, 0, lla ra, 3f; 2: c.jalr ra; j rvtest_fail; 3: lla a2, 2b; c.addi a2, 2; sub ra, ra, a2)
        TEST_CASE(80, a0, 5, c.li a0, 4; lla a1, crvc_inc; c.jalr a1)
        TEST_CASE(81, a0, 1, c.li a0, 1; c.li a1, 0; c.beqz a1, 3f; c.li a0, 2; 3: c.nop)
        TEST_CASE(82, a0, 2, c.li a0, 1; li a1, 0x100000000; c.beqz a1, 3f; c.li a0, 2; 3: c.nop)
        TEST_CASE(83, a0, 1, c.li a0, 1; li a1, 0x8000000000000000; c.bnez a1, 3f; c.li a0, 2; 3: c.nop)
        TEST_CASE(84, a0, 2, c.li a0, 1; c.li a1, 0; c.bnez a1, 3f; c.li a0, 2; 3: c.nop)
        TEST_CASE(85, a0, 0, c.li a0, 10; 3: c.addi a0, -1; c.bnez a0, 3b)
        TEST_CASE(86, a0, 1, c.li a0, 1; c.li a1, 0; c.beqz a1, 3f; .fill 120, 2, 0x0001; c.li a0, 2; 3: c.nop)
        TEST_CASE(87, a0, 6, c.li a0, 0; c.li a1, 3; c.j 4f; 3: c.addi a0, 2; c.addi a1, -1; c.beqz a1, 5f; 4: c.j 3b; 5: c.nop)

        /* 32-bit instructions at a 2-mod-4 address and across a page boundary */
        li TESTNUM, 88
        c.li a0, 0
        .balign 4
        c.nop
        xori a0, a0, 0x123              /* at 2 mod 4 */
        TEST_CHECK(a0, 0x123)
        li TESTNUM, 89
        c.li a0, 5
        j 3f
        .balign 4096
        .skip 4094
3:      xori a0, a0, 0x70               /* bytes 4094..4097 of a page */
        ori a0, a0, 0x100
        TEST_CHECK(a0, 0x175)
        li TESTNUM, 90
        c.li a0, 5
        j 3f
        .balign 4096
        .skip 4094
3:      c.addi a0, 1                    /* last halfword of a page */
        c.addi a0, 1                    /* first halfword of the next */
        TEST_CHECK(a0, 7)

TEST_END

crvc_inc:
        c.addi  a0, 1
        c.jr    ra

        .data
        .balign 8
cdata:
        .dword 0x0123456787654321, 0xfedcba9876543210
        .balign 8
cbuf:
        .fill 256, 1, 0x5a
