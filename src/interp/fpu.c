/* F and D extension semantics: a small exact soft-float core (all five rounding modes,
 * tininess detected after rounding, canonical NaNs) shared by both formats, plus a host-FPU
 * fast path for the common case where the host's answer is provably the same. */
#include <float.h>
#include <math.h>
#include <string.h>
#include "interp/fpu.h"
#include "interp/u128.h"

/* A binary interchange format: precision in bits (with the hidden bit), exponent range, width. */
struct fmt { int prec, emin, emax, bits; };
static const struct fmt F32 = {24, -126, 127, 32};
static const struct fmt F64 = {53, -1022, 1023, 64};

static inline uint64_t sign_bit(const struct fmt *f) { return 1ull << (f->bits - 1); }
static inline uint64_t exp_ones(const struct fmt *f) { return (1ull << (f->bits - f->prec)) - 1; }
static inline uint64_t frac_mask(const struct fmt *f) { return (1ull << (f->prec - 1)) - 1; }
static inline uint64_t canon_nan(const struct fmt *f) { return f->bits == 32 ? 0x7fc00000 : 0x7ff8000000000000; }
static inline uint64_t infinity(const struct fmt *f, int sign)
{
    return (sign ? sign_bit(f) : 0) | exp_ones(f) << (f->prec - 1);
}

/* Singles live NaN-boxed in 64-bit registers; a value that is not properly boxed reads as the
 * canonical NaN. */
static inline uint64_t box(uint64_t v) { return v | 0xffffffff00000000ull; }
static inline uint64_t unbox(uint64_t v) { return (v >> 32) == 0xffffffff ? (uint32_t)v : 0x7fc00000; }

/* Classes as bits so that "any operand is X" is one mask test. */
enum { C_ZERO = 1, C_FIN = 2, C_INF = 4, C_QNAN = 8, C_SNAN = 16, C_NAN = C_QNAN | C_SNAN };

/* A decoded operand; for C_FIN the value is (-1)^sign * sig * 2^exp, sig not normalised. */
struct num { int cls, sign, exp; u128 sig; };

static struct num unpack(const struct fmt *f, uint64_t v)
{
    int fb = f->prec - 1;
    uint64_t frac = v & frac_mask(f), be = (v >> fb) & exp_ones(f);
    struct num x = {C_FIN, (int)(v >> (f->bits - 1)) & 1, 0, u128_of(frac)};
    if (be == exp_ones(f))
        x.cls = !frac ? C_INF : (frac >> (fb - 1)) ? C_QNAN : C_SNAN;
    else if (be == 0) {
        x.cls = frac ? C_FIN : C_ZERO;
        x.exp = f->emin - fb;
    } else {
        x.sig = u128_or64(x.sig, 1ull << fb);
        x.exp = (int)be - f->emax - fb;
    }
    return x;
}

static inline int bitlen(u128 v)
{
    uint64_t hi = u128_hi(v), lo = u128_lo(v);
    return hi ? 128 - __builtin_clzll(hi) : lo ? 64 - __builtin_clzll(lo) : 0;
}

static inline uint64_t with_flags(struct rv_cpu *cpu, uint32_t flags, uint64_t result)
{
    cpu->fflags |= flags;
    return result;
}

/* Any NaN operand gives the canonical NaN; only a signalling one is an invalid operation. */
static inline uint64_t nan_result(struct rv_cpu *cpu, const struct fmt *f, int classes)
{
    return with_flags(cpu, classes & C_SNAN ? FF_NV : 0, canon_nan(f));
}

/* sig >> shift rounded by rm. Requires sig < 2^120, so any shift beyond 126 rounds exactly as
 * 126 does (everything is below half an ulp) and can be clamped. */
