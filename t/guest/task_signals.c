/* Signals: SA_SIGINFO handlers (si_code, si_value, si_pid through sigqueue, raise, kill),
 * blocking and pending (sigprocmask, sigpending, coalescing of standard signals, queueing of
 * real-time ones, delivery on unblock), SA_NODEFER, SA_RESETHAND, sigaltstack,
 * synchronous faults recovered with siglongjmp (SIGSEGV ACCERR/MAPERR with si_addr, SIGILL,
 * SIGTRAP, SIGBUS from a misaligned AMO), a handler editing the saved pc/registers/mask in
 * its ucontext, register and FP state preserved across a handler, sigsuspend, sigtimedwait,
 * signalfd, SIGALRM from setitimer stopping a busy loop, a POSIX timer (SIGEV_SIGNAL), and
 * read() from a pipe interrupted by SIGALRM with and without SA_RESTART.
 * The watchdog is alarm(20), except around the SIGALRM tests, which use a POSIX timer
 * delivering SIGTERM instead. sa_mask is checked by task_sigmask.c (qemu-riscv64 7.2 does not
 * apply it). */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <sys/ucontext.h>
#include <time.h>
#include <unistd.h>

static int failures;
static void result(const char *name, int ok, const char *detail)
{
    printf("%-34s %s%s%s\n", name, ok ? "ok" : "FAIL", detail && !ok ? ": " : "", detail && !ok ? detail : "");
    if (!ok)
        failures++;
}

static const char *code_name(int code)
{
    switch (code) {
    case SI_USER: return "SI_USER";
    case SI_QUEUE: return "SI_QUEUE";
    case SI_TKILL: return "SI_TKILL";
    case SI_TIMER: return "SI_TIMER";
    case SI_KERNEL: return "SI_KERNEL";
    default: {
        static char buf[32];
        snprintf(buf, sizeof buf, "code %d", code);
        return buf;
    }
    }
}

static void set_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags, const sigset_t *mask)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    if (mask)
        sa.sa_mask = *mask;
    else
        sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0) {
        printf("sigaction(%d) failed: %s\n", sig, strerror(errno));
        exit(1);
    }
}

static void block(int sig, int how)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(how, &s, NULL);
}

static int is_blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

/* ---- a recording SA_SIGINFO handler ---- */
static volatile sig_atomic_t rec_count;
static volatile int rec_sig, rec_code, rec_int, rec_pid_ok, rec_blocked_self;
static volatile int rec_order[8];

static void recorder(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (rec_count < 8)
        rec_order[rec_count] = si->si_value.sival_int;
    rec_count++;
    rec_sig = sig;
    rec_code = si->si_code;
    rec_int = si->si_value.sival_int;
    rec_pid_ok = si->si_pid == getpid() && si->si_uid == getuid();
    rec_blocked_self = is_blocked(sig);
}

static void test_siginfo(void)
{
    set_handler(SIGUSR1, recorder, 0, NULL);
    char d[128];

    rec_count = 0;
    union sigval v = {.sival_int = 1234};
    sigqueue(getpid(), SIGUSR1, v);
    snprintf(d, sizeof d, "count %d code %s value %d pid/uid %d", (int)rec_count, code_name(rec_code), rec_int,
             rec_pid_ok);
    result("sigqueue SI_QUEUE value 1234", rec_count == 1 && rec_code == SI_QUEUE && rec_int == 1234 && rec_pid_ok, d);
    result("signal blocked in its handler", rec_blocked_self, NULL);
    result("mask restored after handler", !is_blocked(SIGUSR1), NULL);

    rec_count = 0;
    raise(SIGUSR1);
    snprintf(d, sizeof d, "count %d code %s", (int)rec_count, code_name(rec_code));
    result("raise SI_TKILL", rec_count == 1 && rec_code == SI_TKILL && rec_sig == SIGUSR1, d);

    rec_count = 0;
    kill(getpid(), SIGUSR1);
    snprintf(d, sizeof d, "count %d code %s pid/uid %d", (int)rec_count, code_name(rec_code), rec_pid_ok);
    result("kill(getpid) SI_USER", rec_count == 1 && rec_code == SI_USER && rec_pid_ok, d);
}

