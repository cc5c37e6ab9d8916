/* The seccomp filter rvemu puts on itself after loading: an allowlist generated from
 * hostcalls.def (what each guest syscall's handler calls on the host, plus rvemu's own needs),
 * with argument checks where they matter. Anything else traps to a reporter that names the
 * host syscall in one line and stops rvemu: such a call is a bug in rvemu, never the guest's. */
#include "config.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sandbox/sbx.h"
#include "linux/signal.h"
#ifdef RV_JIT
#include "jit/jit.h"
#endif

static volatile int owns_sigsys;
int rv_sandbox_owns_sigsys(void) { return owns_sigsys; }

int sbx_seccomp_active(void)
{
    return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 2;
}

#ifdef HAVE_SECCOMP
#include <linux/audit.h>
#include <linux/futex.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include "sandbox/bpf.h"

#include "sandbox/auditarch.h"

/* hostcalls.def's host syscalls by class, as numbers (hostnrs.h is generated from it) */
static const struct { unsigned char cls; short nr; } hostnrs[] = {
#define HOSTNR(c, n) { c, SYS_##n },
#include "sandbox/hostnrs.h"
#undef HOSTNR
};
static const uint32_t ioctls[] = {
#define HOST(g, c, h)
#define BASE(g, c, h)
#define IOCTL(n) n,
#include "sandbox/hostcalls.def"
#undef HOST
#undef BASE
#undef IOCTL
};

/* pthread_create's clone flags (glibc, after clone3 answered ENOSYS; musl adds the obsolete
 * CLONE_DETACHED) and fork's (glibc's; musl's fork is fork) */
#define HOST_THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
    CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)
#define HOST_FORK_FLAGS (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD)

/* prctl operations the guest's handler forwards, minus what would undo the confinement
 * (PR_SET_DUMPABLE and PR_SET_PTRACER are answered by the gate) */
static const int prctl_ops[] = {
    PR_SET_NAME, PR_GET_NAME, PR_SET_PDEATHSIG, PR_GET_PDEATHSIG, PR_GET_CHILD_SUBREAPER,
    PR_SET_CHILD_SUBREAPER, PR_GET_DUMPABLE, PR_GET_KEEPCAPS, PR_SET_KEEPCAPS,
    PR_GET_SECUREBITS, PR_SET_SECUREBITS, PR_GET_TIMERSLACK, PR_SET_TIMERSLACK,
    PR_GET_NO_NEW_PRIVS, PR_SET_NO_NEW_PRIVS, PR_GET_THP_DISABLE, PR_SET_THP_DISABLE,
    PR_GET_TIMING, PR_SET_TIMING, PR_MCE_KILL_GET, PR_MCE_KILL, PR_CAPBSET_READ,
    PR_CAPBSET_DROP, PR_CAP_AMBIENT, PR_TASK_PERF_EVENTS_DISABLE, PR_TASK_PERF_EVENTS_ENABLE,
    PR_GET_IO_FLUSHER, PR_SET_IO_FLUSHER, PR_GET_SECCOMP,
};
static const int futex_ops[] = {
    FUTEX_WAIT, FUTEX_WAKE, FUTEX_REQUEUE, FUTEX_CMP_REQUEUE, FUTEX_WAKE_OP,
    FUTEX_WAIT_BITSET, FUTEX_WAKE_BITSET,
};
static const int madvices[] = {
    MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED, MADV_DONTNEED, MADV_FREE,
    MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_DONTDUMP, MADV_DODUMP,
};
#define N(a) (sizeof (a) / sizeof *(a))

static void put_str(char **p, const char *s)
{
    while (*s)
        *(*p)++ = *s++;
}

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (si->si_code != 1 /* SYS_SECCOMP */) {
        /* a SIGSYS sent to the guest (kill, tgkill): the guest's disposition decides */
        int e = errno;
        siginfo_t g = *si;
        g.si_signo = rv_guest_sig(sig);
        rv_signal_record(g.si_signo, &g);
        errno = e;
        return;
    }
    char msg[200], num[16], *p = msg, *q = num + sizeof num;
    unsigned nr = (unsigned)si->si_syscall;
