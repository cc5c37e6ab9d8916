/* Shared helpers for the rvemu benchmark workloads (the .c files beside this one).
 *
 * Every workload takes one optional argument, its size (the unit is the workload's own:
 * passes, elements, steps...), runs a fixed computation seeded from a fixed value, and prints
 * exactly one line "NAME n=SIZE checksum=HEX". The line must be byte-identical natively and
 * under riscv64: no raw floating-point output, no dependence on char signedness, qsort tie
 * order, or FMA contraction. */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

static long bench_size(int argc, char **argv, long def)
{
	if (argc > 1) {
		char *end;
		long v = strtol(argv[1], &end, 0);
		if (*end || v <= 0) {
			fprintf(stderr, "%s: size must be a positive integer, not '%s'\n", argv[0], argv[1]);
			exit(2);
		}
		return v;
	}
	return def;
}

/* Order-dependent 64-bit accumulator (FNV-1a step followed by a xorshift). */
static inline uint64_t mix64(uint64_t h, uint64_t v)
{
	h ^= v;
	h *= 0x100000001b3ULL;
	h ^= h >> 31;
	return h;
}

#define MIX_INIT 0xcbf29ce484222325ULL

/* xorshift64*: deterministic pseudo-random input. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static inline uint64_t rng(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

static void bench_result(const char *name, long n, uint64_t sum)
{
	printf("%s n=%ld checksum=%016llx\n", name, n, (unsigned long long)sum);
}

#endif
