/* Host SIGSEGV/SIGBUS inside the guest region while guest code runs are guest faults: record
 * the guest signal and leave the run loop through its one fault path. Any other host fault is
 * an rvemu bug, reported as such. */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "config.h"
#include "rv.h"
#ifdef RV_JIT
#include "jit/jit.h"
#endif
#include "interp/fault.h"
#include "linux/signal.h"

__thread struct rv_cpu *rv_current_cpu;
static struct rv_mem *fault_mem;

static void put(const char *s) { ssize_t r = write(2, s, strlen(s)); (void)r; }

static void put_hex(uint64_t v)
{
    char b[19] = "0x";
    for (int i = 0; i < 16; i++)
        b[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
    b[18] = 0;
    put(b);
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    struct rv_cpu *cpu = rv_current_cpu;
    uintptr_t a = (uintptr_t)si->si_addr, base = (uintptr_t)fault_mem->base;
    if (si->si_code <= 0) {
        /* sent with kill/tgkill/sigqueue, not raised by an access: an ordinary signal
         * (recorded with every signal blocked, as the other handlers do) */
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        rv_signal_record(sig, si);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return;
    }
    if (rv_copy_jmp && a - base < fault_mem->size && (sig == SIGSEGV || sig == SIGBUS))
        siglongjmp(*rv_copy_jmp, 1);        /* rvemu's own copy of guest memory: EFAULT */
    if (cpu && cpu->in_guest && a - base < fault_mem->size &&
        (sig == SIGSEGV || sig == SIGBUS)) {
        cpu->sig = sig;
        cpu->sig_code = si->si_code;    /* SIGSEGV's MAPERR/ACCERR is settled outside */
        cpu->sig_addr = a - base;
#ifdef RV_JIT
        /* compiled code does not keep cpu->cur: its host pc tells the instruction */
        const struct rv_rec *r = rv_jit_fault_rec(uc);
        if (r)
            cpu->cur = r;
#endif
        siglongjmp(cpu->fault_jmp, 1);
    }
    put("rvemu: internal error: host signal ");
    put(sig == SIGBUS ? "SIGBUS" : sig == SIGSEGV ? "SIGSEGV" : sig == SIGILL ? "SIGILL" :
        sig == SIGFPE ? "SIGFPE" : "SIGTRAP");
    put(" at address ");
    put_hex(a);
    put("\n");
    signal(sig, SIG_DFL);   /* returning re-executes the access and dies of it */
}

void rv_fault_init(struct rv_mem *m)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    fault_mem = m;
    sa.sa_sigaction = on_fault;
    /* NODEFER: the handler leaves by siglongjmp without restoring the signal mask */
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    /* all five: the guest may also send them with kill, which must not look like a bug */
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
}
