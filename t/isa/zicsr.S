/*
 * zicsr.S - Zicsr at user level: csrrw/csrrs/csrrc and csrrwi/csrrsi/csrrci
 * on fflags (5 bits), frm (3 bits) and fcsr (frm << 5 | fflags; bits 63..8
 * reserved and read as zero), old value returned in rd, rs1 == x0 / uimm == 0
 * meaning "read only", rd == x0, rd == rs1, the fflags/frm views of fcsr,
 * FP exceptions accumulating into fflags, frm used by dynamic rounding,
 * and the read-only counters cycle/time/instret (instret strictly increasing).
 */
#include "test.h"

TEST_BEGIN
        /* csrrw / csrr on fcsr, masking of reserved bits */
        TEST_CASE(1, a0, 0, csrrw x0, fcsr, x0; csrrs a0, fcsr, x0)
        TEST_CASE(2, a0, 0, li a1, 0xff; csrrw a0, fcsr, a1)
        TEST_CASE(3, a0, 0xff, csrr a0, fcsr)
        TEST_CASE(4, a0, 0x1f, csrr a0, fflags)
        TEST_CASE(5, a0, 7, csrr a0, frm)
        TEST_CASE(6, a0, 0xff, li a1, -1; csrrw a0, fcsr, a1; csrr a0, fcsr)
        TEST_CASE(7, a0, 0x45, li a1, 0x1245; csrw fcsr, a1; csrr a0, fcsr)

        /* fflags: 5 bits; writes through fflags leave frm alone */
        TEST_CASE(8, a0, 0x05, li a1, 0xffffffffffffffe3; csrrw a0, fflags, a1)
        TEST_CASE(9, a0, 0x03, csrr a0, fflags)
        TEST_CASE(10, a0, 0x43, csrr a0, fcsr)
        TEST_CASE(11, a0, 0x03, li a1, 0x18; csrrs a0, fflags, a1)
        TEST_CASE(12, a0, 0x1b, csrr a0, fflags)
        TEST_CASE(13, a0, 0x1b, li a1, 0x0a; csrrc a0, fflags, a1)
        TEST_CASE(14, a0, 0x51, csrr a0, fcsr)

        /* frm: 3 bits; writes through frm leave fflags alone */
        TEST_CASE(15, a0, 2, li a1, 0xfc; csrrw a0, frm, a1)
        TEST_CASE(16, a0, 0x91, csrr a0, fcsr)
        TEST_CASE(17, a0, 4, li a1, 0x3; csrrs a0, frm, a1)
        TEST_CASE(18, a0, 7, li a1, 0x6; csrrc a0, frm, a1; csrr a0, frm; xori a0, a0, 6)
        TEST_CASE(19, a0, 0x31, csrr a0, fcsr)

        /* read-only forms: csrrs/csrrc with rs1 == x0 */
        TEST_CASE(20, a0, 0x31, csrrs a0, fcsr, x0)
        TEST_CASE(21, a0, 0x31, csrrc a0, fcsr, x0)
        TEST_CASE(22, a0, 0x11, csrrc a0, fflags, x0)
        TEST_CASE(23, a0, 0x31, csrr a0, fcsr)

        /* immediate forms (5-bit zero-extended uimm) */
        TEST_CASE(24, a0, 1, csrrwi a0, frm, 3)
        TEST_CASE(25, a0, 0x71, csrr a0, fcsr)
        TEST_CASE(26, a0, 0x11, csrrsi a0, fflags, 0x0c)
        TEST_CASE(27, a0, 0x1d, csrrci a0, fflags, 0x11)
        TEST_CASE(28, a0, 0x6c, csrrsi a0, fcsr, 0)
        TEST_CASE(29, a0, 0x6c, csrrci a0, fcsr, 0)
        TEST_CASE(30, a0, 0x1f, csrrwi x0, fcsr, 31; csrr a0, fcsr)
        TEST_CASE(31, a0, 0x1f, csrrci a0, fcsr, 31)
        TEST_CASE(32, a0, 0, csrr a0, fcsr)
        TEST_CASE(33, a0, 0, csrrsi a0, frm, 0x1f)
        TEST_CASE(34, a0, 0xe0, csrr a0, fcsr)
        TEST_CASE(35, a0, 7, csrrwi a0, frm, 0)
        TEST_CASE(36, a0, 0, csrrwi a0, fflags, 0x15; csrr a0, frm)
        TEST_CASE(37, a0, 0x15, csrrci a0, fflags, 0)

        /* rd == rs1; csrrs/csrrc of reserved bits only change nothing */
        TEST_CASE(38, a1, 0x15, li a1, 0x21; csrrw a1, fcsr, a1)
        TEST_CASE(39, a0, 0x21, li a1, 0xffffffffffffff00; csrrs a0, fcsr, a1; csrr a0, fcsr)
        TEST_CASE(40, a0, 0x21, li a1, 0xffffffffffffff00; csrrc a0, fcsr, a1; csrr a0, fcsr)
        TEST_CASE(41, a0, 0x01, li a1, 0xe0; csrrs a0, fflags, a1; csrr a0, fflags)
        TEST_CASE(42, a0, 0x21, li a1, 0xf8; csrrs a0, frm, a1; csrr a0, fcsr)

        /* pseudo-instructions (fscsr/frcsr/fsflags/frflags/fsrm/frrm) */
        TEST_CASE(43, a0, 0x21, li a1, 0x8a; fscsr a0, a1)
        TEST_CASE(44, a0, 0x8a, frcsr a0)
        TEST_CASE(45, a0, 0x0a, li a1, 0x04; fsflags a0, a1; frflags a0; xori a0, a0, 0x0e)
        TEST_CASE(46, a0, 4, li a1, 0x01; fsrm a0, a1)
        TEST_CASE(47, a0, 0x24, frcsr a0)
        TEST_CASE(48, a0, 0, fsflagsi 0; fsrmi 0; frcsr a0)

        /* FP operations accumulate into fflags (DZ = 0x08, NV = 0x10, NX = 0x01) */
        TEST_CASE(49, a0, 0x08, csrw fcsr, x0; li a1, 1; fcvt.d.l f1, a1; fcvt.d.l f2, x0; \
                  fdiv.d f3, f1, f2; frflags a0)
        TEST_CASE(50, a0, 0x18, fdiv.d f3, f2, f2; frflags a0)
        TEST_CASE(51, a0, 0x18, fadd.d f3, f1, f1; frflags a0)
        TEST_CASE(52, a0, 0x19, li a1, 3; fcvt.d.l f4, a1; fdiv.d f3, f1, f4; frflags a0)
        TEST_CASE(53, a0, 0x19, csrr a0, fcsr)

        /* frm drives dynamic rounding: -1.5 -> int under RDN (2) and RUP (3) */
        TEST_CASE(54, a0, -2, li a1, 0xbff8000000000000; fmv.d.x f1, a1; fsrmi 2; fcvt.l.d a0, f1, dyn)
        TEST_CASE(55, a0, -1, fsrmi 3; fcvt.l.d a0, f1)
        TEST_CASE(56, a0, -2, fsrmi 3; fcvt.l.d a0, f1, rne)
        TEST_CASE(57, a0, 0x79, csrr a0, fcsr)
        TEST_CASE(58, a0, 0, csrw fcsr, x0; csrr a0, fcsr)

        /* counters: readable, cycle/time do not go backwards, instret
           strictly increases */
        TEST_CASE(59, a0, 1, rdinstret a1; nop; nop; nop; rdinstret a2; sltu a0, a1, a2)
        TEST_CASE(60, a0, 1, csrrs a1, instret, x0; li a3, 100; 1: addi a3, a3, -1; bnez a3, 1b; \
                  csrrs a2, instret, x0; sltu a0, a1, a2)
        TEST_CASE(61, a0, 0, rdcycle a1; li a3, 100; 1: addi a3, a3, -1; bnez a3, 1b; rdcycle a2; sltu a0, a2, a1)
        TEST_CASE(62, a0, 0, rdtime a1; li a3, 100; 1: addi a3, a3, -1; bnez a3, 1b; rdtime a2; sltu a0, a2, a1)
        TEST_CASE(63, a0, 0, csrrs a1, cycle, x0; csrrs a2, cycle, x0; sltu a0, a2, a1)
        TEST_CASE(64, a0, 0, csrrs a1, time, x0; csrrs a2, time, x0; sltu a0, a2, a1)
        TEST_CASE(65, x0, 0, rdinstret x0; rdcycle x0; rdtime x0)

TEST_END
