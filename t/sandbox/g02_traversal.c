/* Case 2: leaving the tree by "..", by symlinks the guest plants (relative and absolute), by
 * /proc/self/root, /proc/self/cwd and /proc/self/fd/N magic links. argv[1]: the work tree. */
#include "hostile.h"

int main(int argc, char **argv)
{
    char buf[256], p[512];
    if (argc < 2)
        return 2;
    int dir = (int)TRY("open work dir", syscall(SYS_openat, AT_FDCWD, argv[1], O_RDONLY | O_DIRECTORY, 0));
    TRY("dotdot from cwd", slurp("../outside/secret", buf, sizeof buf));
    TRY("dotdot from dirfd", syscall(SYS_openat, dir, "../outside/secret", O_RDONLY, 0));
    TRY("deep dotdot", syscall(SYS_openat, dir, "../../../../../../../../etc/passwd", O_RDONLY, 0));
    TRY("plant relative symlink", symlink("../outside", "link"));
    TRY("through relative symlink", slurp("link/secret", buf, sizeof buf));
    TRY("plant absolute symlink", symlink("/etc", "etc"));
    TRY("through absolute symlink", slurp("etc/passwd", buf, sizeof buf));
    TRY("plant file symlink", symlink("../outside/secret", "s"));
    TRY("through file symlink", slurp("s", buf, sizeof buf));
    TRY("proc root", slurp("/proc/self/root/etc/passwd", buf, sizeof buf));
    TRY("proc cwd", slurp("/proc/self/cwd/../outside/secret", buf, sizeof buf));
    snprintf(p, sizeof p, "/proc/self/fd/%d/../outside/secret", dir);
    TRY("proc fd dir", slurp(p, buf, sizeof buf));
    TRY("chdir out", chdir(".."));
    TRY("still in work", slurp("ok.txt", buf, sizeof buf));
    return 0;
}
