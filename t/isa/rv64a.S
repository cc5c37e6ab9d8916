/*
 * rv64a.S - A extension: lr/sc (success, sc without reservation, sc to a
 * different address, reservation cleared by every sc, lr.w sign extension,
 * sc.w writing only 32 bits), every AMO in .w and .d form (returned old value,
 * .w results sign-extended, .w operating on 32 bits only with the upper
 * register bits ignored and the neighbouring word untouched, signed vs
 * unsigned min/max), aq/rl/aqrl variants, rd == x0 and rd == rs2.
 * An sc failure code is only required to be nonzero (checked with snez).
 */
#include "test.h"

/* 64-bit AMO on amobuf: old value returned in a0, memory afterwards = new */
#define TEST_AMO_D(num, insn, old, new, init, opnd) \
        TEST_CASE(num, a0, old, lla a1, amobuf; li a2, init; sd a2, 0(a1); \
                  li a3, opnd; insn a0, a3, (a1)); \
        ld a4, 0(a1); \
        TEST_CHECK(a4, new)

/* 32-bit AMO on the word at amobuf + off (0 or 4); the other word of the
   doubleword holds 0xa5a5a5a5; newdw is the whole doubleword afterwards */
#define TEST_AMO_W(num, insn, old, newdw, init, opnd, off) \
        TEST_CASE(num, a0, old, lla a1, amobuf; li a2, 0xa5a5a5a5a5a5a5a5; \
                  sd a2, 0(a1); li a2, init; sw a2, off(a1); addi a5, a1, off; \
                  li a3, opnd; insn a0, a3, (a5)); \
        ld a4, 0(a1); \
        TEST_CHECK(a4, newdw)

