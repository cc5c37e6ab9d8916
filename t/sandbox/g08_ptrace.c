/* Case 8: debugging interfaces: ptrace (TRACEME, ATTACH to the parent) and
 * process_vm_readv/writev on this process. */
#include "hostile.h"
#include <sys/uio.h>

int main(void)
{
    char buf[16] = "x";
    struct iovec l = { buf, sizeof buf }, r = { buf, sizeof buf };
    TRY("ptrace traceme", syscall(SYS_ptrace, 0, 0, 0, 0));
    TRY("ptrace attach parent", syscall(SYS_ptrace, 16, getppid(), 0, 0));
    TRY("ptrace seize self", syscall(SYS_ptrace, 0x4206, getpid(), 0, 0));
    TRY("process_vm_readv", syscall(SYS_process_vm_readv, getpid(), &l, 1, &r, 1, 0));
    TRY("process_vm_writev", syscall(SYS_process_vm_writev, getpid(), &l, 1, &r, 1, 0));
    TRY("pidfd_open parent", syscall(434, getppid(), 0));
    TRY("pidfd_getfd", syscall(438, 0, 0, 0));
    return 0;
}
