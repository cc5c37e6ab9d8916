/* Case 20: a double fetch: thread B flips a path buffer between "ok.txt" and the secret
 * (argv[1]) while thread A opens and reads through it. The shim copies the path once and
 * checks the copy, so A reads work data or gets EACCES, never the secret. argv[2]: rounds. */
#include "hostile.h"
#include <pthread.h>
#include <stdlib.h>

static char path[4096];
static const char *secret;
static volatile int stop;

static void *flipper(void *arg)
{
    (void)arg;
    size_t n = strlen(secret) + 1;
    while (!stop) {
        memcpy(path, secret, n);
        memcpy(path, "ok.txt", 7);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    secret = argv[1];
    int rounds = atoi(argv[2]), work = 0, refused = 0, leaked = 0, other = 0;
    strcpy(path, "ok.txt");
    pthread_t t;
    pthread_create(&t, NULL, flipper, NULL);
    for (int i = 0; i < rounds; i++) {
        char buf[128];
        int fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_RDONLY, 0);
        if (fd < 0) {
            refused += errno == EACCES;
            other += errno != EACCES;
            continue;
        }
        long k = read(fd, buf, sizeof buf - 1);
        close(fd);
        buf[k > 0 ? k : 0] = 0;
        work += !strncmp(buf, "work data", 9);
        leaked += strstr(buf, "SECRET") != NULL;
    }
    stop = 1;
    pthread_join(t, NULL);
    printf("opened work data: %s\n", work ? "yes" : "no");
    printf("secret read: %d times\n", leaked);
    printf("refused: %s\n", refused ? "yes" : "no");
    return 0;
}
