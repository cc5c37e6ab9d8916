/* sigaction's sa_mask: the signals in it are blocked while the handler runs (and a signal
 * raised then is delivered only after the handler returns), the previous mask comes back
 * afterwards, and sigaction reports the mask and flags it was given.
 * qemu-riscv64 7.2 ignores sa_mask on riscv64 (task_sigmask.noqemu); the expected output is
 * that of Linux, checked by running this (portable) program natively. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int is_blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

static char order[64];
static volatile int in_winch, in_usr2, in_self, in_rt;

static void on_usr2(int sig)
{
    (void)sig;
    strcat(order, " usr2");
}

static void on_usr1(int sig)
{
    (void)sig;
    in_winch = is_blocked(SIGWINCH);
    in_usr2 = is_blocked(SIGUSR2);
    in_self = is_blocked(SIGUSR1);
    in_rt = is_blocked(SIGRTMIN + 3);
    strcat(order, " usr1-start");
    raise(SIGUSR2); /* blocked by sa_mask: runs after this handler returns */
    strcat(order, " usr1-end");
}

int main(void)
{
    alarm(20);
    struct sigaction sa, got;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr2;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);

    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGWINCH);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaddset(&sa.sa_mask, SIGRTMIN + 3);
    sigaction(SIGUSR1, &sa, NULL);

    memset(&got, 0, sizeof got);
    sigaction(SIGUSR1, NULL, &got);
    printf("sigaction reports: handler %s, SA_RESTART %d, mask WINCH %d USR2 %d RTMIN+3 %d USR1 %d\n",
           got.sa_handler == on_usr1 ? "same" : "other", (got.sa_flags & SA_RESTART) != 0,
           sigismember(&got.sa_mask, SIGWINCH), sigismember(&got.sa_mask, SIGUSR2),
           sigismember(&got.sa_mask, SIGRTMIN + 3), sigismember(&got.sa_mask, SIGUSR1));

    raise(SIGUSR1);
    printf("in handler blocked: WINCH %d USR2 %d RTMIN+3 %d self %d\n", in_winch, in_usr2, in_rt, in_self);
    printf("order:%s\n", order);
    printf("after handler blocked: WINCH %d USR2 %d self %d\n", is_blocked(SIGWINCH), is_blocked(SIGUSR2),
           is_blocked(SIGUSR1));
    return 0;
}
