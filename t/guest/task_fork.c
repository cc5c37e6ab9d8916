/* Processes: fork + waitpid exit codes, waitid, SIGCHLD siginfo, a child killed by a signal,
 * a stopped and continued child (WUNTRACED/WCONTINUED), pipes both ways between parent and
 * child, a forked child creating a thread, fork from a multithreaded process (the child has
 * one thread and can still malloc and printf), vfork + _exit, execve of a host program (/bin/echo) with its
 * stdout on a pipe, of a #! script created in the cwd, close-on-exec, and execve errors.
 * Executing a guest (riscv64) program is in task_exec.c: qemu-riscv64 without binfmt_misc
 * cannot do it. stdout is flushed before every fork so nothing is printed twice. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what)
{
    printf("FAILED: %s: %s\n", what, strerror(errno));
    fflush(stdout);
    exit(1);
}

static pid_t xfork(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p < 0)
        die("fork");
    return p;
}

static void describe(const char *label, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited %d\n", label, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by signal %d (%s)%s\n", label, WTERMSIG(st), strsignal(WTERMSIG(st)),
               WCOREDUMP(st) ? " core" : "");
    else if (WIFSTOPPED(st))
        printf("%s: stopped by signal %d\n", label, WSTOPSIG(st));
    else if (WIFCONTINUED(st))
        printf("%s: continued\n", label);
    else
        printf("%s: status 0x%x\n", label, st);
}

static void test_exit_codes(void)
{
    pid_t kids[5];
    for (int i = 0; i < 5; i++) {
        kids[i] = xfork();
        if (kids[i] == 0)
            _exit(i * 50 + 1);
    }
    printf("exit codes:");
    for (int i = 4; i >= 0; i--) { /* reap in reverse order of creation */
        int st;
        pid_t r = waitpid(kids[i], &st, 0);
        printf(" %d%s", WIFEXITED(st) ? WEXITSTATUS(st) : -1, r == kids[i] ? "" : "(wrong pid)");
    }
    printf("\n");
    int st;
    errno = 0;
    printf("waitpid with no children: %d %s\n", (int)waitpid(-1, &st, WNOHANG), errno == ECHILD ? "ECHILD" : "?");

    /* exit() runs atexit handlers and flushes stdio in the child; getppid is the parent */
    pid_t parent = getpid();
    pid_t c = xfork();
    if (c == 0) {
        printf("child: getppid matches %d, pid differs %d\n", getppid() == parent, getpid() != parent);
        exit(3);
    }
    waitpid(c, &st, 0);
    describe("child with exit(3)", st);

    /* waitid with WNOHANG first (child blocked on a pipe), then for real */
    int p[2];
    if (pipe(p))
        die("pipe");
    c = xfork();
    if (c == 0) {
        char b;
        close(p[1]);
        (void)!read(p[0], &b, 1);
        _exit(77);
    }
    close(p[0]);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int r = waitid(P_PID, c, &si, WEXITED | WNOHANG);
    printf("waitid WNOHANG while running: ret %d si_pid %d\n", r, (int)si.si_pid);
    close(p[1]);
    r = waitid(P_PID, c, &si, WEXITED);
    printf("waitid: ret %d pid ok %d code %s status %d\n", r, si.si_pid == c,
           si.si_code == CLD_EXITED ? "CLD_EXITED" : "?", si.si_status);
}

static volatile uintptr_t bad_addr = 8;

static void test_signaled(void)
{
    int st;
    pid_t c = xfork();
    if (c == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    waitpid(c, &st, 0);
    describe("child raise(SIGTERM)", st);

    /* the parent kills a child blocked in pause() */
    int p[2];
    if (pipe(p))
        die("pipe");
    c = xfork();
    if (c == 0) {
        close(p[0]);
        (void)!write(p[1], "r", 1); /* ready */
        for (;;)
            pause();
    }
    close(p[1]);
    char b;
    (void)!read(p[0], &b, 1);
    close(p[0]);
    kill(c, SIGUSR1);
    waitpid(c, &st, 0);
    describe("child killed with SIGUSR1", st);

    /* SIGCHLD with siginfo, taken synchronously */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, &old);
    c = xfork();
    if (c == 0)
        _exit(5);
    siginfo_t si;
    int sig = sigwaitinfo(&set, &si);
    printf("SIGCHLD: sig %s pid ok %d code %s status %d\n", sig == SIGCHLD ? "SIGCHLD" : "?", si.si_pid == c,
           si.si_code == CLD_EXITED ? "CLD_EXITED" : "?", si.si_status);
    waitpid(c, &st, 0);
    c = xfork();
    if (c == 0) {
        struct rlimit no_core = {0, 0}; /* CLD_KILLED, not CLD_DUMPED, whatever the limit was */
        setrlimit(RLIMIT_CORE, &no_core);
        signal(SIGSEGV, SIG_DFL);
        *(volatile int *)(uintptr_t)bad_addr = 1; /* dies of SIGSEGV */
        _exit(0);
    }
    sig = sigwaitinfo(&set, &si);
    printf("SIGCHLD: code %s status %s\n",
           si.si_code == CLD_KILLED ? "CLD_KILLED" : si.si_code == CLD_DUMPED ? "CLD_DUMPED" : "?",
           si.si_status == SIGSEGV ? "SIGSEGV" : "?");
    waitpid(c, &st, 0);
    printf("segfaulting child: %s signal %s\n", WIFSIGNALED(st) ? "killed by" : "not killed by",
           WTERMSIG(st) == SIGSEGV ? "SIGSEGV" : "?");
    sigprocmask(SIG_SETMASK, &old, NULL);

    /* stop and continue */
    c = xfork();
    if (c == 0) {
        for (;;)
            pause();
    }
    kill(c, SIGSTOP);
    waitpid(c, &st, WUNTRACED);
    describe("after SIGSTOP", st);
    kill(c, SIGCONT);
    waitpid(c, &st, WCONTINUED);
    describe("after SIGCONT", st);
    kill(c, SIGKILL);
    waitpid(c, &st, 0);
    describe("after SIGKILL", st);
}

