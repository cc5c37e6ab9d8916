/* list: pointer chasing. A singly linked list of 32768 nodes (768 KiB) laid out in a random
 * order in memory is walked SIZE times; every walk sums the node values and bumps one node. */
#include "bench.h"

#define NODES 32768

struct node {
	struct node *next;
	uint64_t value;
	uint32_t tag;
};

int main(int argc, char **argv)
{
	long n = bench_size(argc, argv, 4500);
	struct node *pool = malloc(NODES * sizeof *pool);
	uint32_t *order = malloc(NODES * sizeof *order);
	if (!pool || !order)
		return 1;
	for (uint32_t i = 0; i < NODES; i++)
		order[i] = i;
	for (uint32_t i = NODES - 1; i > 0; i--) { /* Fisher-Yates */
		uint32_t j = (uint32_t)(rng() % (i + 1));
		uint32_t t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (uint32_t i = 0; i < NODES; i++) {
		struct node *p = &pool[order[i]];
		p->next = i + 1 < NODES ? &pool[order[i + 1]] : NULL;
		p->value = rng() >> 16;
		p->tag = i;
	}
	struct node *head = &pool[order[0]];
	uint64_t sum = MIX_INIT;
	for (long walk = 0; walk < n; walk++) {
		uint64_t s = 0;
		uint32_t k = (uint32_t)(walk * 7919 % NODES);
		for (struct node *p = head; p; p = p->next) {
			s += p->value ^ p->tag;
			if (p->tag == k)
				p->value += s & 0xff;
		}
		sum = mix64(sum, s);
	}
	free(pool);
	free(order);
	bench_result("list", n, sum);
	return 0;
}