static u128 shift_round(u128 sig, int shift, int rm, int sign, int *inexact)
{
    if (shift <= 0) {
        *inexact = 0;
        return u128_shl(sig, -shift);
    }
    if (shift > 126)
        shift = 126;
    u128 kept = u128_shr(sig, shift), rem = u128_low(sig, shift), half = u128_shl(u128_of(1), shift - 1);
    *inexact = u128_nz(rem);
    if (!*inexact)
        return kept;
    int up;
    switch (rm) {
    case RM_RNE: up = u128_lt(half, rem) || (u128_eq(rem, half) && (u128_lo(kept) & 1)); break;
    case RM_RMM: up = !u128_lt(rem, half); break;
    case RM_RDN: up = sign != 0; break;
    case RM_RUP: up = sign == 0; break;
    default:     up = 0; break;
    }
    return u128_add(kept, u128_of((uint64_t)up));
}

/* Rounds (-1)^sign * sig * 2^exp (sig != 0, sig < 2^120) into format f and encodes it. Callers
 * may fold a sticky bit into bit 0 of sig when sig has at least prec+2 bits: the rounding
 * point is then at least two bits up and the sticky bit can only break ties. */
static uint64_t round_pack(struct rv_cpu *cpu, const struct fmt *f, int sign, int exp, u128 sig, int rm)
{
    int n = bitlen(sig);
    int top = exp + n - 1;                          /* exponent of the leading bit */
    int lsb = top - f->prec + 1;                    /* weight of the last bit we can keep */
    if (lsb < f->emin - f->prec + 1)                /* subnormal: fewer bits are available */
        lsb = f->emin - f->prec + 1;
    int inexact;
    u128 m = shift_round(sig, lsb - exp, rm, sign, &inexact);
    if (u128_nz(u128_shr(m, f->prec))) {           /* rounding carried into a new bit */
        m = u128_shr(m, 1);
        lsb++;
    }
    uint32_t flags = inexact ? FF_NX : 0;
    if (inexact && top < f->emin) {
        /* Tininess after rounding: round to full precision with an unbounded exponent and
         * see whether the result is still below the smallest normal. */
        int ignored;
        u128 full = shift_round(sig, n - f->prec, rm, sign, &ignored);
        if (top + (int)u128_lo(u128_shr(full, f->prec)) < f->emin)
            flags |= FF_UF;
    }
    uint64_t s = sign ? sign_bit(f) : 0, be = 0;
    if (u128_nz(u128_shr(m, f->prec - 1))) {                       /* normal (a subnormal may have rounded up) */
        int e = lsb + f->prec - 1;
        if (e > f->emax) {
            /* overflow goes to infinity unless rm rounds toward zero for this sign */
            int to_inf = rm == RM_RNE || rm == RM_RMM || (rm == RM_RDN && sign) || (rm == RM_RUP && !sign);
            uint64_t inf = infinity(f, sign);
            return with_flags(cpu, flags | FF_OF | FF_NX, to_inf ? inf : inf - 1);
        }
        be = (uint64_t)(e + f->emax);
    }
    return with_flags(cpu, flags, s | be << (f->prec - 1) | (u128_lo(m) & frac_mask(f)));
}

/* An exactly zero sum of nonzero or opposite-signed operands is +0, except -0 when rounding down. */
static inline uint64_t exact_zero(const struct fmt *f, int rm) { return rm == RM_RDN ? sign_bit(f) : 0; }

static inline u128 shift_right_jam(u128 v, int d)
{
    if (d >= 128)
        return u128_of((uint64_t)u128_nz(v));
    return d ? u128_or64(u128_shr(v, d), (uint64_t)u128_nz(u128_low(v, d))) : v;
}

/* Sum of two nonzero finite values with sigs below 2^107 (a double product fits). Both are
 * aligned to a leading bit at 107, so the larger keeps at least two zero low bits; the smaller
 * loses bits only when at least 2 places below, when the result still has 106+ bits and a
 * sticky bit is enough. */
static uint64_t add_core(struct rv_cpu *cpu, const struct fmt *f, int xs, int xe, u128 x,
                         int ys, int ye, u128 y, int rm)
{
    int nx = 108 - bitlen(x), ny = 108 - bitlen(y);
    x = u128_shl(x, nx), xe -= nx;
    y = u128_shl(y, ny), ye -= ny;
    if (ye > xe || (ye == xe && u128_lt(x, y))) {
        u128 t = x; x = y; y = t;
        int i = xe; xe = ye; ye = i;
        i = xs; xs = ys; ys = i;
    }
    y = shift_right_jam(y, xe - ye);
    u128 r = xs == ys ? u128_add(x, y) : u128_sub(x, y);
    if (!u128_nz(r))
        return exact_zero(f, rm);
    return round_pack(cpu, f, xs, xe, r, rm);
}