static void test_pipes(void)
{
    int to_child[2], to_parent[2];
    if (pipe(to_child) || pipe(to_parent))
        die("pipe");
    pid_t c = xfork();
    if (c == 0) {
        close(to_child[1]);
        close(to_parent[0]);
        char buf[256];
        ssize_t n;
        size_t total = 0;
        while ((n = read(to_child[0], buf, sizeof buf)) > 0) {
            for (ssize_t i = 0; i < n; i++)
                buf[i] = (char)toupper((unsigned char)buf[i]);
            (void)!write(to_parent[1], buf, (size_t)n);
            total += (size_t)n;
        }
        _exit(total == 100003 ? 0 : 1);
    }
    close(to_child[0]);
    close(to_parent[1]);
    /* write more than a pipe buffer, reading back as we go (no deadlock) */
    const char *msg = "hello from parent ";
    size_t len = strlen(msg), sent = 0, want = 100003, got = 0;
    unsigned long sum = 0;
    int fl = fcntl(to_parent[0], F_GETFL);
    fcntl(to_parent[0], F_SETFL, fl | O_NONBLOCK);
    char buf[4096];
    while (sent < want) {
        size_t chunk = want - sent < len ? want - sent : len;
        ssize_t w = write(to_child[1], msg, chunk);
        if (w < 0)
            die("write");
        sent += (size_t)w;
        ssize_t n;
        while ((n = read(to_parent[0], buf, sizeof buf)) > 0) {
            for (ssize_t i = 0; i < n; i++)
                sum += (unsigned char)buf[i];
            got += (size_t)n;
        }
    }
    close(to_child[1]);
    fcntl(to_parent[0], F_SETFL, fl);
    ssize_t n;
    while ((n = read(to_parent[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            sum += (unsigned char)buf[i];
        got += (size_t)n;
    }
    int st;
    waitpid(c, &st, 0);
    printf("pipe round trip: %zu bytes back, checksum %lu, child status %d\n", got, sum, WEXITSTATUS(st));
}

/* ---- fork from a multithreaded process ---- */
static pthread_mutex_t mt_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile int mt_stop;
static long mt_work;
static void *busy(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&mt_stop, __ATOMIC_RELAXED)) {
        void *p = malloc(64); /* keep malloc's locks busy in other threads */
        pthread_mutex_lock(&mt_lock);
        mt_work++;
        pthread_mutex_unlock(&mt_lock);
        free(p);
    }
    return NULL;
}

static void *child_thread(void *arg)
{
    return (void *)((long)arg * 2);
}

/* a child of a single-threaded parent creates and joins a thread */
static void test_child_thread(void)
{
    pid_t c = xfork();
    if (c == 0) {
        pthread_t t;
        void *rv = NULL;
        if (pthread_create(&t, NULL, child_thread, (void *)21L) != 0 || pthread_join(t, &rv) != 0)
            _exit(3);
        printf("child thread returned %ld\n", (long)rv);
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(c, &st, 0);
    describe("child with a thread", st);
}

static void test_fork_threads(void)
{
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, busy, NULL);
    for (int round = 0; round < 3; round++) {
        pid_t c = xfork();
        if (c == 0) {
            /* only this thread exists here; malloc, stdio and new threads work */
            long sum = 0;
            for (int i = 0; i < 1000; i++) {
                char *p = malloc((size_t)(i % 200) + 1);
                if (!p)
                    _exit(2);
                p[0] = (char)i;
                sum += p[0] & 1;
                free(p);
            }
            /* no pthread_create here: qemu-riscv64 7.2 aborts on a thread created in a child
             * forked from a multithreaded process (see test_child_thread) */
            printf("forked child %d: malloc ok (%ld), tid==pid %d\n", round, sum, gettid() == getpid());
            fflush(stdout);
            _exit(0);
        }
        int st;
        waitpid(c, &st, 0);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            describe("multithreaded fork child", st);
    }
    __atomic_store_n(&mt_stop, 1, __ATOMIC_RELAXED);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    printf("parent threads joined, worked: %s\n", mt_work > 0 ? "yes" : "no");
}

static void test_vfork(void)
{
    pid_t c;
    fflush(stdout);
    c = vfork();
    if (c == 0)
        _exit(9);
    int st;
    waitpid(c, &st, 0);
    describe("vfork + _exit(9)", st);

    /* vfork + execve: the usual posix_spawn pattern */
    fflush(stdout);
    c = vfork();
    if (c == 0) {
        char *argv[] = {"echo", "vfork-exec", "ok", NULL};
        char *envp[] = {NULL};
        execve("/bin/echo", argv, envp);
        _exit(127);
    }
    waitpid(c, &st, 0);
    describe("vfork + execve /bin/echo", st);
}

static void test_exec(void)
{
    int st;
    /* /bin/echo with its stdout on a pipe read by the parent */
    int p[2];
    if (pipe(p))
        die("pipe");
    pid_t c = xfork();
    if (c == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        char *argv[] = {"echo", "hello", "from", "/bin/echo", NULL};
        char *envp[] = {"PATH=/usr/bin:/bin", NULL};
        execve("/bin/echo", argv, envp);
        _exit(127);
    }
    close(p[1]);
    char buf[256];
    size_t got = 0;
    ssize_t n;
    while ((n = read(p[0], buf + got, sizeof buf - 1 - got)) > 0)
        got += (size_t)n;
    buf[got] = 0;
    close(p[0]);
    waitpid(c, &st, 0);
    printf("echo via pipe: [%.*s] ", (int)(got && buf[got - 1] == '\n' ? got - 1 : got), buf);
    describe("status", st);

    /* a #! script created in the cwd, with arguments */
    const char *script = "./task_fork_script.sh";
    FILE *f = fopen(script, "w");
    if (!f)
        die("create script");
    fputs("#!/bin/sh\necho script-ran \"$@\"\nexit 4\n", f);
    fclose(f);
    chmod(script, 0755);
    c = xfork();
    if (c == 0) {
        char *argv[] = {(char *)script, "one", "two words", NULL};
        char *envp[] = {NULL};
        execve(script, argv, envp);
        _exit(127);
    }
    waitpid(c, &st, 0);
    describe("#! script", st);

    /* close-on-exec: the shell reports which of two pipe fds survived the exec */
    int keep[2], cloexec[2];
    if (pipe(keep) || pipe2(cloexec, O_CLOEXEC))
        die("pipe2");
    c = xfork();
    if (c == 0) {
        char cmd[256];
        snprintf(cmd, sizeof cmd,
                 "for fd in %d %d; do if [ -e /proc/self/fd/$fd ]; then echo open; else echo closed; fi; done",
                 keep[0], cloexec[0]);
        char *argv[] = {"sh", "-c", cmd, NULL};
        char *envp[] = {NULL};
        execve("/bin/sh", argv, envp);
        _exit(127);
    }
    waitpid(c, &st, 0);
    describe("close-on-exec check", st);
    close(keep[0]);
    close(keep[1]);
    close(cloexec[0]);
    close(cloexec[1]);

    /* errors: nothing is replaced, errno says why */
    char *argv[] = {"x", NULL};
    char *envp[] = {NULL};
    errno = 0;
    execve("/nonexistent/program", argv, envp);
    printf("execve missing file: %s\n", errno == ENOENT ? "ENOENT" : strerror(errno));
    f = fopen("task_fork_plain.txt", "w");
    if (f) {
        fputs("not a program\n", f);
        fclose(f);
    }
    errno = 0;
    execve("./task_fork_plain.txt", argv, envp);
    printf("execve non-executable file: %s\n", errno == EACCES ? "EACCES" : strerror(errno));
    errno = 0;
    execve(".", argv, envp);
    printf("execve directory: %s\n", errno == EACCES ? "EACCES" : strerror(errno));
    unlink("task_fork_plain.txt");
    unlink(script);
}

int main(void)
{
    alarm(20);
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_exit_codes();
    test_signaled();
    test_pipes();
    test_child_thread();
    test_fork_threads();
    test_vfork();
    test_exec();
    printf("done\n");
    return 0;
}
