/* Own case: device files and other processes under strict: the harmless devices work, the
 * rest (the terminal, memory, disks) and /proc of other processes or of the host's layout
 * are refused; the guest's own /proc files work. */
#include "hostile.h"
#include <sys/stat.h>

int main(void)
{
    char buf[256], p[64];
    struct stat st;
    TRY("null rw", syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDWR, 0));
    TRY("zero read", slurp("/dev/zero", buf, 16));
    TRY("urandom read", slurp("/dev/urandom", buf, 16));
    TRY("urandom write", syscall(SYS_openat, AT_FDCWD, "/dev/urandom", O_WRONLY, 0));
    TRY("tty", syscall(SYS_openat, AT_FDCWD, "/dev/tty", O_RDWR, 0));
    TRY("mem", syscall(SYS_openat, AT_FDCWD, "/dev/mem", O_RDONLY, 0));
    TRY("kmsg", syscall(SYS_openat, AT_FDCWD, "/dev/kmsg", O_RDONLY, 0));
    TRY("shm dir", syscall(SYS_openat, AT_FDCWD, "/dev/shm", O_RDONLY | O_DIRECTORY, 0));
    TRY("init environ", slurp("/proc/1/environ", buf, sizeof buf));
    snprintf(p, sizeof p, "/proc/%d/cmdline", getppid());
    TRY("parent cmdline", slurp(p, buf, sizeof buf));
    TRY("mountinfo", slurp("/proc/self/mountinfo", buf, sizeof buf));
    TRY("proc listing", syscall(SYS_openat, AT_FDCWD, "/proc", O_RDONLY | O_DIRECTORY, 0));
    TRY("sys kernel", syscall(SYS_newfstatat, AT_FDCWD, "/sys/kernel", &st, 0));
    TRY("own status", slurp("/proc/self/status", buf, sizeof buf));
    TRY("own maps", slurp("/proc/self/maps", buf, sizeof buf));
    TRY("cpuinfo", slurp("/proc/cpuinfo", buf, sizeof buf));
    return 0;
}
