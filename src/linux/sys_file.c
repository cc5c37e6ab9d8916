/* File and descriptor syscalls. Guest descriptors are host descriptors; paths are copied out
 * of guest memory once and checked; structures whose riscv64 layout may differ from the
 * host's (struct stat, struct flock, struct statfs, struct open_how) are converted field by
 * field, and flag and command values are translated from their asm-generic numbers. */
#include "config.h"
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>
#include "linux/syscall.h"
#include "linux/sys_util.h"
#include "linux/path.h"
#include "linux/compat.h"

/* asm-generic open flags, as riscv64 guests pass them, and their host equivalents */
static const struct { uint32_t g; int h; } oflags[] = {
    { 01, O_WRONLY }, { 02, O_RDWR }, { 0100, O_CREAT }, { 0200, O_EXCL }, { 0400, O_NOCTTY },
    { 01000, O_TRUNC }, { 02000, O_APPEND }, { 04000, O_NONBLOCK }, { 010000, O_DSYNC },
    { 020000, O_ASYNC }, { 040000, O_DIRECT }, { 0100000, O_LARGEFILE },
    { 0200000, O_DIRECTORY }, { 0400000, O_NOFOLLOW }, { 01000000, O_NOATIME },
    { 02000000, O_CLOEXEC }, { 04000000, O_SYNC & ~O_DSYNC }, { 010000000, O_PATH },
    { 020000000, O_TMPFILE & ~O_DIRECTORY },
};
#define G_O_KNOWN 037777703u

/* The kernel reports O_LARGEFILE in F_GETFL on 64-bit hosts although glibc's x86-64 headers
 * (and riscv64's) define it as 0: the kernel's own value, per host architecture. */
#if defined(__x86_64__) || defined(__riscv)
#define HOST_K_O_LARGEFILE 0100000
#elif defined(__aarch64__)
#define HOST_K_O_LARGEFILE 0400000
#else
#define HOST_K_O_LARGEFILE O_LARGEFILE
#endif

int sys_open_flags(uint64_t g)
{
    int h = 0;
    for (size_t i = 0; i < sizeof oflags / sizeof *oflags; i++)
        if (g & oflags[i].g)
            h |= oflags[i].h;
    return h;
}

uint64_t sys_guest_open_flags(int h)
{
    uint64_t g = (unsigned)h & O_ACCMODE;     /* 0, 1, 2 everywhere */
    for (size_t i = 2; i < sizeof oflags / sizeof *oflags; i++)
        if (oflags[i].h && (h & oflags[i].h) == oflags[i].h)
            g |= oflags[i].g;
    if (HOST_K_O_LARGEFILE && (h & HOST_K_O_LARGEFILE))
        g |= 0100000;
    return g;
}

int sys_nb_cloexec(uint64_t g, uint64_t allowed_other)
{
    if (g & ~(uint64_t)(G_O_NONBLOCK | G_O_CLOEXEC) & ~allowed_other)
        return -1;
    return (int)(g & allowed_other) | (g & G_O_NONBLOCK ? O_NONBLOCK : 0) |
           (g & G_O_CLOEXEC ? O_CLOEXEC : 0);
}

SYS(getcwd)
{
    BUF_ARG(p, a[0], a[1]);
    return sys_ret(syscall(SYS_getcwd, p, (size_t)a[1]));
}

/* the emulator's own descriptors (its -D log file) are not the guest's to close */
static int reserved_fd(struct rv_cpu *cpu, int fd)
{
    FILE *log = cpu->m->log;
    return log && log != stderr && log != stdout && fd > 2 && fileno(log) == fd;
}

SYS(dup) { return sys_ret(dup((int)a[0])); }
SYS(dup3)
{
    if (a[2] & ~(uint64_t)G_O_CLOEXEC)
        return -EINVAL;
    if (reserved_fd(cpu, (int)a[1]))
        return -EBADF;
    return sys_ret(dup3((int)a[0], (int)a[1], sys_open_flags(a[2])));
}
SYS(close)
{
    if (reserved_fd(cpu, (int)a[0]))
        return -EBADF;
    return sys_ret(close((int)a[0]));
}

