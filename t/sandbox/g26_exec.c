/* Own case: execve under strict. A riscv64 program inside the allowed trees runs (under
 * rvemu, in the same sandbox: it cannot read the secret either, and adds its own filter on
 * top); one outside them is refused. argv: "parent" SECRET OUTSIDE-PROGRAM, or "child"
 * SECRET. */
#include "hostile.h"
#include <stdlib.h>

int main(int argc, char **argv)
{
    char buf[4096];
    if (argc < 3)
        return 2;
    if (!strcmp(argv[1], "child")) {
        TRY("child: read secret", slurp(argv[2], buf, sizeof buf));
        TRY("child: read work", slurp("ok.txt", buf, sizeof buf));
        if (slurp("/proc/self/status", buf, sizeof buf) > 0) {
            char *f = strstr(buf, "Seccomp_filters:");
            int n = f ? (int)strtol(f + 16, NULL, 10) : -1;
            printf("child: seccomp filters: %s\n", n >= 2 ? "stacked" : n == 1 ? "one" : "none");
        }
        return 0;
    }
    if (argc < 4)
        return 2;
    char *const env[] = { NULL };
    char *const out[] = { "prog", "child", argv[2], NULL };
    TRY("exec outside program", syscall(SYS_execve, argv[3], out, env));
    char *const in[] = { "child.elf", "child", argv[2], NULL };
    TRY("exec work program", syscall(SYS_execve, "./child.elf", in, env));
    return 1;
}
