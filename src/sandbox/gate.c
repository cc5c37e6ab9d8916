/* The policy gate in front of the syscall handlers: what the guest may not do to others
 * (signals only to its own process tree, no renicing of other processes, its fds never the
 * sandbox's), what strict takes away (network, identity changes, writes through descriptors
 * of read-only files, openat2 whose struct would be read twice), and the thread limit.
 * A refusal is a guest errno and, with -d guest_errors, one log line. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sandbox/sbx.h"
#include "linux/syscall.h"
#include "debug/log.h"

/* riscv64 syscall numbers the gate looks at */
enum {
    NR_fsetxattr = 7, NR_fremovexattr = 16, NR_ioprio_set = 30, NR_linkat = 37,
    NR_fchmod = 52, NR_fchown = 55, NR_close = 57, NR_utimensat = 88, NR_capset = 91,
    NR_kill = 129, NR_tkill = 130, NR_tgkill = 131, NR_rt_sigqueueinfo = 138,
    NR_setpriority = 140, NR_setregid = 143, NR_setgroups = 159, NR_prctl = 167,
    NR_adjtimex = 171, NR_socket = 198, NR_socketpair = 199, NR_clone = 220,
    NR_rt_tgsigqueueinfo = 240, NR_clock_adjtime = 266, NR_close_range = 436, NR_openat2 = 437,
};
#define G_CLONE_THREAD 0x10000

/* this thread's clone was counted against --max-threads and is not finished yet */
static _Thread_local int clone_counted;

int sbx_refuse(struct rv_cpu *cpu, const char *call, const char *what, const char *rule, int err)
{
    struct rv_machine *m = cpu->m;
    if (m->log_mask & LOG_GUEST_ERRORS)
        fprintf(m->log, "sandbox: %s%s%s%s refused at pc 0x%" PRIx64 ": %s (%s)\n", call,
                what ? " \"" : "", what ? what : "", what ? "\"" : "", cpu->pc - 4, rule,
                strerror(-err));
    return err;
}

/* 1 when pid is a descendant of this process (its parent chain reaches us) */
static int descendant(int pid)
{
    int self = getpid();
    for (int depth = 0; depth < 64 && pid > 1; depth++) {
        char path[48], buf[512];
        snprintf(path, sizeof path, "/proc/%d/stat", pid);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return 0;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0)
            return 0;
        buf[n] = 0;
        char *p = strrchr(buf, ')');        /* the command name may hold anything */
        int ppid;
        if (!p || sscanf(p + 1, " %*c %d", &ppid) != 1)
            return 0;
        if (ppid == self)
            return 1;
        pid = ppid;
    }
    return 0;
}

static int own_thread(struct rv_machine *m, int tid)
{
    int found = 0;
    pthread_mutex_lock(&m->threads_lock);
    for (struct rv_cpu *c = m->threads; c && !found; c = c->next)
        found = c->tid == tid;
    pthread_mutex_unlock(&m->threads_lock);
    return found;
}

/* kill's pid argument: this process, a descendant, or a group led by one of them */
static int kill_target_ok(int pid)
{
    if (pid == -1)
        return 0;
    if (pid == 0)
        return getpgid(0) == getpid();
    if (pid < 0)
        pid = -pid;
    return pid == getpid() || descendant(pid);
}

/* the fd an fd-based metadata change acts on must be writable under strict */
static int fd_writable(struct rv_sandbox *s, int fd)
{
    char p[4096];
    if (sbx_fd_path(fd, p, sizeof p) < 0)
        return 1;           /* not open: the handler answers EBADF */
    return sbx_path_allowed(s, p, 1);
}

/* close_range around the sandbox's descriptors and the log */
static int64_t close_range_around(struct rv_cpu *cpu, const uint64_t *a)
{
    unsigned first = (unsigned)a[0], last = (unsigned)a[1], flags = (unsigned)a[2];
    if (flags & ~6u || first > last)
        return -EINVAL;
    FILE *log = cpu->m->log;
    int logfd = log && log != stderr && log != stdout ? fileno(log) : -1;
    unsigned lo = first;
    for (unsigned fd = first; fd <= last && fd < 8192 + 1; fd++) {
        int skip = fd == 8192 || sbx_fd_reserved((int)fd) || (int)fd == logfd;
        if (skip || fd == last) {
            unsigned hi = skip ? fd : fd + 1;      /* [lo, hi) has nothing of ours */
            if (hi > lo && syscall(SYS_close_range, lo, hi - 1, flags) != 0)
                return -errno;
            lo = fd + 1;
        }
        if (fd == last)
            return 0;
    }
    return last >= lo ? sys_ret(syscall(SYS_close_range, lo, last, flags)) : 0;
}


