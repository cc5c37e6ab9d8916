/* File I/O in a new subdirectory of the current (temporary) directory: stdio, raw fds, stat,
 * ftruncate, rename/unlink, directories, access, getcwd/chdir, dup, pipes, fcntl,
 * symlinks, readv/writev. Errors are printed by errno name. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static const char *ename(int e)
{
    switch (e) {
    case 0: return "OK";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case EBADF: return "EBADF";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EINVAL: return "EINVAL";
    case EACCES: return "EACCES";
    case ESPIPE: return "ESPIPE";
    case EFAULT: return "EFAULT";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ERANGE: return "ERANGE";
    default: return "E?";
    }
}

/* Prints "label: rc errno-name" for a call that returns -1 on error. */
#define TRY(label, expr)                                                                                      \
    do {                                                                                                      \
        errno = 0;                                                                                            \
        long rc_ = (long)(expr);                                                                              \
        printf("%s: %ld %s\n", label, rc_, rc_ < 0 ? ename(errno) : "OK");                                    \
    } while (0)

static const char *ftype(mode_t m)
{
    return S_ISREG(m) ? "reg" : S_ISDIR(m) ? "dir" : S_ISLNK(m) ? "lnk" : S_ISFIFO(m) ? "fifo" : S_ISCHR(m) ? "chr" : "other";
}

static void show_stat(const char *path)
{
    struct stat st;
    errno = 0;
    if (stat(path, &st) != 0) {
        printf("stat %s: %s\n", path, ename(errno));
        return;
    }
    if (S_ISDIR(st.st_mode)) /* directory size and link count depend on the file system */
        printf("stat %s: type=%s perm=%03o\n", path, ftype(st.st_mode), (unsigned)(st.st_mode & 07777));
    else
        printf("stat %s: size=%lld type=%s perm=%03o nlink=%lu\n", path, (long long)st.st_size, ftype(st.st_mode),
               (unsigned)(st.st_mode & 07777), (unsigned long)st.st_nlink);
}

static int cmpname(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        printf("opendir %s: %s\n", path, ename(errno));
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        unsigned char dt = e->d_type;
        char buf[300];
        if (dt == DT_UNKNOWN) { /* some file systems do not fill d_type */
            struct stat st;
            snprintf(buf, sizeof buf, "%s/%s", path, e->d_name);
            if (lstat(buf, &st) == 0)
                dt = S_ISREG(st.st_mode) ? DT_REG : S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
        }
        const char *t = dt == DT_REG ? "f" : dt == DT_DIR ? "d" : dt == DT_LNK ? "l" : "?";
        snprintf(buf, sizeof buf, "%s(%s)", e->d_name, t);
        names[n++] = strdup(buf);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmpname);
    printf("dir %s:", path);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

