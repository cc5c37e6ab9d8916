/* Every F and D instruction on special operands (zeros, infinities, NaNs, improperly boxed
 * singles, subnormals, extremes, ties, conversion limits) and on pseudo-random operands, under
 * each static rounding mode, the dynamic mode, and with NX already set; one line per case.
 * Usage: fp_ops [N [SEED]] runs N random cases per instruction (default 24).
 * With FP_OPS_NATIVE defined it instead calls rvemu's fpu_* functions (for a host-side diff). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- how one instruction is executed -------------------------------------------------- */

/* rm: 0..4 static mode, 7 dynamic (frm then used); pre: fflags before the instruction. */
typedef uint64_t exec_fn(uint64_t a, uint64_t b, uint64_t c, int rm, uint64_t frm, uint64_t pre,
                         uint64_t *flags);

/* name, mnemonic, operand shape, has an rm field, format (32/64), vector set */
#define OPS(X)                                                                  \
    X(fadd_s, "fadd.s", FFF, 1, 32, BIN) X(fsub_s, "fsub.s", FFF, 1, 32, BIN)    \
    X(fmul_s, "fmul.s", FFF, 1, 32, BIN) X(fdiv_s, "fdiv.s", FFF, 1, 32, BIN)    \
    X(fsqrt_s, "fsqrt.s", FF, 1, 32, UN)                                        \
    X(fmadd_s, "fmadd.s", FFFF, 1, 32, TERN) X(fmsub_s, "fmsub.s", FFFF, 1, 32, TERN)   \
    X(fnmsub_s, "fnmsub.s", FFFF, 1, 32, TERN) X(fnmadd_s, "fnmadd.s", FFFF, 1, 32, TERN) \
    X(fsgnj_s, "fsgnj.s", FFF, 0, 32, CMP) X(fsgnjn_s, "fsgnjn.s", FFF, 0, 32, CMP) \
    X(fsgnjx_s, "fsgnjx.s", FFF, 0, 32, CMP) X(fmin_s, "fmin.s", FFF, 0, 32, CMP) \
    X(fmax_s, "fmax.s", FFF, 0, 32, CMP) X(feq_s, "feq.s", XFF, 0, 32, CMP)     \
    X(flt_s, "flt.s", XFF, 0, 32, CMP) X(fle_s, "fle.s", XFF, 0, 32, CMP)       \
    X(fclass_s, "fclass.s", XF, 0, 32, CLASS) X(fmv_x_w, "fmv.x.w", XF, 0, 32, CLASS) \
    X(fmv_w_x, "fmv.w.x", FX, 0, 32, INT)                                       \
    X(fcvt_w_s, "fcvt.w.s", XF, 1, 32, TOINT) X(fcvt_wu_s, "fcvt.wu.s", XF, 1, 32, TOINT) \
    X(fcvt_l_s, "fcvt.l.s", XF, 1, 32, TOINT) X(fcvt_lu_s, "fcvt.lu.s", XF, 1, 32, TOINT) \
    X(fcvt_s_w, "fcvt.s.w", FX, 1, 32, INT) X(fcvt_s_wu, "fcvt.s.wu", FX, 1, 32, INT) \
    X(fcvt_s_l, "fcvt.s.l", FX, 1, 32, INT) X(fcvt_s_lu, "fcvt.s.lu", FX, 1, 32, INT) \
    X(fadd_d, "fadd.d", FFF, 1, 64, BIN) X(fsub_d, "fsub.d", FFF, 1, 64, BIN)    \
    X(fmul_d, "fmul.d", FFF, 1, 64, BIN) X(fdiv_d, "fdiv.d", FFF, 1, 64, BIN)    \
    X(fsqrt_d, "fsqrt.d", FF, 1, 64, UN)                                        \
    X(fmadd_d, "fmadd.d", FFFF, 1, 64, TERN) X(fmsub_d, "fmsub.d", FFFF, 1, 64, TERN)   \
    X(fnmsub_d, "fnmsub.d", FFFF, 1, 64, TERN) X(fnmadd_d, "fnmadd.d", FFFF, 1, 64, TERN) \
    X(fsgnj_d, "fsgnj.d", FFF, 0, 64, CMP) X(fsgnjn_d, "fsgnjn.d", FFF, 0, 64, CMP) \
    X(fsgnjx_d, "fsgnjx.d", FFF, 0, 64, CMP) X(fmin_d, "fmin.d", FFF, 0, 64, CMP) \
    X(fmax_d, "fmax.d", FFF, 0, 64, CMP) X(feq_d, "feq.d", XFF, 0, 64, CMP)     \
    X(flt_d, "flt.d", XFF, 0, 64, CMP) X(fle_d, "fle.d", XFF, 0, 64, CMP)       \
    X(fclass_d, "fclass.d", XF, 0, 64, CLASS) X(fmv_x_d, "fmv.x.d", XF, 0, 64, CLASS) \
    X(fmv_d_x, "fmv.d.x", FX, 0, 64, INT)                                       \
    X(fcvt_s_d, "fcvt.s.d", FF, 1, 32, NARROW) X(fcvt_d_s, "fcvt.d.s", FF, 0, 32, WIDEN) \
    X(fcvt_w_d, "fcvt.w.d", XF, 1, 64, TOINT) X(fcvt_wu_d, "fcvt.wu.d", XF, 1, 64, TOINT) \
    X(fcvt_l_d, "fcvt.l.d", XF, 1, 64, TOINT) X(fcvt_lu_d, "fcvt.lu.d", XF, 1, 64, TOINT) \
    X(fcvt_d_w, "fcvt.d.w", FX, 0, 64, INT) X(fcvt_d_wu, "fcvt.d.wu", FX, 0, 64, INT) \
    X(fcvt_d_l, "fcvt.d.l", FX, 1, 64, INT) X(fcvt_d_lu, "fcvt.d.lu", FX, 1, 64, INT)