static void test_pending(void)
{
    char d[128];
    set_handler(SIGUSR1, recorder, 0, NULL);
    rec_count = 0;
    block(SIGUSR1, SIG_BLOCK);
    raise(SIGUSR1);
    raise(SIGUSR1);
    sigset_t pend;
    sigpending(&pend);
    result("blocked: not delivered", rec_count == 0, NULL);
    result("sigpending shows SIGUSR1", sigismember(&pend, SIGUSR1) && !sigismember(&pend, SIGUSR2), NULL);
    block(SIGUSR1, SIG_UNBLOCK);
    snprintf(d, sizeof d, "count %d", (int)rec_count);
    result("unblock delivers once (coalesced)", rec_count == 1, d);
    sigpending(&pend);
    result("nothing pending after", !sigismember(&pend, SIGUSR1), NULL);

    /* real-time signals queue, in order */
    int rt = SIGRTMIN + 2;
    set_handler(rt, recorder, 0, NULL);
    rec_count = 0;
    block(rt, SIG_BLOCK);
    for (int i = 1; i <= 3; i++) {
        union sigval v = {.sival_int = i * 10};
        sigqueue(getpid(), rt, v);
    }
    block(rt, SIG_UNBLOCK);
    snprintf(d, sizeof d, "count %d order %d %d %d", (int)rec_count, rec_order[0], rec_order[1], rec_order[2]);
    result("rt signals queued in order", rec_count == 3 && rec_order[0] == 10 && rec_order[1] == 20 &&
                                             rec_order[2] == 30, d);
}

/* ---- SA_NODEFER / SA_RESETHAND ---- */
static volatile int depth, max_depth, nd_calls;
static void nested(int sig)
{
    nd_calls++;
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    if (nd_calls == 1)
        raise(sig);
    depth--;
}

static void test_flags(void)
{
    char d[96];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = nested;
    sigaction(SIGUSR2, &sa, NULL);
    depth = max_depth = nd_calls = 0;
    raise(SIGUSR2);
    snprintf(d, sizeof d, "calls %d max depth %d", nd_calls, max_depth);
    result("default: re-raise deferred", nd_calls == 2 && max_depth == 1, d);

    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR2, &sa, NULL);
    depth = max_depth = nd_calls = 0;
    raise(SIGUSR2);
    snprintf(d, sizeof d, "calls %d max depth %d", nd_calls, max_depth);
    result("SA_NODEFER: nested delivery", nd_calls == 2 && max_depth == 2, d);

    set_handler(SIGUSR2, recorder, SA_RESETHAND, NULL);
    rec_count = 0;
    raise(SIGUSR2);
    struct sigaction now;
    sigaction(SIGUSR2, NULL, &now);
    result("SA_RESETHAND: runs once, then SIG_DFL", rec_count == 1 && now.sa_handler == SIG_DFL, NULL);

    /* SIG_IGN discards, and a blocked ignored signal does not stay pending */
    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    result("SIG_IGN: survives", 1, NULL);
    signal(SIGUSR2, SIG_DFL);
}

/* ---- sigaltstack ---- */
static char *alt_base;
static size_t alt_size;
static volatile int alt_in, alt_onstack_flag;
static void alt_handler(int sig)
{
    (void)sig;
    volatile char local;
    alt_in = (char *)&local >= alt_base && (char *)&local < alt_base + alt_size;
    stack_t cur;
    sigaltstack(NULL, &cur);
    alt_onstack_flag = (cur.ss_flags & SS_ONSTACK) != 0;
}