int main(void)
{
    umask(022);
    char line[256];
    /* The test runner keeps its own files in the cwd: work in a private subdirectory. */
    TRY("mkdir work", mkdir("fileio.work", 0755));
    TRY("chdir work", chdir("fileio.work"));

    /* --- stdio --- */
    FILE *f = fopen("a.txt", "w");
    printf("fopen w: %s\n", f ? "ok" : ename(errno));
    for (int i = 0; i < 5; i++)
        fprintf(f, "line %d: %s\n", i, "abcdefghij" + i);
    printf("ftell after writes: %ld\n", ftell(f));
    fclose(f);
    f = fopen("a.txt", "r");
    while (fgets(line, sizeof line, f))
        printf("read: %s", line);
    printf("feof=%d\n", feof(f) != 0);
    fseek(f, 7, SEEK_SET);
    size_t got = fread(line, 1, 10, f);
    line[got] = 0;
    printf("fread at 7: %zu [%s] ftell=%ld\n", got, line, ftell(f));
    fseek(f, -5, SEEK_END);
    got = fread(line, 1, sizeof line - 1, f);
    line[got] = 0;
    printf("fread tail: %zu [%s]\n", got, strtok(line, "\n"));
    fclose(f);
    f = fopen("a.txt", "r+");
    fseek(f, 5, SEEK_SET);
    fwrite("X", 1, 1, f);
    fseek(f, 0, SEEK_END);
    printf("r+ size via ftell: %ld\n", ftell(f));
    fclose(f);
    f = fopen("a.txt", "a");
    fputs("appended\n", f);
    fclose(f);
    f = fopen("a.txt", "rb");
    got = fread(line, 1, sizeof line - 1, f);
    line[got] = 0;
    fclose(f);
    printf("whole (%zu): %.12s...%s", got, line, strrchr(line, 'a') - 7);
    f = fopen("nonexistent/x", "r");
    printf("fopen missing dir: %s %s\n", f ? "ok" : "null", ename(errno));

    /* binary fwrite / fread round trip */
    unsigned int nums[1000];
    for (int i = 0; i < 1000; i++)
        nums[i] = i * 2654435761u;
    f = fopen("bin.dat", "wb+");
    printf("fwrite: %zu\n", fwrite(nums, sizeof nums[0], 1000, f));
    rewind(f);
    unsigned int back[1000];
    got = fread(back, sizeof back[0], 1000, f);
    printf("fread: %zu equal=%d\n", got, memcmp(nums, back, sizeof nums) == 0);
    fclose(f);
    show_stat("bin.dat");

    /* --- raw fds --- */
    int fd = open("raw.dat", O_CREAT | O_EXCL | O_RDWR, 0640);
    printf("open excl: %s\n", fd >= 0 ? "ok" : ename(errno));
    TRY("open excl again", open("raw.dat", O_CREAT | O_EXCL | O_RDWR, 0640));
    TRY("write", write(fd, "0123456789abcdef", 16));
    TRY("lseek cur", lseek(fd, 0, SEEK_CUR));
    TRY("lseek set 4", lseek(fd, 4, SEEK_SET));
    char b[64] = {0};
    TRY("read 6", read(fd, b, 6));
    printf("  data [%s]\n", b);
    TRY("lseek end -3", lseek(fd, -3, SEEK_END));
    memset(b, 0, sizeof b);
    TRY("read rest", read(fd, b, sizeof b));
    printf("  data [%s]\n", b);
    TRY("read at eof", read(fd, b, sizeof b));
    TRY("pwrite at 2", pwrite(fd, "XY", 2, 2));
    memset(b, 0, sizeof b);
    TRY("pread 0..8", pread(fd, b, 8, 0));
    printf("  data [%s]\n", b);
    TRY("offset unchanged", lseek(fd, 0, SEEK_CUR));
    TRY("lseek past end", lseek(fd, 100, SEEK_SET));
    TRY("write hole", write(fd, "Z", 1));
    TRY("lseek negative", lseek(fd, -1000, SEEK_SET));
    struct stat st;
    fstat(fd, &st);
    printf("fstat: size=%lld type=%s perm=%03o\n", (long long)st.st_size, ftype(st.st_mode), (unsigned)(st.st_mode & 0777));
    TRY("pread hole", pread(fd, b, 4, 50));
    printf("  hole bytes zero=%d\n", b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0);
    TRY("ftruncate 10", ftruncate(fd, 10));
    fstat(fd, &st);
    printf("  size=%lld\n", (long long)st.st_size);
    TRY("ftruncate 5000", ftruncate(fd, 5000));
    fstat(fd, &st);
    printf("  size=%lld\n", (long long)st.st_size);
    TRY("truncate path 3", truncate("raw.dat", 3));
    show_stat("raw.dat");

    /* readv / writev */
    struct iovec iov[3] = {{"abc", 3}, {"", 0}, {"defgh", 5}};
    TRY("lseek 0", lseek(fd, 0, SEEK_SET));
    TRY("writev", writev(fd, iov, 3));
    char r1[4] = {0}, r2[8] = {0};
    struct iovec riov[2] = {{r1, 3}, {r2, 7}};
    TRY("lseek 0", lseek(fd, 0, SEEK_SET));
    TRY("readv", readv(fd, riov, 2));
    printf("  [%s] [%s]\n", r1, r2);

    /* dup / dup2 share the file offset */
    int fd2 = dup(fd);
    printf("dup: %s\n", fd2 > fd ? "higher fd" : fd2 >= 0 ? "ok" : ename(errno));
    TRY("lseek via dup", lseek(fd2, 1, SEEK_SET));
    TRY("offset via orig", lseek(fd, 0, SEEK_CUR));
    TRY("dup2 to 20", dup2(fd, 20));
    TRY("offset via 20", lseek(20, 0, SEEK_CUR));
    TRY("close 20", close(20));
    TRY("close 20 again", close(20));
    TRY("dup2 bad", dup2(99, 21));
    close(fd2);

    /* fcntl */
    int fa = open("raw.dat", O_RDWR | O_APPEND);
    int fl = fcntl(fa, F_GETFL);
    printf("F_GETFL: accmode=%s append=%d\n", (fl & O_ACCMODE) == O_RDWR ? "rdwr" : "other", !!(fl & O_APPEND));
    TRY("F_GETFD", fcntl(fa, F_GETFD));
    TRY("F_SETFD cloexec", fcntl(fa, F_SETFD, FD_CLOEXEC));
    TRY("F_GETFD", fcntl(fa, F_GETFD));
    TRY("F_SETFL nonblock", fcntl(fa, F_SETFL, fl | O_NONBLOCK));
    fl = fcntl(fa, F_GETFL);
    printf("F_GETFL: nonblock=%d append=%d\n", !!(fl & O_NONBLOCK), !!(fl & O_APPEND));
    TRY("append write", write(fa, "!", 1));
    TRY("offset after append", lseek(fa, 0, SEEK_CUR));
    int fdup = fcntl(fa, F_DUPFD, 30);
    printf("F_DUPFD 30: %s\n", fdup >= 30 ? ">=30" : ename(errno));
    close(fdup);
    close(fa);
    TRY("fcntl bad fd", fcntl(77, F_GETFL));
    close(fd);
    TRY("read closed", read(fd, b, 1));

    /* --- pipes --- */
    int p[2];
    TRY("pipe", pipe(p));
    TRY("pipe write", write(p[1], "through the pipe", 16));
    memset(b, 0, sizeof b);
    TRY("pipe read", read(p[0], b, sizeof b));
    printf("  [%s]\n", b);
    TRY("lseek pipe", lseek(p[0], 0, SEEK_CUR));
    fstat(p[0], &st);
    printf("pipe type=%s\n", ftype(st.st_mode));
    close(p[1]);
    TRY("pipe read eof", read(p[0], b, sizeof b));
    close(p[0]);
    TRY("pipe2 cloexec", pipe2(p, O_CLOEXEC));
    printf("pipe2 FD_CLOEXEC=%d\n", fcntl(p[0], F_GETFD) & FD_CLOEXEC);
    close(p[0]);
    close(p[1]);

    /* --- names --- */
    TRY("rename", rename("raw.dat", "renamed.dat"));
    show_stat("raw.dat");
    show_stat("renamed.dat");
    TRY("rename missing", rename("raw.dat", "x"));
    TRY("symlink", symlink("renamed.dat", "link"));
    char lb[64] = {0};
    TRY("readlink", readlink("link", lb, sizeof lb));
    printf("  target [%s]\n", lb);
    TRY("readlink short buf", readlink("link", lb, 3));
    TRY("readlink non-link", readlink("renamed.dat", lb, sizeof lb));
    struct stat ls;
    lstat("link", &ls);
    printf("lstat link type=%s size=%lld\n", ftype(ls.st_mode), (long long)ls.st_size);
    show_stat("link");
    TRY("symlink dangling", symlink("nowhere", "dangle"));
    show_stat("dangle");
    TRY("link hard", link("renamed.dat", "hard"));
    show_stat("hard");

    TRY("mkdir d", mkdir("d", 0755));
    TRY("mkdir d again", mkdir("d", 0755));
    show_stat("d");
    fd = open("d/inner.txt", O_CREAT | O_WRONLY | O_TRUNC, 0600);
    TRY("write inner", write(fd, "inner\n", 6));
    close(fd);
    TRY("mkdir d/sub", mkdir("d/sub", 0700));
    TRY("rmdir nonempty", rmdir("d"));
    TRY("open dir O_WRONLY", open("d", O_WRONLY));
    fd = open("d", O_RDONLY | O_DIRECTORY);
    TRY("read dir", read(fd, b, 1));
    close(fd);
    TRY("O_DIRECTORY on file", open("renamed.dat", O_RDONLY | O_DIRECTORY));
    TRY("open under file", open("renamed.dat/x", O_RDONLY));
    fd = openat(AT_FDCWD, "d/inner.txt", O_RDONLY);
    printf("openat AT_FDCWD: %s\n", fd >= 0 ? "ok" : ename(errno));
    close(fd);
    int dfd = open("d", O_RDONLY | O_DIRECTORY);
    fd = openat(dfd, "inner.txt", O_RDONLY);
    memset(b, 0, sizeof b);
    TRY("read via openat(dirfd)", read(fd, b, sizeof b));
    close(fd);
    TRY("fstatat", fstatat(dfd, "sub", &st, 0));
    printf("  type=%s perm=%03o\n", ftype(st.st_mode), (unsigned)(st.st_mode & 0777));
    close(dfd);
    list_dir(".");
    list_dir("d");
    list_dir("missing");

    /* access */
    TRY("access F_OK", access("renamed.dat", F_OK));
    TRY("access R_OK", access("renamed.dat", R_OK));
    TRY("access X_OK (mode 640)", access("renamed.dat", X_OK));
    TRY("access missing", access("missing", F_OK));
    TRY("access dir X_OK", access("d", X_OK));

    /* getcwd / chdir */
    char cwd[4096], cwd2[4096];
    printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? "ok" : ename(errno));
    errno = 0;
    char *gr = getcwd(cwd2, 2);
    printf("getcwd tiny buf: %s %s\n", gr ? "ok" : "null", ename(errno));
    TRY("chdir d/sub", chdir("d/sub"));
    printf("getcwd in sub: %s\n", getcwd(cwd2, sizeof cwd2) ? "ok" : ename(errno));
    strcat(cwd, "/d/sub");
    printf("cwd matches: %d\n", strcmp(cwd, cwd2) == 0);
    fd = open("../inner.txt", O_RDONLY);
    printf("relative open from sub: %s\n", fd >= 0 ? "ok" : ename(errno));
    close(fd);
    TRY("chdir ../..", chdir("../.."));
    TRY("chdir missing", chdir("missing"));
    TRY("chdir file", chdir("renamed.dat"));

    /* cleanup */
    TRY("unlink d/inner.txt", unlink("d/inner.txt"));
    TRY("rmdir d/sub", rmdir("d/sub"));
    TRY("unlink dir", unlink("d"));
    TRY("rmdir d", rmdir("d"));
    TRY("rmdir d again", rmdir("d"));
    const char *files[] = {"a.txt", "bin.dat", "renamed.dat", "link", "dangle", "hard"};
    for (int i = 0; i < 6; i++)
        TRY(files[i], unlink(files[i]));
    TRY("unlink again", unlink("a.txt"));
    list_dir(".");
    TRY("chdir ..", chdir(".."));
    TRY("rmdir work", rmdir("fileio.work"));
    return 0;
}
