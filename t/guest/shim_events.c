/* Waiting for events: poll, ppoll, select, pselect, epoll (level- and edge-triggered, 64-bit
 * user data round trips: riscv64's struct epoll_event is 16 bytes, x86-64's is packed to 12),
 * eventfd (counter and semaphore), timerfd (relative, periodic, absolute, gettime) and
 * inotify (file creation, modification and deletion in a directory); the temporary signal
 * masks of ppoll, pselect and epoll_pwait (a blocked pending signal is taken during the wait,
 * EINTR, the mask comes back). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

/* deliberately bad addresses, hidden from the compiler's checks */
static void *volatile bad8 = (void *)8, *volatile bad16 = (void *)16;

static const char *en(int e) { return e == EINTR ? "EINTR" : e == EAGAIN ? "EAGAIN" : e == EINVAL ? "EINVAL" : e == EFAULT ? "EFAULT" : e == EBADF ? "EBADF" : e == ENOENT ? "ENOENT" : e == EEXIST ? "EEXIST" : strerror(e); }

static long ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void polls(void)
{
    int p[2];
    pipe(p);
    struct pollfd f[3] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 }, { 999, POLLIN, 0 } };
    int r = poll(f, 3, 0);
    printf("poll: %d revents %#x %#x %#x\n", r, f[0].revents, f[1].revents, f[2].revents);
    write(p[1], "x", 1);
    r = poll(f, 2, 100);
    printf("poll after write: %d revents %#x %#x\n", r, f[0].revents, f[1].revents);
    char c;
    read(p[0], &c, 1);
    struct timespec t0, to = { 0, 30 * 1000000 };
    clock_gettime(CLOCK_MONOTONIC, &t0);
    sigset_t none;
    sigemptyset(&none);
    r = ppoll(f, 1, &to, &none);
    long el = ms_since(&t0);
    printf("ppoll timeout: %d, waited >= 25 ms: %d\n", r, el >= 25);
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &wr);
    struct timeval tv = { 0, 10000 };
    r = select(p[1] + 1, &rd, &wr, NULL, &tv);
    printf("select: %d read %d write %d\n", r, FD_ISSET(p[0], &rd), FD_ISSET(p[1], &wr));
    write(p[1], "y", 1);
    FD_SET(p[0], &rd);
    struct timespec ts = { 1, 0 };
    r = pselect(p[0] + 1, &rd, NULL, NULL, &ts, &none);
    printf("pselect: %d read %d\n", r, FD_ISSET(p[0], &rd));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ts.tv_sec = 0;
    ts.tv_nsec = 20 * 1000000;
    r = pselect(0, NULL, NULL, NULL, &ts, NULL);   /* gccgo's usleep */
    printf("pselect sleep: %d, waited >= 15 ms: %d\n", r, ms_since(&t0) >= 15);
    errno = 0;
    r = poll(bad8, 1, 0);
    printf("poll with a bad array: %d %s\n", r, en(errno));
    close(p[0]);
    close(p[1]);
}

