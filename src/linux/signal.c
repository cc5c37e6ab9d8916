/* Guest signals (see signal.h): the host handler only records a signal and kicks the guest
 * thread; delivery happens at the thread's next block boundary, where the frame is laid out
 * exactly as the riscv64 kernel's setup_rt_frame does, so handlers, siglongjmp and libgcc's
 * unwinder see what they would see natively. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>
#include "linux/signal.h"
#include "linux/compat.h"
#include "linux/syscall.h"
#include "linux/sys_util.h"
#include "debug/log.h"
#include "debug/gdbstub.h"
#include "interp/fault.h"

#define BIT(sig) ((uint64_t)1 << ((sig) - 1))
#define G_SA_NOCLDSTOP 1u
#define G_SA_NOCLDWAIT 2u
#define G_SA_SIGINFO 4u
#define G_SA_ONSTACK 0x08000000u
#define G_SA_RESTART 0x10000000u
#define G_SA_NODEFER 0x40000000u
#define G_SA_RESETHAND 0x80000000u
#define G_SS_ONSTACK 1
#define G_SS_DISABLE 2
#define G_MINSIGSTKSZ 2048
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
/* the frame: siginfo (128), ucontext (960: flags, link, stack, sigmask + reserve, mcontext) */
enum { FRAME = 1088, UC = 128, UC_STACK = UC + 16, UC_MASK = UC + 40, MC = 304, FP = MC + 256,
       FCSR = FP + 256, FP_RESERVED = FP + 516 };