#ifdef FP_OPS_NATIVE
#include "interp/fpu.h"
#define X(name, mn, shape, has_rm, bits, set)                                                 \
    static uint64_t x_##name(uint64_t a, uint64_t b, uint64_t c, int rm, uint64_t frm,          \
                             uint64_t pre, uint64_t *flags)                                     \
    {                                                                                           \
        static struct rv_cpu cpu;                                                               \
        cpu.fflags = (uint32_t)pre;                                                             \
        uint64_t r = fpu_##name(&cpu, a, b, c, !has_rm ? 0 : rm == 7 ? (int)frm : rm);           \
        *flags = cpu.fflags;                                                                    \
        return r;                                                                               \
    }
OPS(X)
#undef X
#else
/* Operands go through fixed registers so that raw bit patterns (improperly boxed singles
 * included) reach the instruction; frm and fflags are set right before it. */
#define SETUP "fmv.d.x ft0,%[a]\n\tfmv.d.x ft1,%[b]\n\tfmv.d.x ft2,%[c]\n\tfsrm %[frm]\n\tfsflags %[pre]\n\t"
#define ASM(text, out)                                                                  \
    asm volatile(SETUP text "\n\t" out "\n\tfrflags %[fl]"                              \
                 : [r] "=&r"(r), [fl] "=&r"(fl)                                         \
                 : [a] "r"(a), [b] "r"(b), [c] "r"(c), [frm] "r"(frm), [pre] "r"(pre)   \
                 : "ft0", "ft1", "ft2", "ft3")
