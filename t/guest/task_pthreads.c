/* POSIX threads: a mutex-protected counter, a condition-variable producer/consumer queue,
 * a reader/writer lock, a barrier, __thread TLS per thread, joined and detached threads
 * (detached ones post a semaphore when done), pthread_once, and thread-specific data with a
 * destructor. Only totals are printed, so the output does not depend on scheduling. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NTHREADS 8
#define ITERS 20000

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAILED: %s\n", what);
        exit(1);
    }
}

/* ---- mutex-protected counter ---- */
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *count_worker(void *arg)
{
    long n = (long)arg;
    for (long i = 0; i < n; i++) {
        pthread_mutex_lock(&count_lock);
        counter++;
        pthread_mutex_unlock(&count_lock);
    }
    return (void *)(n * 2);
}

/* ---- bounded queue with two condition variables ---- */
#define QSIZE 16
static struct {
    pthread_mutex_t lock;
    pthread_cond_t not_full, not_empty;
    long items[QSIZE];
    int head, tail, count;
} q = {.lock = PTHREAD_MUTEX_INITIALIZER, .not_full = PTHREAD_COND_INITIALIZER, .not_empty = PTHREAD_COND_INITIALIZER};

static void q_put(long v)
{
    pthread_mutex_lock(&q.lock);
    while (q.count == QSIZE)
        pthread_cond_wait(&q.not_full, &q.lock);
    q.items[q.tail] = v;
    q.tail = (q.tail + 1) % QSIZE;
    q.count++;
    pthread_cond_signal(&q.not_empty);
    pthread_mutex_unlock(&q.lock);
}

static long q_get(void)
{
    pthread_mutex_lock(&q.lock);
    while (q.count == 0)
        pthread_cond_wait(&q.not_empty, &q.lock);
    long v = q.items[q.head];
    q.head = (q.head + 1) % QSIZE;
    q.count--;
    pthread_cond_signal(&q.not_full);
    pthread_mutex_unlock(&q.lock);
    return v;
}

#define NPROD 4
#define NCONS 4
#define PER_PROD 2000

static void *producer(void *arg)
{
    long id = (long)arg;
    for (long i = 1; i <= PER_PROD; i++)
        q_put(id * 100000 + i);
    return NULL;
}

struct cons_result {
    long sum, n;
};

static void *consumer(void *arg)
{
    struct cons_result *r = arg;
    for (;;) {
        long v = q_get();
        if (v < 0)
            break; /* poison pill */
        r->sum += v;
        r->n++;
    }
    return NULL;
}

/* ---- reader/writer lock: writers keep two fields equal, readers check it ---- */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long rw_a, rw_b;
static long rw_bad; /* protected by count_lock */

static void *rw_writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 3000; i++) {
        pthread_rwlock_wrlock(&rw);
        rw_a++;
        for (volatile int k = 0; k < 5; k++)
            ;
        rw_b++;
        pthread_rwlock_unlock(&rw);
    }
    return NULL;
}

static void *rw_reader(void *arg)
{
    (void)arg;
    long bad = 0;
    for (int i = 0; i < 3000; i++) {
        pthread_rwlock_rdlock(&rw);
        if (rw_a != rw_b)
            bad++;
        pthread_rwlock_unlock(&rw);
    }
    pthread_mutex_lock(&count_lock);
    rw_bad += bad;
    pthread_mutex_unlock(&count_lock);
    return NULL;
}

/* ---- barrier, TLS, once, thread-specific data ---- */
static pthread_barrier_t barrier;
static __thread long tls_value = 7;
static __thread char tls_buf[64];
static long tls_sum, tls_init_seen, serial_count, phase_errors;
static int phase_done[NTHREADS];

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_calls;
static void once_fn(void)
{
    once_calls++;
}

static pthread_key_t key;
static long destructor_calls, destructor_sum;
static void key_destructor(void *p)
{
    pthread_mutex_lock(&count_lock);
    destructor_calls++;
    destructor_sum += (long)p;
    pthread_mutex_unlock(&count_lock);
}

static void *barrier_worker(void *arg)
{
    long id = (long)arg;
    pthread_once(&once, once_fn);
    pthread_mutex_lock(&count_lock);
    tls_init_seen += tls_value; /* every thread starts with the initial value 7 */
    pthread_mutex_unlock(&count_lock);
    tls_value = 1000 + id;
    snprintf(tls_buf, sizeof tls_buf, "thread-%ld", id);
    pthread_setspecific(key, (void *)(id + 1));

    for (int phase = 0; phase < 3; phase++) {
        pthread_mutex_lock(&count_lock);
        phase_done[id] = phase + 1;
        pthread_mutex_unlock(&count_lock);
        int r = pthread_barrier_wait(&barrier);
        if (r == PTHREAD_BARRIER_SERIAL_THREAD) {
            pthread_mutex_lock(&count_lock);
            serial_count++;
            pthread_mutex_unlock(&count_lock);
        } else if (r != 0) {
            check(0, "pthread_barrier_wait");
        }
        /* past the barrier every thread has finished this phase */
        pthread_mutex_lock(&count_lock);
        for (int t = 0; t < NTHREADS; t++)
            if (phase_done[t] < phase + 1)
                phase_errors++;
        pthread_mutex_unlock(&count_lock);
        pthread_barrier_wait(&barrier);
    }
    /* other threads' writes to their own TLS did not touch ours */
    char want[64];
    snprintf(want, sizeof want, "thread-%ld", id);
    check(tls_value == 1000 + id && strcmp(tls_buf, want) == 0, "TLS isolation");
    check(pthread_getspecific(key) == (void *)(id + 1), "pthread_getspecific");
    pthread_mutex_lock(&count_lock);
    tls_sum += tls_value;
    pthread_mutex_unlock(&count_lock);
    return NULL;
}