SYS(close_range)
{
    unsigned first = (unsigned)a[0], last = (unsigned)a[1], flags = (unsigned)a[2];
    if (flags & ~(unsigned)(2 | 4) || first > last)
        return -EINVAL;
    int hflags = (flags & 2 ? 2 : 0) | (flags & 4 ? 4 : 0);  /* UNSHARE, CLOEXEC */
    FILE *log = cpu->m->log;
    unsigned keep = log && log != stderr && log != stdout ? (unsigned)fileno(log) : 0;
    /* leave the emulator's log open: close around it */
    if (keep > 2 && keep >= first && keep <= last) {
        long r = 0;
        if (keep > first)
            r = syscall(SYS_close_range, first, keep - 1, hflags);
        if (r == 0 && keep < last)
            r = syscall(SYS_close_range, keep + 1, last, hflags);
        return sys_ret(r);
    }
    return sys_ret(syscall(SYS_close_range, first, last, hflags));
}

SYS(fsync) { return sys_ret(fsync((int)a[0])); }
SYS(fdatasync) { return sys_ret(fdatasync((int)a[0])); }
SYS(sync) { (void)a; sync(); return 0; }
SYS(syncfs) { return sys_ret(syncfs((int)a[0])); }
SYS(ftruncate) { return sys_ret(ftruncate((int)a[0], (off_t)a[1])); }
SYS(lseek) { return sys_ret(lseek((int)a[0], (off_t)a[1], (int)a[2])); }
SYS(umask) { return umask((mode_t)a[0] & 0777); }
SYS(flock) { return sys_ret(flock((int)a[0], (int)a[1])); }
SYS(fallocate) { return sys_ret(fallocate((int)a[0], (int)a[1], (off_t)a[2], (off_t)a[3])); }
SYS(fadvise64)
{
    int r = posix_fadvise((int)a[0], (off_t)a[1], (off_t)a[2], (int)a[3]);
    return -r;
}
SYS(readahead) { return sys_ret(readahead((int)a[0], (off64_t)a[1], (size_t)a[2])); }
SYS(sync_file_range)
{
    if (a[3] & ~(uint64_t)7)
        return -EINVAL;
    return sys_ret(sync_file_range((int)a[0], (off64_t)a[1], (off64_t)a[2], (unsigned)a[3]));
}

/* struct flock of asm-generic 64-bit: 32 bytes */
struct guest_flock {
    int16_t type, whence;
    int32_t pad;
    int64_t start, len;
    int32_t pid, pad2;
};
_Static_assert(sizeof(struct guest_flock) == 32, "riscv64 struct flock is 32 bytes");
#define L_FLOCK "22d884"

static int lock_type_in(int g)
{
    return g == 0 ? F_RDLCK : g == 1 ? F_WRLCK : g == 2 ? F_UNLCK : -1;
}
static int lock_type_out(int h)
{
    return h == F_RDLCK ? 0 : h == F_WRLCK ? 1 : h == F_UNLCK ? 2 : h;
}

static int64_t fcntl_lock(struct rv_cpu *cpu, int fd, int hcmd, uint64_t ga)
{
    struct guest_flock g;
    if (sys_get(cpu, &g, ga, sizeof g, L_FLOCK))
        return -EFAULT;
    struct flock h;
    memset(&h, 0, sizeof h);
    int t = lock_type_in(g.type);
    if (t < 0)
        return -EINVAL;
    h.l_type = (short)t;
    h.l_whence = g.whence;      /* SEEK_* are 0, 1, 2 everywhere */
    h.l_start = g.start;
    h.l_len = g.len;
    h.l_pid = g.pid;
    if (fcntl(fd, hcmd, &h) != 0)
        return -errno;
    if (hcmd == F_GETLK || hcmd == F_OFD_GETLK) {
        g.type = (int16_t)lock_type_out(h.l_type);
        g.whence = h.l_whence;
        g.start = h.l_start;
        g.len = h.l_len;
        g.pid = h.l_pid;
        if (sys_put(cpu, ga, &g, sizeof g, L_FLOCK))
            return -EFAULT;
    }
    return 0;
}