/* ---- host fast path ----------------------------------------------------------------------
 * NX is sticky, so once the guest has it set a new inexact result is invisible. Then, in RNE
 * (the host's own mode; rvemu never changes it), an operation on zero or normal inputs whose
 * host result is a finite normal above the smallest normal raised nothing else the guest could
 * see, and the host result is correctly rounded. Everything else takes the exact path. This
 * needs a host that evaluates float and double in their own precision (SSE2, AArch64). */
#if FLT_EVAL_METHOD == 0
#define HAVE_FAST 1
#else
#define HAVE_FAST 0
#endif

/* On x86-64 the host's own inexact flag (MXCSR.PE) tells whether a result with plain inputs
 * and a plain output was exact, so the fast path also serves a guest whose NX is still clear
 * (exact arithmetic never sets it: integer-valued matrices, counters in doubles). The host
 * flags are kept clear between operations. Elsewhere only sticky NX allows the fast path. */
#if HAVE_FAST && defined(__x86_64__) && defined(__SSE2__)
#include <xmmintrin.h>
#define HOST_PE 0x20u
static inline unsigned host_flags(void) { return _mm_getcsr() & 0x3fu; }
static inline void host_flags_clear(void) { _mm_setcsr(_mm_getcsr() & ~0x3fu); }
static inline int fast_ok(struct rv_cpu *cpu, int rm)
{
    if (rm != RM_RNE)
        return 0;
    if (!(cpu->fflags & FF_NX) && host_flags())
        host_flags_clear();     /* left by rvemu's own FP code: not the guest's */
    return 1;
}
/* after a plain result: the only flag it can have raised is inexact */
static inline void fast_flags(struct rv_cpu *cpu)
{
    if (!(cpu->fflags & FF_NX)) {
        unsigned fl = host_flags();
        if (fl) {
            host_flags_clear();
            if (fl & HOST_PE)
                cpu->fflags |= FF_NX;
        }
    }
}
#else
static inline int fast_ok(struct rv_cpu *cpu, int rm) { return HAVE_FAST && rm == RM_RNE && (cpu->fflags & FF_NX); }
static inline void fast_flags(struct rv_cpu *cpu) { (void)cpu; }
#endif

static inline int plain(const struct fmt *f, uint64_t v)
{
    uint64_t be = (v >> (f->prec - 1)) & exp_ones(f);
    return (be != 0 && be != exp_ones(f)) || (v << (65 - f->bits)) == 0;
}

