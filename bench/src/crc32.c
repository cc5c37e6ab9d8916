/* crc32: table-driven CRC-32 (reflected polynomial 0xEDB88320) over a 64 KiB buffer,
 * SIZE passes, one byte of the buffer changed between passes. Byte loads, table lookups,
 * shifts and xors. */
#include "bench.h"

#define BUF 65536

static uint32_t table[256];
static unsigned char buf[BUF];

static void make_table(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
}

static NOINLINE uint32_t crc32(uint32_t crc, const unsigned char *p, size_t len)
{
	crc = ~crc;
	while (len--)
		crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

int main(int argc, char **argv)
{
	long n = bench_size(argc, argv, 5500);
	make_table();
	/* Known answer: CRC-32 of "123456789" is 0xCBF43926. */
	if (crc32(0, (const unsigned char *)"123456789", 9) != 0xCBF43926u) {
		fprintf(stderr, "crc32: self-test failed\n");
		return 1;
	}
	for (size_t i = 0; i < BUF; i++)
		buf[i] = (unsigned char)(rng() >> 56);
	uint64_t sum = MIX_INIT;
	uint32_t crc = 0;
	for (long pass = 0; pass < n; pass++) {
		crc = crc32(crc, buf, BUF);
		buf[(crc ^ (uint32_t)pass) % BUF] ^= (unsigned char)crc;
		sum = mix64(sum, crc);
	}
	bench_result("crc32", n, sum);
	return 0;
}
