/* A store through a NULL pointer: the process must die of SIGSEGV (a shell reports
 * status 128+11 = 139), after the output flushed before it is visible. */
#include <stdio.h>

int main(void)
{
    printf("before\n");
    fflush(stdout);
    volatile int *volatile p = NULL;
    *p = 42;
    printf("after (must not be printed)\n");
    return 0;
}
