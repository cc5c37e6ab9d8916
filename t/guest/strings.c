/* String and memory functions on buffers of many alignments and lengths, checked
 * against simple reference implementations; strto*, atoi, strtok, sprintf, qsort of
 * strings, toupper. Prints sample results and mismatch counts. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF 512
static unsigned char srcbuf[BUF + 64], dstbuf[BUF + 64], refbuf[BUF + 64];
static unsigned long fails, checks;

static void expect(int ok, const char *what, int a, int b)
{
    checks++;
    if (!ok) {
        if (fails < 20)
            printf("FAIL %s align=%d len=%d\n", what, a, b);
        fails++;
    }
}

static size_t ref_strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int sgn(int x) { return (x > 0) - (x < 0); }

static int ref_memcmp(const unsigned char *a, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

static void fill_src(int len, int align, unsigned seed)
{
    memset(srcbuf, 0x55, sizeof srcbuf);
    for (int i = 0; i < len; i++)
        srcbuf[align + i] = (unsigned char)('a' + (i * 7 + seed) % 26);
    srcbuf[align + len] = 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
    static const int lens[] = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 255, 256, 257, 400};
    const int nlens = sizeof lens / sizeof lens[0];

    for (int sa = 0; sa < 16; sa++)
        for (int li = 0; li < nlens; li++) {
            int len = lens[li];
            fill_src(len, sa, (unsigned)(sa + li));
            char *s = (char *)srcbuf + sa;
            expect(strlen(s) == (size_t)len && ref_strlen(s) == (size_t)len, "strlen", sa, len);
            for (int da = 0; da < 16; da += 3) {
                char *d = (char *)dstbuf + da;
                memset(dstbuf, 0xaa, sizeof dstbuf);
                char *r = strcpy(d, s);
                expect(r == d && memcmp(d, s, len + 1) == 0 && dstbuf[da + len + 1] == 0xaa, "strcpy", da, len);
                expect(strcmp(d, s) == 0 && strncmp(d, s, len + 5) == 0, "strcmp-eq", da, len);
                if (len > 0) {
                    d[len - 1]++;
                    expect(strcmp(d, s) > 0 && strcmp(s, d) < 0 && strncmp(d, s, len - 1) == 0 &&
                               strncmp(d, s, len) > 0,
                           "strcmp-ne", da, len);
                    d[len - 1] = (char)0xf0; /* high byte compares as unsigned */
                    expect(strcmp(d, s) > 0, "strcmp-unsigned", da, len);
                }
                memset(dstbuf, 0xaa, sizeof dstbuf);
                strncpy(d, s, len + 8);
                int padok = 1;
                for (int i = len; i < len + 8; i++)
                    padok &= d[i] == 0;
                expect(memcmp(d, s, len) == 0 && padok && dstbuf[da + len + 8] == 0xaa, "strncpy-pad", da, len);
                memset(dstbuf, 0xaa, sizeof dstbuf);
                strncpy(d, s, len / 2);
                expect(memcmp(d, s, len / 2) == 0 && dstbuf[da + len / 2] == 0xaa, "strncpy-trunc", da, len);

                memset(dstbuf, 0xaa, sizeof dstbuf);
                r = memcpy(d, s, len);
                expect(r == d && memcmp(d, s, len) == 0 && dstbuf[da + len] == 0xaa && (da == 0 || dstbuf[da - 1] == 0xaa),
                       "memcpy", da, len);
                memset(dstbuf, 0xaa, sizeof dstbuf);
                r = memset(d, sa, len);
                int setok = 1;
                for (int i = 0; i < len; i++)
                    setok &= (unsigned char)d[i] == sa;
                expect(r == d && setok && dstbuf[da + len] == 0xaa, "memset", da, len);

                memcpy(d, s, len);
                expect(memcmp(d, s, len) == 0, "memcmp-eq", da, len);
                for (int k = 0; k < len; k += 1 + len / 5) {
                    d[k] ^= 0x80;
                    expect(sgn(memcmp(d, s, len)) == ref_memcmp((unsigned char *)d, (unsigned char *)s, len) &&
                               sgn(memcmp(s, d, len)) == -ref_memcmp((unsigned char *)d, (unsigned char *)s, len),
                           "memcmp-ne", da, len);
                    d[k] ^= 0x80;
                }
            }
            /* strchr/strrchr/memchr */
            for (int c = 'a'; c <= 'z'; c += 5) {
                char *p1 = NULL, *p2 = NULL;
                for (int i = 0; i < len; i++)
                    if (s[i] == c) {
                        if (!p1)
                            p1 = s + i;
                        p2 = s + i;
                    }
                expect(strchr(s, c) == p1 && strrchr(s, c) == p2 && memchr(s, c, len) == p1, "strchr", sa, len);
            }
            expect(strchr(s, 0) == s + len && strrchr(s, 0) == s + len, "strchr-nul", sa, len);
        }

    /* memmove overlapping in both directions, many offsets. */
    for (int len = 0; len < 300; len += 7)
        for (int shift = -17; shift <= 17; shift += 3) {
            for (int i = 0; i < BUF; i++)
                refbuf[i] = dstbuf[i] = (unsigned char)(i * 13 + len);
            int from = 100, to = 100 + shift;
            memmove(dstbuf + to, dstbuf + from, len);
            unsigned char tmp[BUF];
            memcpy(tmp, refbuf + from, len);
            memcpy(refbuf + to, tmp, len);
            expect(memcmp(dstbuf, refbuf, BUF) == 0, "memmove", shift, len);
        }

    /* strstr */
    const char *hay = "the quick brown fox jumps over the lazy dog; the end";
    printf("strstr: [%s] [%s] [%s] %s %s\n", strstr(hay, "the"), strstr(hay, "lazy"), strstr(hay, ""),
           strstr(hay, "cat") ? "found" : "null", strstr(hay, "endx") ? "found" : "null");
    printf("strstr offsets: %td %td\n", strstr(hay + 1, "the") - hay, strstr(hay, "o") - hay);
    char longhay[600];
    memset(longhay, 'a', sizeof longhay - 1);
    longhay[sizeof longhay - 1] = 0;
    longhay[550] = 'b';
    char needle[40];
    memset(needle, 'a', 39);
    needle[39] = 0;
    needle[38] = 'b';
    printf("strstr long: %td\n", strstr(longhay, needle) - longhay);
    printf("strspn=%zu strcspn=%zu strpbrk=[%s]\n", strspn("aabbccdd", "ab"), strcspn("hello, world", ",! "),
           strpbrk("hello, world", "wo"));

    /* strtol / strtoul / strtod / atoi */
    const char *nums[] = {"0", "42", "-42", "  +17xyz", "0x1F", "0777", "9223372036854775807", "9223372036854775808",
                          "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
                          "18446744073709551616", "-1", "abc", "z"};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char *end;
        errno = 0;
        long l = strtol(nums[i], &end, 0);
        int e1 = errno;
        size_t c1 = end - nums[i];
        errno = 0;
        unsigned long ul = strtoul(nums[i], &end, 10);
        int e2 = errno;
        size_t c2 = end - nums[i];
        printf("%-22s strtol0=%ld used=%zu%s strtoul10=%lu used=%zu%s atoi=%d\n", nums[i], l, c1,
               e1 == ERANGE ? " ERANGE" : "", ul, c2, e2 == ERANGE ? " ERANGE" : "", atoi(nums[i]));
    }
    printf("strtol base36 zz=%ld base2 1011=%ld base16 ff=%ld\n", strtol("zz", NULL, 36), strtol("1011", NULL, 2),
           strtol("ff", NULL, 16));
    const char *dbl[] = {"3.14159", "-0.0", "1e10", "1e-5", "  2.5e+3abc", "inf", "-INFINITY", "nan", "0x1.8p1",
                         "1e400", "1e-400", "123456789012345678901234567890", ".5", "5.", "abc"};
    for (size_t i = 0; i < sizeof dbl / sizeof dbl[0]; i++) {
        char *end;
        errno = 0;
        double d = strtod(dbl[i], &end);
        printf("strtod %-32s = %.17g used=%td%s\n", dbl[i], d, end - dbl[i], errno == ERANGE ? " ERANGE" : "");
    }
    printf("strtof 0.1=%.9g strtold 0.1=%.21Lg\n", (double)strtof("0.1", NULL), strtold("0.1", NULL));

    /* strtok */
    char tokbuf[] = "  alpha, beta,,gamma ;delta  ,";
    int ntok = 0;
    for (char *t = strtok(tokbuf, " ,;"); t; t = strtok(NULL, " ,;"))
        printf("tok%d=[%s]\n", ntok++, t);
    char tok2[] = "a=1&b=2&c";
    char *save;
    for (char *t = strtok_r(tok2, "&", &save); t; t = strtok_r(NULL, "&", &save))
        printf("tok_r=[%s]\n", t);

    /* sprintf into strings, strcat/strncat, strdup */
    char sb[128];
    int n = sprintf(sb, "%s:%05d:%-4s|%x", "key", 42, "ab", 0xbeefu);
    printf("sprintf n=%d [%s]\n", n, sb);
    strcat(sb, "+tail");
    volatile size_t four = 4; /* opaque: keeps -Wstringop-truncation quiet */
    strncat(sb, "0123456789", four);
    printf("strcat [%s] len=%zu\n", sb, strlen(sb));
    char *dup = strdup(sb);
    char *ndup = strndup(sb, 5);
    printf("strdup eq=%d strndup=[%s]\n", strcmp(dup, sb) == 0, ndup);
    free(dup);
    free(ndup);

    /* qsort of strings */
    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "apple", "Zebra", "date", "elderberry",
                           "grape", "kiwi", "Apple", "", "lemon", "mango", "fig"};
    const int nw = sizeof words / sizeof words[0];
    qsort(words, nw, sizeof words[0], cmp_str);
    printf("sorted:");
    for (int i = 0; i < nw; i++)
        printf(" [%s]", words[i]);
    printf("\n");

    /* toupper / tolower / ctype over the ASCII range */
    char up[64], low[64];
    const char *mixed = "Hello, World! 123 abcXYZ_{}~";
    size_t ml = strlen(mixed);
    for (size_t i = 0; i <= ml; i++) {
        up[i] = (char)toupper((unsigned char)mixed[i]);
        low[i] = (char)tolower((unsigned char)mixed[i]);
    }
    printf("toupper [%s]\ntolower [%s]\n", up, low);
    int na = 0, nd = 0, ns = 0, np = 0, nu = 0, nx = 0;
    for (int c = 0; c < 256; c++) {
        na += !!isalpha(c);
        nd += !!isdigit(c);
        ns += !!isspace(c);
        np += !!ispunct(c);
        nu += !!isupper(c);
        nx += !!isxdigit(c);
    }
    printf("ctype counts alpha=%d digit=%d space=%d punct=%d upper=%d xdigit=%d\n", na, nd, ns, np, nu, nx);
    printf("strcasecmp=%d strncasecmp=%d\n", sgn(strcasecmp("HeLLo", "hello")), sgn(strncasecmp("abcX", "ABCy", 4)));

    printf("checks=%lu fails=%lu\n", checks, fails);
    return fails != 0;
}
