/* matmul: dense matrix multiply C = A*B, SIZE x SIZE, once in float and once in double
 * (i-k-j loop order). The inputs are small integers (float) and multiples of 1/16 (double),
 * so every product and partial sum is exact: the result does not depend on FMA contraction
 * or summation order, and the checksum hashes it exactly. */
#include "bench.h"

static NOINLINE void mm_float(int n, const float *a, const float *b, float *c)
{
	for (int i = 0; i < n; i++) {
		float *ci = c + (size_t)i * n;
		for (int j = 0; j < n; j++)
			ci[j] = 0;
		for (int k = 0; k < n; k++) {
			float aik = a[(size_t)i * n + k];
			const float *bk = b + (size_t)k * n;
			for (int j = 0; j < n; j++)
				ci[j] += aik * bk[j];
		}
	}
}

static NOINLINE void mm_double(int n, const double *a, const double *b, double *c)
{
	for (int i = 0; i < n; i++) {
		double *ci = c + (size_t)i * n;
		for (int j = 0; j < n; j++)
			ci[j] = 0;
		for (int k = 0; k < n; k++) {
			double aik = a[(size_t)i * n + k];
			const double *bk = b + (size_t)k * n;
			for (int j = 0; j < n; j++)
				ci[j] += aik * bk[j];
		}
	}
}

int main(int argc, char **argv)
{
	long n = bench_size(argc, argv, 1000);
	if (n > 2000) {
		fprintf(stderr, "matmul: size at most 2000 (exactness)\n");
		return 2;
	}
	size_t nn = (size_t)n * (size_t)n;
	float *fa = malloc(nn * sizeof *fa), *fb = malloc(nn * sizeof *fb), *fc = malloc(nn * sizeof *fc);
	double *da = malloc(nn * sizeof *da), *db = malloc(nn * sizeof *db), *dc = malloc(nn * sizeof *dc);
	if (!fa || !fb || !fc || !da || !db || !dc)
		return 1;
	/* |a|,|b| <= 8, n <= 2000: |sum| < 2^17 < 2^24, exact in float. */
	for (size_t i = 0; i < nn; i++) {
		fa[i] = (float)((int)(rng() % 17) - 8);
		fb[i] = (float)((int)(rng() % 17) - 8);
		da[i] = (double)((int)(rng() % 257) - 128) / 16;
		db[i] = (double)((int)(rng() % 257) - 128) / 16;
	}
	mm_float((int)n, fa, fb, fc);
	mm_double((int)n, da, db, dc);
	uint64_t sum = MIX_INIT;
	for (size_t i = 0; i < nn; i++) {
		sum = mix64(sum, (uint64_t)(int64_t)fc[i]);
		sum = mix64(sum, (uint64_t)(int64_t)(dc[i] * 256));
	}
	free(fa); free(fb); free(fc); free(da); free(db); free(dc);
	bench_result("matmul", n, sum);
	return 0;
}
