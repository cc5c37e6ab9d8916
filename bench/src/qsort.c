/* qsort: libc qsort of SIZE 16-byte records with a comparison function (an indirect call
 * per comparison), 4 rounds with a reshuffle in between. Ties are broken by a unique id, so
 * the order is the same whatever algorithm the C library uses. */
#include "bench.h"

struct item {
	uint32_t key;
	uint32_t id;
	uint64_t payload;
};

static int cmp_items(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

int main(int argc, char **argv)
{
	long n = bench_size(argc, argv, 1200000);
	struct item *v = malloc((size_t)n * sizeof *v);
	if (!v)
		return 1;
	for (long i = 0; i < n; i++) {
		v[i].key = (uint32_t)(rng() >> 40);   /* 24-bit keys: some duplicates */
		v[i].id = (uint32_t)i;
		v[i].payload = rng();
	}
	uint64_t sum = MIX_INIT;
	for (int round = 0; round < 4; round++) {
		qsort(v, (size_t)n, sizeof *v, cmp_items);
		for (long i = 0; i < n; i += 1 + n / 1024)
			sum = mix64(sum, v[i].payload ^ v[i].id);
		/* Partial reshuffle: swap random pairs and perturb keys. */
		for (long i = 0; i < n / 2; i++) {
			long j = (long)(rng() % (uint64_t)n);
			struct item t = v[i];
			v[i] = v[j];
			v[j] = t;
			v[j].key ^= (uint32_t)(rng() >> 52);
		}
	}
	free(v);
	bench_result("qsort", n, sum);
	return 0;
}
