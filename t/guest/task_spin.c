/* Helper of task_sigint.sh (not a test by itself): prints "ready" and spins in a tight loop
 * without system calls until SIGINT arrives. With a handler (default) the handler sets a
 * flag, the loop ends, "got SIGINT" is printed and the exit status is 0. With the argument
 * "nohandler" SIGINT gets its default action (the process dies of SIGINT). The first line
 * reports the SIGINT disposition inherited from the parent (a background job of a
 * non-interactive shell starts with SIGINT ignored). alarm(20) is the watchdog. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_int(int sig)
{
    (void)sig;
    got = 1;
}

int main(int argc, char **argv)
{
    alarm(20);
    struct sigaction old;
    sigaction(SIGINT, NULL, &old);
    printf("inherited SIGINT: %s\n", old.sa_handler == SIG_IGN ? "ignored" : "default");
    if (argc > 1 && strcmp(argv[1], "nohandler") == 0) {
        signal(SIGINT, SIG_DFL);
    } else {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_int;
        sigaction(SIGINT, &sa, NULL);
    }
    printf("ready\n");
    fflush(stdout);
    volatile unsigned long spins = 0;
    while (!got)
        spins++;
    printf("got SIGINT\n");
    return 0;
}
