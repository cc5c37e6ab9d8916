/* The strict policy's file rules: the allowed trees (the program, the -L sysroot,
 * --allow-read, --allow-write), a few device files, the guest's own /proc files, and which
 * intent (read, write, name-only, create, exec) each path argument of each syscall has. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "sandbox/sbx.h"
#include "sandbox/paths.h"

/* Device files every program may use: major 1 (mem) minors; the others are refused, /dev/tty
 * and the terminals included (the guest keeps the descriptors it was started with). */
static const struct { const char *path; unsigned minor; int write; } devices[] = {
    { "/dev/null", 3, 1 }, { "/dev/zero", 5, 1 }, { "/dev/full", 7, 1 },
    { "/dev/random", 8, 0 }, { "/dev/urandom", 9, 0 },
};

/* What a program may read about itself in /proc/<pid>/ (and /proc/<pid>/task/<tid>/): the
 * files the shim emulates or that only describe the guest. Not mem, not root or cwd (links
 * out of the tree), not mountinfo or cgroup (the host's layout). */
static const char *const proc_self[] = {
    "", "maps", "smaps", "smaps_rollup", "auxv", "cmdline", "environ", "stat", "statm",
    "status", "comm", "limits", "fd", "fdinfo", "task", NULL };
static const char *const proc_top[] = {
    "/proc/cpuinfo", "/proc/meminfo", "/proc/stat", "/proc/uptime", "/proc/version",
    "/proc/loadavg", "/proc/filesystems", "/proc/self", "/proc/thread-self",
    "/proc/sys/kernel/osrelease", "/proc/sys/kernel/ostype", "/proc/sys/kernel/pid_max",
    "/proc/sys/kernel/ngroups_max", "/proc/sys/kernel/random/boot_id",
    "/proc/sys/kernel/random/uuid", "/proc/sys/vm/overcommit_memory",
    "/sys/devices/system/cpu/online", "/sys/devices/system/cpu/possible", NULL };

static int is_number(const char *s, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* "/proc/<our pid>/X" or ".../task/<tid>/X" with X allowed; fd/N and fdinfo/N included */
static int proc_allowed(const char *p)
{
    for (int i = 0; proc_top[i]; i++)
        if (!strcmp(p, proc_top[i]))
            return 1;
    char self[32];
    int n = snprintf(self, sizeof self, "/proc/%d", (int)getpid());
    if (strncmp(p, self, (size_t)n) || (p[n] && p[n] != '/'))
        return 0;
    p += n + (p[n] == '/');
    if (!strncmp(p, "task/", 5)) {          /* task/<tid>[/X]: our threads only exist there */
        size_t t = strcspn(p + 5, "/");
        if (!is_number(p + 5, t))
            return 0;
        p += 5 + t + (p[5 + t] == '/');
    }
    size_t k = strcspn(p, "/");
    if (p[k] == '/' && (!strncmp(p, "fd/", 3) || !strncmp(p, "fdinfo/", 7)))   /* not ours */
        return is_number(p + k + 1, strlen(p + k + 1)) && !sbx_fd_reserved(atoi(p + k + 1));
    if (p[k])
        return 0;
    for (int i = 0; proc_self[i]; i++)
        if (!strcmp(p, proc_self[i]))
            return 1;
    return 0;
}

/* the root admitting canon (the deepest), or NULL */
const struct sbx_root *sbx_root_of(const struct rv_sandbox *s, const char *canon, int write)
{
    const struct sbx_root *best = NULL;
    for (int i = 0; i < s->nroots; i++) {
        const struct sbx_root *r = &s->roots[i];
        if (write && !r->write)
            continue;
        int in = !strncmp(canon, r->path, r->len) &&
                 (canon[r->len] == 0 || (r->dir && (canon[r->len] == '/' || r->len == 1)));
        if (in && (!best || r->len > best->len))
            best = r;
    }
    return best;
}

int sbx_path_allowed(const struct rv_sandbox *s, const char *canon, int write)
{
    /* pipes, sockets, memfds: only reachable through the guest's own descriptors */
    if (canon[0] != '/' || !strncmp(canon, "/memfd:", 7))
        return 1;
    if (sbx_root_of(s, canon, write))
        return 1;
    for (size_t i = 0; i < sizeof devices / sizeof *devices; i++)
        if (!strcmp(canon, devices[i].path))
            return !write || devices[i].write;
    return !write && proc_allowed(canon);
}

/* a device file of the list must really be that device (not a file planted in its place) */
int sbx_device_ok(const char *canon, int fd)
{
    struct stat st;
    for (size_t i = 0; i < sizeof devices / sizeof *devices; i++)
        if (!strcmp(canon, devices[i].path))
            return fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 &&
                   minor(st.st_rdev) == devices[i].minor;
    return 1;
}

static int add_root(struct rv_sandbox *s, const char *given, int write, int must_exist)
{
    char *canon = realpath(given, NULL);
    if (!canon) {
        if (!must_exist)
            return 0;
        fprintf(stderr, "rvemu: --allow-%s=%s: %s\n", write ? "write" : "read", given,
                strerror(errno));
        return -1;
    }
    struct stat st;
    int fd = open(canon, O_PATH | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &st) != 0 || s->nroots == (int)(sizeof s->roots / sizeof *s->roots)) {
        fprintf(stderr, "rvemu: sandbox: cannot use %s: %s\n", canon, strerror(errno));
        free(canon);
        return -1;
    }
    fd = sbx_fd_high(fd);
    sbx_fd_reserve(fd, 1);
    struct sbx_root *r = &s->roots[s->nroots++];
    r->path = canon;
    r->len = strlen(canon);
    r->fd = fd;
    r->dir = S_ISDIR(st.st_mode);
    r->write = write;
    return 0;
}

