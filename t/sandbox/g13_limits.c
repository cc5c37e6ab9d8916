/* Case 13: resource exhaustion, by argv[1]: "mem" (mmap 2^39, a loop of 16 MiB mappings, brk
 * growth), "threads" (threads until clone fails), "spin" (for (;;);), "block" (a thread
 * blocked in the host forever). The limits turn them into ENOMEM, EAGAIN or a stop. */
#include "hostile.h"
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

static void *blocker(void *arg)
{
    (void)arg;
    pause();
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!strcmp(argv[1], "mem")) {
        const int anon = MAP_PRIVATE | MAP_ANONYMOUS, rw = PROT_READ | PROT_WRITE;
        TRY("mmap 2^39", syscall(SYS_mmap, 0, 1ull << 39, rw, anon, -1, 0) == -1 ? -1 : 0);
        int n = 0;
        while (n < 4096 && syscall(SYS_mmap, 0, 16 << 20, rw, anon | MAP_NORESERVE, -1, 0) != -1)
            n++;
        printf("16 MiB mappings: %d, then %s\n", n, ename(errno));
        uintptr_t b0 = (uintptr_t)syscall(SYS_brk, 0), b = b0;
        while (b - b0 < (1ull << 36)) {
            uintptr_t nb = (uintptr_t)syscall(SYS_brk, b + (16 << 20));
            if (nb == b)
                break;
            b = nb;
        }
        printf("brk grew by %s\n", b - b0 < (1ull << 36) ? "a bounded amount" : "64 GiB");
        puts("alive");
    } else if (!strcmp(argv[1], "threads")) {
        int n = 0, e = 0;
        pthread_t t;
        while (n < 10000 && !(e = pthread_create(&t, NULL, blocker, NULL)))
            n++;
        printf("threads: %d, then %s\n", n, e ? ename(e) : "none");
        puts("alive");
        return 0;
    } else if (!strcmp(argv[1], "spin")) {
        puts("spinning");
        fflush(stdout);
        for (volatile unsigned long i = 0;; i++)
            ;
    } else if (!strcmp(argv[1], "block")) {
        pthread_t t;
        pthread_create(&t, NULL, blocker, NULL);
        puts("blocking");
        fflush(stdout);
        pause();
    }
    return 0;
}
