/* Case 18: the emulator's own descriptors (the sandbox's tree descriptors, the -D log):
 * dup3 onto them, closing them (one by one and with close_range), using them as dirfds.
 * Refused or without effect; afterwards the sandbox still works and rvemu still logs. */
#include "hostile.h"
#include <dirent.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    char buf[64];
    int mine = (int)syscall(SYS_openat, AT_FDCWD, "ok.txt", O_RDONLY, 0);
    int foreign = 0, refused = 0, dirfd_refused = 0;
    DIR *d = opendir("/proc/self/fd");
    for (struct dirent *e; d && (e = readdir(d));) {
        int fd = atoi(e->d_name);
        /* the sandbox keeps its descriptors high (the test harness's own are low) */
        if (e->d_name[0] == '.' || fd < 512 || fd == mine || fd == dirfd(d))
            continue;
        foreign++;
        refused += syscall(SYS_dup3, 1, fd, 0) < 0 && errno == EBADF;
        dirfd_refused += syscall(SYS_openat, fd, "../../../../etc/passwd", O_RDONLY, 0) < 0;
        refused += syscall(SYS_close, fd) < 0 && errno == EBADF;
    }
    if (d)
        closedir(d);
    printf("emulator descriptors: %s\n", foreign ? "some" : "none");
    printf("dup3 and close onto them refused: %s\n", refused == 2 * foreign ? "all" : "not all");
    printf("used as dirfd refused: %s\n", dirfd_refused == foreign ? "all" : "not all");
    TRY("close_range 3..~0", syscall(SYS_close_range, 3, ~0u, 0));
    for (int fd = 3; fd < 10000; fd++)
        syscall(SYS_close, fd);
    TRY("open after closing everything", slurp("ok.txt", buf, sizeof buf));
    TRY("outside still refused", slurp(argc > 1 ? argv[1] : "/etc/passwd", buf, sizeof buf));
    TRY("guest error for the log", syscall(SYS_write, 1, (void *)8, 1));
    return 0;
}
