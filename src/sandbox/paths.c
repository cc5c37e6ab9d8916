/* Race-free path checks of the strict policy. The guest path, copied once by sys_path(), is
 * resolved by the kernel into descriptors: the parent directory (O_PATH), then the target.
 * Their real paths (readlink of /proc/self/fd/N) are checked against the rules, each is
 * confirmed to lie beneath its allowed tree (openat2 RESOLVE_BENEATH, or a component walk
 * refusing symlinks on older kernels), and the path the handler uses becomes
 * /proc/self/fd/<target> or /proc/self/fd/<parent>/<name>: the very objects that were
 * checked, whatever another thread or process renames or relinks meanwhile. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sandbox/sbx.h"
#include "sandbox/paths.h"
#include "interp/fault.h"
#include "linux/syscall.h"

/* descriptors the sandbox owns: the guest can neither use nor close nor replace them */
#define RES_MAX 8192
static uint64_t reserved[RES_MAX / 64];
static int fd_base;         /* sandbox descriptors go at or above this number */

int sbx_fd_reserved(int fd)
{
    return fd >= 0 && fd < RES_MAX &&
           ((__atomic_load_n(&reserved[fd / 64], __ATOMIC_ACQUIRE) >> (fd % 64)) & 1);
}

void sbx_fd_reserve(int fd, int on)
{
    if (fd < 0 || fd >= RES_MAX)
        return;
    uint64_t bit = (uint64_t)1 << (fd % 64);
    if (on)
        __atomic_or_fetch(&reserved[fd / 64], bit, __ATOMIC_RELEASE);
    else
        __atomic_and_fetch(&reserved[fd / 64], ~bit, __ATOMIC_RELEASE);
}

int sbx_fd_high(int fd)
{
    if (fd >= 0 && fd_base > fd) {
        int n = fcntl(fd, F_DUPFD_CLOEXEC, fd_base);
        if (n >= 0) {
            close(fd);
            fd = n;
        }
    }
    return fd;
}

int sbx_fd_path(int fd, char *buf, size_t cap)
{
    char link[40];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, buf, cap - 1);
    if (n < 0)
        return -errno;
    if ((size_t)n >= cap - 1)
        return -ENAMETOOLONG;
    buf[n] = 0;
    return (int)n;
}

/* ---- this thread's descriptors for the syscall in progress ---- */
static _Thread_local int tmp[8], ntmp, path_k;
static _Thread_local uint64_t *patched, patched_val;

void sbx_paths_begin(void) { path_k = 0; }

void sbx_paths_release(void)
{
    while (ntmp > 0) {
        int fd = tmp[--ntmp];
        sbx_fd_reserve(fd, 0);
        close(fd);
    }
    if (patched) {
        *patched = patched_val;
        patched = NULL;
    }
}

static int keep(int fd)
{
    if (fd < 0)
        return -errno;
    fd = sbx_fd_high(fd);
    if (ntmp == (int)(sizeof tmp / sizeof *tmp)) {
        close(fd);
        return -EMFILE;
    }
    sbx_fd_reserve(fd, 1);
    tmp[ntmp++] = fd;
    return fd;
}

