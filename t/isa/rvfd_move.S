/*
 * rvfd_move.S - F/D data movement (no arithmetic semantics): flw/fsw/fld/fsd
 * (aligned, misaligned, negative offsets, neighbours untouched, no
 * canonicalisation of NaN payloads), fmv.x.w/fmv.w.x/fmv.x.d/fmv.d.x,
 * NaN-boxing (flw and fmv.w.x box with ones; fsgnj*.s on an improperly boxed
 * input sees the canonical NaN 0x7fc00000; fsw and fmv.x.w use the low 32
 * bits without checking the box), the fsgnj/fsgnjn/fsgnjx sign-injection
 * moves in both precisions, and all 32 f registers.
 */
#include "test.h"

/* a0 = raw 64 bits of f-register after `code` */
#define TEST_FBITS(num, expected, freg, code...) \
        TEST_CASE(num, a0, expected, code; fmv.x.d a0, freg)

TEST_BEGIN
        /* flw boxes, fmv.x.w sign-extends, payloads survive */
        TEST_FBITS(1, 0xffffffff3f800000, f1, lla a1, fdata; flw f1, 0(a1))
        TEST_CASE(2, a0, 0x3f800000, lla a1, fdata; flw f1, 0(a1); fmv.x.w a0, f1)
        TEST_CASE(3, a0, 0xffffffffbf800000, lla a1, fdata; flw f2, 4(a1); fmv.x.w a0, f2)
        TEST_FBITS(4, 0xffffffff7f812345, f3, lla a1, fdata; flw f3, 8(a1))
        TEST_FBITS(5, 0xffffffffffffffff, f4, lla a1, fdata; flw f4, 12(a1))
        TEST_FBITS(6, 0x400921fb54442d18, f5, lla a1, fdata; fld f5, 16(a1))
        TEST_FBITS(7, 0x7ff0000000000001, f6, lla a1, fdata; fld f6, 24(a1))
        TEST_FBITS(8, 0xffffffff3f800000, f5, lla a1, fdata; fld f5, 16(a1); flw f5, 0(a1))
        TEST_FBITS(9, 0x00000000bf800000, f7, lla a1, fdata; fld f7, 32(a1))
        /* negative offset and misaligned addresses */
        TEST_FBITS(10, 0xffffffff7f812345, f8, lla a1, fdata; flw f8, -32(a1); flw f8, 8(a1))
        TEST_FBITS(11, 0x400921fb54442d18, f9, lla a1, fdata_end; fld f9, -24(a1))
        TEST_FBITS(12, 0xffffffff3f800000, f10, lla a1, fmis; flw f10, 1(a1))
        TEST_FBITS(13, 0x400921fb54442d18, f11, lla a1, fmis; fld f11, 5(a1))
        TEST_FBITS(14, 0xffffffff00004009, f12, lla a1, fmis; flw f12, 11(a1))

        /* fsw / fsd: exact bits, low word of a non-boxed value, neighbours */
        TEST_CASE(15, a0, 0x12345678, lla a1, fbuf; li a2, 0x12345678; fmv.w.x f1, a2; fsw f1, 8(a1); lw a0, 8(a1))
        TEST_LD(16, ld, 0xa5a5a5a512345678, 8, fbuf)
        TEST_LD(17, ld, 0xa5a5a5a5a5a5a5a5, 0, fbuf)
        TEST_LD(18, ld, 0xa5a5a5a5a5a5a5a5, 16, fbuf)
        TEST_CASE(19, a0, 0x89abcdef, lla a1, fbuf; li a2, 0x0123456789abcdef; fmv.d.x f2, a2; fsw f2, 12(a1); lwu a0, 12(a1))
        TEST_LD(20, ld, 0x89abcdef12345678, 8, fbuf)
        TEST_CASE(21, a0, 0x7f812345, lla a1, fdata; flw f3, 8(a1); lla a1, fbuf; fsw f3, 0(a1); lwu a0, 0(a1))
        TEST_CASE(22, a0, 0xfedcba9876543210, lla a1, fbuf; li a2, 0xfedcba9876543210; fmv.d.x f4, a2; fsd f4, 16(a1); ld a0, 16(a1))
        TEST_CASE(23, a0, 0x7ff0000000000001, lla a1, fdata; fld f6, 24(a1); lla a1, fbuf; fsd f6, 24(a1); ld a0, 24(a1))
        TEST_LD(24, ld, 0xa5a5a5a5a5a5a5a5, 32, fbuf)
        TEST_CASE(25, a0, 0x0011223344556677, lla a1, fbuf; li a2, 0x0011223344556677; fmv.d.x f5, a2; fsd f5, 37(a1); ld a0, 37(a1))
        TEST_CASE(26, a0, 0xffffffffcafebabe, lla a1, fbuf; li a2, 0xcafebabe; fmv.w.x f6, a2; fsw f6, 46(a1); lw a0, 46(a1))
        TEST_LD(27, ld, 0xa5a5a5a5a5a5a5a5, 56, fbuf)
        TEST_LD(28, ld, 0xcafebabea5001122, 42, fbuf)
        TEST_CASE(29, a0, 0x1122334455667788, lla a1, fbuf_end; li a2, 0x1122334455667788; fmv.d.x f7, a2; fsd f7, -8(a1); ld a0, -8(a1))

        /* fmv.w.x takes the low 32 bits and boxes; fmv.x.w sign-extends bit 31 */
        TEST_FBITS(30, 0xffffffff9abcdef0, f1, li a1, 0x123456789abcdef0; fmv.w.x f1, a1)
        TEST_FBITS(31, 0xffffffff00000000, f1, li a1, 0xffffffff00000000; fmv.w.x f1, a1)
        TEST_CASE(32, a0, 0xffffffff80000000, li a1, 0x80000000; fmv.w.x f1, a1; fmv.x.w a0, f1)
        TEST_CASE(33, a0, 0x7fffffff, li a1, 0xffffffff7fffffff; fmv.w.x f1, a1; fmv.x.w a0, f1)
        TEST_CASE(34, a0, 0xffffffff80000000, li a1, 0x0000000080000000; fmv.d.x f1, a1; fmv.x.w a0, f1)
        TEST_CASE(35, a0, 0x3f800000, li a1, 0x123456783f800000; fmv.d.x f1, a1; fmv.x.w a0, f1)
        TEST_CASE(36, x0, 0, li a1, 0x3f800000; fmv.w.x f1, a1; fmv.x.w x0, f1)
        TEST_FBITS(37, 0, f1, li a1, -1; fmv.d.x f1, a1; fmv.w.x f1, x0; fmv.d.x f1, x0)
        TEST_FBITS(38, 0xffffffff00000000, f1, li a1, 5; fmv.d.x f1, a1; fmv.w.x f1, x0)

        /* fmv.d.x / fmv.x.d: raw 64-bit round trips, NaNs untouched */
        TEST_FBITS(39, 0x7ff8000000000001, f2, li a1, 0x7ff8000000000001; fmv.d.x f2, a1)
        TEST_FBITS(40, 0xfff0000000000000, f2, li a1, 0xfff0000000000000; fmv.d.x f2, a1)
        TEST_FBITS(41, 0x8000000000000000, f2, li a1, 0x8000000000000000; fmv.d.x f2, a1)
        TEST_FBITS(42, 0x7ff0000000000001, f2, li a1, 0x7ff0000000000001; fmv.d.x f2, a1)
        TEST_CASE(43, a1, 0x0000000100000002, li a1, 0x0000000100000002; fmv.d.x f2, a1; li a1, 0; fmv.x.d a1, f2)

        /* NaN-boxing: fsgnj*.s on an improperly boxed operand */
        TEST_FBITS(44, 0xffffffff7fc00000, f2, li a1, 0x000000003f800000; fmv.d.x f1, a1; fsgnj.s f2, f1, f1)
        TEST_FBITS(45, 0xffffffff7fc00000, f2, li a1, 0xfffffffe3f800000; fmv.d.x f1, a1; fsgnj.s f2, f1, f1)
        TEST_FBITS(46, 0xffffffff7fc00000, f2, li a1, 0x7fffffffbf800000; fmv.d.x f1, a1; fsgnj.s f2, f1, f1)
        TEST_FBITS(47, 0xffffffff40000000, f2, li a1, 0xc0000000; fmv.w.x f3, a1; li a1, 0x00000000bf800000; \
                   fmv.d.x f1, a1; fsgnj.s f2, f3, f1)
        TEST_FBITS(48, 0xffffffffc0000000, f2, li a1, 0x40000000; fmv.w.x f3, a1; li a1, 0x00000000bf800000; \
                   fmv.d.x f1, a1; fsgnjn.s f2, f3, f1)
        TEST_FBITS(49, 0xffffffffc0000000, f2, li a1, 0xc0000000; fmv.w.x f3, a1; li a1, 0x00000000bf800000; \
                   fmv.d.x f1, a1; fsgnjx.s f2, f3, f1)
        TEST_FBITS(50, 0xffffffffffc00000, f2, li a1, 0xbf800000; fmv.w.x f3, a1; li a1, 0x0000000000000000; \
                   fmv.d.x f1, a1; fsgnj.s f2, f1, f3)
        TEST_FBITS(51, 0xffffffffffc00000, f2, li a1, 0x3f800000; fmv.w.x f3, a1; li a1, 0x0000000000000000; \
                   fmv.d.x f1, a1; fsgnjn.s f2, f1, f3)
        TEST_FBITS(52, 0xffffffff7fc00000, f1, li a1, 0x0000000000000001; fmv.d.x f1, a1; fabs.s f1, f1)
        TEST_FBITS(53, 0xffffffffffc00000, f1, li a1, 0x0000000000000001; fmv.d.x f1, a1; fneg.s f1, f1)
        /* ... but the non-boxed value itself is still stored / moved raw */
        TEST_CASE(54, a0, 0x3f800000, li a1, 0x000000003f800000; fmv.d.x f1, a1; fmv.x.w a0, f1)

        /* fsgnj*.s on properly boxed values (payloads preserved, no canonicalisation) */
        TEST_FBITS(55, 0xffffffffbf800000, f2, li a1, 0x3f800000; fmv.w.x f3, a1; li a1, 0x80000000; fmv.w.x f4, a1; fsgnj.s f2, f3, f4)
        TEST_FBITS(56, 0xffffffff3f800000, f2, li a1, 0x3f800000; fmv.w.x f3, a1; li a1, 0x80000000; fmv.w.x f4, a1; fsgnjn.s f2, f3, f4)
        TEST_FBITS(57, 0xffffffff3f800000, f2, li a1, 0xbf800000; fmv.w.x f3, a1; li a1, 0x80000000; fmv.w.x f4, a1; fsgnjx.s f2, f3, f4)
        TEST_FBITS(58, 0xffffffffbf800000, f2, li a1, 0xbf800000; fmv.w.x f3, a1; li a1, 0x7fffffff; fmv.w.x f4, a1; fsgnjx.s f2, f3, f4)
        TEST_FBITS(59, 0xffffffff7f812345, f2, li a1, 0x7f812345; fmv.w.x f3, a1; fmv.s f2, f3)
        TEST_FBITS(60, 0xffffffffff812345, f2, li a1, 0x7f812345; fmv.w.x f3, a1; fneg.s f2, f3)
        TEST_FBITS(61, 0xffffffff7f812345, f2, li a1, 0xff812345; fmv.w.x f3, a1; fabs.s f2, f3)
        TEST_FBITS(62, 0xffffffff80000000, f3, li a1, 0x00000000; fmv.w.x f3, a1; fneg.s f3, f3)

        /* fsgnj*.d: raw 64-bit sign manipulation, even of a boxed single */
        TEST_FBITS(63, 0xbff0000000000000, f2, li a1, 0x3ff0000000000000; fmv.d.x f3, a1; li a1, 0x8000000000000000; fmv.d.x f4, a1; fsgnj.d f2, f3, f4)
        TEST_FBITS(64, 0x3ff0000000000000, f2, li a1, 0x3ff0000000000000; fmv.d.x f3, a1; li a1, 0x8000000000000000; fmv.d.x f4, a1; fsgnjn.d f2, f3, f4)
        TEST_FBITS(65, 0x3ff0000000000000, f2, li a1, 0xbff0000000000000; fmv.d.x f3, a1; li a1, 0x8000000000000000; fmv.d.x f4, a1; fsgnjx.d f2, f3, f4)
        TEST_FBITS(66, 0xbff0000000000000, f2, li a1, 0xbff0000000000000; fmv.d.x f3, a1; li a1, 0x7fffffffffffffff; fmv.d.x f4, a1; fsgnjx.d f2, f3, f4)
        TEST_FBITS(67, 0xfff0000000000001, f2, li a1, 0x7ff0000000000001; fmv.d.x f3, a1; fneg.d f2, f3)
        TEST_FBITS(68, 0x7ff8000000000000, f2, li a1, 0xfff8000000000000; fmv.d.x f3, a1; fabs.d f2, f3)
        TEST_FBITS(69, 0x7fffffff3f800000, f2, li a1, 0x3f800000; fmv.w.x f3, a1; fabs.d f2, f3)
        TEST_FBITS(70, 0x0000000000000001, f2, li a1, 0x0000000000000001; fmv.d.x f3, a1; fmv.d f2, f3)
        TEST_FBITS(71, 0x8000000000000000, f3, fmv.d.x f3, x0; fneg.d f3, f3)

        /* every f register is distinct (register-number decoding) */
        li a1, 0x1111111100000000; fmv.d.x f0, a1
        li a1, 0x2222222201010101; fmv.d.x f1, a1
        li a1, 0x3333333302020202; fmv.d.x f2, a1
        li a1, 0x4444444403030303; fmv.d.x f3, a1
        li a1, 0x5555555504040404; fmv.d.x f4, a1
        li a1, 0x6666666605050505; fmv.d.x f5, a1
        li a1, 0x7777777706060606; fmv.d.x f6, a1
        li a1, 0x8888888807070707; fmv.d.x f7, a1
        li a1, 0x9999999908080808; fmv.d.x f8, a1
        li a1, 0xaaaaaaaa09090909; fmv.d.x f9, a1
        li a1, 0xbbbbbbbb0a0a0a0a; fmv.d.x f10, a1
        li a1, 0xcccccccc0b0b0b0b; fmv.d.x f11, a1
        li a1, 0xdddddddd0c0c0c0c; fmv.d.x f12, a1
        li a1, 0xeeeeeeee0d0d0d0d; fmv.d.x f13, a1
        li a1, 0xffffffff0e0e0e0e; fmv.d.x f14, a1
        li a1, 0x111111110f0f0f0f; fmv.d.x f15, a1
        li a1, 0x2222222210101010; fmv.d.x f16, a1
        li a1, 0x3333333311111111; fmv.d.x f17, a1
        li a1, 0x4444444412121212; fmv.d.x f18, a1
        li a1, 0x5555555513131313; fmv.d.x f19, a1
        li a1, 0x6666666614141414; fmv.d.x f20, a1
        li a1, 0x7777777715151515; fmv.d.x f21, a1
        li a1, 0x8888888816161616; fmv.d.x f22, a1
        li a1, 0x9999999917171717; fmv.d.x f23, a1
        li a1, 0xaaaaaaaa18181818; fmv.d.x f24, a1
        li a1, 0xbbbbbbbb19191919; fmv.d.x f25, a1
        li a1, 0xcccccccc1a1a1a1a; fmv.d.x f26, a1
        li a1, 0xdddddddd1b1b1b1b; fmv.d.x f27, a1
        li a1, 0xeeeeeeee1c1c1c1c; fmv.d.x f28, a1
        li a1, 0xffffffff1d1d1d1d; fmv.d.x f29, a1
        li a1, 0x111111111e1e1e1e; fmv.d.x f30, a1
        li a1, 0x222222221f1f1f1f; fmv.d.x f31, a1
        TEST_FBITS(72, 0x1111111100000000, f0, nop)
        TEST_FBITS(73, 0x2222222201010101, f1, nop)
        TEST_FBITS(74, 0x3333333302020202, f2, nop)
        TEST_FBITS(75, 0x4444444403030303, f3, nop)
        TEST_FBITS(76, 0x5555555504040404, f4, nop)
        TEST_FBITS(77, 0x6666666605050505, f5, nop)
        TEST_FBITS(78, 0x7777777706060606, f6, nop)
        TEST_FBITS(79, 0x8888888807070707, f7, nop)
        TEST_FBITS(80, 0x9999999908080808, f8, nop)
        TEST_FBITS(81, 0xaaaaaaaa09090909, f9, nop)
        TEST_FBITS(82, 0xbbbbbbbb0a0a0a0a, f10, nop)
        TEST_FBITS(83, 0xcccccccc0b0b0b0b, f11, nop)
        TEST_FBITS(84, 0xdddddddd0c0c0c0c, f12, nop)
        TEST_FBITS(85, 0xeeeeeeee0d0d0d0d, f13, nop)
        TEST_FBITS(86, 0xffffffff0e0e0e0e, f14, nop)
        TEST_FBITS(87, 0x111111110f0f0f0f, f15, nop)
        TEST_FBITS(88, 0x2222222210101010, f16, nop)
        TEST_FBITS(89, 0x3333333311111111, f17, nop)
        TEST_FBITS(90, 0x4444444412121212, f18, nop)
        TEST_FBITS(91, 0x5555555513131313, f19, nop)
        TEST_FBITS(92, 0x6666666614141414, f20, nop)
        TEST_FBITS(93, 0x7777777715151515, f21, nop)
        TEST_FBITS(94, 0x8888888816161616, f22, nop)
        TEST_FBITS(95, 0x9999999917171717, f23, nop)
        TEST_FBITS(96, 0xaaaaaaaa18181818, f24, nop)
        TEST_FBITS(97, 0xbbbbbbbb19191919, f25, nop)
        TEST_FBITS(98, 0xcccccccc1a1a1a1a, f26, nop)
        TEST_FBITS(99, 0xdddddddd1b1b1b1b, f27, nop)
        TEST_FBITS(100, 0xeeeeeeee1c1c1c1c, f28, nop)
        TEST_FBITS(101, 0xffffffff1d1d1d1d, f29, nop)
        TEST_FBITS(102, 0x111111111e1e1e1e, f30, nop)
        TEST_FBITS(103, 0x222222221f1f1f1f, f31, nop)

TEST_END

        .data
        .balign 16
        .fill 32, 1, 0
fdata:
        .word 0x3f800000, 0xbf800000, 0x7f812345, 0xffffffff
        .dword 0x400921fb54442d18, 0x7ff0000000000001, 0x00000000bf800000
fdata_end:
        .balign 16
fmis:   /* 1.0f at +1, pi at +5 */
        .byte 0x00, 0x00, 0x00, 0x80, 0x3f
        .byte 0x18, 0x2d, 0x44, 0x54, 0xfb, 0x21, 0x09, 0x40, 0x00, 0x00, 0x00
        .balign 16
fbuf:
        .fill 64, 1, 0xa5
fbuf_end:
