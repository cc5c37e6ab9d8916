/* The production seccomp filter on its own (sandbox.md §5): each probe runs in a forked child
 * that installs the filter (basic or strict) and makes one raw host syscall. Forbidden calls
 * must end the child with the reporter's status 159 and a one-line message naming the call;
 * the i386 and x32 ABIs kill the process outright; allowed calls must work; clone3 answers
 * ENOSYS. */
#include "config.h"
#ifdef RV_SMALL
#define SMALL_BUILD 1
#else
#define SMALL_BUILD 0
#endif
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "sandbox/sbx.h"

enum { OK, TRAP, KILLED, ENOSYS_ };
static int policy;
static int fails;
static void *page;

static void *thread_fn(void *arg) { return arg; }

static long probe(int which)
{
    static int word;
    switch (which) {
#define P(n, call) case n: return (call);
    P(0, syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0))
    P(1, syscall(425 /* io_uring_setup */, 1, NULL))
    P(2, syscall(SYS_bpf, 0, NULL, 0))
    P(3, syscall(SYS_mount, "none", "/mnt", "tmpfs", 0, NULL))
    P(4, syscall(SYS_unshare, CLONE_NEWUSER))
    P(5, syscall(SYS_setns, -1, 0))
    P(6, syscall(SYS_keyctl, 0, 0, 0, 0, 0))
    P(7, syscall(SYS_add_key, "user", "x", "y", 1, 0))
    P(8, syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0))
    P(9, syscall(SYS_userfaultfd, 0))
    P(10, syscall(SYS_process_vm_readv, getpid(), NULL, 0, NULL, 0, 0))
    P(11, syscall(SYS_kexec_load, 0, 0, NULL, 0))
    P(12, syscall(SYS_init_module, NULL, 0, ""))
    P(13, syscall(SYS_personality, 0x0400000 /* READ_IMPLIES_EXEC */))
    P(14, syscall(SYS_open_by_handle_at, -1, NULL, 0))
    P(15, syscall(SYS_chroot, "/"))
    P(16, syscall(SYS_execveat, -1, "", NULL, NULL, 0))
    P(17, (long)syscall(SYS_mmap, NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
    P(18, syscall(SYS_mprotect, page, 4096, PROT_READ | PROT_EXEC))
    P(19, syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0))
    P(20, syscall(SYS_clone, CLONE_VM | SIGCHLD, 0, 0, 0, 0))
    P(21, syscall(SYS_kill, -1, 0))
    P(22, syscall(SYS_ioctl, 0, TIOCSTI, "x"))
    P(23, syscall(SYS_futex, &word, FUTEX_LOCK_PI, 0, NULL, NULL, 0))
    P(24, syscall(SYS_madvise, page, 4096, 100 /* MADV_HWPOISON */))
    P(25, syscall(SYS_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0))
    P(26, syscall(SYS_seccomp, 0 /* SECCOMP_SET_MODE_STRICT */, 0, NULL))
    P(27, syscall(444 /* landlock_create_ruleset */, NULL, 0, 1))
    P(28, syscall(SYS_socketpair, AF_INET, SOCK_STREAM, 0, (int *)page))
    P(29, syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0) < 0)     /* strict: no AF_UNIX */
    P(30, syscall(SYS_socket, AF_INET, SOCK_STREAM, 0) < 0)     /* strict: no --allow-net */
    P(31, syscall(SYS_setuid, 0))   /* admitted: the guest's calls are checked (no-ops only, strict) */
#ifdef __x86_64__
    P(32, syscall(SYS_getpid | 0x40000000))                 /* the x32 ABI */
    case 33: {                                              /* the i386 ABI: getpid */
        long r = 20;
        __asm__ volatile("int $0x80" : "+a"(r) : : "memory");
        return r;
    }
#endif
    /* allowed */
    P(40, syscall(SYS_getpid) > 0 ? 0 : -1)
    P(41, syscall(SYS_mmap, NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == (long)MAP_FAILED)
    P(42, syscall(SYS_kill, getpid(), 0))
    P(43, syscall(SYS_clone3, NULL, 0) == -1 && errno == ENOSYS ? 0 : -1)
    case 44: {
        pthread_t t;
        return pthread_create(&t, NULL, thread_fn, NULL) || pthread_join(t, NULL);
    }
    case 45: {
        pid_t c = fork();
        if (c == 0)
            _exit(7);
        int st;
        return c < 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st) != 7;
    }
    P(46, syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) < 0)
    P(47, syscall(SYS_ioctl, 0, TCGETS, page) < 0 && errno != ENOTTY && errno != EBADF)
    P(48, syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, (int *)page))
    P(49, syscall(SYS_mprotect, page, 4096, PROT_READ))
#undef P
    }
    return 0;
}

static void expect(int which, int want, const char *name)
{
    int err[2];
    if (pipe(err))
        return;
    fflush(NULL);
    pid_t c = fork();
    if (c == 0) {
        dup2(err[1], 2);
        struct sbx_filter_cfg cfg = { policy, 0, 0, 0 };
        int r = sbx_seccomp_load(&cfg);
        if (r) {
            fprintf(stderr, "load: %s\n", strerror(-r));
            _exit(99);
        }
        long v = probe(which);
        _exit(v == 0 ? 0 : 1);
    }
    close(err[1]);
    char msg[512] = "";
    ssize_t n = read(err[0], msg, sizeof msg - 1);
    msg[n > 0 ? n : 0] = 0;
    close(err[0]);
    int st;
    waitpid(c, &st, 0);
    int ok;
    switch (want) {
    case TRAP:
        /* a --enable-small build names the call by number only (no names table) */
        ok = WIFEXITED(st) && WEXITSTATUS(st) == 128 + SIGSYS &&
             (SMALL_BUILD || strstr(msg, name)) && strstr(msg, "seccomp filter");
        break;
    case KILLED:
        ok = WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS;
        break;
    default:
        ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
    }
    if (!ok)
        printf("(status %#x) ", st);
    printf("%s %s %s (%s)%s%s", ok ? "ok  " : "FAIL", policy == RV_SBX_STRICT ? "strict" : "basic ",
           name, want == TRAP ? "refused" : want == KILLED ? "killed" : "allowed",
           *msg ? ": " : "\n", msg);
    fails += !ok;
}

int main(void)
{
#ifndef HAVE_SECCOMP
    puts("built without the seccomp filter: skipped");
    return 77;
#endif
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static const char *const names[] = {
        "ptrace", "io_uring_setup", "bpf", "mount", "unshare", "setns", "keyctl", "add_key",
        "perf_event_open", "userfaultfd", "process_vm_readv", "kexec_load", "init_module",
        "personality", "open_by_handle_at", "chroot", "execveat", "mmap", "mprotect", "clone",
        "clone", "kill", "ioctl", "futex", "madvise", "prctl", "seccomp",
        "landlock_create_ruleset", "socketpair" };
    for (policy = RV_SBX_BASIC; ; policy = RV_SBX_STRICT) {
        for (int i = 0; i < (int)(sizeof names / sizeof *names); i++)
            expect(i, TRAP, names[i]);
        expect(29, policy == RV_SBX_STRICT ? TRAP : OK, "socket");
        expect(30, policy == RV_SBX_STRICT ? TRAP : OK, "socket");
        expect(31, OK, "setuid");
#ifdef __x86_64__
        expect(32, KILLED, "x32 getpid");
        expect(33, KILLED, "int 0x80");
#endif
        static const char *const fine[] = { "getpid", "mmap", "kill", "clone3", "pthread_create",
            "fork", "futex", "ioctl", "socketpair", "mprotect" };
        for (int i = 0; i < 10; i++)
            expect(40 + i, OK, fine[i]);
        if (policy == RV_SBX_STRICT)
            break;
    }
    printf("%s\n", fails ? "FAIL" : "all probes as expected");
    return fails != 0;
}