static void test_altstack(void)
{
    alt_size = 64 * 1024;
    alt_base = mmap(NULL, alt_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    stack_t ss = {.ss_sp = alt_base, .ss_size = alt_size, .ss_flags = 0};
    result("sigaltstack set", sigaltstack(&ss, NULL) == 0, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = alt_handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    alt_in = alt_onstack_flag = 0;
    raise(SIGUSR1);
    result("SA_ONSTACK handler on alt stack", alt_in, NULL);
    result("SS_ONSTACK inside handler", alt_onstack_flag, NULL);
    stack_t cur;
    sigaltstack(NULL, &cur);
    result("SS_ONSTACK clear outside", !(cur.ss_flags & SS_ONSTACK) && cur.ss_sp == alt_base, NULL);
    sa.sa_flags = 0;
    sigaction(SIGUSR1, &sa, NULL);
    alt_in = 1;
    raise(SIGUSR1);
    result("without SA_ONSTACK: normal stack", !alt_in, NULL);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
}

/* ---- synchronous faults ---- */
static sigjmp_buf jb;
static volatile int f_sig, f_code;
static void *volatile f_addr;
static volatile uintptr_t insn_pc;
static void fault_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    f_sig = sig;
    f_code = si->si_code;
    f_addr = si->si_addr;
    siglongjmp(jb, 1);
}

static void test_faults(void)
{
    char d[128];
    set_handler(SIGSEGV, fault_handler, 0, NULL);
    set_handler(SIGILL, fault_handler, 0, NULL);
    set_handler(SIGTRAP, fault_handler, 0, NULL);
    set_handler(SIGBUS, fault_handler, 0, NULL);
    long pg = sysconf(_SC_PAGESIZE);

    char *ro = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    volatile char *target = ro + 123;
    f_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        *target = 1;
        result("SIGSEGV on read-only page", 0, "store succeeded");
    } else {
        snprintf(d, sizeof d, "sig %d code %d addr %s", f_sig, f_code, f_addr == (void *)target ? "=" : "!=");
        result("SIGSEGV SEGV_ACCERR si_addr", f_sig == SIGSEGV && f_code == SEGV_ACCERR && f_addr == (void *)target, d);
    }
    result("handler mask restored by siglongjmp", !is_blocked(SIGSEGV), NULL);

    char *gone = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(gone, pg);
    volatile char *un = gone + 8;
    f_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        (void)*un;
        result("SIGSEGV on unmapped page", 0, "load succeeded");
    } else {
        snprintf(d, sizeof d, "sig %d code %d addr %s", f_sig, f_code, f_addr == (void *)un ? "=" : "!=");
        result("SIGSEGV SEGV_MAPERR si_addr", f_sig == SIGSEGV && f_code == SEGV_MAPERR && f_addr == (void *)un, d);
    }
    /* the same page again: the handler is still installed (no SA_RESETHAND) */
    if (sigsetjmp(jb, 1) == 0) {
        *un = 2;
        result("second SIGSEGV", 0, "store succeeded");
    } else {
        result("second SIGSEGV (store, MAPERR)", f_sig == SIGSEGV && f_code == SEGV_MAPERR, NULL);
    }

    /* illegal instruction: 32 zero bits (c.unimp), then csrw to the read-only cycle CSR */
    f_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("lla t0, 1f\n\tsd t0, 0(%0)\n1:\t.4byte 0" : : "r"(&insn_pc) : "t0", "memory");
        result("SIGILL .word 0", 0, "executed");
    } else {
        snprintf(d, sizeof d, "sig %d code %d pc %s", f_sig, f_code, f_addr == (void *)insn_pc ? "=" : "!=");
        result("SIGILL ILL_ILLOPC si_addr=pc", f_sig == SIGILL && f_code == ILL_ILLOPC && f_addr == (void *)insn_pc, d);
    }
    f_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("lla t0, 1f\n\tsd t0, 0(%0)\n1:\t.4byte 0xc0001073" : : "r"(&insn_pc) : "t0", "memory");
        result("SIGILL csrw cycle", 0, "executed");
    } else {
        snprintf(d, sizeof d, "sig %d code %d pc %s", f_sig, f_code, f_addr == (void *)insn_pc ? "=" : "!=");
        result("SIGILL csrw cycle (read-only CSR)", f_sig == SIGILL && f_addr == (void *)insn_pc, d);
    }

    /* ebreak (32-bit) and c.ebreak */
    f_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("lla t0, 1f\n\tsd t0, 0(%0)\n1:\t.4byte 0x00100073" : : "r"(&insn_pc) : "t0", "memory");
        result("SIGTRAP ebreak", 0, "executed");
    } else {
        snprintf(d, sizeof d, "sig %d code %d pc %s", f_sig, f_code, f_addr == (void *)insn_pc ? "=" : "!=");
        result("SIGTRAP TRAP_BRKPT si_addr=pc", f_sig == SIGTRAP && f_code == TRAP_BRKPT && f_addr == (void *)insn_pc, d);
    }
    f_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("lla t0, 1f\n\tsd t0, 0(%0)\n1:\t.2byte 0x9002" : : "r"(&insn_pc) : "t0", "memory");
        result("SIGTRAP c.ebreak", 0, "executed");
    } else {
        snprintf(d, sizeof d, "sig %d code %d pc %s", f_sig, f_code, f_addr == (void *)insn_pc ? "=" : "!=");
        result("SIGTRAP c.ebreak si_addr=pc", f_sig == SIGTRAP && f_code == TRAP_BRKPT && f_addr == (void *)insn_pc, d);
    }

    /* misaligned AMO: SIGBUS BUS_ADRALN at the address */
    static uint64_t words[2];
    char *mis = (char *)words + 2;
    f_sig = 0;
    if (sigsetjmp(jb, 1) == 0) {
        int old;
        __asm__ volatile("amoadd.w %0, %2, (%1)" : "=r"(old) : "r"(mis), "r"(1) : "memory");
        result("SIGBUS misaligned amoadd.w", 0, "executed");
    } else {
        snprintf(d, sizeof d, "sig %d code %d addr %s", f_sig, f_code, f_addr == (void *)mis ? "=" : "!=");
        result("SIGBUS BUS_ADRALN misaligned AMO", f_sig == SIGBUS && f_code == BUS_ADRALN && f_addr == (void *)mis, d);
    }
    result("AMO did not write", words[0] == 0 && words[1] == 0, NULL);
    munmap(ro, pg);
    signal(SIGSEGV, SIG_DFL);
    signal(SIGILL, SIG_DFL);
    signal(SIGTRAP, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
}

