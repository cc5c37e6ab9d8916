/* pthread_cancel and setuid in a threaded program use glibc's internal signals 32 and 33,
 * which rvemu must carry on other host signals (the host glibc keeps 32 and 33). */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *sleeper(void *a)
{
    for (;;)
        sleep(1);       /* a cancellation point */
    return a;
}

static void *spinner(void *a)
{
    int old;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
    for (volatile unsigned long i = 0;; i++)
        ;
    return a;
}

int main(void)
{
    pthread_t t;
    void *r;
    alarm(20);
    pthread_create(&t, 0, sleeper, 0);
    usleep(50000);
    pthread_cancel(t);
    pthread_join(t, &r);
    printf("deferred cancel in sleep: %d\n", r == PTHREAD_CANCELED);
    pthread_create(&t, 0, spinner, 0);
    usleep(50000);
    pthread_cancel(t);
    pthread_join(t, &r);
    printf("asynchronous cancel of a spinning thread: %d\n", r == PTHREAD_CANCELED);
    pthread_create(&t, 0, sleeper, 0);
    printf("setuid(getuid()) with a second thread: %d\n", setuid(getuid()));
    pthread_cancel(t);
    pthread_join(t, &r);
    return 0;
}
