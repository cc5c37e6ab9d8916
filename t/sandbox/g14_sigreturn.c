/* Case 14: rt_sigreturn with a forged frame, by argv[1]: "reserved" (the frame's reserved
 * bytes not zero), "sp" (the stack pointer outside the guest space), "mask" (a valid frame
 * whose mask tries to block SIGKILL and SIGSTOP; it resumes at a guest function, which only
 * moves the guest). */
#include "hostile.h"
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>

static void landed(void)
{
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("landed; SIGKILL blocked: %s, SIGSTOP blocked: %s\n",
           sigismember(&now, SIGKILL) ? "yes" : "no", sigismember(&now, SIGSTOP) ? "yes" : "no");
    exit(0);
}

static void sigreturn_at(uint64_t sp)
{
    register uint64_t a7 __asm__("a7") = SYS_rt_sigreturn;
    __asm__ volatile("mv sp, %0\n\tecall" : : "r"(sp), "r"(a7) : "memory");
}

int main(int argc, char **argv)
{
    static uint64_t frame[1088 / 8 + 64] __attribute__((aligned(16)));
    static char stack[65536] __attribute__((aligned(16)));
    if (argc < 2)
        return 2;
    /* riscv64 rt_sigframe: siginfo 128, ucontext: flags 8, link 8, stack 24, sigmask 8 + 120,
     * mcontext at 304: pc, x1..x31, then the FP state whose reserved words end the frame */
    uint64_t *uc = frame + 128 / 8;
    uc[40 / 8] = ~0ull;                          /* every signal blocked, SIGKILL included */
    frame[304 / 8] = (uint64_t)(uintptr_t)landed;
    frame[(304 + 8 * 2) / 8] = (uint64_t)(uintptr_t)(stack + sizeof stack);  /* x2 = sp */
    uint64_t gp, tp;
    __asm__("mv %0, gp\n\tmv %1, tp" : "=r"(gp), "=r"(tp));
    frame[(304 + 8 * 3) / 8] = gp;               /* libc needs its global and thread pointers */
    frame[(304 + 8 * 4) / 8] = tp;
    puts("forging");
    fflush(stdout);
    if (!strcmp(argv[1], "reserved")) {
        ((unsigned char *)frame)[304 + 256 + 516 + 4] = 1;
        sigreturn_at((uint64_t)(uintptr_t)frame);
    } else if (!strcmp(argv[1], "sp")) {
        sigreturn_at(1ull << 50);
    } else {
        sigreturn_at((uint64_t)(uintptr_t)frame);
    }
    puts("returned");
    return 1;
}