#ifdef RV_SMALL
    const char *name = NULL;        /* the number alone: the names table is 10 KB */
#else
    const char *name = sbx_sys_name(si->si_syscall);
#endif
    *--q = 0;
    do
        *--q = (char)('0' + nr % 10);
    while ((nr /= 10) && q > num);
    put_str(&p, "rvemu: sandbox: host syscall ");
    put_str(&p, name ? name : "?");
    put_str(&p, " (");
    put_str(&p, q);
    put_str(&p, ") is outside rvemu's seccomp filter: a bug in rvemu, stopping\n");
    ssize_t w = write(2, msg, (size_t)(p - msg));
    (void)w;
    syscall(SYS_exit_group, 128 + SIGSYS);
}

/* comparisons of one argument, as a 32-bit int or a 64-bit value */
#define C32(a, o, v) { a, SBX_CMP_##o, 0, 0, (uint32_t)(v) }
#define C64(a, o, v) { a, SBX_CMP_##o, 1, 0, (uint64_t)(v) }
#define M32(a, m, v) { a, SBX_CMP_MASKED_EQ, 0, (uint32_t)(m), (uint32_t)(v) }
#define M64(a, m, v) { a, SBX_CMP_MASKED_EQ, 1, (uint64_t)(m), (uint64_t)(v) }

static void allow(struct sbx_bpf *b, int nr, int n, const struct sbx_cmp *c)
{
    sbx_bpf_rule(b, nr, SECCOMP_RET_ALLOW, n, c);
}

/* one rule per value of argument `arg` in a list */
static void allow_each(struct sbx_bpf *b, int nr, int arg, const int *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct sbx_cmp c = C32(arg, EQ, v[i]);
        allow(b, nr, 1, &c);
    }
}

/* The JIT's code region: making its pages read+execute is the one executable mapping rvemu
 * makes, so the filter allows exactly that protection, inside the region, a chunk at most at
 * a time (the region's last chunk is a guard, so the range cannot reach past it). */
static void add_jit_rules(struct sbx_bpf *b)
{
#ifdef RV_JIT
    uintptr_t lo, span;
    rv_jit_region(&lo, &span);
    if (!span)
        return;
    struct sbx_cmp c[3] = {
        M64(0, ~(uint64_t)(span - 1), lo),
        C64(1, LE, RV_JIT_CHUNK_SIZE),
        C32(2, EQ, PROT_READ | PROT_EXEC),
    };
    allow(b, SYS_mprotect, 3, c);
#else
    (void)b;
#endif
}

