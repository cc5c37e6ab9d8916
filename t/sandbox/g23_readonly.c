/* Own case: a tree given with --allow-read (argv[1], holding "file") may be read, never
 * changed: by open modes, truncate, unlink, rename and link out of it, mkdir, symlink,
 * chmod by path and by descriptor, utimes, xattrs, and by reopening a read-only descriptor
 * for writing through /proc/self/fd. */
#include "hostile.h"
#include <sys/stat.h>

int main(int argc, char **argv)
{
    char f[4096], d[4096], s[4096], p[64], buf[64];
    if (argc < 2)
        return 2;
    snprintf(f, sizeof f, "%s/file", argv[1]);
    snprintf(d, sizeof d, "%s/dir", argv[1]);
    snprintf(s, sizeof s, "%s/sym", argv[1]);
    TRY("read", slurp(f, buf, sizeof buf));
    TRY("open wronly", syscall(SYS_openat, AT_FDCWD, f, O_WRONLY, 0));
    TRY("open rdwr trunc", syscall(SYS_openat, AT_FDCWD, f, O_RDWR | O_TRUNC, 0));
    TRY("open append", syscall(SYS_openat, AT_FDCWD, f, O_WRONLY | O_APPEND, 0));
    TRY("truncate", syscall(SYS_truncate, f, 0));
    TRY("unlink", syscall(SYS_unlinkat, AT_FDCWD, f, 0));
    TRY("rename out", syscall(SYS_renameat2, AT_FDCWD, f, AT_FDCWD, "moved", 0));
    TRY("link out", syscall(SYS_linkat, AT_FDCWD, f, AT_FDCWD, "linked", 0));
    TRY("mkdir", syscall(SYS_mkdirat, AT_FDCWD, d, 0755));
    TRY("symlink", syscall(SYS_symlinkat, "file", AT_FDCWD, s));
    TRY("chmod", syscall(SYS_fchmodat, AT_FDCWD, f, 0777));
    TRY("utimes", syscall(SYS_utimensat, AT_FDCWD, f, NULL, 0));
    TRY("setxattr", syscall(SYS_setxattr, f, "user.x", "1", 1, 0));
    int fd = (int)TRY("open rdonly", syscall(SYS_openat, AT_FDCWD, f, O_RDONLY, 0));
    TRY("fchmod", syscall(SYS_fchmod, fd, 0777));
    TRY("futimens", syscall(SYS_utimensat, fd, NULL, NULL, 0));
    TRY("ftruncate", syscall(SYS_ftruncate, fd, 0));
    snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
    TRY("reopen for writing", syscall(SYS_openat, AT_FDCWD, p, O_WRONLY, 0));
    return 0;
}
