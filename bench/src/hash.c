/* hash: an open-addressing hash table (linear probing, tombstones, 2^16 slots, 1 MiB) of 64-bit
 * keys; SIZE operations drawn from 40000 distinct keys: 3/4 find-or-insert-and-count,
 * 1/4 delete. Multiplicative hashing, unpredictable probes and branches. */
#include "bench.h"

#define CAP (1u << 16)
#define EMPTY 0
#define TOMB 1      /* keys are never 0 or 1 */

struct slot {
	uint64_t key;
	uint64_t count;
};

static struct slot table[CAP];
static unsigned live, used;  /* used = live + tombstones */

static inline uint32_t hash(uint64_t k)
{
	k *= 0x9e3779b97f4a7c15ULL;
	return (uint32_t)(k >> 48);  /* 16 bits */
}

static void rebuild(void);

static NOINLINE struct slot *find_or_insert(uint64_t key)
{
	uint32_t i = hash(key), tomb = CAP;
	for (;;) {
		struct slot *s = &table[i];
		if (s->key == key)
			return s;
		if (s->key == EMPTY)
			break;
		if (s->key == TOMB && tomb == CAP)
			tomb = i;
		i = (i + 1) & (CAP - 1);
	}
	if (tomb != CAP) {
		i = tomb;
	} else {
		used++;
	}
	table[i].key = key;
	table[i].count = 0;
	live++;
	if (used > CAP / 4 * 3) {
		rebuild();
		return find_or_insert(key);
	}
	return &table[i];
}

static NOINLINE int erase(uint64_t key)
{
	uint32_t i = hash(key);
	for (;;) {
		struct slot *s = &table[i];
		if (s->key == key) {
			s->key = TOMB;
			live--;
			return 1;
		}
		if (s->key == EMPTY)
			return 0;
		i = (i + 1) & (CAP - 1);
	}
}

static struct slot saved[CAP];

static void rebuild(void)
{
	unsigned n = 0;
	for (uint32_t i = 0; i < CAP; i++)
		if (table[i].key > TOMB)
			saved[n++] = table[i];
	memset(table, 0, sizeof table);
	live = used = 0;
	for (unsigned k = 0; k < n; k++) {
		uint32_t i = hash(saved[k].key);
		while (table[i].key != EMPTY)
			i = (i + 1) & (CAP - 1);
		table[i] = saved[k];
		live++;
		used++;
	}
}

int main(int argc, char **argv)
{
	long n = bench_size(argc, argv, 50000000);
	uint64_t sum = MIX_INIT, hits = 0;
	for (long op = 0; op < n; op++) {
		uint64_t r = rng();
		uint64_t key = ((r % 40000) * 0xd6e8feb86659fd93ULL) | 2;
		if ((r >> 62) == 0) {
			hits += (uint64_t)erase(key);
		} else {
			struct slot *s = find_or_insert(key);
			s->count++;
			if ((op & 0xffff) == 0)
				sum = mix64(sum, s->count ^ ((uint64_t)live << 32));
		}
	}
	for (uint32_t i = 0; i < CAP; i += 97)
		sum = mix64(sum, table[i].key ^ table[i].count);
	sum = mix64(sum, hits ^ ((uint64_t)live << 32));
	bench_result("hash", n, sum);
	return 0;
}