#define FFFF(mn, rms) ASM(mn " ft3,ft0,ft1,ft2" rms, "fmv.x.d %[r],ft3")
#define FFF(mn, rms) ASM(mn " ft3,ft0,ft1" rms, "fmv.x.d %[r],ft3")
#define FF(mn, rms) ASM(mn " ft3,ft0" rms, "fmv.x.d %[r],ft3")
#define XFF(mn, rms) ASM(mn " %[r],ft0,ft1" rms, "")
#define XF(mn, rms) ASM(mn " %[r],ft0" rms, "")
#define FX(mn, rms) ASM(mn " ft3,%[a]" rms, "fmv.x.d %[r],ft3")
#define X(name, mn, shape, has_rm, bits, set)                                                 \
    static uint64_t x_##name(uint64_t a, uint64_t b, uint64_t c, int rm, uint64_t frm,          \
                             uint64_t pre, uint64_t *flags)                                     \
    {                                                                                           \
        uint64_t r, fl;                                                                         \
        if (!has_rm)                                                                            \
            shape(mn, "");                                                                      \
        else                                                                                    \
            switch (rm) {                                                                       \
            case 0: shape(mn, ",rne"); break;                                                   \
            case 1: shape(mn, ",rtz"); break;                                                   \
            case 2: shape(mn, ",rdn"); break;                                                   \
            case 3: shape(mn, ",rup"); break;                                                   \
            case 4: shape(mn, ",rmm"); break;                                                   \
            default: shape(mn, ",dyn"); break;                                                  \
            }                                                                                   \
        *flags = fl;                                                                            \
        return r;                                                                               \
    }
OPS(X)
#undef X
#endif

enum set { BIN, TERN, UN, CMP, CLASS, TOINT, INT, NARROW, WIDEN };
struct op { const char *mn; exec_fn *fn; int has_rm, bits, set, nin; };
#define NIN_FFFF 3
#define NIN_FFF 2
#define NIN_FF 1
#define NIN_XFF 2
#define NIN_XF 1
#define NIN_FX 1
#define X(name, mn, shape, has_rm, bits, set) {mn, x_##name, has_rm, bits, set, NIN_##shape},
static const struct op ops[] = {OPS(X)};
#undef X

/* ---- operands ------------------------------------------------------------------------- */

#define BOX(v) (0xffffffff00000000ull | (uint32_t)(v))
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* All pairs of these go through every binary op and comparison. */
static const uint64_t sp32[] = {
    BOX(0x00000000), BOX(0x80000000), BOX(0x3f800000), BOX(0xbfc00000), BOX(0x00000001),
    BOX(0x807fffff), BOX(0x00800000), BOX(0x7f7fffff), BOX(0xff800000), BOX(0x7fc00000),
    BOX(0xff800001), 0x000000003f800000ull, BOX(0x40400000),
};
static const uint64_t sp64[] = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff8000000000000,
    0x0000000000000001, 0x800fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff,
    0xfff0000000000000, 0x7ff8000000000000, 0xfff0000000000001, 0x7ff4000000000000,
    0x4008000000000000,
};
/* All triples of these go through the fused ops: zero signs, inf*0, inf-inf, NaN kinds. */
static const uint64_t tern32[] = {BOX(0x00000000), BOX(0x80000000), BOX(0x3fc00000), BOX(0x7f800000),
                                  BOX(0x7fc00000), BOX(0x7f800001)};
static const uint64_t tern64[] = {0x0000000000000000, 0x8000000000000000, 0x3ff8000000000000,
                                  0x7ff0000000000000, 0x7ff8000000000000, 0x7ff0000000000001};

/* Chosen pairs: ties in each direction, overflow at the boundary, results that are subnormal,
 * tiny-but-rounding-to-normal, and exact cancellation. */
