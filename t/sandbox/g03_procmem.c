/* Case 3: the emulator's memory through /proc: /proc/self/mem (and the same by pid and
 * thread) cannot be opened, and /proc/self/maps shows guest mappings only: every address
 * inside the guest space, no host path of rvemu. argv[1]: the size of the guest space. */
#include "hostile.h"
#include <stdlib.h>

int main(int argc, char **argv)
{
    char p[64], maps[1 << 16];
    unsigned long long space = argc > 1 ? strtoull(argv[1], NULL, 0) : 1ull << 38;
    TRY("open self mem", syscall(SYS_openat, AT_FDCWD, "/proc/self/mem", O_RDWR, 0));
    TRY("open self mem ro", syscall(SYS_openat, AT_FDCWD, "/proc/self/mem", O_RDONLY, 0));
    snprintf(p, sizeof p, "/proc/%d/mem", getpid());
    TRY("open pid mem", syscall(SYS_openat, AT_FDCWD, p, O_RDWR, 0));
    TRY("open thread mem", syscall(SYS_openat, AT_FDCWD, "/proc/thread-self/mem", O_RDWR, 0));
    if (report("read maps", slurp("/proc/self/maps", maps, sizeof maps), 0) < 0)
        return 0;
    int inside = 1, lines = 0;
    for (char *l = maps; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
        unsigned long long lo, hi;
        if (sscanf(l, "%llx-%llx", &lo, &hi) != 2)
            break;
        lines++;
        inside &= hi <= space;
    }
    printf("maps lines: %s\n", lines > 3 ? "several" : "few");
    printf("maps inside the guest space: %s\n", inside ? "yes" : "no");
    /* the program's own path may contain anything (a build tree named after rvemu): look
     * for the emulator binary itself, i.e. a path ending in "/rvemu" */
    int names = 0;
    for (char *l = maps; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
        char *e = strchr(l, '\n');
        size_t n = e ? (size_t)(e - l) : strlen(l);
        names |= n >= 6 && strncmp(l + n - 6, "/rvemu", 6) == 0;
    }
    printf("maps names rvemu: %s\n", names ? "yes" : "no");
    return 0;
}
