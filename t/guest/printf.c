/* printf of integers and floating point in many formats; snprintf truncation. */
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

int main(void)
{
    /* Integers. */
    printf("[%d] [%i] [%u] [%x] [%X] [%o]\n", 0, -1, 4000000000u, 0xdeadbeefu, 0xdeadbeefu, 0755u);
    printf("[%d] [%d] [%u]\n", INT_MIN, INT_MAX, UINT_MAX);
    printf("[%lld] [%lld] [%llu]\n", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
    printf("[%ld] [%lx] [%lo]\n", LONG_MIN, (unsigned long)LONG_MIN, ULONG_MAX);
    printf("[%zu] [%zd] [%td]\n", (size_t)SIZE_MAX, (ssize_t)-5, (ptrdiff_t)-12345);
    printf("[%hd] [%hu] [%hhd] [%hhu]\n", (short)-32768, (unsigned short)65535, (signed char)-128, (unsigned char)255);
    printf("[%" PRId64 "] [%" PRIx64 "] [%" PRIu32 "]\n", INT64_MIN, UINT64_MAX, UINT32_MAX);
    printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%+05d] [%-+6d]\n", 42, 42, 42, 42, 42, -42, 42);
    printf("[%#x] [%#X] [%#o] [%#x] [%#o]\n", 255u, 255u, 8u, 0u, 0u);
    printf("[%.3d] [%8.3d] [%-8.3d] [%.0d] [%.0x]\n", 7, 7, -7, 0, 0u);
    printf("[%*d] [%-*d] [%.*d] [%*.*d]\n", 6, 1, 6, 2, 4, 3, 7, 5, 4);
    printf("[%c] [%5c] [%-3c] [%%]\n", 'A', 'b', 'c');
    printf("[%s] [%10s] [%-10s] [%.3s] [%10.2s] [%s]\n", "hello", "right", "left", "truncate", "ab", "");
    printf("[%'d] [%lld]\n", 1234567, 1LL << 40);

    /* Floating point. */
    double v[] = {0.0, -0.0, 1.0, -1.5, 3.14159265358979323846, 2.5, 0.5, 1e-300, 5e-324, 1e300,
                  DBL_MAX, DBL_MIN, 123456789.0, 0.1, 1.0 / 3.0, 9.9999999, 100.0, 65536.0};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        printf("%%e=%e %%.3e=%.3e %%g=%g %%.10g=%.10g %%a=%a\n", v[i], v[i], v[i], v[i], v[i]);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (fabs(v[i]) < 1e20)
            printf("%%f=%f %%.0f=%.0f %%.2f=%.2f %%.15f=%.15f %%#.0f=%#.0f\n", v[i], v[i], v[i], v[i], v[i]);
    printf("%.20f\n%.17g\n%.40e\n", 0.1, 0.1, 1.0 / 3.0);
    printf("[%10.3f] [%-10.3f] [%010.3f] [%+.2f] [% .2f] [%+e]\n", 3.14159, 3.14159, -3.14159, 2.0, 2.0, 12345.678);
    printf("[%#g] [%#.3g] [%g] [%g] [%g] [%g]\n", 1.0, 2.0, 1e-5, 1e-4, 123456.0, 1234567.0);
    printf("[%.0e] [%#.0e] [%.1a] [%A] [%.0a]\n", 15.0, 15.0, 1.0, 255.5, 1.5);
    printf("%.0f %.0f %.0f %.0f %.0f\n", 0.5, 1.5, 2.5, 3.5, -0.5);
    printf("%f\n", DBL_MAX);
    printf("%.330f\n", 5e-324 * 1e10);
    printf("[%f] [%e] [%g] [%a] [%F] [%E] [%G]\n", INFINITY, -INFINITY, INFINITY, -INFINITY, INFINITY, INFINITY,
           -INFINITY);
    printf("[%f] [%e] [%g] [%a] [%F] [%8f] [%-8f|]\n", NAN, NAN, NAN, NAN, NAN, INFINITY, INFINITY);
    volatile double z = 0.0;
    printf("[%f] [%f] [%f] [%g] [%e]\n", z / z, -NAN, -(z / z), (double)FLT_TRUE_MIN, (double)FLT_MAX);
    printf("[%Lf] [%.30Lg] [%Le] [%La]\n", 1.0L / 3.0L, 1.0L / 3.0L, 1e4000L, 1.0L);
    printf("float: [%f] [%g] [%a]\n", (double)1.1f, (double)FLT_MIN, (double)FLT_EPSILON);

    /* snprintf truncation and return values. */
    char buf[16];
    volatile size_t sz16 = sizeof buf, sz1 = 1, sz5 = 5; /* opaque sizes: no folding, no warnings */
    int n = snprintf(buf, sz16, "%s-%d-%f", "abcdefgh", 123456, 2.5);
    printf("snprintf ret=%d buf=[%s] len=%zu\n", n, buf, strlen(buf));
    n = snprintf(buf, sz1, "xyz");
    printf("snprintf size1 ret=%d buf=[%s]\n", n, buf);
    memset(buf, 'Q', sizeof buf);
    n = snprintf(buf, 0, "%d", 12345);
    printf("snprintf size0 ret=%d untouched=%d\n", n, buf[0] == 'Q');
    n = snprintf(NULL, 0, "%.100f", 1.0);
    printf("snprintf NULL ret=%d\n", n);
    n = snprintf(buf, sz5, "%d", -1234567);
    printf("snprintf 5 ret=%d buf=[%s]\n", n, buf);
    char big[400];
    n = snprintf(big, sizeof big, "%0300d|%s", 5, "end");
    printf("big ret=%d tail=[%s] zeros=%zu\n", n, big + 295, strspn(big, "0"));
    n = sprintf(big, "%5s|%-5s|%5.1s", "a", "b", "cd");
    printf("sprintf ret=%d [%s]\n", n, big);
    return 0;
}
