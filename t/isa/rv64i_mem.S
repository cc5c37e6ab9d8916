/*
 * rv64i_mem.S - RV64I loads and stores: every size, sign and zero extension,
 * positive/negative/extreme (2047, -2048) offsets, misaligned addresses
 * (including accesses that straddle an 8-byte boundary and a page boundary:
 * misaligned loads and stores must work in user mode), stores of wide
 * registers (only the low bytes are written, neighbours untouched),
 * rd == rs1, rs1 == rs2, x0 as destination and as store source.
 */
#include "test.h"

TEST_BEGIN

        /* lb (aligned and misaligned, from mdata) */
        TEST_LD(1, lb, 0x0000000000000001, 0, mdata)
        TEST_LD(2, lb, 0xffffffffffffff82, 1, mdata)
        TEST_LD(3, lb, 0xffffffffffffff84, 3, mdata)
        TEST_LD(4, lb, 0xffffffffffffffff, 16, mdata)
        TEST_LD(5, lb, 0x000000000000007f, 17, mdata)
        TEST_LD(6, lb, 0x0000000000000000, 18, mdata)
        TEST_LD(7, lb, 0xffffffffffffff80, 19, mdata)
        TEST_LD(8, lb, 0xfffffffffffffff8, 31, mdata)
        TEST_LD(9, lb, 0xfffffffffffffff8, -1, mdata_end)
        TEST_LD(10, lb, 0x0000000000000077, -2, mdata_end)
        TEST_LD(11, lb, 0x0000000000000001, -32, mdata_end)

        /* lbu (aligned and misaligned, from mdata) */
        TEST_LD(12, lbu, 0x0000000000000001, 0, mdata)
        TEST_LD(13, lbu, 0x0000000000000082, 1, mdata)
        TEST_LD(14, lbu, 0x0000000000000084, 3, mdata)
        TEST_LD(15, lbu, 0x00000000000000ff, 16, mdata)
        TEST_LD(16, lbu, 0x000000000000007f, 17, mdata)
        TEST_LD(17, lbu, 0x0000000000000000, 18, mdata)
        TEST_LD(18, lbu, 0x0000000000000080, 19, mdata)
        TEST_LD(19, lbu, 0x00000000000000f8, 31, mdata)
        TEST_LD(20, lbu, 0x00000000000000f8, -1, mdata_end)
        TEST_LD(21, lbu, 0x0000000000000077, -2, mdata_end)
        TEST_LD(22, lbu, 0x0000000000000001, -32, mdata_end)

        /* lh (aligned and misaligned, from mdata) */
        TEST_LD(23, lh, 0xffffffffffff8201, 0, mdata)
        TEST_LD(24, lh, 0xffffffffffff8403, 2, mdata)
        TEST_LD(25, lh, 0x0000000000007fff, 16, mdata)
        TEST_LD(26, lh, 0xffffffffffff8000, 18, mdata)
        TEST_LD(27, lh, 0x0000000000000382, 1, mdata)
        TEST_LD(28, lh, 0xffffffffffff8988, 7, mdata)
        TEST_LD(29, lh, 0xffffffffffffff10, 15, mdata)
        TEST_LD(30, lh, 0xfffffffffffffe80, 19, mdata)
        TEST_LD(31, lh, 0xffffffffffffffff, 21, mdata)
        TEST_LD(32, lh, 0xfffffffffffff877, -2, mdata_end)
        TEST_LD(33, lh, 0x0000000000007766, -3, mdata_end)
        TEST_LD(34, lh, 0xffffffffffff8201, -32, mdata_end)

        /* lhu (aligned and misaligned, from mdata) */
        TEST_LD(35, lhu, 0x0000000000008201, 0, mdata)
        TEST_LD(36, lhu, 0x0000000000008403, 2, mdata)
        TEST_LD(37, lhu, 0x0000000000007fff, 16, mdata)
        TEST_LD(38, lhu, 0x0000000000008000, 18, mdata)
        TEST_LD(39, lhu, 0x0000000000000382, 1, mdata)
        TEST_LD(40, lhu, 0x0000000000008988, 7, mdata)
        TEST_LD(41, lhu, 0x000000000000ff10, 15, mdata)
        TEST_LD(42, lhu, 0x000000000000fe80, 19, mdata)
        TEST_LD(43, lhu, 0x000000000000ffff, 21, mdata)
        TEST_LD(44, lhu, 0x000000000000f877, -2, mdata_end)
        TEST_LD(45, lhu, 0x0000000000007766, -3, mdata_end)
        TEST_LD(46, lhu, 0x0000000000008201, -32, mdata_end)

        /* lw (aligned and misaligned, from mdata) */
        TEST_LD(47, lw, 0xffffffff84038201, 0, mdata)
        TEST_LD(48, lw, 0xffffffff88078605, 4, mdata)
        TEST_LD(49, lw, 0xffffffff80007fff, 16, mdata)
        TEST_LD(50, lw, 0x000000007ffffffe, 20, mdata)
        TEST_LD(51, lw, 0x0000000005840382, 1, mdata)
        TEST_LD(52, lw, 0xffffffff86058403, 2, mdata)
        TEST_LD(53, lw, 0x0000000007860584, 3, mdata)
        TEST_LD(54, lw, 0xffffffff89880786, 5, mdata)
        TEST_LD(55, lw, 0xffffffff8b0a8988, 7, mdata)
        TEST_LD(56, lw, 0xffffffffff108f0e, 13, mdata)
        TEST_LD(57, lw, 0xfffffffffffe8000, 18, mdata)
        TEST_LD(58, lw, 0xfffffffff8776655, -4, mdata_end)
        TEST_LD(59, lw, 0x0000000077665544, -5, mdata_end)
        TEST_LD(60, lw, 0xffffffff84038201, -32, mdata_end)

        /* lwu (aligned and misaligned, from mdata) */
        TEST_LD(61, lwu, 0x0000000084038201, 0, mdata)
        TEST_LD(62, lwu, 0x0000000088078605, 4, mdata)
        TEST_LD(63, lwu, 0x0000000080007fff, 16, mdata)
        TEST_LD(64, lwu, 0x000000007ffffffe, 20, mdata)
        TEST_LD(65, lwu, 0x0000000005840382, 1, mdata)
        TEST_LD(66, lwu, 0x0000000086058403, 2, mdata)
        TEST_LD(67, lwu, 0x0000000007860584, 3, mdata)
        TEST_LD(68, lwu, 0x0000000089880786, 5, mdata)
        TEST_LD(69, lwu, 0x000000008b0a8988, 7, mdata)
        TEST_LD(70, lwu, 0x00000000ff108f0e, 13, mdata)
        TEST_LD(71, lwu, 0x00000000fffe8000, 18, mdata)
        TEST_LD(72, lwu, 0x00000000f8776655, -4, mdata_end)
        TEST_LD(73, lwu, 0x0000000077665544, -5, mdata_end)
        TEST_LD(74, lwu, 0x0000000084038201, -32, mdata_end)

        /* ld (aligned and misaligned, from mdata) */
        TEST_LD(75, ld, 0x8807860584038201, 0, mdata)
        TEST_LD(76, ld, 0x108f0e8d0c8b0a89, 8, mdata)
        TEST_LD(77, ld, 0x7ffffffe80007fff, 16, mdata)
        TEST_LD(78, ld, 0xf877665544332211, 24, mdata)
        TEST_LD(79, ld, 0x8988078605840382, 1, mdata)
        TEST_LD(80, ld, 0x0a89880786058403, 2, mdata)
        TEST_LD(81, ld, 0x8b0a898807860584, 3, mdata)
        TEST_LD(82, ld, 0x0c8b0a8988078605, 4, mdata)
        TEST_LD(83, ld, 0x8d0c8b0a89880786, 5, mdata)
        TEST_LD(84, ld, 0x0e8d0c8b0a898807, 6, mdata)
        TEST_LD(85, ld, 0x8f0e8d0c8b0a8988, 7, mdata)
        TEST_LD(86, ld, 0x80007fff108f0e8d, 12, mdata)
        TEST_LD(87, ld, 0x776655443322117f, 23, mdata)
        TEST_LD(88, ld, 0xf877665544332211, -8, mdata_end)
        TEST_LD(89, ld, 0x776655443322117f, -9, mdata_end)
        TEST_LD(90, ld, 0x8807860584038201, -32, mdata_end)

        /* extreme immediates, rd == rs1, x0 as destination */
        TEST_CASE(91, a0, 0x01, lla a1, mdata; addi a1, a1, -2047; lbu a0, 2047(a1))
        TEST_CASE(92, a0, 0x8807860584038201, lla a1, mdata; addi a1, a1, 2047; addi a1, a1, 1; ld a0, -2048(a1))
        TEST_CASE(93, a1, 0x8807860584038201, lla a1, mdata; ld a1, 0(a1))
        TEST_CASE(94, a1, 0xffffffff84038201, lla a1, mdata; lw a1, 0(a1))
        TEST_CASE(95, x0, 0, lla a1, mdata; lw x0, 0(a1))
        TEST_CASE(96, x0, 0, lla a1, mdata; ld x0, 3(a1))
        TEST_LD(97, ld, 0, 0, pagebuf)

        /* sb / sh / sw / sd: low bytes only, read back with every size */
        TEST_ST(98, sb, lb, 0xffffffffffffff80, 0x123456789abcde80, 0, sbuf)
        TEST_LD(99, lbu, 0x80, 0, sbuf)
        TEST_LD(100, ld, 0xa5a5a5a5a5a5a580, 0, sbuf)
        TEST_ST(101, sb, lbu, 0x7f, 0x7f, 7, sbuf)
        TEST_LD(102, ld, 0x7fa5a5a5a5a5a580, 0, sbuf)
        TEST_ST(103, sh, lh, 0xffffffffffff8001, 0xffffffffffff8001, 8, sbuf)
        TEST_LD(104, lhu, 0x8001, 8, sbuf)
        TEST_ST(105, sh, lhu, 0x1234, 0xabcd1234, 11, sbuf)
        TEST_LD(106, ld, 0xa5a5a51234a58001, 8, sbuf)
        TEST_ST(107, sw, lw, 0xffffffff80000000, 0xfedcba9880000000, 16, sbuf)
        TEST_LD(108, lwu, 0x80000000, 16, sbuf)
        TEST_ST(109, sw, lw, 0x11223344, 0x11223344, 21, sbuf)
        TEST_LD(110, ld, 0x223344a580000000, 16, sbuf)
        TEST_LD(111, ld, 0xa5a5a5a5a5a5a511, 24, sbuf)
        TEST_ST(112, sw, lwu, 0xfffffffe, 0xfffffffe, 26, sbuf)
        TEST_LD(113, ld, 0xa5a5fffffffea511, 24, sbuf)
        TEST_ST(114, sd, ld, 0x0123456789abcdef, 0x0123456789abcdef, 32, sbuf)
        TEST_ST(115, sd, ld, 0x8877665544332211, 0x8877665544332211, 41, sbuf)
        TEST_LD(116, ld, 0x77665544332211a5, 40, sbuf)
        TEST_LD(117, ld, 0xa5a5a5a5a5a5a588, 48, sbuf)
        TEST_LD(118, lw, 0x0000000066554433, 43, sbuf)
        TEST_LD(119, lh, 0xffffffffffff8877, 47, sbuf)
        TEST_ST(120, sd, ld, 0xfedcba9876543210, 0xfedcba9876543210, -8, sbuf_end)
        TEST_ST(121, sw, lwu, 0x76543210, 0x76543210, -13, sbuf_end)
        TEST_ST(122, sh, lhu, 0xbeef, 0xbeef, -1, sbuf_end + 1)
        TEST_ST(123, sb, lbu, 0x5a, 0x5a, -64, sbuf_end)
        TEST_LD(124, ld, 0x7fa5a5a5a5a5a55a, 0, sbuf)

        /* rs1 == rs2 (store the address itself), x0 as store source */
        TEST_CASE(125, a0, 0, lla a1, sbuf; sd a1, 56(a1); ld a0, 56(a1); sub a0, a0, a1)
        TEST_CASE(126, a0, 0, lla a1, sbuf; sd x0, 57(a1); ld a0, 57(a1))
        TEST_CASE(127, a0, 0xffffffffffffff00, lla a1, sbuf; li a0, -1; sd a0, 48(a1); sb x0, 48(a1); ld a0, 48(a1))

        /* accesses straddling a page boundary (pagebuf + 4096) */
        TEST_CASE(128, a0, 0x0102030405060708, lla a1, pagebuf; li a3, 4093; add a1, a1, a3; li a2, 0x0102030405060708; sd a2, 0(a1); ld a0, 0(a1))
        TEST_CASE(129, a0, 0x02030405, lla a1, pagebuf; li a3, 4096; add a1, a1, a3; lwu a0, 0(a1))
        TEST_CASE(130, a0, 0x0607, lla a1, pagebuf; li a3, 4094; add a1, a1, a3; lhu a0, 0(a1))
        TEST_CASE(131, a0, 0x04050607, lla a1, pagebuf; li a3, 4094; add a1, a1, a3; lw a0, 0(a1))
        TEST_CASE(132, a0, 0xffffffffdeadbeef, lla a1, pagebuf; li a3, 4094; add a1, a1, a3; li a2, 0xdeadbeef; sw a2, 0(a1); lw a0, 0(a1))
        TEST_CASE(133, a0, 0x0000010203deadbe, lla a1, pagebuf; li a3, 4095; add a1, a1, a3; ld a0, 0(a1))
        TEST_CASE(134, a0, 0xcafe, lla a1, pagebuf; li a3, 4095; add a1, a1, a3; li a2, 0xcafe; sh a2, 0(a1); lhu a0, 0(a1))
        TEST_CASE(135, a0, 0xffffffffffffcafe, lla a1, pagebuf; li a3, 4095; add a1, a1, a3; lh a0, 0(a1))
        TEST_CASE(136, a0, 0x03decafe, lla a1, pagebuf; li a3, 4095; add a1, a1, a3; lw a0, 0(a1))

TEST_END

        .data
        .balign 16
mdata:
        .byte 0x01, 0x82, 0x03, 0x84, 0x05, 0x86, 0x07, 0x88
        .byte 0x89, 0x0a, 0x8b, 0x0c, 0x8d, 0x0e, 0x8f, 0x10
        .byte 0xff, 0x7f, 0x00, 0x80, 0xfe, 0xff, 0xff, 0x7f
        .byte 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0xf8
mdata_end:
        .balign 16
sbuf:
        .fill 64, 1, 0xa5
sbuf_end:

        .bss
        .balign 4096
pagebuf:
        .skip 8192
