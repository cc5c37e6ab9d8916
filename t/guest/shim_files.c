/* File syscalls beyond open/read/write: flock and fcntl record locks (a conflicting OFD lock
 * reported by F_GETLK), fcntl flags and pipe sizes, the *at family (symlinkat, linkat,
 * readlinkat, fchmodat, fchownat, utimensat, mknodat), statfs/fstatfs, fallocate, fadvise,
 * the sync calls, sendfile, copy_file_range, splice/tee, memfd_create, close_range,
 * preadv/pwritev, extended attributes, and bad pointers. (Where rvemu deliberately answers
 * otherwise than qemu-riscv64 7.2: shim_strict.c.) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

static void *volatile bad = (void *)24;

static const char *en(int r)
{
    if (r >= 0)
        return "ok";
    switch (errno) {
    case EAGAIN: return "EAGAIN";
    case EACCES: return "EACCES";
    case EBADF: return "EBADF";
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTTY: return "ENOTTY";
    default: return strerror(errno);
    }
}

static void locks(void)
{
    int f1 = open("shim_files.lock", O_RDWR | O_CREAT | O_TRUNC, 0600);
    int f2 = open("shim_files.lock", O_RDWR);
    ftruncate(f1, 100);
    printf("flock EX on f1: %s\n", en(flock(f1, LOCK_EX | LOCK_NB)));
    printf("flock SH on f2 (another open file): %s\n", en(flock(f2, LOCK_SH | LOCK_NB)));
    printf("flock UN on f1: %s\n", en(flock(f1, LOCK_UN)));
    printf("flock SH on f2 now: %s\n", en(flock(f2, LOCK_SH | LOCK_NB)));
    flock(f2, LOCK_UN);

    struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 20 };
    printf("F_SETLK write 10+20: %s\n", en(fcntl(f1, F_SETLK, &l)));
    struct flock q = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    printf("F_GETLK from the same process: %s type unlocked %d\n", en(fcntl(f2, F_GETLK, &q)), q.l_type == F_UNLCK);
    l.l_type = F_UNLCK;
    fcntl(f1, F_SETLK, &l);
    /* open file description locks conflict even within one process */
    struct flock o = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 40, .l_len = 10 };
    printf("F_OFD_SETLK write 40+10 on f1: %s\n", en(fcntl(f1, F_OFD_SETLK, &o)));
    struct flock g = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    printf("F_OFD_GETLK on f2: %s", en(fcntl(f2, F_OFD_GETLK, &g)));
    printf(" type %s start %lld len %lld pid %d\n", g.l_type == F_WRLCK ? "F_WRLCK" : "?",
           (long long)g.l_start, (long long)g.l_len, g.l_pid);
    struct flock w = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 45, .l_len = 1 };
    printf("F_OFD_SETLK read 45 on f2: %s\n", en(fcntl(f2, F_OFD_SETLK, &w)));
    struct flock c = { .l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_start = 0, .l_len = 0 };
    printf("classic F_GETLK on f2: %s type %s start %lld pid %d\n", en(fcntl(f2, F_GETLK, &c)),
           c.l_type == F_WRLCK ? "F_WRLCK" : c.l_type == F_UNLCK ? "F_UNLCK" : "?", (long long)c.l_start, c.l_pid);
    struct flock bt = { .l_type = 7 };
    printf("bad lock type: %s\n", en(fcntl(f1, F_SETLK, &bt)));
    printf("bad flock pointer: %s\n", en(fcntl(f1, F_GETLK, bad)));
    close(f2);
    close(f1);
    unlink("shim_files.lock");
}

static void fcntls(void)
{
    int f = open("shim_files.tmp", O_RDWR | O_CREAT | O_TRUNC | O_APPEND, 0640);
    int fl = fcntl(f, F_GETFL);
    printf("F_GETFL: O_RDWR %d O_APPEND %d O_NONBLOCK %d\n", (fl & O_ACCMODE) == O_RDWR, !!(fl & O_APPEND), !!(fl & O_NONBLOCK));
    printf("F_SETFL O_NONBLOCK: %s\n", en(fcntl(f, F_SETFL, (fl & ~O_APPEND) | O_NONBLOCK)));
    fl = fcntl(f, F_GETFL);
    printf("F_GETFL: O_APPEND %d O_NONBLOCK %d\n", !!(fl & O_APPEND), !!(fl & O_NONBLOCK));
    int d = fcntl(f, F_DUPFD_CLOEXEC, 50);
    printf("F_DUPFD_CLOEXEC >= 50: %d cloexec %d\n", d >= 50, fcntl(d, F_GETFD) == FD_CLOEXEC);
    printf("F_SETFD 0: %s now %d\n", en(fcntl(d, F_SETFD, 0)), fcntl(d, F_GETFD));
    close(d);
    int p[2];
    pipe(p);
    int sz = fcntl(p[0], F_GETPIPE_SZ);
    printf("F_GETPIPE_SZ %d\n", sz);
    printf("F_SETPIPE_SZ 131072: %d\n", fcntl(p[0], F_SETPIPE_SZ, 131072));
    printf("F_GETPIPE_SZ %d\n", fcntl(p[1], F_GETPIPE_SZ));
    errno = 0;
    printf("unknown command: %s\n", en(fcntl(f, 12345)));
    close(p[0]);
    close(p[1]);
    close(f);
}

