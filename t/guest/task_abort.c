/* abort(): a SIGABRT handler that returns runs once, then abort() kills the process with
 * SIGABRT anyway (exit status 134 seen by the runner). Output is flushed by hand: abort()
 * does not flush stdio. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static void on_abrt(int sig)
{
    (void)sig;
    static const char msg[] = "SIGABRT handler ran\n";
    (void)!write(1, msg, sizeof msg - 1);
}

int main(void)
{
    alarm(20);
    struct rlimit no_core = {0, 0}; /* no core file in the test's directory */
    setrlimit(RLIMIT_CORE, &no_core);
    signal(SIGABRT, on_abrt);
    /* even with SIGABRT blocked, abort() unblocks it */
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGABRT);
    sigprocmask(SIG_BLOCK, &s, NULL);
    printf("before abort\n");
    fflush(stdout);
    abort();
    printf("after abort (must not happen)\n");
    return 0;
}
