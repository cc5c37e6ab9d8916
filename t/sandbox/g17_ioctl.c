/* Case 17: guest integers that would become host pointers: TIOCSTI, an unknown ioctl with a
 * pointer, TCGETS and F_GETLK with addresses outside the guest space, F_SETOWN_EX with one,
 * F_SETSIG with a bad signal, F_DUPFD beyond the limit, an unknown fcntl command. */
#include "hostile.h"

int main(void)
{
    void *far = (void *)0xffffffff0000ull;
    TRY("ioctl TIOCSTI", syscall(SYS_ioctl, 0, 0x5412, "x"));
    TRY("ioctl unknown", syscall(SYS_ioctl, 1, 0xdeadbeef, far));
    TRY("ioctl TCGETS far", syscall(SYS_ioctl, 1, 0x5401, far));
    TRY("ioctl FIONREAD far", syscall(SYS_ioctl, 0, 0x541b, far));
    TRY("fcntl F_GETLK far", syscall(SYS_fcntl, 1, 5, far));
    TRY("fcntl F_SETOWN_EX far", syscall(SYS_fcntl, 1, 15, far));
    TRY("fcntl F_SETSIG 0xffff", syscall(SYS_fcntl, 1, 10, 0xffff));
    TRY("fcntl F_DUPFD 1000000", syscall(SYS_fcntl, 1, 0, 1000000));
    TRY("fcntl unknown", syscall(SYS_fcntl, 1, 0x7777, far));
    puts("alive");
    return 0;
}