SYS(fcntl)
{
    int fd = (int)a[0];
    switch ((int)a[1]) {       /* asm-generic command numbers */
    case 0: return sys_ret(fcntl(fd, F_DUPFD, (int)a[2]));
    case 1030: return sys_ret(fcntl(fd, F_DUPFD_CLOEXEC, (int)a[2]));
    case 1: return sys_ret(fcntl(fd, F_GETFD));
    case 2: return sys_ret(fcntl(fd, F_SETFD, (int)a[2] & 1 ? FD_CLOEXEC : 0));
    case 3: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : (int64_t)sys_guest_open_flags(r);
    }
    case 4: return sys_ret(fcntl(fd, F_SETFL, sys_open_flags(a[2] & ~(uint64_t)3)));
    case 5: return fcntl_lock(cpu, fd, F_GETLK, a[2]);
    case 6: return fcntl_lock(cpu, fd, F_SETLK, a[2]);
    case 7: return fcntl_lock(cpu, fd, F_SETLKW, a[2]);
    case 36: return fcntl_lock(cpu, fd, F_OFD_GETLK, a[2]);
    case 37: return fcntl_lock(cpu, fd, F_OFD_SETLK, a[2]);
    case 38: return fcntl_lock(cpu, fd, F_OFD_SETLKW, a[2]);
    case 8: return sys_ret(fcntl(fd, F_SETOWN, (int)a[2]));
    case 9: return sys_ret(fcntl(fd, F_GETOWN));
    case 10: return sys_ret(fcntl(fd, F_SETSIG, (int)a[2]));
    case 11: return sys_ret(fcntl(fd, F_GETSIG));
    case 15: case 16: {         /* F_SETOWN_EX, F_GETOWN_EX: struct f_owner_ex {int; int;} */
        struct f_owner_ex t;
        void *p = sys_in(cpu, a[2], 8, &t, "44");
        if (!p)
            return -EFAULT;
        if (fcntl(fd, (int)a[1] == 15 ? F_SETOWN_EX : F_GETOWN_EX, p))
            return -errno;
        return (int)a[1] == 16 && sys_out(cpu, a[2], p, 8, "44") ? -EFAULT : 0;
    }
    case 1024: {                /* F_SETLEASE */
        int t = lock_type_in((int)a[2]);
        return t < 0 ? -EINVAL : sys_ret(fcntl(fd, F_SETLEASE, t));
    }
    case 1025: {
        int r = fcntl(fd, F_GETLEASE);
        return r < 0 ? -errno : lock_type_out(r);
    }
    case 1026: return sys_ret(fcntl(fd, F_NOTIFY, (int)a[2]));   /* DN_* are generic */
    case 1031: return sys_ret(fcntl(fd, F_SETPIPE_SZ, (int)a[2]));
    case 1032: return sys_ret(fcntl(fd, F_GETPIPE_SZ));
    case 1033: return sys_ret(fcntl(fd, F_ADD_SEALS, (int)a[2]));
    case 1034: return sys_ret(fcntl(fd, F_GET_SEALS));
    default: return -EINVAL;
    }
}

/* Opens for the guest, then lets /proc emulation replace what must show the guest. */
static int64_t open_done(struct rv_cpu *cpu, int fd, int hflags)
{
    if (fd < 0)
        return -errno;
    return sys_proc_fixup(cpu, fd, hflags);
}

SYS(openat)
{
    PATH_ARG(path, a[1]);
    int e = sys_proc_exe_rewrite(cpu, path, sizeof path);
    if (e)
        return e;
    int hflags = sys_open_flags(a[2]);
    return open_done(cpu, openat((int)a[0], path, hflags, (mode_t)a[3] & 07777), hflags);
}

SYS(openat2)
{
    PATH_ARG(path, a[1]);
    uint64_t size = a[3];
    uint64_t how[3] = { 0, 0, 0 };
    if (size < 24)
        return -EINVAL;
    if (size > RV_PAGE_SIZE)
        return -E2BIG;
    if (sys_get(cpu, how, a[2], 24, "888"))
        return -EFAULT;
    for (uint64_t i = 24; i < size; i++) {    /* a larger struct: the rest must be zero */
        uint8_t b;
        if (rv_copy_from_guest(MEM, &b, a[2] + i, 1))
            return -EFAULT;
        if (b)
            return -E2BIG;
    }
    if (how[0] & ~(uint64_t)G_O_KNOWN)
        return -EINVAL;
    int hflags = sys_open_flags(how[0]);
    /* RESOLVE_* have one set of values */
    uint64_t hhow[3] = { (uint64_t)(unsigned)hflags, how[1], how[2] };
    long fd = syscall(SYS_openat2, (int)a[0], path, hhow, sizeof hhow);
    return open_done(cpu, fd < 0 ? -1 : (int)fd, hflags);
}

