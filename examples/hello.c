/* The demo program of the README: a riscv64 program that greets and does a little work. */
#include <stdio.h>
#include <string.h>

static unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv)
{
    printf("Hello from riscv64! argc=%d, program=%s\n", argc, strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0]);
    printf("fib(25) = %lu, pi ~ %.6f\n", fib(25), 355.0 / 113.0);
    return 0;
}