/* ---- editing the ucontext: skip the faulting instruction, set a0, change the mask ---- */
static volatile int uc_calls;
static void skip_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig, (void)si;
    ucontext_t *uc = ucv;
    uc_calls++;
    uc->uc_mcontext.__gregs[REG_PC] += 4; /* the faulting lw is a 4-byte instruction */
    uc->uc_mcontext.__gregs[10] = 41;     /* a0 (REG_A0) */
    sigaddset(&uc->uc_sigmask, SIGURG);   /* rt_sigreturn installs this mask */
}

static void test_ucontext(void)
{
    char d[96];
    set_handler(SIGSEGV, skip_handler, 0, NULL);
    block(SIGURG, SIG_UNBLOCK);
    register long a0 __asm__("a0");
    __asm__ volatile(".option push\n\t.option norvc\n\t"
                     "li a0, 5\n\t"
                     "lw a0, 0(zero)\n\t" /* faults; the handler skips it and sets a0 = 41 */
                     "addi a0, a0, 1\n\t"
                     ".option pop"
                     : "=r"(a0)
                     :
                     : "memory");
    long got = a0;
    snprintf(d, sizeof d, "calls %d a0 %ld", uc_calls, got);
    result("ucontext pc += 4 and a0 edited", uc_calls == 1 && got == 42, d);
    result("ucontext uc_sigmask installed", is_blocked(SIGURG), NULL);
    block(SIGURG, SIG_UNBLOCK);
    signal(SIGSEGV, SIG_DFL);
}

