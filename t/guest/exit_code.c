/* exit(7) from a nested function: atexit handlers run (in reverse order of
 * registration) and stdio buffers are flushed; the status reaches the parent. */
#include <stdio.h>
#include <stdlib.h>

static void first_registered(void) { printf("atexit handler 1 (runs last)\n"); }
static void second_registered(void) { printf("atexit handler 2 (runs first)\n"); }

static __attribute__((noinline)) void level3(int code)
{
    printf("exiting with %d from level 3\n", code);
    exit(code);
}
static __attribute__((noinline)) void level2(int code)
{
    level3(code);
    printf("not reached (level 2)\n");
}
static __attribute__((noinline)) void level1(int code)
{
    level2(code);
    printf("not reached (level 1)\n");
}

int main(void)
{
    atexit(first_registered);
    atexit(second_registered);
    printf("before exit\n");
    fflush(stdout);
    printf("buffered, flushed by exit\n"); /* stdout is a pipe or file: fully buffered */
    level1(7);
    printf("not reached either\n");
    return 0;
}
