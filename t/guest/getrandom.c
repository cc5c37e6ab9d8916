/* getrandom(2): two 64-byte requests succeed in full and differ (printed as checks). */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

int main(void)
{
    unsigned char a[64], b[64];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    ssize_t n1 = getrandom(a, sizeof a, 0);
    ssize_t n2 = getrandom(b, sizeof b, 0);
    printf("getrandom #1 returned %zd\n", n1);
    printf("getrandom #2 returned %zd\n", n2);
    printf("buffers differ: %d\n", memcmp(a, b, sizeof a) != 0);
    int nonzero = 0;
    for (int i = 0; i < 64; i++)
        nonzero |= a[i] | b[i];
    printf("some byte nonzero: %d\n", nonzero != 0);
    unsigned char c[16];
    ssize_t n3 = getrandom(c, sizeof c, GRND_NONBLOCK);
    printf("getrandom GRND_NONBLOCK 16 returned %zd\n", n3);
    ssize_t n0 = getrandom(c, 0, 0);
    printf("getrandom 0 bytes returned %zd\n", n0);
    return 0;
}