/* synchronous faults must always reach rvemu's own handler */
static int is_fault_sig(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

/* The host C library keeps signals 32 and 33 for itself (thread cancellation, setxid), and
 * so does the guest's: guest 32 and 33 travel as the host's two highest real-time signals,
 * and the guest's signals from there up are lost (as under QEMU, which maps the same way).
 * "Highest" is the highest the host can send: an rvemu that is itself the guest of an
 * emulator (rvemu, which keeps its host's top two for the same purpose) has fewer. */
static int sendable(int s)
{
    /* sent to this thread while blocked, then taken back: nothing is delivered. sigaction
     * would not tell: emulators accept any disposition (Go's runtime queries them all). */
    sigset_t one, old;
    sigemptyset(&one);
    sigaddset(&one, s);
    if (pthread_sigmask(SIG_BLOCK, &one, &old) != 0)
        return 0;
    int ok = syscall(SYS_tgkill, (pid_t)getpid(), (pid_t)syscall(SYS_gettid), s) == 0;
    if (ok) {
        struct timespec now = { 0, 0 };
        sigtimedwait(&one, NULL, &now);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ok;
}

static int top_sig(void)
{
    static int top;
    if (!top) {         /* first called at start-up, before any thread or handler */
        int t = SIGRTMAX;
        while (t > SIGRTMIN + 2 && !sendable(t))
            t--;
        top = t;
    }
    return top;
}

int rv_host_sig(int g)
{
    int top = top_sig();
    if (g == 32)
        return top;
    if (g == 33)
        return top - 1;
    if (g >= top - 1 || (g > 33 && g < SIGRTMIN))
        return 0;
    return g;
}

int rv_guest_sig(int h)
{
    int top = top_sig();
    if (h == top)
        return 32;
    if (h == top - 1)
        return 33;
    if ((h >= 32 && h < SIGRTMIN) || h > top)
        return 0;
    return h;
}

void rv_signal_host_mask(uint64_t guest, sigset_t *host)
{
    sigemptyset(host);
    for (int sig = 1; sig <= RV_NSIG; sig++)
        if ((guest & BIT(sig)) && !is_fault_sig(sig) && sig != SIGKILL && sig != SIGSTOP &&
            rv_host_sig(sig))
            sigaddset(host, rv_host_sig(sig));
}

static void set_guest_mask(struct rv_cpu *cpu, uint64_t mask)
{
    sigset_t h;
    cpu->sig_blocked = mask & ~UNBLOCKABLE;
    rv_signal_host_mask(cpu->sig_blocked, &h);
    pthread_sigmask(SIG_SETMASK, &h, NULL);
    if (rv_signal_deliverable(cpu))
        rv_cpu_kick(cpu);
}

int rv_signal_deliverable(const struct rv_cpu *cpu)
{
    return (__atomic_load_n(&cpu->sig_pending, __ATOMIC_ACQUIRE) & ~cpu->sig_blocked) != 0;
}

/* The integer fields of a siginfo, by the union member its signal and si_code select (the
 * kernel's rules): signo, errno, code, padding, then the member. A sigval is one 64-bit
 * field both ways, so the bytes a guest queues come back to it as they were. */
static const char *siginfo_layout(int sig, int code)
{
    if (code <= 0)
        return "444d448";               /* kill, sigqueue, tkill, timers, mq: pid/tid, uid, value */
    switch (sig) {
    case SIGCHLD: return "444d444d88";  /* pid, uid, status, utime, stime */
    case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
        return "444d82";                /* addr, addr_lsb */
    case SIGIO: return "444d84";        /* band, fd */
    case SIGSYS: return "444d844";      /* call_addr, syscall, arch */
    default: return "444d448";
    }
}

void rv_siginfo_to_guest(unsigned char *out, const siginfo_t *si)
{
    rv_compat_siginfo_to_guest(out, si);    /* riscv64's layout (a copy on a 64-bit host) */
    rv_le_fix(out, siginfo_layout(si->si_signo, si->si_code), 128, 1);
}

void rv_siginfo_from_guest(unsigned char *si)
{
    rv_le_fix(si, siginfo_layout((int)rv_ld32(si), (int)rv_ld32(si + 8)), 128, 1);
}

/* Runs in a host handler with every signal blocked, or with signals blocked by the caller:
 * records and dequeues never interleave on one thread's cpu. */
void rv_signal_record(int sig, const siginfo_t *si)
{
    struct rv_cpu *cpu = rv_current_cpu;
    if (!cpu || sig < 1 || sig > RV_NSIG)
        return;
    if (sig >= 32) {
        /* real-time signals queue, each instance with its own siginfo */
        if (cpu->rtq_n == (int)(sizeof cpu->rtq / sizeof cpu->rtq[0]))
            return;     /* full: dropped, as at RLIMIT_SIGPENDING */
        cpu->rtq[cpu->rtq_n].sig = sig;
        rv_siginfo_to_guest(cpu->rtq[cpu->rtq_n].info, si);
        cpu->rtq_n++;
    } else if (!(__atomic_load_n(&cpu->sig_pending, __ATOMIC_ACQUIRE) & BIT(sig))) {
        /* a second instance of a pending standard signal merges, as in Linux */
        rv_siginfo_to_guest(cpu->sig_info[sig - 1], si);
    }
    __atomic_or_fetch(&cpu->sig_pending, BIT(sig), __ATOMIC_RELEASE);
    rv_cpu_kick(cpu);
}

/* Takes one pending instance of sig (its siginfo into info); host signals are blocked here
 * so that the host handler cannot record into the structures half-way. */
static void dequeue(struct rv_cpu *cpu, int sig, unsigned char *info)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    if (sig >= 32) {
        int i = 0, left = 0;
        while (i < cpu->rtq_n && cpu->rtq[i].sig != sig)
            i++;
        if (i < cpu->rtq_n) {
            memcpy(info, cpu->rtq[i].info, 128);
            memmove(&cpu->rtq[i], &cpu->rtq[i + 1], (size_t)(cpu->rtq_n - i - 1) * sizeof cpu->rtq[0]);
            cpu->rtq_n--;
        } else {
            memset(info, 0, 128);
        }
        for (int k = 0; k < cpu->rtq_n; k++)
            left |= cpu->rtq[k].sig == sig;
        if (!left)
            __atomic_and_fetch(&cpu->sig_pending, ~BIT(sig), __ATOMIC_ACQ_REL);
    } else {
        memcpy(info, cpu->sig_info[sig - 1], 128);
        __atomic_and_fetch(&cpu->sig_pending, ~BIT(sig), __ATOMIC_ACQ_REL);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void on_signal(int hsig, siginfo_t *si, void *uc)
{
    (void)uc;
    int e = errno, sig = rv_guest_sig(hsig);
    if (sig) {
        siginfo_t g = *si;
        g.si_signo = sig;
        rv_signal_record(sig, &g);
    }
    errno = e;
}

/* The host disposition that makes the host kernel do for us what Linux would do for the
 * guest: SIG_DFL and SIG_IGN pass through (stop, continue, core and ignore behave natively),
 * handled signals come to on_signal. */
static void set_host_action(int gsig, const struct rv_sigact *a)
{
    struct sigaction sa;
    int sig = rv_host_sig(gsig);
    if (!sig || is_fault_sig(sig) || sig == SIGKILL || sig == SIGSTOP)
        return;
    /* the sandbox's SIGSYS reporter stays: it hands other SIGSYS to rv_signal_record() */
    if (sig == SIGSYS && rv_sandbox_owns_sigsys())
        return;
    memset(&sa, 0, sizeof sa);
    sigfillset(&sa.sa_mask);
    if (a->handler == (uint64_t)(uintptr_t)SIG_DFL) {
        sa.sa_handler = SIG_DFL;
    } else if (a->handler == (uint64_t)(uintptr_t)SIG_IGN) {
        sa.sa_handler = SIG_IGN;
    } else {
        /* no SA_RESTART: blocking host calls return EINTR and the guest's own SA_RESTART
         * decides at delivery, as the kernel does */
        sa.sa_sigaction = on_signal;
        sa.sa_flags = SA_SIGINFO;
    }
    if (sig == SIGCHLD)
        sa.sa_flags |= (a->flags & G_SA_NOCLDSTOP ? SA_NOCLDSTOP : 0) |
                       (a->flags & G_SA_NOCLDWAIT ? SA_NOCLDWAIT : 0);
    sigaction(sig, &sa, NULL);
}

int rv_signal_init(struct rv_machine *m)
{
    /* the trampoline libgcc's unwinder recognises: li a7, 139; ecall (the kernel's vDSO) */
    uint64_t at = RV_PAGE_DOWN(m->mem.mmap_top);
    int64_t r = rv_mem_map(&m->mem, at, RV_PAGE_SIZE, PROT_READ | PROT_WRITE,
                           MAP_FIXED | MAP_PRIVATE, -1, 0, RV_VMA_TRAMP);
    if (r < 0)
        return (int)r;
    rv_st32(rv_g2h(&m->mem, at), 0x08b00893);
    rv_st32(rv_g2h(&m->mem, at + 4), 0x00000073);
    rv_mem_protect(&m->mem, at, RV_PAGE_SIZE, PROT_READ | PROT_EXEC);
    m->sigtramp = at;
    pthread_mutex_init(&m->sig_lock, NULL);
    /* signals ignored when rvemu started (nohup, a background job, an exec from a program
     * that ignored them) stay ignored for the guest, as across a native execve */
    for (int sig = 1; sig <= RV_NSIG; sig++) {
        struct sigaction old;
        int h = rv_host_sig(sig);
        if (!h || sig == SIGKILL || sig == SIGSTOP || is_fault_sig(sig) || sigaction(h, NULL, &old))
            continue;
        if (old.sa_handler == SIG_IGN)
            m->sigact[sig - 1].handler = (uint64_t)(uintptr_t)SIG_IGN;
    }
    return 0;
}

static const char *const default_action =
    /* per signal 1..31: T terminate, C core, I ignore, S stop, c continue */
    "TTCCCCCCTTCTTTTTICSSSSITCCTTITTC";

static char default_of(int sig)
{
    return sig >= 1 && sig <= 31 ? default_action[sig - 1] : 'T';
}

void rv_die_of_signal(struct rv_cpu *cpu, int sig)
{
    struct rv_machine *m = cpu->m;
    if (m->gdb) {
        cpu->sig = sig;
        rv_gdb_fault(cpu);
    }
    if (m->log_mask & LOG_INT) {
        cpu->sig = sig;
        rv_log_signal(cpu, "fatal");
    }
    if (m->opts.stats)
        rv_stats_print(m, cpu);
    fflush(NULL);
    if (default_of(sig) == 'C')
        fprintf(stderr, "rvemu: uncaught target signal %d (%s) at pc 0x%llx, address 0x%llx\n",
                sig, strsignal(sig), (unsigned long long)cpu->pc,
                (unsigned long long)cpu->sig_addr);
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);   /* a core of the emulator helps nobody */
    int h = rv_host_sig(sig) ? rv_host_sig(sig) : SIGKILL;
    signal(h, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, h);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(h);
    _exit(128 + sig);
}


static int on_altstack(const struct rv_cpu *cpu, uint64_t sp)
{
    return cpu->ss_size && sp > cpu->ss_sp && sp - cpu->ss_sp <= cpu->ss_size;
}

/* Builds the rt_sigframe and enters the handler; 0, or -1 when the stack is unusable. */
static int enter_handler(struct rv_cpu *cpu, int sig, const struct rv_sigact *a,
                         const unsigned char *info)
{
    struct rv_machine *m = cpu->m;
    uint64_t sp = cpu->x[2];
    if ((a->flags & G_SA_ONSTACK) && cpu->ss_size && !on_altstack(cpu, sp))
        sp = cpu->ss_sp + cpu->ss_size;
    uint64_t frame = (sp - FRAME) & ~(uint64_t)15;
    unsigned char f[FRAME];
    memset(f, 0, sizeof f);
    memcpy(f, info, 128);
    rv_st64(f + UC_STACK, cpu->ss_sp);
    rv_st32(f + UC_STACK + 8, cpu->ss_size ? (on_altstack(cpu, cpu->x[2]) ? G_SS_ONSTACK : 0)
                                         : G_SS_DISABLE);
    rv_st64(f + UC_STACK + 16, cpu->ss_size);
    rv_st64(f + UC_MASK, cpu->saved_mask_valid ? cpu->saved_mask : cpu->sig_blocked);
    rv_st64(f + MC, cpu->pc);
    for (int i = 1; i < 32; i++)
        rv_st64(f + MC + 8 * i, cpu->x[i]);
    for (int i = 0; i < 32; i++)
        rv_st64(f + FP + 8 * i, cpu->f[i]);
    rv_st32(f + FCSR, cpu->frm << 5 | cpu->fflags);
    if (frame > sp || rv_copy_to_guest(&m->mem, frame, f, sizeof f) != 0)
        return -1;
    uint64_t mask = cpu->sig_blocked | a->mask | (a->flags & G_SA_NODEFER ? 0 : BIT(sig));
    cpu->saved_mask_valid = 0;
    cpu->x[2] = frame;
    cpu->x[1] = m->sigtramp;
    cpu->x[10] = (uint64_t)sig;
    cpu->x[11] = frame;
    cpu->x[12] = frame + UC;
    cpu->pc = a->handler;
    set_guest_mask(cpu, mask);
    if (a->flags & G_SA_RESETHAND) {
        pthread_mutex_lock(&m->sig_lock);
        struct rv_sigact dfl = { 0, 0, 0 };
        m->sigact[sig - 1] = dfl;
        set_host_action(sig, &dfl);
        pthread_mutex_unlock(&m->sig_lock);
    }
    return 0;
}

/* The interrupted syscall, if any, is restarted or fails with EINTR as Linux decides. */
static void settle_syscall(struct rv_cpu *cpu, int handled, uint64_t flags)
{
    if (!cpu->sys_intr)
        return;
    cpu->sys_intr = 0;
    if (cpu->sys_intr_norestart && handled)
        return;
    if (!handled || (flags & G_SA_RESTART)) {
        cpu->pc -= 4;
        cpu->x[10] = cpu->orig_a0;
    }
}

static void take(struct rv_cpu *cpu, int sig, const unsigned char *info)
{
    struct rv_machine *m = cpu->m;
    pthread_mutex_lock(&m->sig_lock);
    struct rv_sigact a = m->sigact[sig - 1];
    pthread_mutex_unlock(&m->sig_lock);
    if (m->log_mask & LOG_INT) {
        int32_t code = (int32_t)rv_ld32(info + 8);
        fprintf(m->log, "signal %d (%s) code %d for thread %d at pc 0x%llx\n", sig,
                strsignal(sig), code, cpu->tid, (unsigned long long)cpu->pc);
    }
    if (a.handler == (uint64_t)(uintptr_t)SIG_IGN ||
        (a.handler == (uint64_t)(uintptr_t)SIG_DFL && default_of(sig) == 'I') ||
        (a.handler == (uint64_t)(uintptr_t)SIG_DFL && default_of(sig) == 'c')) {
        settle_syscall(cpu, 0, 0);
        return;
    }
    if (a.handler == (uint64_t)(uintptr_t)SIG_DFL) {
        if (default_of(sig) == 'S') {
            kill(getpid(), SIGSTOP);
            settle_syscall(cpu, 0, 0);
            return;
        }
        rv_die_of_signal(cpu, sig);
    }
    settle_syscall(cpu, 1, a.flags);
    if (enter_handler(cpu, sig, &a, info) != 0)
        rv_die_of_signal(cpu, SIGSEGV);     /* no room for the frame: as Linux, SIGSEGV */
}

void rv_signal_deliver(struct rv_cpu *cpu)
{
    for (;;) {
        uint64_t ready = __atomic_load_n(&cpu->sig_pending, __ATOMIC_ACQUIRE) & ~cpu->sig_blocked;
        if (!ready)
            break;
        int sig = __builtin_ctzll(ready) + 1;
        unsigned char info[128];
        dequeue(cpu, sig, info);
        take(cpu, sig, info);
    }
    /* rt_sigsuspend's temporary mask ends here when no handler frame took it over */
    if (cpu->saved_mask_valid) {
        cpu->saved_mask_valid = 0;
        set_guest_mask(cpu, cpu->saved_mask);
    }
    /* an interrupted syscall with no signal to take is restarted transparently */
    settle_syscall(cpu, 0, 0);
}

void rv_signal_fault(struct rv_cpu *cpu)
{
    struct rv_machine *m = cpu->m;
    int sig = cpu->sig;
    /* si_code MAPERR/ACCERR is decided here, not in the host handler (no locks there) */
    if (sig == SIGSEGV) {
        struct rv_vma v;
        cpu->sig_code = rv_mem_find(&m->mem, cpu->sig_addr, &v) ? SEGV_ACCERR : SEGV_MAPERR;
    }
    pthread_mutex_lock(&m->sig_lock);
    struct rv_sigact a = m->sigact[sig - 1];
    pthread_mutex_unlock(&m->sig_lock);
    if (m->log_mask & LOG_INT)
        rv_log_signal(cpu, "fault");
    int blocked = (cpu->sig_blocked & BIT(sig)) != 0;
    if (a.handler <= 1 || blocked)      /* SIG_DFL, SIG_IGN or blocked: a fault kills */
        rv_die_of_signal(cpu, sig);
    unsigned char info[128];
    memset(info, 0, sizeof info);
    rv_st32(info, (uint32_t)sig);
    rv_st32(info + 8, (uint32_t)cpu->sig_code);
    rv_st64(info + 16, cpu->sig_addr);
    if (enter_handler(cpu, sig, &a, info) != 0)
        rv_die_of_signal(cpu, SIGSEGV);
}

/* ---- syscalls ---- */

SYS(rt_sigaction)
{
    int sig = (int)a[0];
    if (a[3] != 8 || sig < 1 || sig > RV_NSIG || (a[1] && (sig == SIGKILL || sig == SIGSTOP)))
        return -EINVAL;
    struct rv_machine *m = cpu->m;
    uint64_t na[3];
    if (a[1] && sys_get(cpu, na, a[1], sizeof na, "888"))
        return -EFAULT;
    pthread_mutex_lock(&m->sig_lock);
    struct rv_sigact old = m->sigact[sig - 1];
    if (a[1]) {
        struct rv_sigact n = { na[0], na[1], na[2] & ~UNBLOCKABLE };
        m->sigact[sig - 1] = n;
        set_host_action(sig, &n);
    }
    pthread_mutex_unlock(&m->sig_lock);
    uint64_t oa[3] = { old.handler, old.flags, old.mask };
    if (a[2] && sys_put(cpu, a[2], oa, sizeof oa, "888"))
        return -EFAULT;
    return 0;
}

SYS(rt_sigprocmask)
{
    uint64_t set = 0, old = cpu->sig_blocked;
    if (a[3] != 8)
        return -EINVAL;
    if (a[1] && sys_get64(cpu, a[1], &set))
        return -EFAULT;
    if (a[2] && sys_put64(cpu, a[2], old))
        return -EFAULT;
    if (!a[1])
        return 0;
    switch (a[0]) {
    case 0: set_guest_mask(cpu, old | set); break;      /* SIG_BLOCK */
    case 1: set_guest_mask(cpu, old & ~set); break;     /* SIG_UNBLOCK */
    case 2: set_guest_mask(cpu, set); break;            /* SIG_SETMASK */
    default: return -EINVAL;
    }
    return 0;
}

SYS(rt_sigpending)
{
    sigset_t h;
    uint64_t g = __atomic_load_n(&cpu->sig_pending, __ATOMIC_ACQUIRE);
    if (a[1] != 8)
        return -EINVAL;
    sigpending(&h);
    for (int sig = 1; sig <= RV_NSIG; sig++)
        if (rv_host_sig(sig) && sigismember(&h, rv_host_sig(sig)) == 1)
            g |= BIT(sig);
    return sys_put64(cpu, a[0], g) ? -EFAULT : 0;
}

SYS(rt_sigsuspend)
{
    uint64_t mask;
    if (a[1] != 8)
        return -EINVAL;
    if (sys_get64(cpu, a[0], &mask))
        return -EFAULT;
    uint64_t old = cpu->sig_blocked;
    cpu->sig_blocked = mask & ~UNBLOCKABLE;
    /* the old mask comes back after the handler (through the frame) or in deliver() */
    cpu->saved_mask = old;
    cpu->saved_mask_valid = 1;
    sigset_t h;
    rv_signal_host_mask(cpu->sig_blocked, &h);
    while (!rv_signal_deliverable(cpu))
        sigsuspend(&h);
    rv_cpu_kick(cpu);
    cpu->sys_intr_norestart = 1;
    return -EINTR;
}

SYS(rt_sigtimedwait)
{
    uint64_t set;
    if (a[3] != 8)
        return -EINVAL;
    if (sys_get64(cpu, a[0], &set))
        return -EFAULT;
    struct timespec tsb;
    void *ts = NULL;
    if (a[2] && !(ts = sys_in(cpu, a[2], 16, &tsb, L_TS)))
        return -EFAULT;
    for (;;) {
        uint64_t have = __atomic_load_n(&cpu->sig_pending, __ATOMIC_ACQUIRE) & set;
        if (have) {
            int sig = __builtin_ctzll(have) + 1;
            unsigned char info[128];
            dequeue(cpu, sig, info);
            if (a[1] && rv_copy_to_guest(MEM, a[1], info, 128))
                return -EFAULT;
            return sig;
        }
        sigset_t h;
        siginfo_t si;
        rv_signal_host_mask(set, &h);
        int r = sigtimedwait(&h, &si, ts);
        if (r > 0) {
            unsigned char g[128];
            r = rv_guest_sig(r);
            si.si_signo = r;
            rv_siginfo_to_guest(g, &si);
            if (a[1] && rv_copy_to_guest(MEM, a[1], g, 128))
                return -EFAULT;
            return r;
        }
        if (errno != EINTR || rv_signal_deliverable(cpu))
            return -errno;
        /* EINTR for a signal in the set, recorded by our handler: take it above */
    }
}

SYS(sigaltstack)
{
    uint64_t sp = cpu->x[2];
    if (a[1]) {
        unsigned char o[24] = { 0 };
        rv_st64(o, cpu->ss_sp);
        rv_st32(o + 8, cpu->ss_size ? (on_altstack(cpu, sp) ? G_SS_ONSTACK : 0) : G_SS_DISABLE);
        rv_st64(o + 16, cpu->ss_size);
        if (rv_copy_to_guest(MEM, a[1], o, sizeof o))
            return -EFAULT;
    }
    if (a[0]) {
        unsigned char n[24];
        if (rv_copy_from_guest(MEM, n, a[0], sizeof n))
            return -EFAULT;
        if (on_altstack(cpu, sp))
            return -EPERM;
        uint32_t flags = rv_ld32(n + 8) & ~(1u << 31);    /* SS_AUTODISARM is accepted */
        if (flags == G_SS_DISABLE) {
            cpu->ss_sp = cpu->ss_size = 0;
        } else if (flags == 0 || flags == G_SS_ONSTACK) {
            if (rv_ld64(n + 16) < G_MINSIGSTKSZ)
                return -ENOMEM;
            cpu->ss_sp = rv_ld64(n);
            cpu->ss_size = rv_ld64(n + 16);
        } else {
            return -EINVAL;
        }
    }
    return 0;
}

SYS(rt_sigreturn)
{
    unsigned char f[FRAME];
    uint64_t frame = cpu->x[2];
    if (rv_copy_from_guest(MEM, f, frame, sizeof f))
        goto bad;
    for (int i = FP_RESERVED; i < FP_RESERVED + 12; i++)
        if (f[i])
            goto bad;
    for (int i = 1; i < 32; i++)
        cpu->x[i] = rv_ld64(f + MC + 8 * i);
    cpu->pc = rv_ld64(f + MC);
    for (int i = 0; i < 32; i++)
        cpu->f[i] = rv_ld64(f + FP + 8 * i);
    uint32_t fcsr = rv_ld32(f + FCSR);
    cpu->fflags = fcsr & 31;
    cpu->frm = (fcsr >> 5) & 7;
    cpu->saved_mask_valid = 0;
    set_guest_mask(cpu, rv_ld64(f + UC_MASK));
    /* the altstack as saved, when it is a valid one */
    if (!(rv_ld32(f + UC_STACK + 8) & G_SS_DISABLE) && rv_ld64(f + UC_STACK + 16) >= G_MINSIGSTKSZ &&
        !on_altstack(cpu, cpu->x[2])) {
        cpu->ss_sp = rv_ld64(f + UC_STACK);
        cpu->ss_size = rv_ld64(f + UC_STACK + 16);
    }
    return RV_RET_KEEP_A0;
bad:
    cpu->sig_addr = frame;
    rv_die_of_signal(cpu, SIGSEGV);
}

/* the host number of a guest signal for kill and friends (0 stays 0: a probe), or -1 */
static int host_num(uint64_t sig)
{
    if (sig == 0)
        return 0;
    return sig <= RV_NSIG && rv_host_sig((int)sig) ? rv_host_sig((int)sig) : -1;
}

SYS(kill)
{
    int h = host_num(a[1]);
    return h < 0 ? -EINVAL : sys_ret(kill((pid_t)a[0], h));
}
SYS(tkill)
{
    int h = host_num(a[1]);
    return h < 0 ? -EINVAL : sys_ret(syscall(SYS_tkill, (pid_t)a[0], h));
}
SYS(tgkill)
{
    int h = host_num(a[2]);
    return h < 0 ? -EINVAL : sys_ret(syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], h));
}

