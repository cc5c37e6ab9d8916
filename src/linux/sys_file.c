/* File and descriptor syscalls. Guest descriptors are host descriptors; paths are copied out
 * of guest memory once and checked; structures whose riscv64 layout may differ from the
 * host's (struct stat) are converted field by field. */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>
#include "linux/syscall.h"
#include "linux/path.h"

/* asm-generic open flags, as riscv64 guests pass them, and their host equivalents */
static const struct { uint32_t g; int h; } oflags[] = {
    { 01, O_WRONLY }, { 02, O_RDWR }, { 0100, O_CREAT }, { 0200, O_EXCL }, { 0400, O_NOCTTY },
    { 01000, O_TRUNC }, { 02000, O_APPEND }, { 04000, O_NONBLOCK }, { 010000, O_DSYNC },
    { 020000, O_ASYNC }, { 040000, O_DIRECT }, { 0100000, O_LARGEFILE },
    { 0200000, O_DIRECTORY }, { 0400000, O_NOFOLLOW }, { 01000000, O_NOATIME },
    { 02000000, O_CLOEXEC }, { 04000000, O_SYNC & ~O_DSYNC }, { 010000000, O_PATH },
    { 020000000, O_TMPFILE & ~O_DIRECTORY },
};

int sys_open_flags(uint64_t g)
{
    int h = 0;
    for (size_t i = 0; i < sizeof oflags / sizeof *oflags; i++)
        if (g & oflags[i].g)
            h |= oflags[i].h;
    return h;
}

static uint64_t guest_open_flags(int h)
{
    uint64_t g = 0;
    for (size_t i = 0; i < sizeof oflags / sizeof *oflags; i++)
        if (oflags[i].h && (h & oflags[i].h) == oflags[i].h)
            g |= oflags[i].g;
    return g;
}

#define PATH_ARG(var, a) char var[PATH_MAX]; do { int e_ = sys_path(cpu, (a), var, sizeof var); \
        if (e_) return e_; } while (0)
#define BUF_ARG(var, a, n) void *var = sys_buf(cpu, (a), (n)); if (!var && (n) != 0) return -EFAULT

SYS(getcwd)
{
    BUF_ARG(p, a[0], a[1]);
    return sys_ret(syscall(SYS_getcwd, p, (size_t)a[1]));
}
SYS(dup) { return sys_ret(dup((int)a[0])); }
SYS(dup3) { return sys_ret(dup3((int)a[0], (int)a[1], sys_open_flags(a[2]))); }
SYS(close) { return sys_ret(close((int)a[0])); }
SYS(fsync) { return sys_ret(fsync((int)a[0])); }
SYS(ftruncate) { return sys_ret(ftruncate((int)a[0], (off_t)a[1])); }
SYS(lseek) { return sys_ret(lseek((int)a[0], (off_t)a[1], (int)a[2])); }
SYS(umask) { return umask((mode_t)a[0] & 0777); }

SYS(fcntl)
{
    int fd = (int)a[0], cmd = (int)a[1];
    switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC: case F_GETFD: case F_SETFD:
    case F_GETPIPE_SZ: case F_SETPIPE_SZ:
        return sys_ret(fcntl(fd, cmd, (int)a[2]));
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : (int64_t)((guest_open_flags(r) & ~(uint64_t)3) | (unsigned)(r & O_ACCMODE));
    }
    case F_SETFL: return sys_ret(fcntl(fd, F_SETFL, sys_open_flags(a[2])));
    case F_GETLK: case F_SETLK: case F_SETLKW: {
        /* struct flock has the same 32-byte layout on every 64-bit Linux */
        BUF_ARG(p, a[2], sizeof(struct flock));
        return sys_ret(fcntl(fd, cmd, p));
    }
    default: return -EINVAL;
    }
}