static void at_family(void)
{
    mkdir("shim_files.d", 0755);
    int dir = open("shim_files.d", O_RDONLY | O_DIRECTORY);
    int f = openat(dir, "a", O_RDWR | O_CREAT, 0600);
    write(f, "0123456789abcdef", 16);
    printf("symlinkat: %s\n", en(symlinkat("a", dir, "link")));
    char buf[64];
    ssize_t n = readlinkat(dir, "link", buf, sizeof buf);
    printf("readlinkat: %zd %.*s\n", n, (int)(n > 0 ? n : 0), buf);
    printf("readlinkat into a bad buffer: %s\n", en((int)readlinkat(dir, "link", bad, 10)));
    printf("linkat: %s\n", en(linkat(dir, "a", dir, "hard", 0)));
    struct stat st;
    fstatat(dir, "hard", &st, 0);
    printf("nlink %lu size %lld\n", (unsigned long)st.st_nlink, (long long)st.st_size);
    printf("fchmodat 0604: %s\n", en(fchmodat(dir, "a", 0604, 0)));
    fstat(f, &st);
    printf("mode %o\n", st.st_mode & 07777);
    printf("fchmod 0600: %s\n", en(fchmod(f, 0600)));
    printf("fchownat to self: %s\n", en(fchownat(dir, "a", getuid(), getgid(), 0)));
    printf("fchown to self: %s\n", en(fchown(f, (uid_t)-1, getgid())));
    struct timespec ts[2] = { { 1000000000, 5 }, { 1234567890, 123456789 } };
    printf("utimensat: %s\n", en(utimensat(dir, "a", ts, 0)));
    fstat(f, &st);
    printf("mtime %lld.%09ld atime %lld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_atim.tv_sec);
    struct timespec t2[2] = { { 0, UTIME_OMIT }, { 1500000000, 0 } };
    printf("futimens: %s\n", en(futimens(f, t2)));
    fstat(f, &st);
    printf("mtime %lld atime unchanged %d\n", (long long)st.st_mtim.tv_sec, st.st_atim.tv_sec == 1000000000);
    printf("mknodat fifo: %s\n", en(mknodat(dir, "fifo", S_IFIFO | 0600, 0)));
    fstatat(dir, "fifo", &st, 0);
    printf("is fifo %d\n", S_ISFIFO(st.st_mode));
    printf("mkfifoat again: %s\n", en(mkfifoat(dir, "fifo", 0600)));
    printf("unlinkat dir not empty: %s\n", en(unlinkat(AT_FDCWD, "shim_files.d", AT_REMOVEDIR)));
    struct statfs sf, sf2;
    printf("statfs: %s fstatfs: %s same type %d bsize>0 %d namelen %ld\n", en(statfs("shim_files.d", &sf)),
           en(fstatfs(f, &sf2)), sf.f_type == sf2.f_type, sf.f_bsize > 0, (long)sf.f_namelen);
    printf("statfs missing: %s\n", en(statfs("shim_files.nothere", &sf)));
    const char *names[] = { "a", "link", "hard", "fifo", NULL };
    for (int i = 0; names[i]; i++)
        unlinkat(dir, names[i], 0);
    close(f);
    close(dir);
    printf("rmdir: %s\n", en(unlinkat(AT_FDCWD, "shim_files.d", AT_REMOVEDIR)));
}

static void data_moves(void)
{
    int f = open("shim_files.tmp", O_RDWR | O_CREAT | O_TRUNC, 0600);
    printf("fallocate 8192: %s\n", en(fallocate(f, 0, 0, 8192)));
    struct stat st;
    fstat(f, &st);
    printf("size %lld\n", (long long)st.st_size);
    printf("fallocate keep size: %s\n", en(fallocate(f, FALLOC_FL_KEEP_SIZE, 8192, 4096)));
    printf("posix_fadvise: %d %d\n", posix_fadvise(f, 0, 0, POSIX_FADV_SEQUENTIAL), posix_fadvise(f, 0, 0, 99));
    printf("fsync %s fdatasync %s syncfs %s\n", en(fsync(f)), en(fdatasync(f)), en(syncfs(f)));
    sync();
    ftruncate(f, 0);
    char a[] = "scatter ", b[] = "gather!";
    struct iovec iov[2] = { { a, 8 }, { b, 7 } };
    printf("pwritev: %zd\n", pwritev(f, iov, 2, 0));
    char r1[5] = { 0 }, r2[11] = { 0 };
    struct iovec in[2] = { { r1, 4 }, { r2, 10 } };
    printf("preadv at 1: %zd %s|%s\n", preadv(f, in, 2, 1), r1, r2);
    printf("preadv2 at 0: %zd\n", preadv2(f, in, 1, 0, 0));
    struct iovec badv[1] = { { bad, 4 } };
    printf("readv into a bad buffer: %s\n", en((int)preadv(f, badv, 1, 0)));

    int g = open("shim_files.out", O_RDWR | O_CREAT | O_TRUNC, 0600);
    off_t off = 8;
    printf("sendfile: %zd off now %lld\n", sendfile(g, f, &off, 100), (long long)off);
    loff_t oin = 0, oout = 7;
    printf("copy_file_range: %zd\n", copy_file_range(f, &oin, g, &oout, 7, 0));
    char buf[64] = { 0 };
    pread(g, buf, sizeof buf - 1, 0);
    printf("result: %s\n", buf);
    int p[2], p2[2];
    pipe(p);
    pipe(p2);
    loff_t so = 0;
    printf("splice file->pipe: %zd\n", splice(f, &so, p[1], NULL, 15, 0));
    printf("tee pipe->pipe: %zd\n", tee(p[0], p2[1], 15, 0));
    memset(buf, 0, sizeof buf);
    read(p2[0], buf, sizeof buf);
    printf("tee copy: %s\n", buf);
    memset(buf, 0, sizeof buf);
    read(p[0], buf, sizeof buf);
    printf("spliced: %s\n", buf);
    struct iovec vi = { "vmspliced", 9 };
    printf("vmsplice: %zd\n", vmsplice(p[1], &vi, 1, 0));
    memset(buf, 0, sizeof buf);
    read(p[0], buf, sizeof buf);
    printf("read back: %s\n", buf);
    close(p[0]); close(p[1]); close(p2[0]); close(p2[1]);
    close(g);
    close(f);
    unlink("shim_files.tmp");
    unlink("shim_files.out");

    int m = memfd_create("shim-memfd", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    printf("memfd_create: %d cloexec %d\n", m >= 0, fcntl(m, F_GETFD) == FD_CLOEXEC);
    write(m, "in memory", 9);
    char *map = mmap(NULL, 4096, PROT_READ, MAP_SHARED, m, 0);
    printf("mapped: %.9s\n", map);
    munmap(map, 4096);
    printf("add seals: %s get seals %#x\n", en(fcntl(m, F_ADD_SEALS, F_SEAL_WRITE)), fcntl(m, F_GET_SEALS));
    printf("write after seal: %s\n", en((int)write(m, "x", 1)));
    close(m);

    /* xattrs: the file system may not support them; the answers must agree */
    f = open("shim_files.x", O_RDWR | O_CREAT, 0600);
    int r = fsetxattr(f, "user.shim", "value", 5, 0);
    if (r == 0) {
        char v[16] = { 0 };
        ssize_t k = fgetxattr(f, "user.shim", v, sizeof v);
        char list[64];
        ssize_t lk = flistxattr(f, list, sizeof list);
        printf("xattr: get %zd %s, listed %d, remove %s\n", k, v, lk > 0 && memmem(list, (size_t)lk, "user.shim", 9) != NULL,
               en(fremovexattr(f, "user.shim")));
    } else {
        printf("xattr: not supported here (%d)\n", errno == ENOTSUP || errno == EPERM);
    }
    printf("getxattr missing: %d\n", getxattr("shim_files.x", "user.none", NULL, 0) < 0);
    close(f);
    unlink("shim_files.x");
}

static void descriptors(void)
{
    int base = open("/dev/null", O_RDONLY);
    for (int i = 0; i < 4; i++)
        dup2(base, 60 + i);
    printf("close_range: %s\n", en((int)syscall(SYS_close_range, 60, 70, 0)));
    printf("60..63 closed: %d\n", fcntl(60, F_GETFD) < 0 && fcntl(63, F_GETFD) < 0);
    printf("close_range bad: %s\n", en((int)syscall(SYS_close_range, 10, 5, 0)));
    close(base);
    printf("dup3 same fd: %s\n", en(dup3(1, 1, 0)));
    int p[2];
    pipe(p);
    write(p[1], "abc", 3);
    printf("read into a bad buffer: %s\n", en((int)read(p[0], bad, 10)));
    close(p[0]);
    close(p[1]);
    printf("write from a bad buffer: %s\n", en((int)write(1, bad, 10)));
    printf("open a bad path: %s\n", en(open(bad, O_RDONLY)));
    printf("fstat to a bad buffer: %s\n", en(fstat(1, bad)));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    locks();
    fcntls();
    at_family();
    data_moves();
    descriptors();
    return 0;
}
