/* sieve: sieve of Eratosthenes over the odd numbers below SIZE, 8 rounds (byte array, stores
 * with large strides, then a counting scan). */
#include "bench.h"

static NOINLINE long sieve(unsigned char *composite, long limit, uint64_t *sum)
{
	long half = limit / 2;          /* composite[i] is 2i+1 */
	memset(composite, 0, (size_t)half);
	for (long i = 1; (2 * i + 1) * (2 * i + 1) < limit; i++) {
		if (composite[i])
			continue;
		long p = 2 * i + 1;
		for (long j = (p * p) / 2; j < half; j += p)
			composite[j] = 1;
	}
	long count = limit > 2;         /* the prime 2 */
	uint64_t s = 2;
	for (long i = 1; i < half; i++)
		if (!composite[i]) {
			count++;
			s = s * 31 + (uint64_t)(2 * i + 1);
		}
	*sum = s;
	return count;
}

int main(int argc, char **argv)
{
	long n = bench_size(argc, argv, 60000000);
	unsigned char *composite = malloc((size_t)n / 2 + 1);
	if (!composite)
		return 1;
	uint64_t sum = MIX_INIT;
	for (int round = 0; round < 8; round++) {
		uint64_t s;
		long count = sieve(composite, n - round * 1000, &s);
		sum = mix64(sum, (uint64_t)count);
		sum = mix64(sum, s);
	}
	free(composite);
	bench_result("sieve", n, sum);
	return 0;
}