SYS(mkdirat) { PATH_ARG(path, a[1]); return sys_ret(mkdirat((int)a[0], path, (mode_t)a[2])); }
SYS(unlinkat) { PATH_ARG(path, a[1]); return sys_ret(unlinkat((int)a[0], path, (int)a[2])); }
SYS(chdir) { PATH_ARG(path, a[0]); return sys_ret(chdir(path)); }
SYS(chroot) { PATH_ARG(path, a[0]); (void)path; return -EPERM; }
SYS(faccessat) { PATH_ARG(path, a[1]); return sys_ret(syscall(SYS_faccessat, (int)a[0], path, (int)a[2])); }
SYS(faccessat2)
{
    PATH_ARG(path, a[1]);
    return sys_ret(syscall(SYS_faccessat2, (int)a[0], path, (int)a[2], (int)a[3]));
}

SYS(mknodat)
{
    PATH_ARG(path, a[1]);
    mode_t mode = (mode_t)a[2];
    /* regular files, FIFOs and sockets only: device nodes stay out of the guest's reach */
    switch (mode & S_IFMT) {
    case 0: case S_IFREG: case S_IFIFO: case S_IFSOCK:
        return sys_ret(mknodat((int)a[0], path, mode, 0));
    case S_IFCHR: case S_IFBLK:
        return -EPERM;
    default:
        return -EINVAL;
    }
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
    if ((int64_t)a[3] <= 0)
        return -EINVAL;
    BUF_ARG(p, a[2], a[3]);
    int64_t r = sys_proc_readlink(cpu, path, a[2], a[3]);
    if (r >= 0)
        return r;
    char host[PATH_MAX];
    int e = rv_path_map(cpu->m, path, host, sizeof host);
    return e ? e : sys_ret(readlinkat((int)a[0], host, p, a[3]));
}

#if RV_HOST_BE
SYS(read)
{
    BUF_ARG(p, a[1], a[2]);
    ssize_t r = read((int)a[0], p, a[2]);
    if (r > 0)
        sys_fd_read_fix((int)a[0], p, (size_t)r);
    return sys_ret(r);
}
SYS(write)
{
    uint64_t tmp;
    BUF_ARG(p, a[1], a[2]);
    return sys_ret(write((int)a[0], sys_fd_write_view((int)a[0], p, a[2], &tmp), a[2]));
}
#else
SYS(read) { BUF_ARG(p, a[1], a[2]); return sys_ret(read((int)a[0], p, a[2])); }
SYS(write) { BUF_ARG(p, a[1], a[2]); return sys_ret(write((int)a[0], p, a[2])); }
#endif
SYS(pread64) { BUF_ARG(p, a[1], a[2]); return sys_ret(pread((int)a[0], p, a[2], (off_t)a[3])); }
SYS(pwrite64) { BUF_ARG(p, a[1], a[2]); return sys_ret(pwrite((int)a[0], p, a[2], (off_t)a[3])); }
SYS(getdents64)
{
    BUF_ARG(p, a[1], a[2]);
    long r = syscall(SYS_getdents64, (int)a[0], p, (size_t)a[2]);
    /* struct linux_dirent64 records, just written by the host: d_ino, d_off, d_reclen */
    for (long off = 0; RV_HOST_BE && r > 0 && off + 19 <= r; ) {
        unsigned char *d = (unsigned char *)p + off;
        uint16_t len;
        memcpy(&len, d + 16, 2);
        rv_le_fix(d, "882", 18, 1);
        if (len == 0)
            break;
        off += len;
    }
    return sys_ret(r);
}

int64_t sys_iov_in(struct rv_cpu *cpu, uint64_t g, uint64_t cnt, struct iovec *out)
{
    if (cnt > IOV_MAX)
        return -EINVAL;
    for (uint64_t i = 0; i < cnt; i++) {
        uint64_t v[2];
        if (sys_get(cpu, v, g + 16 * i, sizeof v, "88"))
            return -EFAULT;
        if ((int64_t)v[1] < 0)
            return -EINVAL;
        out[i].iov_base = sys_ubuf(cpu, v[0], v[1]);
        out[i].iov_len = v[1];
        if (!out[i].iov_base && v[1])
            return -EFAULT;
    }
    return 0;
}