/* A queued siginfo whose si_code claims the kernel sent it (>= 0) or tkill did: Linux refuses
 * those only towards other processes, but here one sent to rvemu itself would pass for a
 * hardware fault in its own fault handler (fault.c). */
static int forged_code(const unsigned char *si)
{
    int code = (int)rv_ld32(si + 8);    /* si_signo, si_errno, si_code */
    return code >= 0 || code == SI_TKILL;
}

SYS(rt_sigqueueinfo)
{
    unsigned char si[128];
    int h = host_num(a[1]);
    if (h <= 0)
        return -EINVAL;
    if (rv_copy_from_guest(MEM, si, a[2], sizeof si))
        return -EFAULT;
    if (forged_code(si))
        return -EPERM;
    rv_siginfo_from_guest(si);
    memcpy(si, &h, 4);
    siginfo_t hs;
    rv_compat_siginfo_to_host(&hs, si);
    return sys_ret(syscall(SYS_rt_sigqueueinfo, (pid_t)a[0], h, &hs));
}

SYS(rt_tgsigqueueinfo)
{
    unsigned char si[128];
    int h = host_num(a[2]);
    if (h <= 0)
        return -EINVAL;
    if (rv_copy_from_guest(MEM, si, a[3], sizeof si))
        return -EFAULT;
    if (forged_code(si))
        return -EPERM;
    rv_siginfo_from_guest(si);
    memcpy(si, &h, 4);
    siginfo_t hs;
    rv_compat_siginfo_to_host(&hs, si);
    return sys_ret(syscall(SYS_rt_tgsigqueueinfo, (pid_t)a[0], (pid_t)a[1], h, &hs));
}