SYS(ioctl)
{
    int fd = (int)a[0];
    unsigned long req = (unsigned long)a[1];
    /* only requests whose argument layout we know cross to the host */
    switch (req) {
    case 0x5401: case 0x5402: case 0x5403: case 0x5404: {     /* TCGETS, TCSETS[WF] */
        BUF_ARG(p, a[2], 36);
        static const unsigned long host[] = { TCGETS, TCSETS, TCSETSW, TCSETSF };
        return sys_ret(ioctl(fd, host[req - 0x5401], p));
    }
    case 0x5413: { BUF_ARG(p, a[2], sizeof(struct winsize)); return sys_ret(ioctl(fd, TIOCGWINSZ, p)); }
    case 0x5414: { BUF_ARG(p, a[2], sizeof(struct winsize)); return sys_ret(ioctl(fd, TIOCSWINSZ, p)); }
    case 0x540f: { BUF_ARG(p, a[2], 4); return sys_ret(ioctl(fd, TIOCGPGRP, p)); }
    case 0x541b: { BUF_ARG(p, a[2], 4); return sys_ret(ioctl(fd, FIONREAD, p)); }
    case 0x5421: { BUF_ARG(p, a[2], 4); return sys_ret(ioctl(fd, FIONBIO, p)); }
    case 0x5451: return sys_ret(ioctl(fd, FIOCLEX));
    case 0x5450: return sys_ret(ioctl(fd, FIONCLEX));
    default: return -ENOTTY;
    }
}

SYS(openat)
{
    PATH_ARG(path, a[1]);
    return sys_ret(openat((int)a[0], path, sys_open_flags(a[2]), (mode_t)a[3]));
}

SYS(mkdirat) { PATH_ARG(path, a[1]); return sys_ret(mkdirat((int)a[0], path, (mode_t)a[2])); }
SYS(unlinkat) { PATH_ARG(path, a[1]); return sys_ret(unlinkat((int)a[0], path, (int)a[2])); }
SYS(chdir) { PATH_ARG(path, a[0]); return sys_ret(chdir(path)); }
SYS(faccessat) { PATH_ARG(path, a[1]); return sys_ret(syscall(SYS_faccessat, (int)a[0], path, (int)a[2])); }
SYS(faccessat2)
{
    PATH_ARG(path, a[1]);
    return sys_ret(faccessat((int)a[0], path, (int)a[2], (int)a[3]));
}

SYS(renameat2)
{
    PATH_ARG(from, a[1]);
    PATH_ARG(to, a[3]);
    return sys_ret(syscall(SYS_renameat2, (int)a[0], from, (int)a[2], to, (unsigned)a[4]));
}

SYS(readlinkat)
{
    char path[PATH_MAX];
    long n = rv_strcpy_from_guest(MEM, path, a[1], sizeof path);
    if (n < 0)
        return n;
    BUF_ARG(p, a[2], a[3]);
    if (strcmp(path, "/proc/self/exe") == 0 && cpu->m->exe_path) {
        size_t len = strlen(cpu->m->exe_path);
        if (len > a[3])
            len = a[3];
        return rv_copy_to_guest(MEM, a[2], cpu->m->exe_path, len) ? -EFAULT : (int64_t)len;
    }
    char host[PATH_MAX];
    int e = rv_path_map(cpu->m, path, host, sizeof host);
    return e ? e : sys_ret(readlinkat((int)a[0], host, p, a[3]));
}

SYS(read) { BUF_ARG(p, a[1], a[2]); return sys_ret(read((int)a[0], p, a[2])); }
SYS(write) { BUF_ARG(p, a[1], a[2]); return sys_ret(write((int)a[0], p, a[2])); }
SYS(pread64) { BUF_ARG(p, a[1], a[2]); return sys_ret(pread((int)a[0], p, a[2], (off_t)a[3])); }
SYS(pwrite64) { BUF_ARG(p, a[1], a[2]); return sys_ret(pwrite((int)a[0], p, a[2], (off_t)a[3])); }
SYS(getdents64) { BUF_ARG(p, a[1], a[2]); return sys_ret(syscall(SYS_getdents64, (int)a[0], p, (size_t)a[2])); }

/* Guest iovec array to host iovecs, each base checked. */
static int64_t iov_in(struct rv_cpu *cpu, uint64_t g, uint64_t cnt, struct iovec *out)
{
    if (cnt > IOV_MAX)
        return -EINVAL;
    for (uint64_t i = 0; i < cnt; i++) {
        uint64_t v[2];
        if (rv_copy_from_guest(MEM, v, g + 16 * i, sizeof v))
            return -EFAULT;
        out[i].iov_base = sys_buf(cpu, v[0], v[1]);
        out[i].iov_len = v[1];
        if (!out[i].iov_base && v[1])
            return -EFAULT;
    }
    return 0;
}