/* A set*id call that sets every id to the value it has (or leaves it, -1) changes nothing:
 * programs that drop privileges they do not hold do this. */
static int ids_unchanged(int nr, const uint64_t *a)
{
    uid_t r, e, sv;
    int gid = nr == NR_setregid || nr == 144 || nr == 149 || nr == 152;
    if (nr == NR_setgroups)
        return 0;
    if (gid ? getresgid(&r, &e, &sv) : getresuid(&r, &e, &sv))
        return 0;
#define SAME(v, cur) ((uint32_t)(v) == (uint32_t)-1 || (uint32_t)(v) == (uint32_t)(cur))
    switch (nr) {
    case 144: case 146: return SAME(a[0], r) && SAME(a[0], e) && SAME(a[0], sv); /* set[ug]id */
    case NR_setregid: case 145: return SAME(a[0], r) && SAME(a[1], e);
    case 147: case 149: return SAME(a[0], r) && SAME(a[1], e) && SAME(a[2], sv);
    case 151: case 152: return SAME(a[0], e);                                    /* setfs[ug]id */
    }
#undef SAME
    return 0;
}

int rv_sandbox_sys_enter(struct rv_cpu *cpu, uint64_t nr, int64_t *ret)
{
    struct rv_machine *m = cpu->m;
    struct rv_sandbox *s = m->sbx;
    const uint64_t *a = &cpu->x[10];
    const struct rv_sys_info *info = rv_sys_info(nr);
    const char *call = info ? info->name : "syscall";
#define REFUSE(err, rule) do { *ret = sbx_refuse(cpu, call, NULL, (rule), (err)); return 1; } while (0)
    if (nr == NR_clone && (a[0] & G_CLONE_THREAD) && s->max_threads) {
        pthread_mutex_lock(&m->threads_lock);
        int n = m->nthreads + __atomic_load_n(&s->clones_inflight, __ATOMIC_RELAXED);
        if (n < s->max_threads)
            __atomic_add_fetch(&s->clones_inflight, 1, __ATOMIC_RELAXED);
        pthread_mutex_unlock(&m->threads_lock);
        if (n >= s->max_threads)
            REFUSE(-EAGAIN, "--max-threads reached");
        clone_counted = 1;
    }
    if (s->policy == RV_SBX_OFF)
        return 0;
    sbx_paths_begin();
    /* the sandbox's own descriptors are not the guest's, whatever the call */
    if (s->nroots && info) {
        const char *k = info->kinds;
        for (int i = 0; i < 6 && k[i] && k[i] != '='; i++)
            if ((k[i] == 'f' || k[i] == 'a') && sbx_fd_reserved((int)a[i]))
                REFUSE(-EBADF, "a descriptor of the sandbox");
    }
    int strict = s->policy == RV_SBX_STRICT;
    switch (nr) {
    case NR_kill: case NR_rt_sigqueueinfo:
        if (!kill_target_ok((int)a[0]) || (nr == NR_rt_sigqueueinfo && (int)a[0] <= 0))
            REFUSE(-EPERM, "signals go only to the guest's own process tree");
        break;
    case NR_tgkill: case NR_rt_tgsigqueueinfo:
        if ((int)a[0] != getpid() && !descendant((int)a[0]))
            REFUSE(-EPERM, "signals go only to the guest's own process tree");
        break;
    case NR_tkill:
        if (!own_thread(m, (int)a[0]) && !descendant((int)a[0]))
            REFUSE(-EPERM, "signals go only to the guest's own process tree");
        break;
    case NR_setpriority: case NR_ioprio_set: {
        /* PRIO_PROCESS is 0, IOPRIO_WHO_PROCESS 1: other kinds reach other processes */
        int who = (int)a[1], proc = nr == NR_setpriority ? 0 : 1;
        if ((int)a[0] != proc || (who != 0 && who != getpid() && !own_thread(m, who) &&
                                  !descendant(who)))
            REFUSE(-EPERM, "only the guest's own processes");
        break;
    }
    case NR_prctl:
        /* rvemu stays undumpable (no ptrace, no core, /proc/<pid>/mem closed to others); the
         * guest keeps its own view of the flag */
        if ((int)a[0] == PR_GET_DUMPABLE) {
            *ret = __atomic_load_n(&s->guest_dumpable, __ATOMIC_RELAXED);
            return 1;
        }
        if ((int)a[0] == PR_SET_DUMPABLE) {
            if (a[1] > 1)
                REFUSE(-EINVAL, "PR_SET_DUMPABLE takes 0 or 1");
            __atomic_store_n(&s->guest_dumpable, (int)a[1], __ATOMIC_RELAXED);
            *ret = 0;
            return 1;
        }
        if ((int)a[0] == 0x59616d61 /* PR_SET_PTRACER */) {
            sbx_refuse(cpu, call, NULL, "accepted, not applied: rvemu is not ptraceable", 0);
            *ret = 0;
            return 1;
        }
        break;
    case NR_socketpair:
        if ((int)a[0] != AF_UNIX)
            REFUSE((int)a[0] == AF_INET || (int)a[0] == AF_INET6 ? -EOPNOTSUPP : -EAFNOSUPPORT,
                   "socketpair is AF_UNIX only");
        break;
    case NR_socket:
        if (strict && !s->allow_net)
            REFUSE(-EACCES, "no network without --allow-net");
        if (strict && (int)a[0] != AF_INET && (int)a[0] != AF_INET6 && (int)a[0] != AF_NETLINK)
            REFUSE(-EACCES, "AF_UNIX and other families reach host files and services");
        break;
    case NR_openat2:
        if (strict)
            REFUSE(-ENOSYS, "its open_how would be read twice; openat is checked");
        break;
    case NR_capset: case NR_adjtimex: case NR_clock_adjtime:
        if (strict)
            REFUSE(-EPERM, "no privileged operations");
        break;
    case NR_fchmod: case NR_fchown: case NR_fsetxattr: case NR_fremovexattr:
        if (strict && !fd_writable(s, (int)a[0]))
            REFUSE(-EACCES, "the file is not under an --allow-write tree");
        break;
    case NR_utimensat:
        if (strict && !a[1] && !fd_writable(s, (int)a[0]))
            REFUSE(-EACCES, "the file is not under an --allow-write tree");
        break;
    case NR_linkat:
        if (strict && (a[4] & 0x1000 /* AT_EMPTY_PATH */))
            REFUSE(-EACCES, "linking a descriptor could give a read-only file a writable name");
        break;
    case NR_close:
        if (sbx_fd_reserved((int)a[0]))
            REFUSE(-EBADF, "a descriptor of the sandbox");
        break;
    case NR_close_range:
        if (s->nroots) {
            *ret = close_range_around(cpu, a);
            return 1;
        }
        break;
    case NR_setregid: case 144: case 145: case 146: case 147: case 149: case 151: case 152:
    case NR_setgroups:      /* setgid setreuid setuid setresuid setresgid setfs[ug]id */
        if (strict && !ids_unchanged((int)nr, a))
            REFUSE(-EPERM, "no identity changes");
        break;
    }
    return 0;
#undef REFUSE
}

void rv_sandbox_sys_exit(struct rv_cpu *cpu, uint64_t nr, int64_t ret)
{
    struct rv_sandbox *s = cpu->m->sbx;
    (void)ret;
    if (clone_counted && nr == NR_clone) {
        /* the new thread (if any) is in m->nthreads by now */
        __atomic_sub_fetch(&s->clones_inflight, 1, __ATOMIC_RELAXED);
        clone_counted = 0;
    }
    if (s->policy != RV_SBX_OFF)
        sbx_paths_release();
}

int rv_sandbox_native_exec(struct rv_cpu *cpu, const char *path)
{
    const struct rv_sys_info *s = rv_sys_info(cpu->x[17]);
    return sbx_refuse(cpu, s ? s->name : "execve", path,
                      "only riscv64 programs run under the sandbox (--sandbox=off runs host "
                      "programs natively)", -EACCES);
}