static int same_file(int a, int b)
{
    struct stat x, y;
    return fstat(a, &x) == 0 && fstat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* kernels without openat2: one component at a time, never through a symlink or ".." (a
 * canonical path has neither; finding one means the tree changed under us) */
static int walk_beneath(int dirfd, const char *rest)
{
    int cur = dup(dirfd);
    while (cur >= 0 && *rest) {
        size_t n = strcspn(rest, "/");
        char comp[NAME_MAX + 1];
        if (n > NAME_MAX || (n == 2 && !strncmp(rest, "..", 2))) {
            close(cur);
            return -1;
        }
        memcpy(comp, rest, n);
        comp[n] = 0;
        rest += n + strspn(rest + n, "/");
        if (!strcmp(comp, ".") || !n)
            continue;
        int next = openat(cur, comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
        struct stat st;
        close(cur);
        if (next >= 0 && *rest && (fstat(next, &st) != 0 || S_ISLNK(st.st_mode))) {
            close(next);
            return -1;
        }
        cur = next;
    }
    return cur;
}

/* 1 when the object at fd is the one the canonical path names beneath its tree r */
static int beneath(const struct rv_sandbox *s, const struct sbx_root *r, const char *canon, int fd)
{
    if (!r->dir)
        return same_file(r->fd, fd);
    const char *rest = canon + r->len;
    rest += strspn(rest, "/");
    if (!*rest)
        rest = ".";
    int v;
    if (s->have_openat2) {
        struct open_how how = { .flags = O_PATH | O_CLOEXEC | O_NOFOLLOW,
                                .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
        v = (int)syscall(SYS_openat2, r->fd, rest, &how, sizeof how);
    } else {
        v = walk_beneath(r->fd, rest);
    }
    if (v < 0)
        return 0;
    int ok = same_file(v, fd);
    close(v);
    return ok;
}

static int deny(struct rv_cpu *cpu, const char *guest, int write, const char *why)
{
    const char *rule = why ? why : write ? "outside the --allow-write trees"
                                         : "outside the program, the -L sysroot and the --allow-read trees";
    const struct rv_sys_info *s = rv_sys_info(cpu->x[17]);
    return sbx_refuse(cpu, s ? s->name : "syscall", guest, rule, -EACCES);
}

/* the target exists and was opened (tfd): check it, then name it by its descriptor */
static int target(struct rv_sandbox *s, struct rv_cpu *cpu, const char *guest, int tfd,
                  const struct sbx_intent *in, char *path, size_t cap)
{
    char ct[PATH_MAX];
    int write = in->how & P_WRITE, e = sbx_fd_path(tfd, ct, sizeof ct);
    if (e < 0)
        return e;
    if (!sbx_path_allowed(s, ct, write))
        return deny(cpu, guest, write, NULL);
    if (!sbx_device_ok(ct, tfd))
        return deny(cpu, guest, write, "not the device its name says");
    const struct sbx_root *r = ct[0] == '/' ? sbx_root_of(s, ct, write) : NULL;
    if (r && !beneath(s, r, ct, tfd))
        return deny(cpu, guest, write, "the tree changed during the check");
    if (in->how & P_KEEP)
        return 0;
    if (in->how & P_EXEC) {
        /* a new rvemu opens the program by name: the canonical one */
        if (ct[0] != '/' || strlen(ct) >= cap)
            return deny(cpu, guest, write, "not a file");
        strcpy(path, ct);
        return 0;
    }
    snprintf(path, cap, "/proc/self/fd/%d", tfd);
    return 0;
}

static int check(struct rv_sandbox *s, struct rv_cpu *cpu, char *path, size_t cap, int dirfd,
                 const struct sbx_intent *in)
{
    char guest[PATH_MAX], dir[PATH_MAX], *last;
    int write = in->how & P_WRITE, must_dir = 0;
    size_t n = strlen(path);
    if (n >= sizeof guest)
        return -ENAMETOOLONG;
    memcpy(guest, path, n + 1);
    memcpy(dir, path, n + 1);
    while (n > 1 && dir[n - 1] == '/') {
        dir[--n] = 0;
        must_dir = 1;
    }
    char *slash = strrchr(dir, '/');
    if (!slash) {
        last = dir;
    } else {
        *slash = 0;
        last = slash + 1;
    }
    if (!*last)
        last = ".";
    const char *parent = !slash ? "." : slash == dir ? "/" : dir;
    int pfd = keep(openat(dirfd, parent, O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (pfd < 0)
        return pfd;
    char cp[PATH_MAX], full[2 * PATH_MAX];
    int e = sbx_fd_path(pfd, cp, sizeof cp);
    if (e < 0)
        return e;
    if (cp[0] != '/')
        return deny(cpu, guest, write, "not a directory of the file system");
    snprintf(full, sizeof full, "%s/%s", strcmp(cp, "/") ? cp : "", last);
    /* the guest program stands for /proc/<us>/exe, as rv_path_map does for /proc/self/exe */
    char self[32];
    int sn = snprintf(self, sizeof self, "/proc/%d/", (int)getpid());
    if (!strcmp(last, "exe") && !strncmp(full, self, (size_t)sn) && s->m->exe_path &&
        !(in->how & (P_NAME | P_WRITE))) {
        int tfd = keep(open(s->m->exe_path, O_PATH | O_CLOEXEC));
        return tfd < 0 ? tfd : target(s, cpu, guest, tfd, in, path, cap);
    }
    int dot = !strcmp(last, ".") || !strcmp(last, "..");
    if (!(in->how & P_NAME) || dot) {
        int fl = O_PATH | O_CLOEXEC | (must_dir ? O_DIRECTORY : 0);
        int tfd = keep(openat(pfd, last, fl));
        if (tfd >= 0)
            return target(s, cpu, guest, tfd, in, path, cap);
        if (tfd != -ENOENT || !(in->how & P_CREATE) || dot)
            return tfd;
    }
    /* the name itself in the directory pfd: created, removed, renamed, or not followed */
    const struct sbx_root *r = sbx_root_of(s, cp, write);
    int ok = write ? (r && r->dir) || (sbx_root_of(s, full, 1) && !sbx_root_of(s, full, 1)->dir)
                   : sbx_path_allowed(s, full, 0);
    if (!ok)
        return deny(cpu, guest, write, NULL);
    if (r && r->dir && !beneath(s, r, cp, pfd))
        return deny(cpu, guest, write, "the tree changed during the check");
    if (in->how & P_KEEP)
        return 0;
    if (!(in->how & P_NAME) && (in->how & P_CREATE) && cpu->x[17] == 56) {
        /* open(O_CREAT) of a name that did not exist: a symlink planted there meanwhile must
         * not be followed out of the tree, so this one call gets O_NOFOLLOW (restored after) */
        patched = &cpu->x[12];
        patched_val = cpu->x[12];
        cpu->x[12] |= 0400000;
    }
    if ((size_t)snprintf(path, cap, "/proc/self/fd/%d/%s", pfd, last) >= cap)
        return -ENAMETOOLONG;
    return 0;
}

int rv_sandbox_path(const struct rv_machine *m, char *path, size_t cap)
{
    struct rv_sandbox *s = m->sbx;
    struct rv_cpu *cpu = rv_current_cpu;
    if (!s || s->policy != RV_SBX_STRICT || !cpu || !path[0])
        return 0;       /* "": AT_EMPTY_PATH, the descriptor the guest already holds */
    struct sbx_intent in = sbx_intent_of(&cpu->x[10], cpu->x[17], path_k++);
    int dirfd = AT_FDCWD;
    if (path[0] != '/' && in.dirarg >= 0) {
        dirfd = (int)cpu->x[10 + in.dirarg];
        if (dirfd != AT_FDCWD && sbx_fd_reserved(dirfd))
            return -EBADF;
    }
    return check(s, cpu, path, cap, dirfd, &in);
}

int sbx_paths_start(struct rv_sandbox *s)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur >= 256)
        fd_base = (int)(rl.rlim_cur > RES_MAX ? RES_MAX : rl.rlim_cur) - 96;
    struct open_how how = { .flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_BENEATH };
    int fd = (int)syscall(SYS_openat2, AT_FDCWD, ".", &how, sizeof how);
    s->have_openat2 = fd >= 0;
    if (fd >= 0)
        close(fd);
    return sbx_paths_init(s);
}