#define IOV_ARG(iov, g, cnt) struct iovec iov[IOV_MAX]; do { \
        int64_t e_ = sys_iov_in(cpu, (g), (cnt), iov); if (e_) return e_; } while (0)

SYS(readv) { IOV_ARG(iov, a[1], a[2]); return sys_ret(readv((int)a[0], iov, (int)a[2])); }
SYS(writev) { IOV_ARG(iov, a[1], a[2]); return sys_ret(writev((int)a[0], iov, (int)a[2])); }
SYS(preadv) { IOV_ARG(iov, a[1], a[2]); return sys_ret(preadv((int)a[0], iov, (int)a[2], (off_t)a[3])); }
SYS(pwritev) { IOV_ARG(iov, a[1], a[2]); return sys_ret(pwritev((int)a[0], iov, (int)a[2], (off_t)a[3])); }
#ifndef HAVE_PREADV2
/* a C library without the wrappers (musl): the kernel takes the offset as two longs, low and
 * high half (the high one is 0 on a 64-bit host) */
#define OFF_HI(o) ((long)((uint64_t)(o) >> (4 * sizeof(long)) >> (4 * sizeof(long))))
static ssize_t preadv2(int fd, const struct iovec *iov, int n, off_t off, int flags)
{
    return syscall(SYS_preadv2, fd, iov, n, (long)off, OFF_HI(off), flags);
}
static ssize_t pwritev2(int fd, const struct iovec *iov, int n, off_t off, int flags)
{
    return syscall(SYS_pwritev2, fd, iov, n, (long)off, OFF_HI(off), flags);
}
#endif
/* RWF_* flags have one set of values */
SYS(preadv2)
{
    IOV_ARG(iov, a[1], a[2]);
    return sys_ret(preadv2((int)a[0], iov, (int)a[2], (off_t)a[3], (int)a[5]));
}
SYS(pwritev2)
{
    IOV_ARG(iov, a[1], a[2]);
    return sys_ret(pwritev2((int)a[0], iov, (int)a[2], (off_t)a[3], (int)a[5]));
}

SYS(pipe2)
{
    int fds[2];
    if (a[1] & ~(uint64_t)(G_O_CLOEXEC | G_O_NONBLOCK | 040000 /* O_DIRECT */))
        return -EINVAL;
    BUF_ARG(p, a[0], 8);
    (void)p;
    if (pipe2(fds, sys_open_flags(a[1])) != 0)
        return -errno;
    if (sys_put(cpu, a[0], fds, sizeof fds, "44")) {
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
#define L_STAT "8844448884d8{7}44"

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
    return sys_put(cpu, g, &s, sizeof s, L_STAT);
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
    if (!sys_ubuf(cpu, a[2], sizeof(struct guest_stat)))
        return -EFAULT;
    if (fstatat((int)a[0], path, &st, (int)a[3]) != 0)
        return -errno;
    return put_stat(cpu, a[2], &st);
}

/* mask, blksize, attributes, nlink, uid, gid, mode, ino, size, blocks, attributes_mask, four
 * timestamps (sec, nsec, reserved), rdev and dev numbers, mnt_id, dio alignments, subvol,
 * atomic write units */
#define L_STATX "44844422" "8{4}" "844844844844" "4{4}" "844" "8" "4{6}"
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
    rv_le_fix(tmp, L_STATX, sizeof tmp, 1);
    return rv_copy_to_guest(MEM, a[4], tmp, sizeof tmp) ? -EFAULT : 0;
}

/* struct statfs of asm-generic 64-bit: 120 bytes */
struct guest_statfs {
    int64_t type, bsize;
    uint64_t blocks, bfree, bavail, files, ffree;
    int32_t fsid[2];
    int64_t namelen, frsize, flags, spare[4];
};
_Static_assert(sizeof(struct guest_statfs) == 120, "riscv64 struct statfs is 120 bytes");
#define L_STATFS "8{7}448{7}"