TEST_BEGIN
        /* sc.w / sc.d with no reservation ever taken: must fail, no store */
        TEST_CASE(1, a5, 1, lla a1, amobuf; li a2, 0x1111; sd a2, 0(a1); li a3, 0x2222; \
                  sc.w a5, a3, (a1); snez a5, a5)
        TEST_LD(2, ld, 0x1111, 0, amobuf)
        TEST_CASE(3, a5, 1, lla a1, amobuf; li a3, 0x3333; sc.d a5, a3, (a1); snez a5, a5)
        TEST_LD(4, ld, 0x1111, 0, amobuf)

        /* lr.d / sc.d success (rd == 0), then a second sc.d fails: the
           first sc consumed the reservation */
        TEST_CASE(5, a0, 0x1111, lla a1, amobuf; lr.d a0, (a1))
        TEST_CASE(6, a5, 0, li a3, 0x123456789abcdef0; sc.d a5, a3, (a1))
        TEST_LD(7, ld, 0x123456789abcdef0, 0, amobuf)
        TEST_CASE(8, a5, 1, lla a1, amobuf; li a3, 0x4444; sc.d a5, a3, (a1); snez a5, a5)
        TEST_LD(9, ld, 0x123456789abcdef0, 0, amobuf)

        /* lr.w sign-extends; sc.w writes only the low word */
        TEST_CASE(10, a0, 0xffffffff80000000, lla a1, amobuf; li a2, 0x7777777780000000; \
                  sd a2, 0(a1); lr.w a0, (a1))
        TEST_CASE(11, a5, 0, li a3, 0xffffffff00000042; sc.w a5, a3, (a1))
        TEST_LD(12, ld, 0x7777777700000042, 0, amobuf)
        TEST_CASE(13, a0, 0x77777777, lla a1, amobuf; addi a1, a1, 4; lr.w.aqrl a0, (a1); \
                  li a3, -1; sc.w.aqrl a5, a3, (a1); or a0, a0, a5)
        TEST_LD(14, ld, 0xffffffff00000042, 0, amobuf)

        /* sc to an address other than the reserved one fails (the other
           address is 256 bytes away, outside any sensible reservation
           granule) and also drops the reservation */
        TEST_CASE(15, a5, 1, lla a1, amobuf; addi a2, a1, 256; sd x0, 0(a2); lr.d.aq a0, (a1); \
                  li a3, 0x5555; sc.d.rl a5, a3, (a2); snez a5, a5)
        TEST_LD(16, ld, 0, 256, amobuf)
        TEST_CASE(17, a5, 1, lla a1, amobuf; li a3, 0x6666; sc.d a5, a3, (a1); snez a5, a5)
        TEST_LD(18, ld, 0xffffffff00000042, 0, amobuf)

        /* the usual lr/sc retry loop: atomic increment, ten times */
        TEST_CASE(19, a0, 10, lla a1, amobuf; sd x0, 0(a1); li a4, 10; \
                  1: lr.d a0, (a1); addi a0, a0, 1; sc.d a5, a0, (a1); bnez a5, 1b; \
                  addi a4, a4, -1; bnez a4, 1b; ld a0, 0(a1))

        /* amoswap.d / amoswap.w */
        TEST_AMO_D(20, amoswap.d, 0x123456789abcdef0, 0xfedcba9876543210, 0x123456789abcdef0, 0xfedcba9876543210)
        TEST_AMO_D(21, amoswap.d.aq, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff)
        TEST_AMO_W(22, amoswap.w, 0x0000000012345678, 0xa5a5a5a580000000, 0x0000000012345678, 0xfedcba9880000000, 0)
        TEST_AMO_W(23, amoswap.w.aqrl, 0xffffffff80000000, 0xa5a5a5a57fffffff, 0x0000000080000000, 0x000000007fffffff, 0)
        TEST_AMO_W(24, amoswap.w, 0xffffffff80000000, 0x7fffffffa5a5a5a5, 0x0000000080000000, 0x000000007fffffff, 4)

        /* amoadd.d / amoadd.w */
        TEST_AMO_D(25, amoadd.d, 0x0000000000000001, 0x0000000000000003, 0x0000000000000001, 0x0000000000000002)
        TEST_AMO_D(26, amoadd.d.aq, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x0000000000000001)
        TEST_AMO_D(27, amoadd.d.rl, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000001)
        TEST_AMO_W(28, amoadd.w, 0x0000000000000001, 0xa5a5a5a500000003, 0x0000000000000001, 0x0000000000000002, 0)
        TEST_AMO_W(29, amoadd.w.aqrl, 0x000000007fffffff, 0xa5a5a5a580000000, 0x000000007fffffff, 0x0000000000000001, 0)
        TEST_AMO_W(30, amoadd.w.aq, 0xffffffffffffffff, 0xa5a5a5a500000000, 0x00000000ffffffff, 0x0000000000000001, 0)
        TEST_AMO_W(31, amoadd.w.rl, 0xffffffff80000000, 0xa5a5a5a57fffffff, 0x0000000080000000, 0x00000001ffffffff, 0)
        TEST_AMO_W(32, amoadd.w, 0xffffffff80000000, 0x7fffffffa5a5a5a5, 0x0000000080000000, 0x00000001ffffffff, 4)

        /* amoand.d / amoand.w */
        TEST_AMO_D(33, amoand.d, 0xff00ff00ff00ff00, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
        TEST_AMO_D(34, amoand.d.aq, 0xffffffffffffffff, 0x8000000000000001, 0xffffffffffffffff, 0x8000000000000001)
        TEST_AMO_W(35, amoand.w, 0xffffffffff00ff00, 0xa5a5a5a50f000f00, 0x00000000ff00ff00, 0x000000000ff00ff0, 0)
        TEST_AMO_W(36, amoand.w.aqrl, 0xffffffffffffffff, 0xa5a5a5a580000001, 0x00000000ffffffff, 0xffffffff80000001, 0)
        TEST_AMO_W(37, amoand.w, 0xffffffffffffffff, 0x80000001a5a5a5a5, 0x00000000ffffffff, 0xffffffff80000001, 4)

        /* amoor.d / amoor.w */
        TEST_AMO_D(38, amoor.d, 0xff00ff00ff00ff00, 0xfff0fff0fff0fff0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
        TEST_AMO_D(39, amoor.d.aq, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000)
        TEST_AMO_W(40, amoor.w, 0xffffffffff00ff00, 0xa5a5a5a5fff0fff0, 0x00000000ff00ff00, 0x000000000ff00ff0, 0)
        TEST_AMO_W(41, amoor.w.aqrl, 0x0000000000000000, 0xa5a5a5a580000000, 0x0000000000000000, 0x0000000080000000, 0)
        TEST_AMO_W(42, amoor.w, 0x0000000000000000, 0x80000000a5a5a5a5, 0x0000000000000000, 0x0000000080000000, 4)

        /* amoxor.d / amoxor.w */
        TEST_AMO_D(43, amoxor.d, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
        TEST_AMO_D(44, amoxor.d.aq, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_AMO_W(45, amoxor.w, 0xffffffffff00ff00, 0xa5a5a5a5f0f0f0f0, 0x00000000ff00ff00, 0x000000000ff00ff0, 0)
        TEST_AMO_W(46, amoxor.w.aqrl, 0xffffffffffffffff, 0xa5a5a5a580000000, 0x00000000ffffffff, 0x000000007fffffff, 0)
        TEST_AMO_W(47, amoxor.w, 0xffffffffffffffff, 0x80000000a5a5a5a5, 0x00000000ffffffff, 0x000000007fffffff, 4)

        /* amomax.d / amomax.w */
        TEST_AMO_D(48, amomax.d, 0xffffffffffffffff, 0x0000000000000001, 0xffffffffffffffff, 0x0000000000000001)
        TEST_AMO_D(49, amomax.d.aq, 0x0000000000000001, 0x0000000000000001, 0x0000000000000001, 0xffffffffffffffff)
        TEST_AMO_D(50, amomax.d.rl, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_AMO_W(51, amomax.w, 0xffffffffffffffff, 0xa5a5a5a500000001, 0x00000000ffffffff, 0x0000000000000001, 0)
        TEST_AMO_W(52, amomax.w.aqrl, 0x0000000000000001, 0xa5a5a5a500000001, 0x0000000000000001, 0x00000000ffffffff, 0)
        TEST_AMO_W(53, amomax.w.aq, 0xffffffff80000000, 0xa5a5a5a57fffffff, 0x0000000080000000, 0x000000007fffffff, 0)
        TEST_AMO_W(54, amomax.w.rl, 0x0000000000000002, 0xa5a5a5a500000002, 0x0000000000000002, 0x0000000100000001, 0)
        TEST_AMO_W(55, amomax.w, 0x0000000000000002, 0x00000002a5a5a5a5, 0x0000000000000002, 0x0000000100000001, 4)

        /* amomin.d / amomin.w */
        TEST_AMO_D(56, amomin.d, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001)
        TEST_AMO_D(57, amomin.d.aq, 0x0000000000000001, 0xffffffffffffffff, 0x0000000000000001, 0xffffffffffffffff)
        TEST_AMO_D(58, amomin.d.rl, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_AMO_W(59, amomin.w, 0xffffffffffffffff, 0xa5a5a5a5ffffffff, 0x00000000ffffffff, 0x0000000000000001, 0)
        TEST_AMO_W(60, amomin.w.aqrl, 0x0000000000000001, 0xa5a5a5a5ffffffff, 0x0000000000000001, 0x00000000ffffffff, 0)
        TEST_AMO_W(61, amomin.w.aq, 0xffffffff80000000, 0xa5a5a5a580000000, 0x0000000080000000, 0x000000007fffffff, 0)
        TEST_AMO_W(62, amomin.w.rl, 0x0000000000000002, 0xa5a5a5a500000001, 0x0000000000000002, 0xffffffff00000001, 0)
        TEST_AMO_W(63, amomin.w, 0x0000000000000002, 0x00000001a5a5a5a5, 0x0000000000000002, 0xffffffff00000001, 4)

        /* amomaxu.d / amomaxu.w */
        TEST_AMO_D(64, amomaxu.d, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001)
        TEST_AMO_D(65, amomaxu.d.aq, 0x0000000000000001, 0xffffffffffffffff, 0x0000000000000001, 0xffffffffffffffff)
        TEST_AMO_D(66, amomaxu.d.rl, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_AMO_W(67, amomaxu.w, 0xffffffffffffffff, 0xa5a5a5a5ffffffff, 0x00000000ffffffff, 0x0000000000000001, 0)
        TEST_AMO_W(68, amomaxu.w.aqrl, 0x0000000000000001, 0xa5a5a5a5ffffffff, 0x0000000000000001, 0x00000000ffffffff, 0)
        TEST_AMO_W(69, amomaxu.w.aq, 0xffffffff80000000, 0xa5a5a5a580000000, 0x0000000080000000, 0x000000007fffffff, 0)
        TEST_AMO_W(70, amomaxu.w.rl, 0x0000000000000002, 0xa5a5a5a500000002, 0x0000000000000002, 0xffffffff00000001, 0)
        TEST_AMO_W(71, amomaxu.w, 0x0000000000000002, 0x00000002a5a5a5a5, 0x0000000000000002, 0xffffffff00000001, 4)

        /* amominu.d / amominu.w */
        TEST_AMO_D(72, amominu.d, 0xffffffffffffffff, 0x0000000000000001, 0xffffffffffffffff, 0x0000000000000001)
        TEST_AMO_D(73, amominu.d.aq, 0x0000000000000001, 0x0000000000000001, 0x0000000000000001, 0xffffffffffffffff)
        TEST_AMO_D(74, amominu.d.rl, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_AMO_W(75, amominu.w, 0xffffffffffffffff, 0xa5a5a5a500000001, 0x00000000ffffffff, 0x0000000000000001, 0)
        TEST_AMO_W(76, amominu.w.aqrl, 0x0000000000000001, 0xa5a5a5a500000001, 0x0000000000000001, 0x00000000ffffffff, 0)
        TEST_AMO_W(77, amominu.w.aq, 0xffffffff80000000, 0xa5a5a5a57fffffff, 0x0000000080000000, 0x000000007fffffff, 0)
        TEST_AMO_W(78, amominu.w.rl, 0x0000000000000002, 0xa5a5a5a500000001, 0x0000000000000002, 0xffffffff00000001, 0)
        TEST_AMO_W(79, amominu.w, 0x0000000000000002, 0x00000001a5a5a5a5, 0x0000000000000002, 0xffffffff00000001, 4)

        /* rd == x0 (old value discarded, memory still updated) */
        TEST_CASE(80, x0, 0, lla a1, amobuf; li a2, 40; sd a2, 0(a1); li a3, 2; amoadd.d x0, a3, (a1))
        TEST_LD(81, ld, 42, 0, amobuf)
        TEST_CASE(82, x0, 0, lla a1, amobuf; li a3, 0x80000000; amoor.w x0, a3, (a1))
        TEST_LD(83, ld, 0x8000002a, 0, amobuf)
        /* rd == rs2: rd gets the old memory value, memory the old rs2 */
        TEST_CASE(84, a3, 0x8000002a, lla a1, amobuf; li a3, 7; amoswap.d a3, a3, (a1))
        TEST_LD(85, ld, 7, 0, amobuf)
        TEST_CASE(86, a3, 7, lla a1, amobuf; li a3, -1; amoswap.w.aqrl a3, a3, (a1))
        TEST_LD(87, ld, 0xffffffff, 0, amobuf)
        TEST_CASE(88, a3, 0xffffffffffffffff, lla a1, amobuf; li a3, 1; amoadd.w a3, a3, (a1))
        TEST_LD(89, ld, 0, 0, amobuf)
        /* rs2 == rs1: the operand is the address itself */
        TEST_CASE(90, a0, 0, lla a1, amobuf; sd x0, 0(a1); amoadd.d a0, a1, (a1); ld a0, 0(a1); sub a0, a0, a1)

TEST_END

        .data
        .balign 64
amobuf:
        .skip 512