static void epolls(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    printf("epoll_create1: %d cloexec %d\n", ep >= 0, (fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
    int a[2], b[2];
    pipe(a);
    pipe2(b, O_NONBLOCK);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
    printf("ctl add a: %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &ev));
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 0xfedcba9876543210ull;
    printf("ctl add b (edge): %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, b[0], &ev));
    errno = 0;
    printf("ctl add a again: %d %s\n", epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &ev), en(errno));
    struct epoll_event out[4];
    memset(out, 0xa5, sizeof out);
    printf("wait, nothing ready: %d\n", epoll_wait(ep, out, 4, 0));
    write(a[1], "1", 1);
    write(b[1], "2", 1);
    int n = epoll_wait(ep, out, 4, 100);
    printf("wait: %d\n", n);
    uint64_t seen = 0;
    for (int i = 0; i < n; i++) {
        printf("  event %#x data %#llx\n", out[i].events, (unsigned long long)out[i].data.u64);
        seen ^= out[i].data.u64;
    }
    printf("both data values seen: %d\n", seen == (0x1122334455667788ull ^ 0xfedcba9876543210ull));
    /* level-triggered a reports again, edge-triggered b does not */
    n = epoll_wait(ep, out, 4, 0);
    printf("again: %d data %#llx\n", n, n > 0 ? (unsigned long long)out[0].data.u64 : 0ull);
    /* maxevents 1: one at a time, the other stays ready */
    write(b[1], "3", 1);
    n = epoll_wait(ep, out, 1, 0);
    int n2 = epoll_wait(ep, out + 1, 1, 0);
    printf("one at a time: %d %d distinct %d\n", n, n2, out[0].data.u64 != out[1].data.u64);
    ev.events = EPOLLOUT;
    ev.data.fd = a[1];
    printf("ctl mod a -> out (on read end): %d\n", epoll_ctl(ep, EPOLL_CTL_MOD, a[0], &ev));
    printf("ctl del b: %d\n", epoll_ctl(ep, EPOLL_CTL_DEL, b[0], NULL));
    sigset_t none;
    sigemptyset(&none);
    n = epoll_pwait(ep, out, 4, 0, &none);
    printf("epoll_pwait: %d\n", n);
    errno = 0;
    printf("maxevents 0: %d %s\n", epoll_wait(ep, out, 0, 0), en(errno));
    errno = 0;
    printf("bad event array: %d %s\n", epoll_wait(ep, bad16, 4, 0), en(errno));
    close(ep);
    close(a[0]);
    close(a[1]);
    close(b[0]);
    close(b[1]);
}

static void eventfds(void)
{
    int e = eventfd(3, EFD_NONBLOCK | EFD_CLOEXEC);
    uint64_t v = 0;
    printf("eventfd: read %zd value %llu\n", read(e, &v, 8), (unsigned long long)v);
    errno = 0;
    printf("empty: read %zd %s\n", read(e, &v, 8), en(errno));
    v = 5;
    write(e, &v, 8);
    v = 7;
    write(e, &v, 8);
    read(e, &v, 8);
    printf("two writes sum: %llu\n", (unsigned long long)v);
    close(e);
    e = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    uint64_t x = 0, y = 0;
    read(e, &x, 8);
    read(e, &y, 8);
    errno = 0;
    ssize_t r = read(e, &v, 8);
    printf("semaphore: %llu %llu then %zd %s\n", (unsigned long long)x, (unsigned long long)y, r, en(errno));
    struct pollfd p = { e, POLLIN | POLLOUT, 0 };
    poll(&p, 1, 0);
    printf("poll eventfd: %#x\n", p.revents);
    close(e);
    errno = 0;
    printf("bad flags: %d %s\n", eventfd(0, 0x4000000), en(errno));
}

static void timerfds(void)
{
    int t = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    struct itimerspec its = { { 0, 0 }, { 0, 20 * 1000000 } }, cur;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    printf("timerfd_settime: %d\n", timerfd_settime(t, 0, &its, NULL));
    timerfd_gettime(t, &cur);
    printf("gettime: armed %d, <= 20 ms %d\n", cur.it_value.tv_nsec > 0,
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec <= 20 * 1000000);
    uint64_t exp = 0;
    ssize_t r = read(t, &exp, 8);
    printf("read: %zd expirations %llu, waited >= 15 ms %d\n", r, (unsigned long long)exp, ms_since(&t0) >= 15);
    /* periodic, 5 ms: after 30 ms several expirations are counted */
    its.it_interval.tv_nsec = 5 * 1000000;
    its.it_value.tv_nsec = 5 * 1000000;
    struct itimerspec old;
    timerfd_settime(t, 0, &its, &old);
    printf("old value disarmed: %d\n", old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0);
    struct timespec s = { 0, 30 * 1000000 };
    nanosleep(&s, NULL);
    read(t, &exp, 8);
    printf("periodic expirations >= 3: %d\n", exp >= 3);
    /* absolute time in the past fires at once */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    its.it_interval.tv_nsec = 0;
    its.it_value.tv_sec = now.tv_sec - 1;
    its.it_value.tv_nsec = 0;
    timerfd_settime(t, TFD_TIMER_ABSTIME, &its, NULL);
    struct pollfd p = { t, POLLIN, 0 };
    printf("absolute in the past: poll %d\n", poll(&p, 1, 1000));
    read(t, &exp, 8);
    printf("expirations %llu\n", (unsigned long long)exp);
    close(t);
    t = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    errno = 0;
    printf("unarmed non-blocking read: %zd %s\n", read(t, &exp, 8), en(errno));
    errno = 0;
    printf("bad flags: %d %s\n", timerfd_settime(t, 8, &its, NULL), en(errno));
    close(t);
}

static void inotifies(void)
{
    mkdir("shim_events.dir", 0700);
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    int wd = inotify_add_watch(in, "shim_events.dir", IN_CREATE | IN_MODIFY | IN_DELETE | IN_CLOSE_WRITE);
    printf("inotify watch: %d\n", wd > 0);
    errno = 0;
    printf("watch a missing path: %d %s\n", inotify_add_watch(in, "shim_events.nothere", IN_CREATE), en(errno));
    int f = open("shim_events.dir/file", O_WRONLY | O_CREAT, 0600);
    write(f, "data", 4);
    close(f);
    unlink("shim_events.dir/file");
    char buf[4096] __attribute__((aligned(8)));
    ssize_t n = read(in, buf, sizeof buf);
    for (char *p = buf; n > 0 && p < buf + n;) {
        struct inotify_event *e = (struct inotify_event *)p;
        printf("  event wd ok %d mask %#x name %s\n", e->wd == wd, e->mask, e->len ? e->name : "");
        p += sizeof *e + e->len;
    }
    printf("rm_watch: %d\n", inotify_rm_watch(in, wd));
    n = read(in, buf, sizeof buf);
    if (n > 0)
        printf("  event after rm_watch: mask %#x\n", ((struct inotify_event *)buf)->mask);
    close(in);
    rmdir("shim_events.dir");
}

static volatile int got;
static void on_usr1(int sig)
{
    (void)sig;
    got++;
}

static void masks(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t usr1, old, empty, now;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &usr1, &old);
    raise(SIGUSR1);
    printf("SIGUSR1 blocked and pending, handler not run: %d\n", got == 0);
    int p[2];
    pipe(p);
    struct pollfd f = { p[0], POLLIN, 0 };
    struct timespec to = { 0, 20 * 1000000 };
    errno = 0;
    int r = ppoll(&f, 1, &to, &usr1);
    printf("ppoll, mask still blocking it: %d, handler ran %d\n", r, got);
    to.tv_sec = 2;
    errno = 0;
    r = ppoll(&f, 1, &to, &empty);
    printf("ppoll, mask unblocking it: %d %s, handler ran %d\n", r, en(errno), got);
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("mask restored: %d\n", sigismember(&now, SIGUSR1));
    raise(SIGUSR1);
    int ep = epoll_create1(0);
    struct epoll_event ev;
    errno = 0;
    r = epoll_pwait(ep, &ev, 1, 2000, &empty);
    printf("epoll_pwait: %d %s, handler ran %d\n", r, en(errno), got);
    raise(SIGUSR1);
    struct timespec ts = { 2, 0 };
    errno = 0;
    r = pselect(0, NULL, NULL, NULL, &ts, &empty);
    printf("pselect: %d %s, handler ran %d\n", r, en(errno), got);
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("mask restored: %d\n", sigismember(&now, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(ep);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    polls();
    epolls();
    eventfds();
    timerfds();
    inotifies();
    masks();
    return 0;
}
