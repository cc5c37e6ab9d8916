/* Own case (gap G4 of docs/memory-isolation.md): a jump into an executable MAP_SHARED page of
 * a file truncated under it faults while rvemu decodes it; the guest gets SIGBUS at the
 * target pc, in the interpreter and with the JIT, and rvemu does not crash. */
#define _GNU_SOURCE
#include <stdio.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include <setjmp.h>
static sigjmp_buf jb;
static void h(int s, siginfo_t *si, void *u) {
    ucontext_t *uc = u;
    printf("guest handler: sig %d at the target %d\n", s, si->si_addr == (void *)uc->uc_mcontext.__gregs[0]);
    fflush(stdout); siglongjmp(jb, 1);
}
int main(void) {
    struct sigaction sa = { .sa_sigaction = h, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigaction(SIGBUS, &sa, 0);
    sigaction(SIGSEGV, &sa, 0);
    int fd = open("code.dat", O_RDWR|O_CREAT|O_TRUNC, 0700);
    ftruncate(fd, 4096);
    unsigned *w = mmap(0, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0);
    w[0] = 0x00008067; /* ret */
    void (*fn)(void) = mmap(0, 4096, PROT_READ|PROT_EXEC, MAP_SHARED, fd, 0);
    ftruncate(fd, 0);
    fflush(stdout);
    if (!sigsetjmp(jb, 1)) fn();
    puts("alive");
    return 0;
}
