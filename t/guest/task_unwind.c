/* libgcc's unwinder must walk out of a signal handler through the sigreturn trampoline into
 * the interrupted frames (it recognises the trampoline by its exact two instructions). */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <unwind.h>

__attribute__((noinline)) static void f3(void);
static int found_f3;

static _Unwind_Reason_Code cb(struct _Unwind_Context *c, void *arg)
{
    (void)arg;
    uintptr_t ip = _Unwind_GetIP(c);
    /* the return address of raise() inside f3: only reachable through the signal frame */
    if (ip > (uintptr_t)f3 && ip < (uintptr_t)f3 + 64)
        found_f3 = 1;
    return _URC_NO_REASON;
}

static void handler(int sig)
{
    (void)sig;
    _Unwind_Backtrace(cb, 0);
}

__attribute__((noinline)) static void f3(void) { raise(SIGUSR1); __asm__ volatile(""); }
__attribute__((noinline)) static void f2(void) { f3(); __asm__ volatile(""); }

int main(void)
{
    signal(SIGUSR1, handler);
    f2();
    printf("unwound through the signal frame into f3: %s\n", found_f3 ? "yes" : "no");
    return !found_f3;
}