static const uint64_t pairs32[][2] = {
    {BOX(0x3f800000), BOX(0x33800000)}, {BOX(0x3f800001), BOX(0x33800000)}, /* 1 + half ulp */
    {BOX(0xbf800000), BOX(0xb3800000)}, {BOX(0x3f800000), BOX(0x33000000)},
    {BOX(0x3f800000), BOX(0x33c00000)}, {BOX(0x3f800000), BOX(0xb3800000)},
    {BOX(0x7f7fffff), BOX(0x7f7fffff)}, {BOX(0x7f7fffff), BOX(0x73000000)}, /* max + half ulp */
    {BOX(0xff7fffff), BOX(0xf3000000)}, {BOX(0x00800000), BOX(0x3f000000)},
    {BOX(0x00800000), BOX(0x3f000001)}, {BOX(0x3f7fffff), BOX(0x00800000)},
    {BOX(0x00800001), BOX(0x3f7fffff)}, {BOX(0x3f800000), BOX(0xbf800000)},
    {BOX(0x00000003), BOX(0x3e800000)}, {BOX(0x3fffffff), BOX(0x3fffffff)},
    {BOX(0x40400000), BOX(0x3fc00000)}, {BOX(0x3f800000), BOX(0x40400000)},
    {BOX(0x7f000000), BOX(0x40000000)}, {BOX(0x00400000), BOX(0x4b000000)},
};
static const uint64_t pairs64[][2] = {
    {0x3ff0000000000000, 0x3ca0000000000000}, {0x3ff0000000000001, 0x3ca0000000000000},
    {0xbff0000000000000, 0xbca0000000000000}, {0x3ff0000000000000, 0x3c90000000000000},
    {0x3ff0000000000000, 0x3ca8000000000000}, {0x3ff0000000000000, 0xbca0000000000000},
    {0x7fefffffffffffff, 0x7fefffffffffffff}, {0x7fefffffffffffff, 0x7c90000000000000},
    {0xffefffffffffffff, 0xfc90000000000000}, {0x0010000000000000, 0x3fe0000000000000},
    {0x0010000000000000, 0x3fe0000000000001}, {0x3fefffffffffffff, 0x0010000000000000},
    {0x0010000000000001, 0x3fefffffffffffff}, {0x3ff0000000000000, 0xbff0000000000000},
    {0x0000000000000003, 0x3fd0000000000000}, {0x3fffffffffffffff, 0x3fffffffffffffff},
    {0x4008000000000000, 0x3ff8000000000000}, {0x3ff0000000000000, 0x4008000000000000},
    {0x7fe0000000000000, 0x4000000000000000}, {0x0008000000000000, 0x4330000000000000},
};
/* Chosen triples: a*b+c that is tiny before rounding but rounds to the smallest normal
 * (tininess after rounding), exact cancellation, and a sticky bit far below the sum. */
