/* Case 15: signals to others: init (pid 1), every process (-1), the parent, the process group,
 * an unrelated victim (argv[1]) by kill, tgkill, tkill and rt_sigqueueinfo. Refused; signals
 * to itself and to its own child still work. */
#include "hostile.h"
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    int victim = atoi(argv[1]);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_code = -1;        /* SI_QUEUE */
    TRY("kill init", syscall(SYS_kill, 1, 0));
    TRY("kill everyone", syscall(SYS_kill, -1, SIGKILL));
    TRY("kill parent", syscall(SYS_kill, getppid(), SIGCONT));
    TRY("kill own group", syscall(SYS_kill, 0, SIGCONT));
    TRY("kill victim", syscall(SYS_kill, victim, SIGTERM));
    TRY("kill victim group", syscall(SYS_kill, -victim, SIGTERM));
    TRY("tgkill victim", syscall(SYS_tgkill, victim, victim, SIGTERM));
    TRY("tkill victim", syscall(SYS_tkill, victim, SIGTERM));
    TRY("sigqueue victim", syscall(SYS_rt_sigqueueinfo, victim, SIGTERM, &si));
    TRY("tgsigqueue victim", syscall(SYS_rt_tgsigqueueinfo, victim, victim, SIGTERM, &si));
    TRY("kill self 0", syscall(SYS_kill, getpid(), 0));
    TRY("tkill self 0", syscall(SYS_tkill, (int)syscall(SYS_gettid), 0));
    pid_t c = fork();
    if (c == 0) {
        pause();
        _exit(0);
    }
    TRY("kill child", syscall(SYS_kill, c, SIGTERM));
    int st;
    waitpid(c, &st, 0);
    printf("child: %s\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM ? "killed by SIGTERM" : "?");
    return 0;
}
