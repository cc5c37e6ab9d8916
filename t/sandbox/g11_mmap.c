/* Case 11: mappings aimed at host memory: MAP_FIXED far beyond the guest space (2^60, a
 * typical host address), munmap/mprotect/madvise/mremap there. Refused; the guest's own
 * memory (a checksum of a buffer) is intact afterwards. */
#include "hostile.h"
#include <stdint.h>
#include <sys/mman.h>

int main(void)
{
    static unsigned char data[8192];
    unsigned sum = 0, sum2 = 0;
    for (unsigned i = 0; i < sizeof data; i++)
        sum += data[i] = (unsigned char)(i * 7);
    const int a = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, rw = PROT_READ | PROT_WRITE;
    TRY("mmap fixed 2^60", syscall(SYS_mmap, 1ull << 60, 4096, rw, a, -1, 0) == -1 ? -1 : 0);
    TRY("mmap fixed host-like", syscall(SYS_mmap, 0x7f0000000000ull, 4096, rw, a, -1, 0) == -1 ? -1 : 0);
    TRY("mmap fixed end", syscall(SYS_mmap, (1ull << 38) - 4096, 8192, rw, a, -1, 0) == -1 ? -1 : 0);
    TRY("munmap 2^40", syscall(SYS_munmap, 1ull << 40, 4096));
    TRY("mprotect 2^40", syscall(SYS_mprotect, 1ull << 40, 4096, PROT_READ));
    TRY("madvise dontneed 2^40", syscall(SYS_madvise, 1ull << 40, 4096, MADV_DONTNEED));
    TRY("mremap to 2^40", syscall(SYS_mremap, (uintptr_t)data & ~4095ull, 4096, 8192,
                                  MREMAP_MAYMOVE | MREMAP_FIXED, 1ull << 40) == -1 ? -1 : 0);
    for (unsigned i = 0; i < sizeof data; i++)
        sum2 += data[i];
    printf("guest memory intact: %s\n", sum == sum2 ? "yes" : "no");
    return 0;
}
