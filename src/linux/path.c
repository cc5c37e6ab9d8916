/* Guest paths: copied out of guest memory once, then mapped the way qemu-riscv64 does:
 * /proc/self/exe is the guest program, and absolute paths are looked up under the -L prefix
 * first (the riscv64 sysroot holding ld.so and the libraries), falling back to the host path. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "linux/syscall.h"
#include "linux/path.h"

static const char *const sysroots[] = {
    "/usr/riscv64-linux-gnu", "/usr/gnemul/qemu-riscv64", "/etc/qemu-binfmt/riscv64", NULL };

char *rv_prefix_resolve(const char *given)
{
    if (given)
        return realpath(given, NULL);
    for (int i = 0; sysroots[i]; i++) {
        struct stat st;
        if (stat(sysroots[i], &st) == 0 && S_ISDIR(st.st_mode))
            return realpath(sysroots[i], NULL);
    }
    return NULL;
}

static int map_path(const struct rv_machine *m, const char *in, char *out, size_t cap)
{
    /* the guest's /proc/self/exe is the guest program, not rvemu */
    if (m->exe_path && (strcmp(in, "/proc/self/exe") == 0)) {
        if (strlen(m->exe_path) >= cap)
            return -ENAMETOOLONG;
        strcpy(out, m->exe_path);
        return 0;
    }
    if (m->ld_prefix && in[0] == '/' && in[1] && strncmp(in, "/proc/", 6) != 0 &&
        strncmp(in, "/dev/", 5) != 0 && strncmp(in, "/sys/", 5) != 0) {
        char tmp[PATH_MAX];
        struct stat st;
        int n = snprintf(tmp, sizeof tmp, "%s%s", m->ld_prefix, in);
        if (n > 0 && (size_t)n < sizeof tmp && (size_t)n < cap && fstatat(AT_FDCWD, tmp, &st, AT_SYMLINK_NOFOLLOW) == 0) {
            memcpy(out, tmp, (size_t)n + 1);
            return 0;
        }
    }
    if (strlen(in) >= cap)
        return -ENAMETOOLONG;
    if (out != in)
        strcpy(out, in);
    return 0;
}

int rv_path_map(const struct rv_machine *m, const char *in, char *out, size_t cap)
{
    int e = map_path(m, in, out, cap);
    /* under the sandbox, the policy decides on the mapped copy (and may rewrite it) */
    return e || !m->sbx ? e : rv_sandbox_path(m, out, cap);
}

int sys_path(struct rv_cpu *cpu, uint64_t a, char *buf, size_t cap)
{
    char raw[PATH_MAX];
    long n = rv_strcpy_from_guest(MEM, raw, a, sizeof raw);
    if (n < 0)
        return (int)n;
    return rv_path_map(cpu->m, raw, buf, cap);
}