static inline float as_f32(uint64_t v) { float x; uint32_t u = (uint32_t)v; memcpy(&x, &u, 4); return x; }
static inline double as_f64(uint64_t v) { double x; memcpy(&x, &v, 8); return x; }
static inline uint64_t bits_f32(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }
static inline uint64_t bits_f64(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
static inline int plain_f32(float r) { r = fabsf(r); return r > FLT_MIN && r <= FLT_MAX; }
static inline int plain_f64(double r) { r = fabs(r); return r > DBL_MIN && r <= DBL_MAX; }

/* Tries the host expression (E32 on floats, E64 on doubles, over operands x, y, z read from
 * A, B, C) and returns its result when that is provably exact; otherwise falls through. */
#define FAST(A, B, C, E32, E64)                                                         \
    do {                                                                                \
        if (f->bits == 32) {                                                            \
            float x = as_f32(A), y = as_f32(B), z = as_f32(C), r = (E32);               \
            (void)y, (void)z;                                                           \
            if (plain_f32(r)) {                                                         \
                fast_flags(cpu);                                                        \
                return bits_f32(r);                                                     \
            }                                                                           \
        } else {                                                                        \
            double x = as_f64(A), y = as_f64(B), z = as_f64(C), r = (E64);              \
            (void)y, (void)z;                                                           \
            if (plain_f64(r)) {                                                         \
                fast_flags(cpu);                                                        \
                return bits_f64(r);                                                     \
            }                                                                           \
        }                                                                               \
    } while (0)

/* ---- arithmetic -------------------------------------------------------------------------- */

static uint64_t add(struct rv_cpu *cpu, const struct fmt *f, uint64_t a, uint64_t b, int rm)
{
    if (fast_ok(cpu, rm) && plain(f, a) && plain(f, b))
        FAST(a, b, 0, x + y, x + y);
    struct num x = unpack(f, a), y = unpack(f, b);
    int cl = x.cls | y.cls;
    if (cl & C_NAN)
        return nan_result(cpu, f, cl);
    if (cl & C_INF) {
        if (x.cls == C_INF && y.cls == C_INF && x.sign != y.sign)
            return with_flags(cpu, FF_NV, canon_nan(f));
        return x.cls == C_INF ? a : b;
    }
    if (x.cls == C_ZERO)
        return y.cls == C_ZERO && x.sign != y.sign ? exact_zero(f, rm) : b;
    if (y.cls == C_ZERO)
        return a;
    return add_core(cpu, f, x.sign, x.exp, x.sig, y.sign, y.exp, y.sig, rm);
}

static uint64_t mul(struct rv_cpu *cpu, const struct fmt *f, uint64_t a, uint64_t b, int rm)
{
    if (fast_ok(cpu, rm) && plain(f, a) && plain(f, b))
        FAST(a, b, 0, x * y, x * y);
    struct num x = unpack(f, a), y = unpack(f, b);
    int cl = x.cls | y.cls, sign = x.sign ^ y.sign;
    if (cl & C_NAN)
        return nan_result(cpu, f, cl);
    if (cl & C_INF)
        return cl & C_ZERO ? with_flags(cpu, FF_NV, canon_nan(f)) : infinity(f, sign);
    if (cl & C_ZERO)
        return sign ? sign_bit(f) : 0;
    return round_pack(cpu, f, sign, x.exp + y.exp, u128_mul64(u128_lo(x.sig), u128_lo(y.sig)), rm);
}

static uint64_t divide(struct rv_cpu *cpu, const struct fmt *f, uint64_t a, uint64_t b, int rm)
{
    if (fast_ok(cpu, rm) && plain(f, a) && plain(f, b) && (b << (65 - f->bits)))
        FAST(a, b, 0, x / y, x / y);
    struct num x = unpack(f, a), y = unpack(f, b);
    int cl = x.cls | y.cls, sign = x.sign ^ y.sign;
    if (cl & C_NAN)
        return nan_result(cpu, f, cl);
    if (x.cls == y.cls && (cl & (C_INF | C_ZERO)))           /* inf/inf, 0/0 */
        return with_flags(cpu, FF_NV, canon_nan(f));
    if (x.cls == C_INF || y.cls == C_ZERO)
        return with_flags(cpu, x.cls == C_INF ? 0 : FF_DZ, infinity(f, sign));
    if (x.cls == C_ZERO || y.cls == C_INF)
        return sign ? sign_bit(f) : 0;
    /* Divisor normalised to prec bits, dividend to 2*prec+3: the quotient then has prec+3 or
     * prec+4 bits, and a nonzero remainder becomes the sticky bit. */
    int nx = f->prec + 3 + f->prec - bitlen(x.sig), ny = f->prec - bitlen(y.sig);
    /* the divisor has prec bits and the quotient at most prec+4: both fit in 64 bits */
    u128 xs = u128_shl(x.sig, nx);
    uint64_t ys = u128_lo(u128_shl(y.sig, ny));
    uint64_t q = u128_lo(u128_div64(xs, ys));
    q |= !u128_eq(u128_mul64(q, ys), xs);
    return round_pack(cpu, f, sign, (x.exp - nx) - (y.exp - ny), u128_of(q), rm);
}

static uint64_t square_root(struct rv_cpu *cpu, const struct fmt *f, uint64_t a, int rm)
{
    if (fast_ok(cpu, rm) && plain(f, a) && !(a & sign_bit(f)) && a)
        FAST(a, 0, 0, sqrtf(x), sqrt(x));
    struct num x = unpack(f, a);
    if (x.cls & C_NAN)
        return nan_result(cpu, f, x.cls);
    if (x.cls == C_ZERO)
        return a;
    if (x.sign)
        return with_flags(cpu, FF_NV, canon_nan(f));
    if (x.cls == C_INF)
        return a;
    /* Scale to an even exponent and 2*prec+5 or +6 bits, so the integer root has prec+3 bits;
     * an inexact root gets a sticky bit. */
    int k = 2 * f->prec + 5 - bitlen(x.sig);
    if ((x.exp - k) & 1)
        k++;
    u128 s = u128_shl(x.sig, k);
    /* the root has prec+3 bits: it and its square's factors fit in 64 bits */
    uint64_t r = (uint64_t)__builtin_sqrt(u128_to_double(s));  /* estimate; corrected exactly below */
    while (u128_lt(s, u128_mul64(r, r)))
        r--;
    while (!u128_lt(s, u128_mul64(r + 1, r + 1)))
        r++;
    r |= !u128_eq(u128_mul64(r, r), s);
    return round_pack(cpu, f, 0, (x.exp - k) / 2, u128_of(r), rm);
}

/* a*b + c with one rounding; the fnm/fms variants arrive with a and/or c negated. */
static uint64_t fused(struct rv_cpu *cpu, const struct fmt *f, uint64_t a, uint64_t b, uint64_t c, int rm)
{
    if (fast_ok(cpu, rm) && plain(f, a) && plain(f, b) && plain(f, c))
        FAST(a, b, c, fmaf(x, y, z), fma(x, y, z));
    struct num x = unpack(f, a), y = unpack(f, b), z = unpack(f, c);
    int pcl = x.cls | y.cls, ps = x.sign ^ y.sign;
    /* The spec requires NV for inf*0 even when the addend is a quiet NaN. */
    if ((pcl & C_INF) && (pcl & C_ZERO))
        return with_flags(cpu, FF_NV, canon_nan(f));
    if ((pcl | z.cls) & C_NAN)
        return nan_result(cpu, f, pcl | z.cls);
    if (pcl & C_INF) {
        if (z.cls == C_INF && z.sign != ps)
            return with_flags(cpu, FF_NV, canon_nan(f));
        return infinity(f, ps);
    }
    if (z.cls == C_INF)
        return c;
    if (pcl & C_ZERO) {
        if (z.cls == C_ZERO)
            return z.sign == ps ? c : exact_zero(f, rm);
        return c;
    }
    if (z.cls == C_ZERO)
        return round_pack(cpu, f, ps, x.exp + y.exp, u128_mul64(u128_lo(x.sig), u128_lo(y.sig)), rm);
    return add_core(cpu, f, ps, x.exp + y.exp, u128_mul64(u128_lo(x.sig), u128_lo(y.sig)), z.sign, z.exp, z.sig, rm);
}

/* ---- comparisons, sign injection, classification ---------------------------------------- */

/* Orders non-NaN encodings; with zeros_equal, -0 == +0, otherwise -0 < +0. */
static inline int64_t order_key(const struct fmt *f, uint64_t v, int zeros_equal)
{
    int64_t mag = (int64_t)(v & ~sign_bit(f));
    return !(v & sign_bit(f)) ? mag : zeros_equal ? -mag : -mag - 1;
}

/* IEEE 754-2019 minimumNumber/maximumNumber: a NaN loses to a number. */
static uint64_t min_max(struct rv_cpu *cpu, const struct fmt *f, uint64_t a, uint64_t b, int want_max)
{
    int ca = unpack(f, a).cls, cb = unpack(f, b).cls;
    if ((ca | cb) & C_SNAN)
        cpu->fflags |= FF_NV;
    if ((ca & C_NAN) && (cb & C_NAN))
        return canon_nan(f);
    if (ca & C_NAN)
        return b;
    if (cb & C_NAN)
        return a;
    int a_less = order_key(f, a, 0) < order_key(f, b, 0);
    return a_less == want_max ? b : a;
}

enum { CMP_EQ, CMP_LT, CMP_LE };

/* feq is a quiet comparison (NV only for sNaN); flt and fle signal on any NaN. */
static uint64_t compare(struct rv_cpu *cpu, const struct fmt *f, uint64_t a, uint64_t b, int op)
{
    int cl = unpack(f, a).cls | unpack(f, b).cls;
    if (cl & C_NAN)
        return with_flags(cpu, (op != CMP_EQ || (cl & C_SNAN)) ? FF_NV : 0, 0);
    int64_t ka = order_key(f, a, 1), kb = order_key(f, b, 1);
    return op == CMP_EQ ? ka == kb : op == CMP_LT ? ka < kb : ka <= kb;
}

static uint64_t classify(const struct fmt *f, uint64_t v)
{
    struct num x = unpack(f, v);
    switch (x.cls) {
    case C_SNAN: return 1 << 8;
    case C_QNAN: return 1 << 9;
    case C_INF:  return x.sign ? 1 << 0 : 1 << 7;
    case C_ZERO: return x.sign ? 1 << 3 : 1 << 4;
    default:
        if (u128_nz(u128_shr(x.sig, f->prec - 1)))
            return x.sign ? 1 << 1 : 1 << 6;
        return x.sign ? 1 << 2 : 1 << 5;
    }
}

/* ---- conversions ------------------------------------------------------------------------- */

/* Float to integer of the given width: rounded by rm, saturating; NaN gives the maximum.
 * 32-bit results come back sign-extended, as RV64 writes them (fcvt.wu included). */
static uint64_t to_int(struct rv_cpu *cpu, const struct fmt *f, uint64_t v, int rm, int bits, int is_signed)
{
    struct num x = unpack(f, v);
    uint64_t max = is_signed ? (1ull << (bits - 1)) - 1 : ~0ull >> (64 - bits);
    uint64_t min = is_signed ? 1ull << (bits - 1) : 0;         /* as a bits-wide pattern */
    uint64_t r = 0;
    uint32_t flags = 0;
    if (x.cls & C_NAN) {
        flags = FF_NV, r = max;
    } else if (x.cls == C_INF) {
        flags = FF_NV, r = x.sign ? min : max;
    } else if (x.cls == C_FIN) {
        int inexact = 0, big = 0;
        uint64_t mag = 0;
        if (x.exp >= 0)
            big = x.exp + bitlen(x.sig) > 64;
        if (x.exp >= 0 && !big)
            mag = u128_lo(x.sig) << x.exp;
        else if (x.exp < 0)
            mag = u128_lo(shift_round(x.sig, -x.exp, rm, x.sign, &inexact));
        uint64_t limit = !x.sign ? max : is_signed ? min : 0;   /* largest magnitude allowed */
        if (big || mag > limit)
            flags = FF_NV, r = x.sign ? min : max;
        else
            flags = inexact ? FF_NX : 0, r = x.sign ? -mag : mag;
    }
    cpu->fflags |= flags;
    return bits == 32 ? (uint64_t)(int64_t)(int32_t)r : r;
}

static uint64_t from_int(struct rv_cpu *cpu, const struct fmt *f, uint64_t mag, int sign, int rm)
{
    return mag ? round_pack(cpu, f, sign, 0, u128_of(mag), rm) : 0;
}

static inline uint64_t from_signed(struct rv_cpu *cpu, const struct fmt *f, int64_t v, int rm)
{
    return from_int(cpu, f, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, rm);
}

/* Between formats: NaNs become the target's canonical NaN, everything else is rounded. */
static uint64_t convert(struct rv_cpu *cpu, const struct fmt *to, const struct fmt *from, uint64_t v, int rm)
{
    struct num x = unpack(from, v);
    switch (x.cls) {
    case C_QNAN: case C_SNAN: return nan_result(cpu, to, x.cls);
    case C_INF:  return infinity(to, x.sign);
    case C_ZERO: return x.sign ? sign_bit(to) : 0;
    default:     return round_pack(cpu, to, x.sign, x.exp, x.sig, rm);
    }
}

/* ---- the instructions -------------------------------------------------------------------- */

/* One definition per instruction pair: f is the format, sb its sign bit; single-precision
 * f-register sources are unboxed on entry and f-register results boxed on exit. */
#define F_RESULT(name, expr)                                                                  \
    RV_FPU_FN(name##_s)                                                                       \
    {                                                                                         \
        const struct fmt *f = &F32;                                                           \
        __attribute__((unused)) uint64_t sb = sign_bit(f);                                    \
        a = unbox(a), b = unbox(b), c = unbox(c);                                             \
        return box(expr);                                                                     \
    }                                                                                         \
    RV_FPU_FN(name##_d)                                                                       \
    {                                                                                         \
        const struct fmt *f = &F64;                                                           \
        __attribute__((unused)) uint64_t sb = sign_bit(f);                                    \
        return expr;                                                                          \
    }
#define X_RESULT(name, expr)                                                                  \
    RV_FPU_FN(name##_s) { const struct fmt *f = &F32; a = unbox(a), b = unbox(b); return expr; } \
    RV_FPU_FN(name##_d) { const struct fmt *f = &F64; return expr; }
/* Integer sources: the x register is a, nothing to unbox. */
#define FROM_X(src, expr)                                                                     \
    RV_FPU_FN(fcvt_s_##src) { const struct fmt *f = &F32; return box(expr); }                 \
    RV_FPU_FN(fcvt_d_##src) { const struct fmt *f = &F64; return expr; }

F_RESULT(fadd, add(cpu, f, a, b, rm))
F_RESULT(fsub, add(cpu, f, a, b ^ sb, rm))
F_RESULT(fmul, mul(cpu, f, a, b, rm))
F_RESULT(fdiv, divide(cpu, f, a, b, rm))
F_RESULT(fsqrt, square_root(cpu, f, a, rm))
F_RESULT(fmadd, fused(cpu, f, a, b, c, rm))
F_RESULT(fmsub, fused(cpu, f, a, b, c ^ sb, rm))
F_RESULT(fnmsub, fused(cpu, f, a ^ sb, b, c, rm))
F_RESULT(fnmadd, fused(cpu, f, a ^ sb, b, c ^ sb, rm))
F_RESULT(fsgnj, (a & ~sb) | (b & sb))
F_RESULT(fsgnjn, (a & ~sb) | (~b & sb))
F_RESULT(fsgnjx, a ^ (b & sb))
F_RESULT(fmin, min_max(cpu, f, a, b, 0))
F_RESULT(fmax, min_max(cpu, f, a, b, 1))

X_RESULT(feq, compare(cpu, f, a, b, CMP_EQ))
X_RESULT(flt, compare(cpu, f, a, b, CMP_LT))
X_RESULT(fle, compare(cpu, f, a, b, CMP_LE))
X_RESULT(fclass, classify(f, a))
X_RESULT(fcvt_w, to_int(cpu, f, a, rm, 32, 1))
X_RESULT(fcvt_wu, to_int(cpu, f, a, rm, 32, 0))
X_RESULT(fcvt_l, to_int(cpu, f, a, rm, 64, 1))
X_RESULT(fcvt_lu, to_int(cpu, f, a, rm, 64, 0))

FROM_X(w, from_signed(cpu, f, (int32_t)a, rm))
FROM_X(wu, from_int(cpu, f, (uint32_t)a, 0, rm))
FROM_X(l, from_signed(cpu, f, (int64_t)a, rm))
FROM_X(lu, from_int(cpu, f, a, 0, rm))

RV_FPU_FN(fcvt_s_d) { return box(convert(cpu, &F32, &F64, a, rm)); }
RV_FPU_FN(fcvt_d_s) { return convert(cpu, &F64, &F32, unbox(a), rm); }

/* Moves copy bits: no unboxing check on fmv.x.w, which sign-extends the low word. */
RV_FPU_FN(fmv_x_w) { return (uint64_t)(int64_t)(int32_t)a; }
RV_FPU_FN(fmv_w_x) { return box((uint32_t)a); }
RV_FPU_FN(fmv_x_d) { return a; }
RV_FPU_FN(fmv_d_x) { return a; }
