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
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <seccomp.h>

struct row { const char *what; int cls; const char *hosts; };
static const struct row rows[] = {
#define HOST(g, c, h) { #g, c, h },
#define BASE(g, c, h) { "rvemu " #g, c, h },
#define IOCTL(n)
#include "sandbox/hostcalls.def"
#undef HOST
#undef BASE
#undef IOCTL
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

/* pthread_create's clone flags (glibc, after clone3 answered ENOSYS) and fork's */
#define HOST_THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
    CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)
#define HOST_FORK_FLAGS (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD)

/* prctl operations the guest's handler forwards, minus what would undo the confinement
 * (PR_SET_DUMPABLE and PR_SET_PTRACER are answered by the gate), plus libseccomp's */
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

/* names for the reporter, resolved before the filter exists (the handler cannot allocate) */
#define NAMES 512
static char names[NAMES][28];

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
    *--q = 0;
    do
        *--q = (char)('0' + nr % 10);
    while ((nr /= 10) && q > num);
    put_str(&p, "rvemu: sandbox: host syscall ");
    put_str(&p, (unsigned)si->si_syscall < NAMES && names[si->si_syscall][0]
                ? names[si->si_syscall] : "?");
    put_str(&p, " (");
    put_str(&p, q);
    put_str(&p, ") is outside rvemu's seccomp filter: a bug in rvemu, stopping\n");
    ssize_t w = write(2, msg, (size_t)(p - msg));
    (void)w;
    syscall(SYS_exit_group, 128 + SIGSYS);
}

static int add(scmp_filter_ctx ctx, int nr, unsigned n, const struct scmp_arg_cmp *c)
{
    return seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, n, c);
}

/* The JIT's code region: making its pages read+execute is the one executable mapping rvemu
 * makes, so the filter allows exactly that protection, inside the region, a chunk at most at
 * a time (the region's last chunk is a guard, so the range cannot reach past it). */
static int add_jit_rules(scmp_filter_ctx ctx)
{
#ifdef RV_JIT
    uintptr_t lo, span;
    rv_jit_region(&lo, &span);
    if (!span)
        return 0;
    struct scmp_arg_cmp c[3] = {
        SCMP_A0_64(SCMP_CMP_MASKED_EQ, ~(uint64_t)(span - 1), lo),
        SCMP_A1_64(SCMP_CMP_LE, RV_JIT_CHUNK_SIZE),
        SCMP_A2_32(SCMP_CMP_EQ, PROT_READ | PROT_EXEC),
    };
    return add(ctx, SCMP_SYS(mprotect), 3, c);
#else
    (void)ctx;
    return 0;
#endif
}