/* ---- integer and FP registers survive a handler that clobbers them ---- */
static void clobber(int sig)
{
    (void)sig;
    __asm__ volatile("li t3, -1\n\tli t4, -1\n\tli a6, -1\n\tfcvt.d.w ft0, zero\n\tfcvt.d.w fa5, zero\n\t"
                     "fsflags zero\n\tfsrmi 3" ::: "t3", "t4", "a6", "ft0", "fa5");
}

static void test_context_preserved(void)
{
    signal(SIGUSR1, clobber);
    double in = 1.5, out_ft0, out_fa5;
    long t3, t4, a6;
    unsigned frm;
    __asm__ volatile("fsrmi 1\n\t" /* rtz */
                     "fld ft0, 0(%[in])\n\t"
                     "fadd.d fa5, ft0, ft0\n\t"
                     "li t3, 1111\n\t"
                     "li t4, 2222\n\t"
                     "li a6, 3333\n\t"
                     "mv a0, %[pid]\n\t"
                     "li a1, %[sig]\n\t"
                     "li a7, 129\n\t" /* kill: the signal is delivered as the ecall returns */
                     "ecall\n\t"
                     "mv %[t3], t3\n\t"
                     "mv %[t4], t4\n\t"
                     "mv %[a6], a6\n\t"
                     "fsd ft0, 0(%[o1])\n\t"
                     "fsd fa5, 0(%[o2])\n\t"
                     "frrm %[frm]\n\t"
                     "fsrmi 0"
                     : [t3] "=&r"(t3), [t4] "=&r"(t4), [a6] "=&r"(a6), [frm] "=&r"(frm)
                     : [in] "r"(&in), [pid] "r"((long)getpid()), [sig] "i"(SIGUSR1), [o1] "r"(&out_ft0),
                       [o2] "r"(&out_fa5)
                     : "a0", "a1", "a7", "t3", "t4", "a6", "ft0", "fa5", "memory");
    char d[128];
    snprintf(d, sizeof d, "t3 %ld t4 %ld a6 %ld ft0 %g fa5 %g frm %u", t3, t4, a6, out_ft0, out_fa5, frm);
    result("registers preserved across handler",
           t3 == 1111 && t4 == 2222 && a6 == 3333 && out_ft0 == 1.5 && out_fa5 == 3.0 && frm == 1, d);
    signal(SIGUSR1, SIG_DFL);
}

