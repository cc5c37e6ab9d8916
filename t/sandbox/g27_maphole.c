/* Own case (memory isolation): a MAP_FIXED the host refuses (a socket fd) may already have
 * unmapped the range; rvemu must put its reservation back before anything of its own (a new
 * host thread's stack) can land where the guest reaches. The guest then finds every page of
 * the range inaccessible. A raw clone with a static stack keeps guest mappings out of it. */
#define _GNU_SOURCE
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int stop, started;
static sigjmp_buf jb;
static char stack[1 << 16] __attribute__((aligned(16)));

static void on_segv(int s) { (void)s; siglongjmp(jb, 1); }
static int spin(void *a) { (void)a; started = 1; while (!stop) ; return 0; }

int main(void)
{
    size_t len = 16 << 20;
    char *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    long r = syscall(SYS_mmap, p, len, PROT_READ, MAP_SHARED | MAP_FIXED, sv[0], 0);
    printf("map a socket: %s\n", r < 0 ? "refused" : "mapped");
    int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM;
    if (clone(spin, stack + sizeof stack, flags, NULL) < 0)
        perror("clone");
    while (!started)
        ;
    signal(SIGSEGV, on_segv);
    size_t readable = 0;
    for (size_t pg = 0; pg < len; pg += 4096) {
        if (sigsetjmp(jb, 1))
            continue;
        (void)*(volatile char *)(p + pg);
        readable++;
    }
    printf("readable pages where the mapping was: %zu\n", readable);
    stop = 1;
    return 0;
}