static const uint64_t triples32[][3] = {
    {BOX(0x80800000), BOX(0x33000000), BOX(0x00800000)},
    {BOX(0x80800000), BOX(0x33800000), BOX(0x00800000)},
    {BOX(0x3f800000), BOX(0x3f800000), BOX(0xbf800000)},
    {BOX(0x3f800001), BOX(0x3f800001), BOX(0xbf800002)},
    {BOX(0x3f800000), BOX(0x3f800000), BOX(0x00000001)},
    {BOX(0x00000001), BOX(0x00000001), BOX(0x3f800000)},
    {BOX(0x7f7fffff), BOX(0x40000000), BOX(0xff7fffff)},
    {BOX(0x00000001), BOX(0x3f000000), BOX(0x80000000)},
};
static const uint64_t triples64[][3] = {
    {0x8010000000000000, 0x3c90000000000000, 0x0010000000000000},
    {0x8010000000000000, 0x3ca0000000000000, 0x0010000000000000},
    {0x3ff0000000000000, 0x3ff0000000000000, 0xbff0000000000000},
    {0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000002},
    {0x3ff0000000000000, 0x3ff0000000000000, 0x0000000000000001},
    {0x0000000000000001, 0x0000000000000001, 0x3ff0000000000000},
    {0x7fefffffffffffff, 0x4000000000000000, 0xffefffffffffffff},
    {0x0000000000000001, 0x3fe0000000000000, 0x8000000000000000},
};
/* Conversion to integer: halves, both sides of each integer type's limits, huge, NaNs. */
static const uint64_t toint32[] = {
    BOX(0x00000000), BOX(0x80000000), BOX(0x3f000000), BOX(0xbf000000), BOX(0x3fc00000),
    BOX(0xbfc00000), BOX(0x40200000), BOX(0xc0200000), BOX(0x3effffff), BOX(0xbf7fffff),
    BOX(0x4effffff), BOX(0x4f000000), BOX(0xcf000000), BOX(0xcf000001), BOX(0x4f7fffff),
    BOX(0x4f800000), BOX(0x5effffff), BOX(0x5f000000), BOX(0xdf000000), BOX(0xdf000001),
    BOX(0x5f7fffff), BOX(0x5f800000), BOX(0x7f800000), BOX(0xff800000), BOX(0x7fc00000),
    BOX(0xffc00000), BOX(0x7f800001), BOX(0x00000001), BOX(0x80000001), 0x000000004f000000ull,
    BOX(0x4b7fffff), BOX(0xcb7fffff),
};
static const uint64_t toint64[] = {
    0x0000000000000000, 0x8000000000000000, 0x3fe0000000000000, 0xbfe0000000000000,
    0x3ff8000000000000, 0xbff8000000000000, 0x4004000000000000, 0xc004000000000000,
    0x3fdfffffffffffff, 0xbfefffffffffffff, 0x41dfffffffc00000, 0x41dfffffffe00000,
    0x41dfffffffffffff, 0x41e0000000000000, 0xc1e0000000000000, 0xc1e0000000100000,
    0xc1e0000000200000, 0x41efffffffe00000, 0x41efffffffffffff, 0x41f0000000000000,
    0x43dfffffffffffff, 0x43e0000000000000, 0xc3e0000000000000, 0xc3e0000000000001,
    0x43efffffffffffff, 0x43f0000000000000, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001, 0x0000000000000001,
    0x8000000000000001, 0x4330000000000001, 0xc32fffffffffffff, 0x46293e5939a08cea,
};
/* Integer sources: limits of each width, rounding ties at 2^24 and 2^53, junk upper bits. */
static const uint64_t ints[] = {
    0, 1, 0xffffffffffffffff, 0xffffffff80000000, 0x7fffffff, 0xffffffff, 0x80000000,
    0x7fffffffffffffff, 0x8000000000000000, 0x1000001, 0x1000003, 0x2000006, 0x20000001,
    0x20000000000001, 0x20000000000003, 0x100000001, 0xfffffffe00000003, 0x123456789abcdef0,
    0xfedcba9876543210, 0xffffff7f, 0xffffff80, 0xffffffffffffff7f, 0xfffffffffffffc00,
    0x7ffffffffffffdff, 0xfffffffffe000001, 0x7fffffc0,
};
/* Double to single: ties, overflow edges, tiny results around the subnormal range. */
static const uint64_t narrow[] = {
    0x3ff0000010000000, 0x3ff0000030000000, 0x3ff0000010000001, 0xbff0000010000000,
    0x47efffffe0000000, 0x47efffffefffffff, 0x47effffff0000000, 0x47f0000000000000,
    0xc7effffff0000000, 0x3810000000000000, 0x380fffffe0000000, 0x380ffffff0000000,
    0x380ffffff8000000, 0x36a0000000000000, 0x36a0000000000001, 0x3698000000000000,
    0x36b8000000000000, 0xb6a0000000000000, 0x0000000000000001, 0x7fefffffffffffff,
    0x3fd5555555555555, 0x7ff8000000000000, 0xfff0000000000001, 0x7ff0000000000000,
    0x8000000000000000, 0x400921fb54442d18,
};
/* Single-source specials (sqrt, class, widening, moves). */
static const uint64_t un32[] = {
    BOX(0x00000000), BOX(0x80000000), BOX(0x3f800000), BOX(0xbf800000), BOX(0x40000000),
    BOX(0x40400000), BOX(0x00000001), BOX(0x80000001), BOX(0x007fffff), BOX(0x00800000),
    BOX(0x7f7fffff), BOX(0x7f800000), BOX(0xff800000), BOX(0x7fc00000), BOX(0xffc00001),
    BOX(0x7f800001), BOX(0xff800001), BOX(0x3f800001), BOX(0x3e800000), BOX(0x807fffff),
    BOX(0xc0000000), 0x000000003f800000ull, 0x7fffffff40000000ull, 0x00000000ff800000ull,
};
static const uint64_t un64[] = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x4000000000000000, 0x4008000000000000, 0x0000000000000001, 0x8000000000000001,
    0x000fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff, 0x7ff0000000000000,
    0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000001, 0x7ff0000000000001,
    0xfff0000000000001, 0x3ff0000000000001, 0x3fd0000000000000, 0x800fffffffffffff,
    0xc000000000000000, 0xffffffff3f800000,
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A pseudo-random value of a format, biased to the interesting places: exponents at the
 * ends of the range and near 1, significands that are all ones, sparse or short. With
 * near >= 0 the exponent field is within prec+3 of near (for alignment and cancellation). */
