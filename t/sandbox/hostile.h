/* Helpers of the hostile guests (riscv64, static): each program tries escapes and prints one
 * line per attempt, "label: RESULT", RESULT being "ok" (with a value) or the errno's name,
 * so that the test scripts can assert exact lines. Raw syscalls: libc wrappers may fall
 * back to other calls and hide what was tried. */
#ifndef HOSTILE_H
#define HOSTILE_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline const char *ename(int e)
{
    switch (e) {
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case ESRCH: return "ESRCH";
    case EBADF: return "EBADF";
    case ECHILD: return "ECHILD";
    case EAGAIN: return "EAGAIN";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    case EFAULT: return "EFAULT";
    case EEXIST: return "EEXIST";
    case EXDEV: return "EXDEV";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case EINVAL: return "EINVAL";
    case ENOTTY: return "ENOTTY";
    case ENOSYS: return "ENOSYS";
    case ELOOP: return "ELOOP";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case ECONNREFUSED: return "ECONNREFUSED";
    case ENXIO: return "ENXIO";
    case EROFS: return "EROFS";
    default: return "E?";
    }
}

/* prints "label: ok" (or "ok N" when show_value) for r >= 0, "label: EXXX" otherwise */
static inline long report(const char *label, long r, int show_value)
{
    if (r < 0)
        printf("%s: %s\n", label, ename(errno));
    else if (show_value)
        printf("%s: ok %ld\n", label, r);
    else
        printf("%s: ok\n", label);
    fflush(stdout);
    return r;
}
#define TRY(label, call) report((label), (long)(call), 0)

/* reads up to n-1 bytes of the file at path into buf; -1 and errno on failure */
static inline long slurp(const char *path, char *buf, size_t n)
{
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY, 0);
    if (fd < 0)
        return -1;
    long k = read(fd, buf, n - 1);
    close(fd);
    if (k >= 0)
        buf[k] = 0;
    return k;
}

#endif
