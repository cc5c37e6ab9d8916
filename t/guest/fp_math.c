/* Ordinary C floating-point code as compilers and libm use it: arithmetic, sqrt, fma,
 * conversions, rounding functions under each <fenv.h> mode, exception flags, a few libm
 * transcendentals, and printf/strtod of floats; results printed as %a and %.17g. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* volatile so that the compiler computes nothing at build time */
static volatile double vd[] = {0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3, 2.5, -2.5, 3.5, 1e300, -1e-300,
                                4.9e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                                123456789.987654321, -0.49999999999999994, 0.5, 9007199254740993.0};
static volatile float vf[] = {0.0f, -0.0f, 1.0f, -1.0f, 0.1f, 1.0f / 3, 2.5f, -2.5f, 3.5f, 1e30f,
                              -1e-30f, 1.4e-45f, 1.17549435e-38f, 3.40282347e38f, 16777217.0f};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void pd(const char *what, double x) { printf("%-10s %a %.17g\n", what, x, x); }
static void pf(const char *what, float x) { printf("%-10s %a %.9g\n", what, (double)x, (double)x); }

static void flags(const char *what)
{
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("%-10s flags%s%s%s%s%s\n", what, f & FE_INVALID ? " NV" : "", f & FE_DIVBYZERO ? " DZ" : "",
           f & FE_OVERFLOW ? " OF" : "", f & FE_UNDERFLOW ? " UF" : "", f & FE_INEXACT ? " NX" : "");
    feclearexcept(FE_ALL_EXCEPT);
}

int main(void)
{
    for (size_t i = 0; i < N(vd); i++) {
        double x = vd[i], y = vd[(i + 5) % N(vd)], z = vd[(i + 11) % N(vd)];
        printf("-- x=%a y=%a z=%a\n", x, y, z);
        pd("x+y", x + y);
        pd("x-y", x - y);
        pd("x*y", x * y);
        pd("x/y", x / y);
        pd("sqrt|x|", sqrt(fabs(x)));
        pd("fma", fma(x, y, z));
        pd("(float)x", (float)x);
        printf("%-10s %lld %llu %d\n", "to int", (long long)llrint(x), (unsigned long long)(fabs(x) < 1e19 ? (uint64_t)fabs(x) : 0),
               fabs(x) < 2e9 ? (int)x : 0);
        pd("floor", floor(x));
        pd("ceil", ceil(x));
        pd("trunc", trunc(x));
        pd("round", round(x));
        pd("fmin", fmin(x, y));
        pd("fmax", fmax(x, y));
        printf("%-10s %d %d %d %d\n", "cmp", x < y, x <= y, x == y, isless(x, y));
    }
    for (size_t i = 0; i < N(vf); i++) {
        float x = vf[i], y = vf[(i + 4) % N(vf)], z = vf[(i + 9) % N(vf)];
        printf("-- x=%a y=%a z=%a\n", (double)x, (double)y, (double)z);
        pf("x+y", x + y);
        pf("x*y", x * y);
        pf("x/y", x / y);
        pf("sqrtf|x|", sqrtf(fabsf(x)));
        pf("fmaf", fmaf(x, y, z));
        pd("(double)x", (double)x);
        pf("rintf", rintf(x));
        printf("%-10s %ld\n", "lrintf", fabsf(x) < 1e18f ? lrintf(x) : 0);
    }

    /* The dynamic rounding mode as C programs set it. */
    static const int modes[] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};
    static const char *const mname[] = {"nearest", "towardzero", "downward", "upward"};
    for (size_t m = 0; m < N(modes); m++) {
        fesetround(modes[m]);
        printf("-- mode %s (fegetround ok: %d)\n", mname[m], fegetround() == modes[m]);
        for (size_t i = 2; i < 10; i++) {
            double x = vd[i];
            pd("x/3", x / 3);
            pd("rint", rint(x));
            pd("nearbyint", nearbyint(x));
            pf("(float)x/3", (float)x / 3.0f);
            printf("%-10s %ld\n", "lrint", lrint(x * 7));
        }
        pd("1+2^-53", vd[2] + 0x1p-53);
        pd("max*2", vd[13] * 2);
        pd("tiny/3", vd[11] / 3);
        fesetround(FE_TONEAREST);
    }

    /* Accrued exception flags through fenv. */
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r;
    r = vd[2] / vd[0];
    flags("1/0");
    r = vd[0] / vd[0];
    flags("0/0");
    r = vd[13] * 2;
    flags("max*2");
    r = vd[12] / 3;
    flags("min/3");
    r = vd[2] + vd[4];
    flags("1+0.1");
    r = sqrt(-vd[2]);
    flags("sqrt(-1)");
    r = vd[2] + vd[2];
    flags("1+1");
    (void)r;

    /* libm on top of all that. */
    for (size_t i = 2; i < 9; i++) {
        double x = vd[i];
        pd("exp", exp(x));
        pd("log|x|", log(fabs(x)));
        pd("sin", sin(x));
        pd("cos", cos(x));
        pd("pow", pow(fabs(x), 1.5));
        pd("atan2", atan2(x, 0.75));
        pf("expf", expf((float)x));
    }

    /* Decimal conversions both ways. */
    static const char *const text[] = {"0.1", "1e23", "2.2250738585072011e-308", "4.9406564584124654e-324",
                                       "1.7976931348623158e308", "-3.14159265358979323846", "nan", "-inf"};
    for (size_t i = 0; i < N(text); i++) {
        double d = strtod(text[i], NULL);
        float f = strtof(text[i], NULL);
        printf("%-24s %a %.17g %a %g\n", text[i], d, d, (double)f, (double)f);
    }
    return 0;
}