/* ---- sigsuspend, sigtimedwait, signalfd ---- */
static void test_waiting(void)
{
    char d[128];
    set_handler(SIGUSR1, recorder, 0, NULL);
    block(SIGUSR1, SIG_BLOCK);
    raise(SIGUSR1);
    rec_count = 0;
    sigset_t during;
    sigprocmask(SIG_BLOCK, NULL, &during);
    sigdelset(&during, SIGUSR1);
    int r = sigsuspend(&during);
    int e = errno;
    snprintf(d, sizeof d, "ret %d errno %d count %d", r, e, (int)rec_count);
    result("sigsuspend: handler then EINTR", r == -1 && e == EINTR && rec_count == 1, d);
    result("sigsuspend restores mask", is_blocked(SIGUSR1), NULL);

    /* sigtimedwait: a pending blocked signal is taken without running the handler */
    rec_count = 0;
    union sigval v = {.sival_int = 555};
    sigqueue(getpid(), SIGUSR1, v);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    siginfo_t si;
    struct timespec ts = {1, 0};
    r = sigtimedwait(&set, &si, &ts);
    snprintf(d, sizeof d, "ret %d code %s value %d handler %d", r, code_name(si.si_code), si.si_value.sival_int,
             (int)rec_count);
    result("sigtimedwait takes pending", r == SIGUSR1 && si.si_code == SI_QUEUE && si.si_value.sival_int == 555 &&
                                             rec_count == 0, d);
    struct timespec short_ts = {0, 20 * 1000 * 1000};
    r = sigtimedwait(&set, &si, &short_ts);
    e = errno;
    snprintf(d, sizeof d, "ret %d errno %d", r, e);
    result("sigtimedwait timeout EAGAIN", r == -1 && e == EAGAIN, d);
    raise(SIGUSR1);
    r = sigwaitinfo(&set, &si);
    snprintf(d, sizeof d, "ret %d code %s", r, code_name(si.si_code));
    /* the kernel reports SI_TKILL; glibc's sigwaitinfo/sigtimedwait rewrite it to SI_USER */
    result("sigwaitinfo after raise: SI_USER", r == SIGUSR1 && si.si_code == SI_USER, d);

    /* signalfd reading a blocked signal */
    int fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    struct signalfd_siginfo ssi;
    ssize_t n = read(fd, &ssi, sizeof ssi);
    e = errno;
    result("signalfd empty: EAGAIN", n == -1 && e == EAGAIN, NULL);
    v.sival_int = 77;
    sigqueue(getpid(), SIGUSR1, v);
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    int pr = poll(&pfd, 1, 1000);
    result("signalfd poll readable", pr == 1 && (pfd.revents & POLLIN), NULL);
    memset(&ssi, 0, sizeof ssi);
    n = read(fd, &ssi, sizeof ssi);
    snprintf(d, sizeof d, "n %zd signo %u code %s int %d pid %d", n, ssi.ssi_signo, code_name(ssi.ssi_code),
             ssi.ssi_int, ssi.ssi_pid == (uint32_t)getpid());
    result("signalfd read", n == (ssize_t)sizeof ssi && ssi.ssi_signo == SIGUSR1 && ssi.ssi_code == SI_QUEUE &&
                                ssi.ssi_int == 77 && ssi.ssi_pid == (uint32_t)getpid(), d);
    sigset_t pend;
    sigpending(&pend);
    result("signalfd consumed the signal", !sigismember(&pend, SIGUSR1) && rec_count == 0, NULL);
    close(fd);
    block(SIGUSR1, SIG_UNBLOCK);
}

/* ---- SIGALRM and timers ---- */
static volatile sig_atomic_t stop, alrm_count, alrm_at_write;
static int pipe_w = -1;
static void on_alarm(int sig)
{
    (void)sig;
    alrm_count++;
    stop = 1;
    if (pipe_w >= 0 && alrm_count == 3) {
        alrm_at_write = alrm_count;
        (void)!write(pipe_w, "x", 1);
    }
    if (alrm_count > 1000) { /* the test is stuck although signals arrive */
        (void)!write(1, "SIGALRM storm\n", 14);
        _exit(3);
    }
}

