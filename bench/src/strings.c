/* strings: C string handling over 8192 random lower-case words (3..40 letters), SIZE rounds
 * of: strlen of every word, joining them with memcpy, strcmp of neighbours, strchr, and a
 * strcmp binary search of each word in a sorted copy of the list. */
#include "bench.h"

#define WORDS 8192

static char *words[WORDS];
static char *sorted[WORDS];
static char line[WORDS * 42];

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static NOINLINE long find(const char *w)
{
	long lo = 0, hi = WORDS - 1;
	while (lo <= hi) {
		long mid = (lo + hi) / 2;
		int c = strcmp(sorted[mid], w);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int main(int argc, char **argv)
{
	long n = bench_size(argc, argv, 350);
	for (int i = 0; i < WORDS; i++) {
		int len = 3 + (int)(rng() % 38);
		char *w = malloc((size_t)len + 1);
		if (!w)
			return 1;
		/* A common prefix for a quarter of the words makes strcmp work harder. */
		for (int k = 0; k < len; k++)
			w[k] = (i & 3) == 0 && k < 12 ? "rvemubenchmk"[k] : (char)('a' + rng() % 26);
		w[len] = 0;
		words[i] = sorted[i] = w;
	}
	qsort(sorted, WORDS, sizeof sorted[0], cmp_str);
	uint64_t sum = MIX_INIT;
	for (long round = 0; round < n; round++) {
		size_t pos = 0, total = 0;
		long less = 0, found = 0, qs = 0;
		for (int i = 0; i < WORDS; i++) {
			const char *w = words[(i + round * 31) % WORDS];
			size_t len = strlen(w);
			total += len;
			memcpy(line + pos, w, len);
			pos += len;
			line[pos++] = ' ';
			if (i > 0 && strcmp(w, words[(i + round * 31 - 1) % WORDS]) < 0)
				less++;
			if (strchr(w, 'q'))
				qs++;
			found += find(w);
		}
		line[pos] = 0;
		size_t ll = strlen(line);
		sum = mix64(sum, total ^ (ll << 20));
		sum = mix64(sum, (uint64_t)less << 32 | (uint64_t)qs);
		sum = mix64(sum, (uint64_t)found);
		/* Mutate a word so that rounds differ. */
		char *w = words[round % WORDS];
		w[round % strlen(w)] = (char)('a' + round % 26);
		qsort(sorted, WORDS, sizeof sorted[0], cmp_str);
	}
	for (int i = 0; i < WORDS; i++)
		free(words[i]);
	bench_result("strings", n, sum);
	return 0;
}