/* every rule for one host syscall: its argument checks, or a plain allow */
static int add_rules(scmp_filter_ctx ctx, int nr, const struct sbx_filter_cfg *cfg)
{
    int r = 0;
    if (nr == SCMP_SYS(mmap)) {
        struct scmp_arg_cmp noexec = SCMP_A2_32(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0);
        r = add(ctx, nr, 1, &noexec);
        if (!r && cfg->exec_maps) {
            struct scmp_arg_cmp c[2] = { SCMP_A2_32(SCMP_CMP_MASKED_EQ, PROT_WRITE, 0),
                                         SCMP_A3_32(SCMP_CMP_MASKED_EQ, MAP_ANONYMOUS, 0) };
            r = add(ctx, nr, 2, c);
        }
    } else if (nr == SCMP_SYS(mprotect)) {
        struct scmp_arg_cmp noexec = SCMP_A2_32(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0);
        r = add(ctx, nr, 1, &noexec);
        if (!r)
            r = add_jit_rules(ctx);
    } else if (nr == SCMP_SYS(clone)) {
        struct scmp_arg_cmp t = SCMP_A0_64(SCMP_CMP_EQ, HOST_THREAD_FLAGS);
        struct scmp_arg_cmp f = SCMP_A0_64(SCMP_CMP_EQ, HOST_FORK_FLAGS);
        r = add(ctx, nr, 1, &t) ?: add(ctx, nr, 1, &f);
    } else if (nr == SCMP_SYS(clone3)) {
        /* glibc falls back to clone, whose flags the filter can see */
        r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), nr, 0);
    } else if (nr == SCMP_SYS(kill)) {
        struct scmp_arg_cmp c = SCMP_A0_32(SCMP_CMP_NE, (uint32_t)-1);    /* no broadcast */
        r = add(ctx, nr, 1, &c);
    } else if (nr == SCMP_SYS(futex)) {
        for (size_t i = 0; !r && i < N(futex_ops); i++) {
            struct scmp_arg_cmp c = SCMP_A1_32(SCMP_CMP_MASKED_EQ,
                ~(uint32_t)(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME), (uint32_t)futex_ops[i]);
            r = add(ctx, nr, 1, &c);
        }
    } else if (nr == SCMP_SYS(madvise)) {
        for (size_t i = 0; !r && i < N(madvices); i++) {
            struct scmp_arg_cmp c = SCMP_A2_32(SCMP_CMP_EQ, (uint32_t)madvices[i]);
            r = add(ctx, nr, 1, &c);
        }
    } else if (nr == SCMP_SYS(ioctl)) {
        for (size_t i = 0; !r && i < N(ioctls); i++) {
            struct scmp_arg_cmp c = SCMP_A1_32(SCMP_CMP_EQ, ioctls[i]);
            r = add(ctx, nr, 1, &c);
        }
    } else if (nr == SCMP_SYS(prctl)) {
        for (size_t i = 0; !r && i < N(prctl_ops); i++) {
            struct scmp_arg_cmp c = SCMP_A0_32(SCMP_CMP_EQ, (uint32_t)prctl_ops[i]);
            r = add(ctx, nr, 1, &c);
        }
        /* a re-executed rvemu makes itself undumpable again; nothing may make it dumpable */
        struct scmp_arg_cmp d[2] = { SCMP_A0_32(SCMP_CMP_EQ, PR_SET_DUMPABLE),
                                     SCMP_A1_64(SCMP_CMP_EQ, 0) };
        if (!r)
            r = add(ctx, nr, 2, d);
    } else if (nr == SCMP_SYS(socket) && cfg->policy == RV_SBX_STRICT) {
        static const int fam[] = { AF_INET, AF_INET6, AF_NETLINK };
        for (size_t i = 0; !r && i < N(fam); i++) {
            struct scmp_arg_cmp c = SCMP_A0_32(SCMP_CMP_EQ, (uint32_t)fam[i]);
            r = add(ctx, nr, 1, &c);
        }
    } else if (nr == SCMP_SYS(socketpair)) {
        struct scmp_arg_cmp c = SCMP_A0_32(SCMP_CMP_EQ, AF_UNIX);
        r = add(ctx, nr, 1, &c);
    } else if (nr == SCMP_SYS(seccomp)) {
        /* a re-executed rvemu adds its own layer: set a filter, probe actions and sizes,
         * and libseccomp's probe for the syscall itself (strict mode with flags 1: EINVAL) */
        for (uint32_t op = 1; !r && op <= 3; op++) {
            struct scmp_arg_cmp c = SCMP_A0_32(SCMP_CMP_EQ, op);
            r = add(ctx, nr, 1, &c);
        }
        struct scmp_arg_cmp probe[2] = { SCMP_A0_32(SCMP_CMP_EQ, 0), SCMP_A1_32(SCMP_CMP_EQ, 1) };
        if (!r)
            r = add(ctx, nr, 2, probe);
    } else {
        r = add(ctx, nr, 0, NULL);
    }
    return r;
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
static int add_rows(scmp_filter_ctx ctx, const struct sbx_filter_cfg *cfg)
{
    static unsigned char done[1024];
    memset(done, 0, sizeof done);
    for (size_t i = 0; i < N(rows); i++) {
        if (!row_wanted(rows[i].cls, cfg))
            continue;
        for (const char *p = rows[i].hosts; *p;) {
            size_t len = strcspn(p, " ");
            char name[40];
            if (len && len < sizeof name) {
                memcpy(name, p, len);
                name[len - (p[len - 1] == '?')] = 0;
                int nr = seccomp_syscall_resolve_name(name);
                if (nr >= 0 && nr < (int)sizeof done && !done[nr]) {
                    done[nr] = 1;
                    int r = add_rules(ctx, nr, cfg);
                    if (r)
                        return r;
                }
            }
            p += len;
            p += strspn(p, " ");
        }
    }
    return 0;
}

int sbx_seccomp_load(const struct sbx_filter_cfg *cfg)
{
    for (int nr = 0; nr < NAMES; nr++) {
        char *n = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
        snprintf(names[nr], sizeof names[nr], "%s", n ? n : "");
        free(n);
    }
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
    if (!ctx)
        return -ENOMEM;
    int r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1);
    if (!r)
        r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
    if (!r)
        r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
    /* the default chain, not libseccomp's binary tree: building the tree costs about a
     * millisecond at every start, and the kernel's cost per syscall was the same either way */
    if (!r)
        r = add_rows(ctx, cfg);
    if (!r) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_sigsys;
        sa.sa_flags = SA_SIGINFO;
        sigfillset(&sa.sa_mask);
        r = sigaction(SIGSYS, &sa, NULL) ? -errno : 0;
    }
    if (!r) {
        owns_sigsys = 1;
        r = seccomp_load(ctx);
        if (r)
            owns_sigsys = 0;
    }
    seccomp_release(ctx);
    return r;
}

#else /* !HAVE_SECCOMP */

int sbx_seccomp_load(const struct sbx_filter_cfg *cfg)
{
    (void)cfg;
    return -ENOSYS;
}

#endif