/* every rule for one host syscall: its argument checks, or a plain allow */
static void add_rules(struct sbx_bpf *b, int nr, const struct sbx_filter_cfg *cfg)
{
    if (nr == SYS_mmap) {
        struct sbx_cmp noexec = M32(2, PROT_EXEC, 0);
        allow(b, nr, 1, &noexec);
        if (cfg->exec_maps) {
            struct sbx_cmp c[2] = { M32(2, PROT_WRITE, 0), M32(3, MAP_ANONYMOUS, 0) };
            allow(b, nr, 2, c);
        }
    } else if (nr == SYS_mprotect) {
        struct sbx_cmp noexec = M32(2, PROT_EXEC, 0);
        allow(b, nr, 1, &noexec);
        add_jit_rules(b);
    } else if (nr == SYS_clone) {
        struct sbx_cmp c[3] = { C64(0, EQ, HOST_THREAD_FLAGS), C64(0, EQ, HOST_FORK_FLAGS),
                                C64(0, EQ, HOST_THREAD_FLAGS | 0x400000 /* CLONE_DETACHED */) };
        for (int i = 0; i < 3; i++)
            allow(b, nr, 1, &c[i]);
#ifdef SYS_clone3
    } else if (nr == SYS_clone3) {
        /* glibc falls back to clone, whose flags the filter can see */
        sbx_bpf_rule(b, nr, SECCOMP_RET_ERRNO | ENOSYS, 0, NULL);
#endif
    } else if (nr == SYS_kill) {
        struct sbx_cmp c = C32(0, NE, -1);                  /* no broadcast */
        allow(b, nr, 1, &c);
    } else if (nr == SYS_futex) {
        for (size_t i = 0; i < N(futex_ops); i++) {
            struct sbx_cmp c = M32(1, ~(uint32_t)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME),
                                   futex_ops[i]);
            allow(b, nr, 1, &c);
        }
    } else if (nr == SYS_madvise) {
        allow_each(b, nr, 2, madvices, N(madvices));
    } else if (nr == SYS_ioctl) {
        for (size_t i = 0; i < N(ioctls); i++) {
            struct sbx_cmp c = C32(1, EQ, ioctls[i]);
            allow(b, nr, 1, &c);
        }
    } else if (nr == SYS_prctl) {
        allow_each(b, nr, 0, prctl_ops, N(prctl_ops));
        /* a re-executed rvemu makes itself undumpable again; nothing may make it dumpable */
        struct sbx_cmp d[2] = { C32(0, EQ, PR_SET_DUMPABLE), C64(1, EQ, 0) };
        allow(b, nr, 2, d);
    } else if (nr == SYS_socket && cfg->policy == RV_SBX_STRICT) {
        static const int fam[] = { AF_INET, AF_INET6, AF_NETLINK };
        allow_each(b, nr, 0, fam, N(fam));
    } else if (nr == SYS_socketpair) {
        struct sbx_cmp c = C32(0, EQ, AF_UNIX);
        allow(b, nr, 1, &c);
    } else if (nr == SYS_seccomp) {
        /* a re-executed rvemu adds its own layer of filter */
        struct sbx_cmp c = C32(0, EQ, SECCOMP_SET_MODE_FILTER);
        allow(b, nr, 1, &c);
    } else {
        allow(b, nr, 0, NULL);
    }
}

static int row_wanted(int cls, const struct sbx_filter_cfg *cfg)
{
    switch (cls) {
    case SBX_NET: return cfg->policy != RV_SBX_STRICT || cfg->allow_net;
    case SBX_BASIC: return cfg->policy != RV_SBX_STRICT;
    case SBX_GDB: return cfg->gdb;
    default: return 1;
    }
}

/* Adds the rules of every host syscall the configuration needs, each once. */
static void add_rows(struct sbx_bpf *b, const struct sbx_filter_cfg *cfg)
{
    static unsigned char done[1024];
    memset(done, 0, sizeof done);
    for (size_t i = 0; i < N(hostnrs); i++) {
        int nr = hostnrs[i].nr;
        if (row_wanted(hostnrs[i].cls, cfg) && nr >= 0 && nr < (int)sizeof done && !done[nr]) {
            done[nr] = 1;
            add_rules(b, nr, cfg);
        }
    }
}

int sbx_seccomp_load(const struct sbx_filter_cfg *cfg)
{
#ifndef HOST_AUDIT_ARCH
    (void)cfg;
    return -ENOSYS;
#else
    struct sbx_bpf b = { 0 };
    struct sock_filter *code = NULL;
    size_t len = 0;
    add_rows(&b, cfg);
    int r = sbx_bpf_build(&b, HOST_AUDIT_ARCH, SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_TRAP,
                          &code, &len);
    sbx_bpf_free(&b);
    if (r)
        return r;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigsys;
    sa.sa_flags = SA_SIGINFO;
    sigfillset(&sa.sa_mask);
    r = sigaction(SIGSYS, &sa, NULL) ? -errno : 0;
    if (!r && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
        r = -errno;
    if (!r) {
        struct sock_fprog prog = { (unsigned short)len, code };
        owns_sigsys = 1;
        /* TSYNC: every thread rvemu has started (a gdb stub's) gets the same filter */
        long t = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog);
        if (t)
            r = t < 0 ? -errno : -EAGAIN;   /* > 0: a thread that could not be synchronised */
        if (r)
            owns_sigsys = 0;
    }
    free(code);
    return r;
#endif
}

#else /* !HAVE_SECCOMP */

int sbx_seccomp_load(const struct sbx_filter_cfg *cfg)
{
    (void)cfg;
    return -ENOSYS;
}

#endif
