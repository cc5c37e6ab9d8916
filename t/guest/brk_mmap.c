/* Memory management syscalls, printed as checks only (never addresses): sbrk/brk
 * growth and shrink, anonymous private mappings of several sizes, mprotect to
 * read-only and back, munmap, mremap growing (MREMAP_MAYMOVE) with contents kept,
 * a MAP_SHARED file mapping written, msync'ed and read back with read(). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Returns 1 if storing to p faults. The kernel does the store (read() from a pipe into p),
 * so the check needs no signal handler: an unwritable page gives EFAULT. */
static int store_faults(volatile char *p)
{
    int fds[2];
    char one = 1;
    if (pipe(fds) != 0)
        return -1;
    write(fds[1], &one, 1);
    ssize_t r = read(fds[0], (char *)p, 1);
    int e = errno;
    close(fds[0]);
    close(fds[1]);
    return r < 0 && e == EFAULT;
}

static unsigned sum(const unsigned char *p, size_t n)
{
    unsigned s = 0;
    for (size_t i = 0; i < n; i++)
        s = s * 31 + p[i];
    return s;
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);

    /* --- brk --- */
    /* stdio's buffer first: malloc must not live above b0, which is given back at the end
     * (Linux unmaps a shrunk break; qemu-riscv64 does not, so only Linux would notice) */
    printf("brk tests\n");
    char *b0 = sbrk(0);
    char *b1 = sbrk(100000);
    char *b2 = sbrk(0);
    printf("sbrk grow: ok=%d returned old break=%d grew by 100000=%d\n", b1 != (void *)-1, b1 == b0, b2 - b0 == 100000);
    memset(b1, 0x5a, 100000);
    int ok = 1;
    for (int i = 0; i < 100000; i += 4096)
        ok &= (unsigned char)b1[i] == 0x5a;
    printf("sbrk memory usable: %d\n", ok);
    char *b3 = sbrk(1 << 20);
    memset(b3, 1, 1 << 20);
    printf("sbrk 1 MiB more: %d contiguous=%d\n", b3 != (void *)-1, b3 == b2);
    sbrk(-(1 << 20));
    printf("sbrk shrink: %d\n", (char *)sbrk(0) == b2);
    int brc = brk(sbrk(0));
    printf("brk(current) rc=%d\n", brc);
    brc = brk(b0);
    printf("brk back to start rc=%d at start=%d\n", brc, (char *)sbrk(0) == b0);

    /* --- anonymous mmap --- */
    size_t sizes[] = {1, 4096, 4097, 65536, 1 << 20, 5 << 20};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t n = sizes[i];
        unsigned char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            printf("mmap %zu failed\n", n);
            continue;
        }
        int zero = 1;
        for (size_t j = 0; j < n; j += 512)
            zero &= p[j] == 0;
        for (size_t j = 0; j < n; j++)
            p[j] = (unsigned char)(j * 7 + i);
        unsigned s = sum(p, n);
        int rc = munmap(p, n);
        printf("mmap %zu: page-aligned=%d zero-filled=%d sum=%08x munmap=%d\n", n, ((uintptr_t)p % pg) == 0, zero, s,
               rc);
    }

    /* --- mprotect --- */
    char *q = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(q + pg, "protected data");
    int f1, f2, rc;
    f1 = store_faults(q + pg);
    printf("writable store faults: %d\n", f1);
    rc = mprotect(q + pg, pg, PROT_READ);
    printf("mprotect middle page RO rc=%d\n", rc);
    f1 = store_faults(q + pg + 10);
    f2 = store_faults(q);
    printf("RO store faults: %d, first page still writable: %d, read ok: %d\n", f1, !f2,
           q[pg] == 1 && strcmp(q + pg + 1, "rotected data") == 0);
    rc = mprotect(q + pg, pg, PROT_READ | PROT_WRITE);
    f1 = store_faults(q + pg + 10);
    printf("mprotect back RW rc=%d store faults: %d\n", rc, f1);
    rc = mprotect(q, pg, PROT_NONE);
    f1 = store_faults(q);
    printf("mprotect PROT_NONE rc=%d store faults: %d\n", rc, f1);
    errno = 0;
    rc = mprotect(q + 1, pg, PROT_READ);
    printf("mprotect unaligned rc=%d EINVAL=%d\n", rc, errno == EINVAL);
    rc = munmap(q + pg, pg);
    f1 = store_faults(q + pg);
    f2 = store_faults(q + 2 * pg);
    printf("munmap middle rc=%d store to unmapped faults: %d, last page ok: %d\n", rc, f1, !f2);
    munmap(q, 3 * pg);

    /* --- mremap --- */
    size_t n1 = 4 * pg, n2 = 64 * pg;
    unsigned char *r = mmap(NULL, n1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (size_t j = 0; j < n1; j++)
        r[j] = (unsigned char)(j ^ (j >> 8));
    unsigned before = sum(r, n1);
    /* Block growth in place so that the kernel has to move it. */
    void *blocker = mmap(r + n1, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    unsigned char *r2 = mremap(r, n1, n2, MREMAP_MAYMOVE);
    printf("mremap grow: ok=%d contents kept=%d\n", r2 != MAP_FAILED, r2 != MAP_FAILED && sum(r2, n1) == before);
    if (r2 != MAP_FAILED) {
        int z = 1;
        for (size_t j = n1; j < n2; j++)
            z &= r2[j] == 0;
        memset(r2 + n1, 0xee, n2 - n1);
        printf("mremap new part zero=%d writable=%d\n", z, r2[n2 - 1] == 0xee);
        unsigned char *r3 = mremap(r2, n2, pg, 0);
        printf("mremap shrink in place: %d contents kept=%d\n", r3 == r2, r3 != MAP_FAILED && sum(r3, pg) == sum(r2, pg));
        munmap(r3, pg);
    }
    if (blocker != MAP_FAILED)
        munmap(blocker, pg);
    errno = 0;
    void *nomove = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void *blk2 = mmap((char *)nomove + pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    void *nm = mremap(nomove, pg, 2 * pg, 0);
    printf("mremap grow without MAYMOVE when blocked: failed=%d ENOMEM=%d\n", nm == MAP_FAILED, errno == ENOMEM);
    munmap(nomove, pg);
    munmap(blk2, pg);

    /* --- file mapping --- */
    int fd = open("map.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, 3 * pg);
    char *m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("mmap file shared: %d\n", m != MAP_FAILED);
    for (long j = 0; j < 3 * pg; j++)
        m[j] = (char)('A' + j % 26);
    strcpy(m + pg + 100, "written through the mapping");
    rc = msync(m, 3 * pg, MS_SYNC);
    printf("msync rc=%d\n", rc);
    char rb[64] = {0};
    pread(fd, rb, 27, pg + 100);
    printf("read back: [%s]\n", rb);
    char whole[3 * 4096];
    lseek(fd, 0, SEEK_SET);
    ssize_t got = read(fd, whole, sizeof whole);
    printf("read all %zd bytes, sum=%08x matches mapping=%d\n", got, sum((unsigned char *)whole, (size_t)got),
           sum((unsigned char *)whole, (size_t)got) == sum((unsigned char *)m, (size_t)got));
    pwrite(fd, "via write()", 11, 10);
    printf("write() visible in mapping: %d\n", memcmp(m + 10, "via write()", 11) == 0);
    munmap(m, 3 * pg);
    char *ro = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, pg);
    f1 = store_faults(ro);
    printf("mmap offset page private: [%.26s] store faults: %d\n", ro + 100, f1);
    char *cow = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    cow[0] = '#';
    pread(fd, rb, 1, 0);
    printf("private write not in file: %d\n", rb[0] == 'A');
    munmap(cow, pg);
    munmap(ro, pg);
    errno = 0;
    f1 = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 100) == MAP_FAILED;
    printf("mmap unaligned offset failed=%d EINVAL=%d\n", f1, errno == EINVAL);
    close(fd);
    errno = 0;
    f1 = mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED;
    printf("mmap bad fd failed=%d EBADF=%d\n", f1, errno == EBADF);
    unlink("map.dat");
    return 0;
}
