/* Case 19: futex and thread-pointer abuse: unaligned and out-of-space futex words, requeue to
 * an address outside, PI and waitv operations, set_tid_address to a wild pointer before the
 * thread exits, clone with a child_tid outside the space. */
#include "hostile.h"
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>

int main(void)
{
    static uint32_t word[4] __attribute__((aligned(8)));
    const uint64_t far = 1ull << 40;
    TRY("futex unaligned", syscall(SYS_futex, (char *)word + 1, FUTEX_WAKE, 1, 0, 0, 0));
    TRY("futex outside", syscall(SYS_futex, far, FUTEX_WAKE, 1, 0, 0, 0));
    TRY("futex wait outside", syscall(SYS_futex, far, FUTEX_WAIT, 0, 0, 0, 0));
    TRY("cmp_requeue outside", syscall(SYS_futex, word, FUTEX_CMP_REQUEUE, 1, 1, far, 0));
    TRY("futex lock_pi", syscall(SYS_futex, word, FUTEX_LOCK_PI, 0, 0, 0, 0));
    TRY("futex_waitv", syscall(449, word, 1, 0, 0, 0));
    TRY("robust list wild", syscall(SYS_set_robust_list, (void *)0xffffffffffff0000ull, 24));
    pid_t c = fork();
    if (c == 0) {
        syscall(SYS_set_tid_address, (void *)0xfffffffffffff000ull);
        syscall(SYS_exit, 7);
    }
    int st;
    waitpid(c, &st, 0);
    printf("thread exit with a wild tid address: %s\n",
           WIFEXITED(st) && WEXITSTATUS(st) == 7 ? "clean" : "crashed");
    static char stack[16384] __attribute__((aligned(16)));
    TRY("clone child_tid outside", syscall(SYS_clone, CLONE_VM | CLONE_FS | CLONE_FILES |
            CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_CHILD_CLEARTID,
            stack + sizeof stack, 0, 0, far));
    puts("alive");
    return 0;
}