static void set_itimer(long usec, int repeat)
{
    struct itimerval it = {{0, repeat ? usec : 0}, {0, usec}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static void alarm_handler_flags(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
}

static volatile sig_atomic_t timer_fired;
static volatile int timer_code, timer_value;
static void on_timer(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    timer_fired++;
    timer_code = si->si_code;
    timer_value = si->si_value.sival_int;
}

static void test_alarm_and_timers(void)
{
    char d[128];
    /* watchdog for this part: a POSIX timer sending SIGTERM (default action: terminate) */
    struct sigevent wd_ev;
    memset(&wd_ev, 0, sizeof wd_ev);
    wd_ev.sigev_notify = SIGEV_SIGNAL;
    wd_ev.sigev_signo = SIGTERM;
    timer_t wd;
    if (timer_create(CLOCK_MONOTONIC, &wd_ev, &wd) != 0) {
        result("timer_create (watchdog)", 0, strerror(errno));
        return;
    }
    struct itimerspec wd_its = {{0, 0}, {20, 0}};
    timer_settime(wd, 0, &wd_its, NULL);
    alarm(0);

    /* setitimer SIGALRM stops a busy loop */
    alarm_handler_flags(0);
    stop = 0;
    alrm_count = 0;
    set_itimer(20000, 1);
    unsigned long spins = 0;
    while (!stop)
        spins++;
    set_itimer(0, 0);
    result("setitimer SIGALRM stops busy loop", stop && alrm_count >= 1 && spins > 0, NULL);
    struct itimerval cur;
    getitimer(ITIMER_REAL, &cur);
    result("getitimer after disarm", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0, NULL);

    /* read() from an empty pipe interrupted by SIGALRM: no SA_RESTART -> EINTR */
    int p[2];
    if (pipe(p) != 0) {
        result("pipe", 0, strerror(errno));
        return;
    }
    char c = 0;
    alrm_count = 0;
    pipe_w = -1;
    set_itimer(30000, 0); /* one shot: exactly one signal (the watchdog ends a hang) */
    ssize_t n = read(p[0], &c, 1);
    int e = errno;
    int count_at_return = alrm_count;
    set_itimer(0, 0);
    snprintf(d, sizeof d, "ret %zd errno %d signals %d", n, e, count_at_return);
    result("read without SA_RESTART: EINTR", n == -1 && e == EINTR && count_at_return == 1, d);

    /* with SA_RESTART the read is restarted; the third SIGALRM's handler writes a byte */
    alarm_handler_flags(SA_RESTART);
    alrm_count = 0;
    alrm_at_write = 0;
    pipe_w = p[1];
    set_itimer(30000, 1);
    n = read(p[0], &c, 1);
    e = errno;
    set_itimer(0, 0);
    pipe_w = -1;
    snprintf(d, sizeof d, "ret %zd errno %d byte %c signals before data %d", n, n < 0 ? e : 0, n == 1 ? c : '?',
             (int)alrm_at_write);
    result("read with SA_RESTART: restarted", n == 1 && c == 'x' && alrm_at_write == 3, d);
    close(p[0]);
    close(p[1]);

    /* POSIX timer with SIGEV_SIGNAL and a value */
    int tsig = SIGRTMIN + 1;
    set_handler(tsig, on_timer, 0, NULL);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = tsig;
    ev.sigev_value.sival_int = 99;
    timer_t t;
    if (timer_create(CLOCK_MONOTONIC, &ev, &t) != 0) {
        result("timer_create", 0, strerror(errno));
    } else {
        sigset_t none, old;
        sigemptyset(&none);
        sigaddset(&none, tsig);
        sigprocmask(SIG_BLOCK, &none, &old); /* no lost wakeup between the check and sigsuspend */
        timer_fired = 0;
        struct itimerspec its = {{0, 0}, {0, 10 * 1000 * 1000}};
        timer_settime(t, 0, &its, NULL);
        while (!timer_fired)
            sigsuspend(&old);
        sigprocmask(SIG_SETMASK, &old, NULL);
        snprintf(d, sizeof d, "fired %d code %s value %d", (int)timer_fired, code_name(timer_code), timer_value);
        result("timer_create SIGEV_SIGNAL SI_TIMER", timer_fired == 1 && timer_code == SI_TIMER && timer_value == 99, d);
        struct itimerspec left;
        timer_gettime(t, &left);
        result("timer_gettime after expiry: 0", left.it_value.tv_sec == 0 && left.it_value.tv_nsec == 0, NULL);
        result("timer_delete", timer_delete(t) == 0, NULL);
    }

    /* back to the alarm() watchdog; consume any SIGALRM still in flight first */
    block(SIGALRM, SIG_BLOCK);
    sigset_t al;
    sigemptyset(&al);
    sigaddset(&al, SIGALRM);
    struct timespec zero = {0, 0};
    while (sigtimedwait(&al, NULL, &zero) == SIGALRM)
        ;
    signal(SIGALRM, SIG_DFL);
    block(SIGALRM, SIG_UNBLOCK);
    alarm(20);
    timer_delete(wd);
}

int main(void)
{
    alarm(20);
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_siginfo();
    test_pending();
    test_flags();
    test_altstack();
    test_faults();
    test_ucontext();
    test_context_preserved();
    test_waiting();
    test_alarm_and_timers();
    printf("failures: %d\n", failures);
    return failures != 0;
}
