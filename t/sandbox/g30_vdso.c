/* Own case (gap G3 of docs/memory-isolation.md): clock_gettime, clock_getres and
 * gettimeofday are answered in user space by the host's vDSO; into a read-only or
 * inaccessible guest page they must give EFAULT, as on Linux, not fault rvemu itself. So must
 * a path rvemu copies from a shared page of a file truncated under it (the copy faults). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *res(long r) { return r == 0 ? "ok" : errno == EFAULT ? "EFAULT" : strerror(errno); }

int main(void)
{
    char *p = mmap(0, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(p + 4096, 4096, PROT_NONE);
    for (int i = 0; i < 2; i++) {
        const char *what = i ? "no-access" : "read-only";
        char *b = p + 4096 * i;
        printf("clock_gettime %s: %s\n", what, res(syscall(SYS_clock_gettime, 1, b)));
        printf("clock_getres %s: %s\n", what, res(syscall(SYS_clock_getres, 1, b)));
        printf("gettimeofday %s: %s\n", what, res(syscall(SYS_gettimeofday, b, NULL)));
    }
    int fd = open("trunc.dat", O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, 4096))
        perror("trunc.dat");
    char *q = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    strcpy(q, "/etc/hostname");
    if (ftruncate(fd, 0))
        perror("ftruncate");
    printf("openat of a path in a truncated page: %s\n",
           res(syscall(SYS_openat, AT_FDCWD, q, O_RDONLY, 0)));
    puts("alive");
    return 0;
}
