/* execve of guest programs: fork + execve("/proc/self/exe") with arguments and a fresh
 * environment, vfork + execv of the program's own path, a #! script whose interpreter is
 * this (guest) program, and finally an execve without fork that keeps the pid, an inherited
 * fd, the blocked signal mask and ignored dispositions, but closes O_CLOEXEC fds and resets
 * handled signals to SIG_DFL.
 * qemu-riscv64 cannot run it without binfmt_misc (its execve of a riscv64 ELF fails with
 * ENOEXEC), hence task_exec.noqemu; the program is portable C and the expected output is
 * that of Linux, checked by running it natively. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void show_args(const char *stage, int argc, char **argv)
{
    printf("%s: argc=%d", stage, argc);
    for (int i = 1; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\n");
}

static void show_env(const char *stage)
{
    printf("%s: env", stage);
    for (char **e = environ; *e; e++)
        printf(" [%s]", *e);
    printf("\n");
}

static void show_status(const char *label, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited %d\n", label, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by signal %d\n", label, WTERMSIG(st));
    else
        printf("%s: status 0x%x\n", label, st);
}

static void on_term(int sig)
{
    (void)sig;
}

static int stage3(int argc, char **argv)
{
    /* argv: stage3 PID INHERITED-FD CLOEXEC-FD (numbers not printed: not reproducible) */
    printf("stage3: argc=%d argv[0]=%s\n", argc, argv[0]);
    show_env("stage3");
    if (argc != 5)
        return 1;
    printf("stage3: same pid %d\n", atoi(argv[2]) == getpid());
    int fd = atoi(argv[3]), cfd = atoi(argv[4]);
    char buf[32] = {0};
    ssize_t n = read(fd, buf, sizeof buf - 1);
    printf("stage3: inherited fd read %zd [%s]\n", n, n > 0 ? buf : "");
    errno = 0;
    int r = fcntl(cfd, F_GETFD);
    printf("stage3: O_CLOEXEC fd %s\n", r == -1 && errno == EBADF ? "closed" : "still open");
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("stage3: SIGUSR1 still blocked %d\n", sigismember(&cur, SIGUSR1));
    struct sigaction sa;
    sigaction(SIGUSR2, NULL, &sa);
    printf("stage3: SIGUSR2 still ignored %d\n", sa.sa_handler == SIG_IGN);
    sigaction(SIGTERM, NULL, &sa);
    printf("stage3: SIGTERM handler reset to default %d\n", sa.sa_handler == SIG_DFL);
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[len > 0 ? len : 0] = 0;
    printf("stage3: /proc/self/exe is %s\n", base(exe));
    return 0;
}

int main(int argc, char **argv)
{
    alarm(20);
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1 && strcmp(argv[1], "stage2") == 0) {
        show_args("stage2", argc, argv);
        show_env("stage2");
        printf("stage2: argv[0]=%s\n", argv[0]);
        return 42;
    }
    if (argc > 1 && strcmp(argv[1], "stage2b") == 0) {
        show_args("stage2b", argc, argv);
        return 43;
    }
    if (argc > 1 && strcmp(argv[1], "stage3") == 0)
        return stage3(argc, argv);
    if (argc > 2 && strcmp(argv[1], "stage4") == 0) {
        /* run as the interpreter of a #! script: argv = interpreter, its argument, the
         * script path, then the script's own arguments */
        printf("stage4: interpreter %s, argc=%d", base(argv[0]), argc);
        for (int i = 1; i < argc; i++)
            printf(" [%s]", argv[i]);
        printf("\n");
        return 44;
    }

    char self[4096];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len <= 0) {
        printf("readlink /proc/self/exe failed\n");
        return 1;
    }
    self[len] = 0;
    printf("stage1: program %s\n", base(self));

    int st;
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        char *av[] = {"renamed-argv0", "stage2", "two words", "", NULL};
        char *ev[] = {"FOO=bar", "EMPTY=", NULL};
        execve("/proc/self/exe", av, ev);
        printf("execve /proc/self/exe failed: %s\n", strerror(errno));
        fflush(stdout);
        _exit(127);
    }
    waitpid(c, &st, 0);
    show_status("stage1: fork+execve /proc/self/exe", st);

    fflush(stdout);
    c = vfork();
    if (c == 0) {
        char *av[] = {"x", "stage2b", NULL};
        execv(self, av);
        _exit(127);
    }
    waitpid(c, &st, 0);
    show_status("stage1: vfork+execv self", st);

    const char *script = "./task_exec_script";
    FILE *f = fopen(script, "w");
    if (!f) {
        printf("cannot create %s\n", script);
        return 1;
    }
    fprintf(f, "#!%s stage4\nthis line is never read by the interpreter\n", self);
    fclose(f);
    chmod(script, 0755);
    fflush(stdout);
    c = fork();
    if (c == 0) {
        char *av[] = {(char *)script, "script-arg", NULL};
        char *ev[] = {NULL};
        execve(script, av, ev);
        printf("execve script failed: %s\n", strerror(errno));
        fflush(stdout);
        _exit(127);
    }
    waitpid(c, &st, 0);
    show_status("stage1: #! script with a guest interpreter", st);
    unlink(script);

    /* execve in place */
    int p[2], q[2];
    if (pipe(p) || pipe2(q, O_CLOEXEC)) {
        printf("pipe failed\n");
        return 1;
    }
    (void)!write(p[1], "inherited", 9);
    close(p[1]);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGTERM, on_term);
    char pid[16], fd[16], cfd[16];
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    snprintf(fd, sizeof fd, "%d", p[0]);
    snprintf(cfd, sizeof cfd, "%d", q[0]);
    char *av[] = {"task_exec", "stage3", pid, fd, cfd, NULL};
    char *ev[] = {"STAGE=3", NULL};
    fflush(stdout);
    execve("/proc/self/exe", av, ev);
    printf("execve in place failed: %s\n", strerror(errno));
    return 1;
}
