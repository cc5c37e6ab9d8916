/* The smallest useful guest: one line of output and argc. */
#include <stdio.h>

int main(int argc, char **argv)
{
    (void)argv;
    printf("Hello, world!\n");
    printf("argc=%d\n", argc);
    return 0;
}