SYS(readv)
{
    struct iovec iov[IOV_MAX];
    int64_t e = iov_in(cpu, a[1], a[2], iov);
    return e ? e : sys_ret(readv((int)a[0], iov, (int)a[2]));
}

SYS(writev)
{
    struct iovec iov[IOV_MAX];
    int64_t e = iov_in(cpu, a[1], a[2], iov);
    return e ? e : sys_ret(writev((int)a[0], iov, (int)a[2]));
}

SYS(pipe2)
{
    int fds[2];
    BUF_ARG(p, a[0], 8);
    (void)p;
    if (pipe2(fds, sys_open_flags(a[1])) != 0)
        return -errno;
    if (rv_copy_to_guest(MEM, a[0], fds, sizeof fds)) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

/* struct stat of riscv64 (asm-generic): 128 bytes */
struct guest_stat {
    uint64_t dev, ino;
    uint32_t mode, nlink, uid, gid;
    uint64_t rdev, pad1;
    int64_t size;
    int32_t blksize, pad2;
    int64_t blocks;
    int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
    uint32_t unused[2];
};
_Static_assert(sizeof(struct guest_stat) == 128, "riscv64 struct stat is 128 bytes");

static int64_t put_stat(struct rv_cpu *cpu, uint64_t g, const struct stat *st)
{
    struct guest_stat s = {
        .dev = st->st_dev, .ino = st->st_ino, .mode = st->st_mode, .nlink = (uint32_t)st->st_nlink,
        .uid = st->st_uid, .gid = st->st_gid, .rdev = st->st_rdev, .size = st->st_size,
        .blksize = (int32_t)st->st_blksize, .blocks = st->st_blocks,
        .atime = st->st_atim.tv_sec, .atime_ns = st->st_atim.tv_nsec,
        .mtime = st->st_mtim.tv_sec, .mtime_ns = st->st_mtim.tv_nsec,
        .ctime = st->st_ctim.tv_sec, .ctime_ns = st->st_ctim.tv_nsec,
    };
    return rv_copy_to_guest(MEM, g, &s, sizeof s) ? -EFAULT : 0;
}

SYS(fstat)
{
    struct stat st;
    if (fstat((int)a[0], &st) != 0)
        return -errno;
    return put_stat(cpu, a[1], &st);
}

SYS(newfstatat)
{
    PATH_ARG(path, a[1]);
    struct stat st;
    if (fstatat((int)a[0], path, &st, (int)a[3]) != 0)
        return -errno;
    return put_stat(cpu, a[2], &st);
}

SYS(statx)
{
    /* struct statx has one layout on every architecture */
    PATH_ARG(path, a[1]);
    BUF_ARG(p, a[4], 256);
    char tmp[256];
    long r = syscall(SYS_statx, (int)a[0], path, (int)a[2], (unsigned)a[3], tmp);
    if (r < 0)
        return -errno;
    (void)p;
    return rv_copy_to_guest(MEM, a[4], tmp, sizeof tmp) ? -EFAULT : 0;
}

SYS(symlinkat)
{
    PATH_ARG(target, a[0]);
    PATH_ARG(path, a[2]);
    return sys_ret(symlinkat(target, (int)a[1], path));
}
SYS(linkat)
{
    PATH_ARG(from, a[1]);
    PATH_ARG(to, a[3]);
    return sys_ret(linkat((int)a[0], from, (int)a[2], to, (int)a[4]));
}
SYS(truncate) { PATH_ARG(path, a[0]); return sys_ret(truncate(path, (off_t)a[1])); }
SYS(fchdir) { return sys_ret(fchdir((int)a[0])); }
SYS(fchmod) { return sys_ret(fchmod((int)a[0], (mode_t)a[1])); }
SYS(fchmodat) { PATH_ARG(path, a[1]); return sys_ret(syscall(SYS_fchmodat, (int)a[0], path, (mode_t)a[2])); }
SYS(fdatasync) { return sys_ret(fdatasync((int)a[0])); }
