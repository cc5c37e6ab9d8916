/* Case 10: syscall buffers at and past the edges: a read into the last bytes of the space, a
 * write from an address that wraps, iovecs whose lengths overflow, a huge iovcnt, an iovec
 * array past the end. EFAULT or EINVAL; nothing of the host is touched. */
#include "hostile.h"
#include <stdint.h>
#include <sys/uio.h>

int main(void)
{
    static char buf[64];
    const uint64_t end = 1ull << 38;
    struct iovec ov[2] = { { buf, 1 }, { buf, (size_t)-1 } };
    struct iovec ok[1] = { { buf, 1 } };
    TRY("read to end-16", syscall(SYS_read, 0, (void *)(uintptr_t)(end - 16), 4096));
    TRY("write wrapping", syscall(SYS_write, 1, (void *)0xfffffffffffff000ull, 0x2000));
    TRY("write past end", syscall(SYS_write, 1, (void *)(uintptr_t)(end - 8), 16));
    TRY("writev overflowing lengths", syscall(SYS_writev, 1, ov, 2));
    TRY("writev iovcnt 2^20", syscall(SYS_writev, 1, ok, 1 << 20));
    TRY("readv iovec past end", syscall(SYS_readv, 0, (void *)(uintptr_t)(end - 8), 1));
    TRY("pread huge length", syscall(SYS_pread64, 0, buf, (size_t)-1, 0));
    TRY("getrandom past end", syscall(SYS_getrandom, (void *)(uintptr_t)(end - 4), 64, 0));
    puts("alive");
    return 0;
}
