/* fib: naive doubly recursive Fibonacci, fib(SIZE): calls, returns, stack traffic. */
#include "bench.h"

static NOINLINE uint64_t fib(int n)
{
	return n < 2 ? (uint64_t)n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
	long n = bench_size(argc, argv, 42);
	if (n > 90) {
		fprintf(stderr, "fib: size at most 90\n");
		return 2;
	}
	bench_result("fib", n, mix64(MIX_INIT, fib((int)n)));
	return 0;
}
