/* Case 6: clone into new namespaces, clone(CLONE_VM) without CLONE_THREAD, clone3 with a
 * crafted struct: refused, and no host process was created. */
#include "hostile.h"
#include <sched.h>
#include <signal.h>
#include <stdint.h>

int main(void)
{
    static char stack[65536];
    uint64_t args[11] = { CLONE_NEWUSER | CLONE_NEWNS, 0, 0, 0, SIGCHLD, 0, 0, 0, 0, 0, 0 };
    TRY("clone newuser newns", syscall(SYS_clone, CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD, 0, 0, 0, 0));
    TRY("clone newpid", syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0));
    TRY("clone vm without thread", syscall(SYS_clone, CLONE_VM | SIGCHLD, stack + sizeof stack, 0, 0, 0));
    TRY("clone3 crafted", syscall(SYS_clone3, args, sizeof args));
    TRY("clone3 junk", syscall(SYS_clone3, (void *)0xffffffffffff0000ull, 88));
    TRY("unshare newuser", syscall(SYS_unshare, CLONE_NEWUSER));
    TRY("wait4 any", syscall(SYS_wait4, -1, 0, 0, 0));
    return 0;
}