int sbx_paths_init(struct rv_sandbox *s)
{
    const struct rv_machine *m = s->m;
    const struct rv_sandbox_opts *o = &m->opts.sandbox;
    if (m->exe_path && add_root(s, m->exe_path, 0, 1))
        return -1;
    if (m->ld_prefix && add_root(s, m->ld_prefix, 0, 1))
        return -1;
    for (int i = 0; i < o->nread; i++)
        if (add_root(s, o->allow_read[i], 0, 1))
            return -1;
    for (int i = 0; i < o->nwrite; i++)
        if (add_root(s, o->allow_write[i], 1, 1))
            return -1;
    return 0;
}

/* ---- intents ---- */

#define AT_NOFOLLOW 0x100
#define AT_FOLLOW 0x400
#define G_O_ACCMODE 3
#define G_O_CREAT 0100
#define G_O_EXCL 0200
#define G_O_TRUNC 01000
#define G_O_NOFOLLOW 0400000
#define G_O_TMPFILE 020000000

/* rows: syscall number, k-th path argument, its dirfd argument (-1: the cwd), intent */
static const struct { short nr; signed char k, dirarg; unsigned char how; } slots[] = {
    { 5, 0, -1, P_WRITE }, { 6, 0, -1, P_WRITE | P_NAME }, { 8, 0, -1, 0 },
    { 9, 0, -1, P_NAME }, { 11, 0, -1, 0 }, { 12, 0, -1, P_NAME }, { 14, 0, -1, P_WRITE },
    { 15, 0, -1, P_WRITE | P_NAME }, { 27, 0, -1, 0 },
    { 33, 0, 0, P_WRITE | P_NAME | P_CREATE }, { 34, 0, 0, P_WRITE | P_NAME | P_CREATE },
    { 35, 0, 0, P_WRITE | P_NAME }, { 36, 0, 1, P_WRITE | P_NAME | P_CREATE },
    { 37, 0, 0, P_WRITE | P_NAME }, { 37, 1, 2, P_WRITE | P_NAME | P_CREATE },
    { 43, 0, -1, 0 }, { 45, 0, -1, P_WRITE }, { 48, 0, 0, 0 }, { 439, 0, 0, 0 },
    { 49, 0, -1, 0 }, { 51, 0, -1, 0 }, { 53, 0, 0, P_WRITE }, { 54, 0, 0, P_WRITE },
    { 78, 0, 0, P_NAME }, { 79, 0, 0, 0 }, { 88, 0, 0, P_WRITE }, { 291, 0, 0, 0 },
    { 276, 0, 0, P_WRITE | P_NAME }, { 276, 1, 2, P_WRITE | P_NAME | P_CREATE },
    { 221, 0, -1, P_EXEC }, { 221, 1, -1, P_EXEC }, { 281, 0, -1, P_EXEC },
    { 281, 1, -1, P_EXEC },
};

struct sbx_intent sbx_intent_of(const uint64_t *a, uint64_t nr, int k)
{
    struct sbx_intent in = { -1, P_WRITE, 0 };   /* unknown: the cautious reading */
    if (k > 0)
        in.how = P_KEEP;            /* rvemu's own lookups after the guest's paths */
    if (nr == 56) {                 /* openat: the flags register decides */
        uint64_t f = a[2];
        in.dirarg = k == 0 ? 0 : -1;
        in.how = P_KEEP;
        if (k == 0) {
            in.how = ((f & G_O_ACCMODE) || (f & (G_O_CREAT | G_O_TRUNC | G_O_TMPFILE))) ? P_WRITE : 0;
            if ((f & G_O_CREAT) && !(f & G_O_TMPFILE))
                in.how |= P_CREATE | (f & G_O_EXCL ? P_NAME : 0);
            if (f & G_O_NOFOLLOW)
                in.how |= P_NAME;
            in.oflags = f;
        }
        return in;
    }
    for (size_t i = 0; i < sizeof slots / sizeof *slots; i++)
        if (slots[i].nr == (short)nr && slots[i].k == k) {
            in.dirarg = slots[i].dirarg;
            in.how = slots[i].how;
            break;
        }
    /* the *at calls' flags that stop at a final symlink */
    if ((nr == 79 && (a[3] & AT_NOFOLLOW)) || (nr == 88 && (a[3] & AT_NOFOLLOW)) ||
        (nr == 54 && (a[4] & AT_NOFOLLOW)) || (nr == 291 && (a[2] & AT_NOFOLLOW)) ||
        (nr == 439 && (a[3] & AT_NOFOLLOW)))
        in.how |= P_NAME;
    if (nr == 37 && k == 0 && (a[4] & AT_FOLLOW))
        in.how &= ~P_NAME;
    return in;
}
