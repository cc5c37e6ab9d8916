/* Case 9: loads and stores outside the guest space (0, 2^47, the top of the 64-bit space, the
 * end of the space, an 8-byte load straddling it): each is a guest SIGSEGV whose si_addr is
 * the guest address, and the program goes on. */
#include "hostile.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>

static sigjmp_buf jb;
static volatile uint64_t fault_addr;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    fault_addr = (uint64_t)(uintptr_t)si->si_addr;
    siglongjmp(jb, sig);
}

static void probe(const char *label, uint64_t a, int store)
{
    int sig = sigsetjmp(jb, 1);
    if (!sig) {
        if (store)
            *(volatile uint64_t *)(uintptr_t)a = 0x4141414141414141ull;
        else
            (void)*(volatile uint64_t *)(uintptr_t)a;
        printf("%s: no fault\n", label);
        return;
    }
    printf("%s: %s at %#llx\n", label, sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : "?",
           (unsigned long long)fault_addr);
    fflush(stdout);
}

int main(void)
{
    struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO | SA_NODEFER };
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    const uint64_t end = 1ull << 38;        /* rvemu's default guest space (-R 256G) */
    probe("load 0", 0, 0);
    probe("store 0", 0, 1);
    probe("load 2^47", 1ull << 47, 0);
    probe("store 2^47", 1ull << 47, 1);
    probe("load top", 0xfffffffffffffff8ull, 0);
    probe("load end", end, 0);
    probe("store end", end, 1);
    probe("load straddling end", end - 4, 0);
    probe("store straddling end", end - 4, 1);
    puts("alive");
    return 0;
}
