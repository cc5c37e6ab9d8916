/* Own case: symlink swapping. Thread B keeps replacing work/x between a regular file and a
 * symlink to the secret (argv[1]), and work/new between nothing and a symlink to a file
 * outside (argv[2]); thread A opens x to read and creates new with O_CREAT to write "PWNED".
 * The check and the use see the same object, so nothing outside is read or written. Also a
 * hard link to the secret. argv[3]: rounds. */
#include "hostile.h"
#include <pthread.h>
#include <stdlib.h>

static const char *secret, *target;
static volatile int stop;

static void *swapper(void *arg)
{
    (void)arg;
    while (!stop) {
        symlink(secret, "x.tmp");
        rename("x.tmp", "x");
        int fd = (int)syscall(SYS_openat, AT_FDCWD, "x.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            write(fd, "plain\n", 6);
            close(fd);
        }
        rename("x.tmp", "x");
        symlink(target, "new");
        unlink("new");
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    secret = argv[1];
    target = argv[2];
    int rounds = atoi(argv[3]), leaked = 0, plain = 0;
    TRY("hard link to the secret", link(secret, "hl"));
    pthread_t t;
    pthread_create(&t, NULL, swapper, NULL);
    for (int i = 0; i < rounds; i++) {
        char buf[64];
        int fd = (int)syscall(SYS_openat, AT_FDCWD, "x", O_RDONLY, 0);
        if (fd >= 0) {
            long k = read(fd, buf, sizeof buf - 1);
            close(fd);
            buf[k > 0 ? k : 0] = 0;
            leaked += strstr(buf, "SECRET") != NULL;
            plain += !strcmp(buf, "plain\n");
        }
        fd = (int)syscall(SYS_openat, AT_FDCWD, "new", O_WRONLY | O_CREAT, 0644);
        if (fd >= 0) {
            write(fd, "PWNED\n", 6);
            close(fd);
        }
    }
    stop = 1;
    pthread_join(t, NULL);
    printf("read the plain file: %s\n", plain ? "yes" : "no");
    printf("secret read: %d times\n", leaked);
    return 0;
}
