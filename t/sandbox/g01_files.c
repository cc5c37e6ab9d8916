/* Case 1: files outside the allowed trees (a secret beside the work tree, /etc/shadow, an ssh
 * key): reading, stat and creating fail; the work tree still works. argv[1]: the secret,
 * argv[2]: a file to create outside. */
#include "hostile.h"
#include <sys/stat.h>

int main(int argc, char **argv)
{
    char buf[256];
    struct stat st;
    if (argc < 3)
        return 2;
    static const char *const label[] = { "read secret", "read shadow", "read ssh key" };
    const char *path[] = { argv[1], "/etc/shadow", "/root/.ssh/id_rsa" };
    for (int i = 0; i < 3; i++)
        if (report(label[i], slurp(path[i], buf, sizeof buf), 0) >= 0)
            printf("  leaked: %s\n", buf);
    TRY("stat secret", syscall(SYS_newfstatat, AT_FDCWD, argv[1], &st, 0));
    TRY("access secret", syscall(SYS_faccessat, AT_FDCWD, argv[1], R_OK));
    TRY("create outside", syscall(SYS_openat, AT_FDCWD, argv[2], O_WRONLY | O_CREAT, 0644));
    TRY("read work", slurp("ok.txt", buf, sizeof buf));
    TRY("create work", syscall(SYS_openat, AT_FDCWD, "new.txt", O_WRONLY | O_CREAT, 0644));
    return 0;
}