static uint64_t rand_float(int bits, long near)
{
    int prec = bits == 32 ? 24 : 53;
    uint64_t emax_f = bits == 32 ? 255 : 2047, bias = emax_f / 2, fb = prec - 1;
    uint64_t e, frac, r = rnd();
    if (near >= 0) {
        long d = (long)(r % (uint64_t)(prec + 6)) - 3;
        e = (uint64_t)(near - d < 0 ? 0 : near - d > (long)emax_f ? (long)emax_f : near - d);
    } else {
        switch (r % 8) {
        case 0: e = 0; break;
        case 1: e = 1 + (r >> 8) % 3; break;
        case 2: e = emax_f - 1 - (r >> 8) % 3; break;
        case 3: case 4: e = bias - 2 + (r >> 8) % 5; break;
        case 5: e = (r >> 8) % 400 == 0 ? emax_f : bias + 20 + (r >> 8) % 50; break;
        default: e = 1 + (r >> 8) % (emax_f - 1); break;
        }
    }
    uint64_t m = rnd(), mask = (1ull << fb) - 1;
    switch (rnd() % 6) {
    case 0: frac = mask; break;
    case 1: frac = 1ull << (m % fb); break;
    case 2: frac = m & ~(mask >> (m % 8 + 2)); break;    /* only top bits */
    case 3: frac = mask >> (m % fb); break;              /* low ones */
    default: frac = m; break;
    }
    uint64_t v = (rnd() & 1) << (bits - 1) | e << fb | (frac & mask);
    return bits == 32 ? BOX(v) : v;
}

static long exp_field(int bits, uint64_t v)
{
    return bits == 32 ? (long)((v >> 23) & 255) : (long)((v >> 52) & 2047);
}

/* Values near integer limits for conversion to integer. */
static uint64_t rand_toint(int bits)
{
    long bias = bits == 32 ? 127 : 1023;
    return rand_float(bits, bias + (long)(rnd() % 68) - 2);
}

static uint64_t rand_int(void)
{
    uint64_t m = rnd(), r = rnd();
    int w = (int)(r % 65);
    uint64_t v = w == 64 ? m : m & ((1ull << w) - 1);
    if ((r >> 8) % 4 == 0)
        v |= 1ull << (w == 0 ? 0 : w - 1);
    if ((r >> 16) % 3 == 0)
        v = -v;
    return v;
}

/* ---- running and printing -------------------------------------------------------------- */

static const char *const rm_name[] = {"rne", "rtz", "rdn", "rup", "rmm"};
static unsigned long ncase;

static void one(const struct op *o, const char *label, int rm, uint64_t frm, uint64_t pre,
                const uint64_t *in)
{
    uint64_t fl, r = o->fn(in[0], in[1], in[2], rm, frm, pre, &fl);
    char f[6] = "-----";
    static const char letters[] = "VZOUX";
    for (int i = 0; i < 5; i++)
        if (fl & (16u >> i))
            f[i] = letters[i];
    printf("%-9s %-7s", o->mn, label);
    for (int i = 0; i < o->nin; i++)
        printf(" %016" PRIx64, in[i]);
    printf(" -> %016" PRIx64 " %s\n", r, f);
}

/* Every static mode, the dynamic mode (frm rotating through all five), and for the ops with a
 * fast path in rvemu, RNE with NX already set (where a host FPU shortcut is tempting). */
