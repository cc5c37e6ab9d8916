/* Case 5: running a host program: execve and execveat of /bin/sh (which would create the
 * marker file argv[1]), in this process and in a forked child. */
#include "hostile.h"
#include <sys/wait.h>

int main(int argc, char **argv)
{
    char cmd[4200];
    if (argc < 2)
        return 2;
    snprintf(cmd, sizeof cmd, "echo pwned > %s", argv[1]);
    char *const av[] = { "/bin/sh", "-c", cmd, NULL }, *const env[] = { NULL };
    pid_t c = fork();
    if (c == 0) {
        TRY("child execve /bin/sh", syscall(SYS_execve, "/bin/sh", av, env));
        _exit(3);
    }
    int st;
    waitpid(c, &st, 0);
    printf("child: exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    TRY("execveat /bin/sh", syscall(SYS_execveat, AT_FDCWD, "/bin/sh", av, env, 0));
    TRY("execve /usr/bin/env", syscall(SYS_execve, "/usr/bin/env", av, env));
    TRY("execve /bin/sh", syscall(SYS_execve, "/bin/sh", av, env));
    return 0;
}
