/* Limits of every policy: wall-clock time and instructions, enforced by a watcher thread that
 * wakes the run loops (rv_cpu_kick) so that even `for (;;);` comes back to the loop, where the
 * instruction count is checked; memory (rv_mem_map refuses beyond mem.limit) and threads
 * (the gate refuses clone) need no thread. A stopped guest exits with a one-line message and
 * status 124 (time) or 125 (instructions); threads blocked in the host are ended by the
 * watcher after a grace period. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "sandbox/sbx.h"

#define TICK_NS 10000000L           /* instruction counts are looked at every 10 ms */
#define GRACE_NS 500000000L         /* then threads still in the host are not waited for */

static void add_ns(struct timespec *t, long ns)
{
    t->tv_nsec += ns;
    while (t->tv_nsec >= 1000000000L) {
        t->tv_nsec -= 1000000000L;
        t->tv_sec++;
    }
}

static int before(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void kick_all(struct rv_machine *m)
{
    pthread_mutex_lock(&m->threads_lock);
    for (struct rv_cpu *c = m->threads; c; c = c->next)
        rv_cpu_kick(c);
    pthread_mutex_unlock(&m->threads_lock);
}

void sbx_stop(struct rv_sandbox *s, int status, const char *why)
{
    if (__atomic_exchange_n(&s->stopping, 1, __ATOMIC_ACQ_REL))
        return;
    char msg[256];
    int n = snprintf(msg, sizeof msg, "rvemu: %s: the guest was stopped (exit status %d)\n",
                     why, status);
    if (n > 0) {
        ssize_t w = write(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
        (void)w;
    }
    struct rv_machine *m = s->m;
    __atomic_store_n(&m->exit_status, status, __ATOMIC_RELAXED);
    __atomic_store_n(&m->exiting, 1, __ATOMIC_RELEASE);    /* as exit_group does */
    kick_all(m);
}

void rv_sandbox_tick(struct rv_cpu *cpu)
{
    static _Thread_local uint64_t seen;     /* this thread's instructions already counted */
    struct rv_sandbox *s = cpu->m->sbx;
    if (!s || !s->max_insns)
        return;
    uint64_t d = cpu->instret - seen;
    seen = cpu->instret;
    if (__atomic_add_fetch(&s->insns, d, __ATOMIC_RELAXED) > s->max_insns) {
        char why[64];
        snprintf(why, sizeof why, "--max-insns=%llu reached", (unsigned long long)s->max_insns);
        sbx_stop(s, RV_SBX_EXIT_INSNS, why);
    }
}

static void *watch(void *arg)
{
    struct rv_sandbox *s = arg;
    struct rv_machine *m = s->m;
    for (;;) {
        struct timespec now, until;
        if (__atomic_load_n(&s->stopping, __ATOMIC_ACQUIRE)) {
            clock_gettime(CLOCK_MONOTONIC, &until);
            add_ns(&until, GRACE_NS);
            while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL) == EINTR)
                ;
            /* a thread is still blocked in the host (read, futex, sleep): end them all */
            syscall(SYS_exit_group, __atomic_load_n(&m->exit_status, __ATOMIC_RELAXED));
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (s->deadline.tv_sec && !before(&now, &s->deadline)) {
            char why[64];
            snprintf(why, sizeof why, "--timeout=%gs reached", m->opts.sandbox.timeout);
            sbx_stop(s, RV_SBX_EXIT_TIMEOUT, why);
            continue;
        }
        until = now;
        if (s->max_insns) {
            add_ns(&until, TICK_NS);
            if (s->deadline.tv_sec && before(&s->deadline, &until))
                until = s->deadline;
        } else {
            until = s->deadline;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
        if (s->max_insns)
            kick_all(m);        /* each run loop comes back and counts (rv_sandbox_tick) */
    }
    return NULL;
}

static int start_watcher(struct rv_sandbox *s)
{
    /* no host signal may land on the watcher: the guest's handlers run on guest threads */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_t t;
    int e = pthread_create(&t, &attr, watch, s);
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return -e;
}

/* a forked guest process keeps the limits (same deadline, the count so far): the watcher
 * thread did not survive the fork */
static void after_fork(void)
{
    struct rv_sandbox *s = &rv_sbx_state;
    if (s->m && (s->deadline.tv_sec || s->max_insns))
        start_watcher(s);
}

int sbx_limits_start(struct rv_sandbox *s)
{
    struct rv_machine *m = s->m;
    const struct rv_sandbox_opts *o = &m->opts.sandbox;
    m->mem.limit = o->max_memory;
    s->max_threads = o->max_threads;
    s->max_insns = o->max_insns;
    if (o->timeout > 0) {
        clock_gettime(CLOCK_MONOTONIC, &s->deadline);
        s->deadline.tv_sec += (time_t)o->timeout;
        add_ns(&s->deadline, (long)((o->timeout - (double)(time_t)o->timeout) * 1e9));
    }
    if (!s->deadline.tv_sec && !s->max_insns)
        return 0;
    int e = start_watcher(s);
    if (!e)
        e = -pthread_atfork(NULL, NULL, after_fork);
    if (e) {
        fprintf(stderr, "rvemu: cannot start the limits' watcher: %s\n", strerror(-e));
        return -1;
    }
    return 0;
}