SYS(signalfd4)
{
    uint64_t mask;
    sigset_t h;
    if (a[2] != 8)
        return -EINVAL;
    if (sys_get64(cpu, a[1], &mask))
        return -EFAULT;
    rv_signal_host_mask(mask, &h);
    /* SFD_NONBLOCK and SFD_CLOEXEC are O_NONBLOCK and O_CLOEXEC */
    long r = syscall(SYS_signalfd4, (int)a[0], &h, (size_t)8, sys_open_flags(a[3]));
    if (r >= 0)
        sys_fd_kind_set((int)r, SYS_FD_SIGNAL);
    return sys_ret(r);
}

/* Timers: their structs (itimerval, itimerspec, sigevent) have one layout on 64-bit Linux
 * and the signals they raise arrive through the host handlers like any other. A 32-bit
 * host's C library converts an itimerval of 64-bit fields (riscv64's), its kernel takes an
 * itimerspec of them with the _time64 calls; its sigevent is converted. */
SYS(setitimer)
{
    uint64_t nt[4], ot[4];          /* riscv64's struct itimerval */
    void *n = NULL, *o = NULL;
    if (a[1] && !(n = sys_in(cpu, a[1], 32, nt, L_ITS)))
        return -EFAULT;
    if (a[2] && !(o = sys_outp(cpu, a[2], 32, ot)))
        return -EFAULT;
    /* a 32-bit host's C library takes riscv64's itimerval (64-bit fields), its raw call not */
    if (RV_HOST_32 ? setitimer((int)a[0], n, o) : syscall(SYS_setitimer, (int)a[0], n, o))
        return -errno;
    return sys_out(cpu, a[2], o, 32, L_ITS) ? -EFAULT : 0;
}
SYS(getitimer)
{
    uint64_t t[4];
    void *o = sys_outp(cpu, a[1], 32, t);
    if (!o)
        return -EFAULT;
    if (RV_HOST_32 ? getitimer((int)a[0], o) : syscall(SYS_getitimer, (int)a[0], o))
        return -errno;
    return sys_out(cpu, a[1], o, 32, L_ITS) ? -EFAULT : 0;
}
/* struct sigevent: the value (one 64-bit field, as in siginfo), signo, notify, thread id */
#define L_SIGEVENT "8444"
SYS(timer_create)
{
    unsigned char evb[64];
    int idb;
    void *ev = NULL, *id = sys_outp(cpu, a[2], 4, &idb);
    if (!id || (a[1] && !(ev = sys_in(cpu, a[1], 64, evb, L_SIGEVENT))))
        return -EFAULT;
    struct sigevent hev;
    if (ev)
        rv_compat_sigevent(&hev, ev);
    if (syscall(SYS_timer_create, (clockid_t)a[0], ev ? &hev : NULL, id))
        return -errno;
    return sys_out(cpu, a[2], id, 4, "4") ? -EFAULT : 0;
}
SYS(timer_settime)
{
    uint64_t nt[4], ot[4];          /* riscv64's struct itimerspec */
    void *n = sys_in(cpu, a[2], 32, nt, L_ITS), *o = NULL;
    if (!n || (a[3] && !(o = sys_outp(cpu, a[3], 32, ot))))
        return -EFAULT;
    if (syscall(HSYS_timer_settime, (int)a[0], (int)a[1], n, o))
        return -errno;
    return sys_out(cpu, a[3], o, 32, L_ITS) ? -EFAULT : 0;
}
SYS(timer_gettime)
{
    uint64_t t[4];
    void *o = sys_outp(cpu, a[1], 32, t);
    if (!o)
        return -EFAULT;
    if (syscall(HSYS_timer_gettime, (int)a[0], o))
        return -errno;
    return sys_out(cpu, a[1], o, 32, L_ITS) ? -EFAULT : 0;
}
SYS(timer_getoverrun) { return sys_ret(syscall(SYS_timer_getoverrun, (int)a[0])); }
SYS(timer_delete) { return sys_ret(syscall(SYS_timer_delete, (int)a[0])); }
