/* dhry: a Dhrystone-like mix (written for rvemu, not Dhrystone itself): small non-inlined
 * procedures, whole-struct copies, a pointer-linked record pair, enums, fixed-size string
 * copies and compares, 1-D and 2-D global arrays. SIZE loop iterations. */
#include "bench.h"

enum colour { RED, GREEN, BLUE, CYAN, MAGENTA };

struct record {
	struct record *next;
	enum colour colour;
	int count;
	int weight;
	char label[32];
};

static struct record rec_a, rec_b;
static int table1[64];
static int table2[64][64];
static int glob_int;
static char glob_char;
static int glob_flag;

static NOINLINE enum colour pick(int x, int y)
{
	if (x == y)
		return RED;
	return (enum colour)((x * 7 + y) % 5);
}

static NOINLINE int same_colour(enum colour c, char want)
{
	static const char names[] = "RGBCM";
	return names[c] == want;
}

static NOINLINE void bump(int *p, int by)
{
	*p = *p * 3 + by;
	if (*p > 100000)
		*p -= 99991;
}

static NOINLINE void fill_tables(int i, int v)
{
	table1[i & 63] = v;
	table1[(i + 1) & 63] = table1[i & 63] + 1;
	table2[i & 63][(v + 5) & 63] = v;
	table2[(i + 2) & 63][i & 63] += table1[(v + 3) & 63] + 1;
	glob_int = 5;
}

static NOINLINE void proc_record(struct record *r)
{
	struct record *nx = r->next;
	*nx = *r;               /* struct copy, 56 bytes */
	r->count = 5;
	nx->count = r->count;
	nx->next = r->next;
	bump(&nx->weight, r->count);
	if (nx->colour == RED) {
		nx->count = 6;
		nx->colour = pick(nx->count, glob_int);
		nx->next = rec_a.next;
		bump(&nx->count, 10);
	} else {
		*r = *nx;       /* and back */
	}
}

static NOINLINE int cmp_labels(const char *a, const char *b)
{
	int i = 1;
	char c = 'A';
	while (i <= 2) {
		if (!same_colour(pick(a[i], b[i + 1]), 'R')) {
			c = 'A' + (char)i;
			i++;
		} else {
			i++;
		}
	}
	if (c >= 'W' && c < 'Z')
		i = 7;
	if (c == 'R')
		return 1;
	if (strcmp(a, b) > 0) {
		i += 7;
		glob_int = i;
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long n = bench_size(argc, argv, 45000000);
	char s1[32], s2[32];
	rec_a.next = &rec_b;
	rec_a.colour = GREEN;
	rec_a.count = 40;
	rec_a.weight = 7;
	strcpy(rec_a.label, "RVEMU BENCHMARK, SOME STRING");
	strcpy(s1, "RVEMU BENCHMARK, 1ST STRING");
	uint64_t sum = MIX_INIT;
	for (long it = 0; it < n; it++) {
		int a = 2, b = 3, c;
		strcpy(s2, (it & 1) ? "RVEMU BENCHMARK, 2ND STRING" : "RVEMU BENCHMARK, 3RD STRING");
		glob_flag = !cmp_labels(s1, s2);
		while (a < b) {
			c = 5 * a - b;
			bump(&c, a);
			a++;
		}
		fill_tables(a + (int)(it & 31), c);
		proc_record(&rec_a);
		for (char ch = 'A'; ch <= glob_char; ch++)
			if (pick(ch, 'C') == (enum colour)(ch & 3))
				glob_int += ch;
		glob_char = (char)('A' + (it & 3));
		b = a * c;
		c = b / (a | 1);
		b = 7 * (b - c) - a;
		if ((it & 0xfff) == 0)
			sum = mix64(sum, (uint64_t)(uint32_t)(b + c + glob_int + rec_b.weight + rec_b.count +
							      table2[7][9] + table1[9] + glob_flag));
	}
	sum = mix64(sum, (uint64_t)(uint32_t)(rec_a.count + rec_b.colour + glob_int));
	bench_result("dhry", n, sum);
	return 0;
}
