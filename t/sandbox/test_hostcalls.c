/* The seccomp allowlist cannot go stale: every row of the syscall table (syscalls.def and
 * syscalls-task.def, read through the same X-macro as the dispatcher) has its row in
 * sandbox/hostcalls.def and no row there names a syscall the table lost; every host syscall
 * named resolves on this architecture (unless marked '?'); and every ioctl request that
 * sys_term.c passes to the host is in the filter's list. Exit 0 or 1 (the TAP-less way). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sandbox/sbx.h"
#include "sandbox/bpf.h"

static const char *const table[] = {
#define SYSCALL(nr, name, kinds) #name,
#include "linux/syscalls.def"
#include "linux/syscalls-task.def"
#undef SYSCALL
};
static const struct { const char *guest; int cls; const char *hosts; } rows[] = {
#define HOST(g, c, h) { #g, c, h },
#define BASE(g, c, h) { NULL, c, h },
#define IOCTL(n)
#include "sandbox/hostcalls.def"
#undef HOST
#undef BASE
#undef IOCTL
};
static const unsigned long ioctls[] = {
#define HOST(g, c, h)
#define BASE(g, c, h)
#define IOCTL(n) n,
#include "sandbox/hostcalls.def"
};
#define N(a) (sizeof (a) / sizeof *(a))

static int fails;
static void fail(const char *what, const char *name)
{
    printf("FAIL: %s: %s\n", what, name);
    fails++;
}

static void check_rows(void)
{
    for (size_t i = 0; i < N(table); i++) {
        size_t k = 0;
        while (k < N(rows) && (!rows[k].guest || strcmp(rows[k].guest, table[i])))
            k++;
        if (k == N(rows))
            fail("syscall table row without a hostcalls.def row (what does its handler call?)",
                 table[i]);
    }
    for (size_t k = 0; k < N(rows); k++) {
        size_t i = 0;
        while (rows[k].guest && i < N(table) && strcmp(rows[k].guest, table[i]))
            i++;
        if (rows[k].guest && i == N(table))
            fail("hostcalls.def row for a syscall the table does not have", rows[k].guest);
    }
}

static void check_names(void)
{
    for (size_t k = 0; k < N(rows); k++)
        for (const char *p = rows[k].hosts; *p;) {
            size_t len = strcspn(p, " ");
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)len, p);
            int optional = len && name[len - 1] == '?';
            if (optional)
                name[len - 1] = 0;
            if (!optional && sbx_sys_nr(name) < 0)
                fail("host syscall unknown on this architecture (mark it with '?')", name);
            p += len;
            p += strspn(p, " ");
        }
}

/* the iocs[] table of sys_term.c: "{ 0x5401, A_PTR, 36 }" entries up to its "};" */
static void check_ioctls(const char *srcdir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/src/linux/sys_term.c", srcdir);
    FILE *f = fopen(path, "r");
    if (!f) {
        fail("cannot read", path);
        return;
    }
    static char text[1 << 18];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    char *p = strstr(text, "iocs[] = {"), *end = p ? strstr(p, "};") : NULL;
    int seen = 0;
    for (; p && end && (p = strstr(p, "{ 0x")) && p < end; p += 4) {
        unsigned long req = strtoul(p + 2, NULL, 16);
        size_t i = 0;
        while (i < N(ioctls) && ioctls[i] != req)
            i++;
        seen++;
        if (i == N(ioctls)) {
            char hex[32];
            snprintf(hex, sizeof hex, "%#lx", req);
            fail("ioctl request of sys_term.c missing from hostcalls.def", hex);
        }
    }
    if (seen < 10)
        fail("sys_term.c's iocs[] table not found", path);
}

int main(void)
{
    const char *srcdir = getenv("top_srcdir");
    check_rows();
    check_names();
    check_ioctls(srcdir ? srcdir : ".");
    printf("%zu syscall table rows, %zu hostcalls.def rows, %zu ioctl requests: %s\n",
           N(table), N(rows), N(ioctls), fails ? "FAIL" : "ok");
    return fails != 0;
}