static void run(const struct op *o, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t in[3] = {a, b, c};
    ncase++;
    if (!o->has_rm) {
        one(o, "-", 0, 0, 0, in);
        return;
    }
    for (int rm = 0; rm < 5; rm++)
        one(o, rm_name[rm], rm, 0, 0, in);
    char label[16];
    int frm = (int)(ncase % 5);
    snprintf(label, sizeof label, "dyn=%s", rm_name[frm]);
    one(o, label, 7, (uint64_t)frm, 0, in);
    if (o->set == BIN || o->set == TERN || o->set == UN)
        one(o, "rne+nx", 0, 0, 1, in);
}

int main(int argc, char **argv)
{
    long nrand = argc > 1 ? atol(argv[1]) : 24;
    if (argc > 2)
        rng = strtoull(argv[2], 0, 0) | 1;
    for (size_t k = 0; k < N(ops); k++) {
        const struct op *o = &ops[k];
        int s = o->bits == 32;
        const uint64_t *sp = s ? sp32 : sp64, *un = s ? un32 : un64, *ti = s ? toint32 : toint64;
        size_t nsp = s ? N(sp32) : N(sp64), nun = s ? N(un32) : N(un64), nti = s ? N(toint32) : N(toint64);
        switch (o->set) {
        case BIN:
        case CMP:
            for (size_t i = 0; i < nsp; i++)
                for (size_t j = 0; j < nsp; j++)
                    run(o, sp[i], sp[j], 0);
            for (size_t i = 0; i < (s ? N(pairs32) : N(pairs64)); i++)
                run(o, s ? pairs32[i][0] : pairs64[i][0], s ? pairs32[i][1] : pairs64[i][1], 0);
            for (long i = 0; i < nrand; i++) {
                uint64_t a = rand_float(o->bits, -1);
                run(o, a, rand_float(o->bits, i % 2 ? exp_field(o->bits, a) : -1), 0);
            }
            break;
        case TERN: {
            const uint64_t *t = s ? tern32 : tern64;
            size_t nt = s ? N(tern32) : N(tern64);
            for (size_t i = 0; i < nt; i++)
                for (size_t j = 0; j < nt; j++)
                    for (size_t l = 0; l < nt; l++)
                        run(o, t[i], t[j], t[l]);
            for (size_t i = 0; i < N(triples32); i++) {
                const uint64_t *v = s ? triples32[i] : triples64[i];
                run(o, v[0], v[1], v[2]);
            }
            for (long i = 0; i < nrand; i++) {
                uint64_t a = rand_float(o->bits, -1), b = rand_float(o->bits, -1);
                long pe = exp_field(o->bits, a) + exp_field(o->bits, b) - (s ? 127 : 1023);
                run(o, a, b, rand_float(o->bits, i % 3 && pe > 0 ? pe : -1));
            }
            break;
        }
        case UN:
        case CLASS:
        case WIDEN:
            for (size_t i = 0; i < nun; i++)
                run(o, un[i], 0, 0);
            for (long i = 0; i < nrand / 2; i++)
                run(o, rand_float(o->bits, -1), 0, 0);
            break;
        case TOINT:
            for (size_t i = 0; i < nti; i++)
                run(o, ti[i], 0, 0);
            for (long i = 0; i < nrand; i++)
                run(o, rand_toint(o->bits), 0, 0);
            break;
        case INT:
            for (size_t i = 0; i < N(ints); i++)
                run(o, ints[i], 0, 0);
            for (long i = 0; i < nrand; i++)
                run(o, rand_int(), 0, 0);
            break;
        case NARROW:
            for (size_t i = 0; i < N(narrow); i++)
                run(o, narrow[i], 0, 0);
            for (size_t i = 0; i < N(un64); i++)
                run(o, un64[i], 0, 0);
            for (long i = 0; i < nrand; i++) {
                uint64_t v = rand_float(64, 1023 + (long)(rnd() % 300) - 150);
                if (i % 3 == 0)
                    v = rand_float(64, 1023 - 126 - (long)(rnd() % 30));
                run(o, v, 0, 0);
            }
            break;
        }
    }
    return 0;
}
