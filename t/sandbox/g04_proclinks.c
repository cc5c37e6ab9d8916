/* Case 4: /proc/self/exe and /proc/self/fd/N name the guest program and the guest's files,
 * never rvemu or its own descriptors. argv[1]: the program's real path. */
#include "hostile.h"
#include <dirent.h>

int main(int argc, char **argv)
{
    char link[4096], p[320];
    if (argc < 2)
        return 2;
    long n = TRY("readlink exe", syscall(SYS_readlinkat, AT_FDCWD, "/proc/self/exe", link, sizeof link - 1));
    if (n >= 0) {
        link[n] = 0;
        printf("exe is the program: %s\n", strcmp(link, argv[1]) ? link : "yes");
    }
    snprintf(p, sizeof p, "/proc/%d/exe", getpid());
    n = TRY("readlink pid exe", syscall(SYS_readlinkat, AT_FDCWD, p, link, sizeof link - 1));
    if (n >= 0) {
        link[n] = 0;
        printf("pid exe is the program: %s\n", strcmp(link, argv[1]) ? link : "yes");
    }
    DIR *d = opendir("/proc/self/fd");
    int fds = 0, rvemu = 0;
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(p, sizeof p, "/proc/self/fd/%s", e->d_name);
        n = syscall(SYS_readlinkat, AT_FDCWD, p, link, sizeof link - 1);
        link[n > 0 ? n : 0] = 0;
        fds++;
        /* the emulator's own binary or files, not a build tree named after it */
        size_t len = strlen(link);
        rvemu |= len >= 6 && strcmp(link + len - 6, "/rvemu") == 0;
    }
    printf("fd listing: %s\n", d ? "ok" : ename(errno));
    printf("fd links name rvemu: %s\n", rvemu ? "yes" : "no");
    return 0;
}