static int64_t put_statfs(struct rv_cpu *cpu, uint64_t g, const struct statfs *h)
{
    struct guest_statfs s;
    memset(&s, 0, sizeof s);
    s.type = (int64_t)h->f_type;
    s.bsize = (int64_t)h->f_bsize;
    s.blocks = h->f_blocks;
    s.bfree = h->f_bfree;
    s.bavail = h->f_bavail;
    s.files = h->f_files;
    s.ffree = h->f_ffree;
    memcpy(s.fsid, &h->f_fsid, sizeof s.fsid);
    s.namelen = (int64_t)h->f_namelen;
    s.frsize = (int64_t)h->f_frsize;
    s.flags = (int64_t)h->f_flags;      /* ST_* are generic */
    return sys_put(cpu, g, &s, sizeof s, L_STATFS);
}

SYS(statfs)
{
    PATH_ARG(path, a[0]);
    struct statfs h;
    if (!sys_ubuf(cpu, a[1], sizeof(struct guest_statfs)))
        return -EFAULT;
    if (statfs(path, &h) != 0)
        return -errno;
    return put_statfs(cpu, a[1], &h);
}

SYS(fstatfs)
{
    struct statfs h;
    if (!sys_ubuf(cpu, a[1], sizeof(struct guest_statfs)))
        return -EFAULT;
    if (fstatfs((int)a[0], &h) != 0)
        return -errno;
    return put_statfs(cpu, a[1], &h);
}

