/* Case 20, second half: atomics at bad addresses: LR/SC and AMOs misaligned (SIGBUS) and at
 * the end of the guest space (SIGSEGV), and riscv_flush_icache over the whole 64-bit range. */
#include "hostile.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>

static sigjmp_buf jb;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)si;
    (void)uc;
    siglongjmp(jb, sig);
}

#define PROBE(label, stmt) do {                                                              \
        int s_ = sigsetjmp(jb, 1);                                                          \
        if (!s_) {                                                                          \
            stmt;                                                                           \
            printf("%s: no fault\n", label);                                                \
        } else {                                                                            \
            printf("%s: %s\n", label, s_ == SIGBUS ? "SIGBUS" : s_ == SIGSEGV ? "SIGSEGV" : "?"); \
        }                                                                                   \
        fflush(stdout);                                                                     \
    } while (0)

int main(void)
{
    static uint64_t cell[4];
    struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    uintptr_t mis = (uintptr_t)cell + 3, end = 1ull << 38;   /* just past the guest space */
    uint64_t v = 0;
    PROBE("lr.d misaligned", __asm__ volatile("lr.d %0, (%1)" : "=r"(v) : "r"(mis) : "memory"));
    PROBE("amoadd.w misaligned", __asm__ volatile("amoadd.w %0, %2, (%1)" : "=r"(v) : "r"(mis), "r"(1) : "memory"));
    PROBE("amoswap.d at end", __asm__ volatile("amoswap.d %0, %2, (%1)" : "=r"(v) : "r"(end), "r"(1) : "memory"));
    PROBE("lr.d at end", __asm__ volatile("lr.d %0, (%1)" : "=r"(v) : "r"(end) : "memory"));
    PROBE("sc.d at end", __asm__ volatile("sc.d %0, %2, (%1)" : "=r"(v) : "r"(end), "r"(1) : "memory"));
    TRY("flush_icache everything", syscall(259, 0, ~0ull, 0));
    puts("alive");
    return (int)(v & 0);
}