/* ---- detached threads ---- */
static sem_t detached_done;
static long detached_sum;
static void *detached_worker(void *arg)
{
    long v = (long)arg;
    pthread_mutex_lock(&count_lock);
    detached_sum += v;
    pthread_mutex_unlock(&count_lock);
    sem_post(&detached_done);
    return NULL;
}

int main(void)
{
    alarm(20);
    pthread_t th[NTHREADS];

    /* joined threads and their return values */
    long ret_sum = 0;
    for (long i = 0; i < NTHREADS; i++)
        check(pthread_create(&th[i], NULL, count_worker, (void *)(long)ITERS) == 0, "create");
    for (int i = 0; i < NTHREADS; i++) {
        void *rv;
        check(pthread_join(th[i], &rv) == 0, "join");
        ret_sum += (long)rv;
    }
    printf("mutex counter: %ld (expected %d)\n", counter, NTHREADS * ITERS);
    printf("join return values: %ld\n", ret_sum);

    /* producer/consumer */
    pthread_t prod[NPROD], cons[NCONS];
    struct cons_result res[NCONS];
    memset(res, 0, sizeof res);
    for (long i = 0; i < NCONS; i++)
        pthread_create(&cons[i], NULL, consumer, &res[i]);
    for (long i = 0; i < NPROD; i++)
        pthread_create(&prod[i], NULL, producer, (void *)(i + 1));
    for (int i = 0; i < NPROD; i++)
        pthread_join(prod[i], NULL);
    for (int i = 0; i < NCONS; i++)
        q_put(-1);
    long qsum = 0, qn = 0;
    for (int i = 0; i < NCONS; i++) {
        pthread_join(cons[i], NULL);
        qsum += res[i].sum;
        qn += res[i].n;
    }
    long want = 0;
    for (long p = 1; p <= NPROD; p++)
        want += p * 100000 * PER_PROD + (long)PER_PROD * (PER_PROD + 1) / 2;
    printf("queue: %ld items, sum %ld (%s)\n", qn, qsum, qsum == want ? "ok" : "WRONG");

    /* rwlock */
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&th[i], NULL, i < 2 ? rw_writer : rw_reader, NULL);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    printf("rwlock: writes %ld/%ld, inconsistent reads %ld\n", rw_a, rw_b, rw_bad);
    /* trylock semantics */
    pthread_rwlock_rdlock(&rw);
    printf("rwlock: tryrdlock while read-held %d, trywrlock while read-held %s\n",
           pthread_rwlock_tryrdlock(&rw), pthread_rwlock_trywrlock(&rw) == EBUSY ? "EBUSY" : "?");
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_unlock(&rw);
    pthread_mutex_lock(&count_lock);
    printf("mutex trylock while held: %s\n", pthread_mutex_trylock(&count_lock) == EBUSY ? "EBUSY" : "?");
    pthread_mutex_unlock(&count_lock);

    /* barrier, TLS, once, TSD */
    pthread_barrier_init(&barrier, NULL, NTHREADS);
    pthread_key_create(&key, key_destructor);
    tls_value = 42;
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&th[i], NULL, barrier_worker, (void *)i);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&barrier);
    printf("barrier: serial threads %ld (expected 3), phase errors %ld\n", serial_count, phase_errors);
    printf("tls: initial values %ld, final sum %ld, main still %ld\n", tls_init_seen, tls_sum, tls_value);
    printf("once: %d call(s)\n", once_calls);
    printf("tsd destructors: %ld calls, sum %ld\n", destructor_calls, destructor_sum);
    pthread_key_delete(key);

    /* detached threads: both via attribute and pthread_detach */
    sem_init(&detached_done, 0, 0);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (long i = 0; i < NTHREADS; i++) {
        pthread_t t;
        if (i % 2) {
            check(pthread_create(&t, &attr, detached_worker, (void *)(i + 1)) == 0, "create detached");
        } else {
            check(pthread_create(&t, NULL, detached_worker, (void *)(i + 1)) == 0, "create");
            check(pthread_detach(t) == 0, "pthread_detach");
        }
    }
    pthread_attr_destroy(&attr);
    for (int i = 0; i < NTHREADS; i++)
        while (sem_wait(&detached_done) != 0 && errno == EINTR)
            ;
    printf("detached: sum %ld\n", detached_sum);

    /* a thread with a small explicit stack, and pthread_self/equal */
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    counter = 0;
    pthread_t small;
    check(pthread_create(&small, &attr, count_worker, (void *)5L) == 0, "create small stack");
    check(!pthread_equal(small, pthread_self()), "pthread_equal");
    pthread_join(small, NULL);
    pthread_attr_destroy(&attr);
    printf("small stack thread: counter %ld\n", counter);
    return 0;
}
