/* mremap with MREMAP_FIXED moves even when the mapping shrinks. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
int main(void)
{
    char *a = mmap(0, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *b = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(a, "moved");
    char *c = mremap(a, 3 * 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, b);
    printf("fixed shrink moved: %d content: %s\n", c == b, c == b ? c : "-");
    return 0;
}
