/* Own case: a signal queued to itself with a kernel si_code (SEGV_MAPERR) would pass for a
 * hardware fault in rvemu's own fault handler; it must be refused (EPERM), and a real fault
 * afterwards still reaches the guest's handler. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static sigjmp_buf jb;
static void on_segv(int s, siginfo_t *si, void *uc) { (void)s; (void)si; (void)uc; siglongjmp(jb, 1); }

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = SIGSEGV;
    si.si_code = SEGV_MAPERR;
    si.si_addr = (void *)8;
    long r = syscall(SYS_rt_sigqueueinfo, getpid(), SIGSEGV, &si);
    printf("forged SEGV_MAPERR: %s\n", r == 0 ? "sent" : errno == EPERM ? "EPERM" : strerror(errno));
    r = syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGSEGV, &si);
    printf("forged SEGV_MAPERR to a thread: %s\n", r == 0 ? "sent" : errno == EPERM ? "EPERM" : strerror(errno));
    if (sigsetjmp(jb, 1) == 0)
        *(volatile int *)16 = 1;
    puts("real fault: handled");
    return 0;
}