SYS(symlinkat)
{
    char target[PATH_MAX];      /* the link's content is the guest's text, unmapped */
    long n = rv_strcpy_from_guest(MEM, target, a[0], sizeof target);
    if (n < 0)
        return n;
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
SYS(fchown) { return sys_ret(fchown((int)a[0], (uid_t)a[1], (gid_t)a[2])); }
SYS(fchownat)
{
    PATH_ARG(path, a[1]);
    return sys_ret(fchownat((int)a[0], path, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

SYS(utimensat)
{
    /* a NULL path works on the descriptor itself (futimens) */
    char buf[PATH_MAX];
    const char *path = NULL;
    if (a[1]) {
        int e = sys_path(cpu, a[1], buf, sizeof buf);
        if (e)
            return e;
        path = buf;
    }
    uint64_t t[4];
    void *times = NULL;     /* struct timespec[2]: riscv64's, the host's time64 one */
    if (a[2] && !(times = sys_in(cpu, a[2], 32, t, L_ITS)))
        return -EFAULT;
    return sys_ret(syscall(HSYS_utimensat, (int)a[0], path, times, (int)a[3]));
}

/* offsets passed by pointer (loff_t *), checked; the host updates them (OFF_DONE) */
#define OFF_ARG(var, a) int64_t var##_t; void *var = NULL; \
    if (a) { var = sys_in(cpu, (a), 8, &var##_t, "8"); if (!var) return -EFAULT; }
#define OFF_DONE(var, a) do { if (sys_out(cpu, (a), var, 8, "8")) return -EFAULT; } while (0)

SYS(sendfile)
{
    OFF_ARG(off, a[2]);
    long r = sendfile((int)a[0], (int)a[1], off, (size_t)a[3]);
    if (r >= 0)
        OFF_DONE(off, a[2]);
    return sys_ret(r);
}
SYS(copy_file_range)
{
    OFF_ARG(offin, a[1]);
    OFF_ARG(offout, a[3]);
    long r = syscall(SYS_copy_file_range, (int)a[0], offin, (int)a[2], offout, (size_t)a[4],
                     (unsigned)a[5]);
    if (r >= 0) {
        OFF_DONE(offin, a[1]);
        OFF_DONE(offout, a[3]);
    }
    return sys_ret(r);
}
/* SPLICE_F_* have one set of values */
SYS(splice)
{
    OFF_ARG(offin, a[1]);
    OFF_ARG(offout, a[3]);
    long r = splice((int)a[0], offin, (int)a[2], offout, (size_t)a[4], (unsigned)a[5]);
    if (r >= 0) {
        OFF_DONE(offin, a[1]);
        OFF_DONE(offout, a[3]);
    }
    return sys_ret(r);
}
SYS(tee) { return sys_ret(tee((int)a[0], (int)a[1], (size_t)a[2], (unsigned)a[3])); }
SYS(vmsplice)
{
    IOV_ARG(iov, a[1], a[2]);
    /* gifting pages would hand guest memory to the pipe: copy semantics only */
    return sys_ret(vmsplice((int)a[0], iov, (size_t)a[2], (unsigned)a[3] & ~2u));
}

SYS(memfd_create)
{
    char name[256];
    long n = rv_strcpy_from_guest(MEM, name, a[0], sizeof name);
    if (n < 0)
        return n == -ENAMETOOLONG ? -EINVAL : n;
    /* MFD_CLOEXEC, ALLOW_SEALING, HUGETLB, NOEXEC_SEAL, EXEC and the huge page size bits */
    if (a[1] & ~(uint64_t)(0x1f | (0x3fu << 26)))
        return -EINVAL;
    return sys_ret(syscall(SYS_memfd_create, name, (unsigned)a[1]));
}

/* Extended attributes: names are strings, values plain bytes. */
static int xattr_name(struct rv_cpu *cpu, uint64_t g, char *buf)
{
    long n = rv_strcpy_from_guest(MEM, buf, g, 256);
    if (n == -ENAMETOOLONG)
        return -ERANGE;
    if (n == 0)
        return -ERANGE;
    return n < 0 ? (int)n : 0;
}
#define XNAME_ARG(var, a) char var[256]; do { int e_ = xattr_name(cpu, (a), var); \
        if (e_) return e_; } while (0)
#define XSIZE(n) ((n) > 65536 ? 65536 : (n))

SYS(setxattr)
{
    PATH_ARG(path, a[0]);
    XNAME_ARG(name, a[1]);
    if (a[3] > 65536)
        return -E2BIG;
    BUF_ARG(v, a[2], a[3]);
    return sys_ret(setxattr(path, name, v, a[3], (int)a[4]));
}
SYS(lsetxattr)
{
    PATH_ARG(path, a[0]);
    XNAME_ARG(name, a[1]);
    if (a[3] > 65536)
        return -E2BIG;
    BUF_ARG(v, a[2], a[3]);
    return sys_ret(lsetxattr(path, name, v, a[3], (int)a[4]));
}
SYS(fsetxattr)
{
    XNAME_ARG(name, a[1]);
    if (a[3] > 65536)
        return -E2BIG;
    BUF_ARG(v, a[2], a[3]);
    return sys_ret(fsetxattr((int)a[0], name, v, a[3], (int)a[4]));
}
SYS(getxattr)
{
    PATH_ARG(path, a[0]);
    XNAME_ARG(name, a[1]);
    BUF_ARG(v, a[2], XSIZE(a[3]));
    return sys_ret(getxattr(path, name, v, XSIZE(a[3])));
}
SYS(lgetxattr)
{
    PATH_ARG(path, a[0]);
    XNAME_ARG(name, a[1]);
    BUF_ARG(v, a[2], XSIZE(a[3]));
    return sys_ret(lgetxattr(path, name, v, XSIZE(a[3])));
}
SYS(fgetxattr)
{
    XNAME_ARG(name, a[1]);
    BUF_ARG(v, a[2], XSIZE(a[3]));
    return sys_ret(fgetxattr((int)a[0], name, v, XSIZE(a[3])));
}
SYS(listxattr)
{
    PATH_ARG(path, a[0]);
    BUF_ARG(v, a[1], XSIZE(a[2]));
    return sys_ret(listxattr(path, v, XSIZE(a[2])));
}
SYS(llistxattr)
{
    PATH_ARG(path, a[0]);
    BUF_ARG(v, a[1], XSIZE(a[2]));
    return sys_ret(llistxattr(path, v, XSIZE(a[2])));
}
SYS(flistxattr)
{
    BUF_ARG(v, a[1], XSIZE(a[2]));
    return sys_ret(flistxattr((int)a[0], v, XSIZE(a[2])));
}
SYS(removexattr) { PATH_ARG(path, a[0]); XNAME_ARG(name, a[1]); return sys_ret(removexattr(path, name)); }
SYS(lremovexattr) { PATH_ARG(path, a[0]); XNAME_ARG(name, a[1]); return sys_ret(lremovexattr(path, name)); }
SYS(fremovexattr) { XNAME_ARG(name, a[1]); return sys_ret(fremovexattr((int)a[0], name)); }
