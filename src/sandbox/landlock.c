/* Landlock, the strict policy's second wall: the kernel itself refuses opens outside the
 * allowed trees even if a path check in the shim were wrong or raced, and (where the kernel's
 * Landlock ABI has them) TCP without --allow-net, signals to processes outside the sandbox and
 * connections to abstract unix sockets outside it. Best effort by ABI version; constants are
 * spelled out here because older kernel headers lack the newer ones. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sandbox/sbx.h"

#define LL_CREATE 444           /* landlock_create_ruleset, the same number everywhere */
#define LL_ADD_RULE 445
#define LL_RESTRICT 446
#define LL_VERSION 1u

#define FS_EXECUTE (1ull << 0)
#define FS_WRITE_FILE (1ull << 1)
#define FS_READ_FILE (1ull << 2)
#define FS_READ_DIR (1ull << 3)
#define FS_REMOVE_DIR (1ull << 4)
#define FS_REMOVE_FILE (1ull << 5)
#define FS_MAKE_CHAR (1ull << 6)
#define FS_MAKE_DIR (1ull << 7)
#define FS_MAKE_REG (1ull << 8)
#define FS_MAKE_SOCK (1ull << 9)
#define FS_MAKE_FIFO (1ull << 10)
#define FS_MAKE_BLOCK (1ull << 11)
#define FS_MAKE_SYM (1ull << 12)
#define FS_REFER (1ull << 13)           /* ABI 2 */
#define FS_TRUNCATE (1ull << 14)        /* ABI 3 */
#define FS_IOCTL_DEV (1ull << 15)       /* ABI 5 */
#define NET_BIND_TCP (1ull << 0)        /* ABI 4 */
#define NET_CONNECT_TCP (1ull << 1)
#define SCOPE_ABSTRACT_UNIX (1ull << 0) /* ABI 6 */
#define SCOPE_SIGNAL (1ull << 1)

struct ll_ruleset { uint64_t fs, net, scoped; };
struct ll_path { uint64_t allowed; int32_t fd; } __attribute__((packed));
enum { LL_RULE_PATH = 1 };

#define FS_FILE_RIGHTS (FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV)
#define FS_READ (FS_READ_FILE | FS_READ_DIR)
#define FS_WRITE (FS_READ | FS_WRITE_FILE | FS_REMOVE_DIR | FS_REMOVE_FILE | FS_MAKE_DIR | \
                  FS_MAKE_REG | FS_MAKE_SOCK | FS_MAKE_FIFO | FS_MAKE_SYM | FS_REFER | FS_TRUNCATE)

/* one rule: rights on the tree (or file) at path, or at fd when path is NULL */
static int rule(int ruleset, uint64_t handled, const char *path, int fd, uint64_t rights)
{
    int own = -1;
    struct stat st;
    if (path) {
        own = fd = open(path, O_PATH | O_CLOEXEC);
        if (fd < 0)
            return 0;           /* not on this system: nothing to allow */
    }
    int r = 0;
    if (fstat(fd, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            rights &= FS_FILE_RIGHTS;
        struct ll_path pb = { rights & handled, fd };
        if (pb.allowed && syscall(LL_ADD_RULE, ruleset, LL_RULE_PATH, &pb, 0) != 0)
            r = -errno;
    }
    if (own >= 0)
        close(own);
    return r;
}

/* rvemu runs again for a guest execve: its own binary and, when it is dynamically linked,
 * the loader and libraries it has mapped (and the loader's cache) must stay executable and
 * readable for that */
static int own_files(int ruleset, uint64_t handled)
{
    FILE *f = fopen("/proc/self/maps", "re");
    char line[4352], last[4096] = "";
    int r = 0;
    while (!r && f && fgets(line, sizeof line, f)) {
        char *path = strchr(line, '/');
        if (!path || strstr(line, " (deleted)"))
            continue;
        path[strcspn(path, "\n")] = 0;
        if (!strcmp(path, last) || strlen(path) >= sizeof last)
            continue;
        strcpy(last, path);
        r = rule(ruleset, handled, path, -1, FS_READ_FILE | FS_EXECUTE);
    }
    if (f)
        fclose(f);
    return r ? r : rule(ruleset, handled, "/etc/ld.so.cache", -1, FS_READ_FILE);
}

int sbx_landlock(struct rv_sandbox *s)
{
    long abi = syscall(LL_CREATE, NULL, 0, LL_VERSION);
    if (abi < 1)
        return 0;               /* not built in, or not enabled at boot */
    struct ll_ruleset attr = { 0, 0, 0 };
    attr.fs = FS_WRITE | FS_EXECUTE | FS_MAKE_CHAR | FS_MAKE_BLOCK;
    if (abi < 2)
        attr.fs &= ~FS_REFER;
    if (abi < 3)
        attr.fs &= ~FS_TRUNCATE;
    if (abi >= 5)
        attr.fs |= FS_IOCTL_DEV;
    size_t size = sizeof attr.fs;
    if (abi >= 4) {
        attr.net = s->allow_net ? 0 : NET_BIND_TCP | NET_CONNECT_TCP;
        size = 2 * sizeof attr.fs;
    }
    if (abi >= 6) {
        attr.scoped = SCOPE_ABSTRACT_UNIX | SCOPE_SIGNAL;
        size = sizeof attr;
    }
    int rs = (int)syscall(LL_CREATE, &attr, size, 0);
    if (rs < 0)
        return -errno;
    int r = 0;
    for (int i = 0; !r && i < s->nroots; i++)
        r = rule(rs, attr.fs, NULL, s->roots[i].fd, s->roots[i].write ? FS_WRITE : FS_READ);
    /* the devices any program may use (the shim checks which, and which way) */
    static const char *const rw[] = { "/dev/null", "/dev/zero", "/dev/full", NULL };
    static const char *const ro[] = { "/dev/random", "/dev/urandom", "/sys/devices/system/cpu",
                                      NULL };
    for (int i = 0; !r && rw[i]; i++)
        r = rule(rs, attr.fs, rw[i], -1, FS_READ_FILE | FS_WRITE_FILE);
    for (int i = 0; !r && ro[i]; i++)
        r = rule(rs, attr.fs, ro[i], -1, FS_READ);
    /* /proc: the shim's own emulation reads there (the guest gets only its own files) */
    if (!r)
        r = rule(rs, attr.fs, "/proc", -1, FS_READ);
    if (!r && s->m->self_path)
        r = rule(rs, attr.fs, s->m->self_path, -1, FS_READ_FILE | FS_EXECUTE);
    if (!r)
        r = own_files(rs, attr.fs);
    if (!r && syscall(LL_RESTRICT, rs, 0) != 0)
        r = -errno;
    close(rs);
    if (r)
        return r;
    s->landlock_abi = (int)abi;
    return (int)abi;
}
