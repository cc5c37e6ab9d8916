/* Waiting for descriptors and event descriptors: ppoll, pselect6, epoll, eventfd, timerfd,
 * inotify. struct pollfd, fd_set, struct itimerspec and struct inotify_event have the same
 * layout on riscv64 and the 64-bit hosts; struct epoll_event does not (16 bytes on riscv64,
 * 12 and packed on x86-64) and is converted. */
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>
#include "linux/syscall.h"
#include "linux/sys_util.h"
#include "linux/signal.h"
#include "linux/compat.h"

_Static_assert(POLLIN == 1 && POLLPRI == 2 && POLLOUT == 4 && POLLERR == 8 && POLLHUP == 0x10 &&
               POLLNVAL == 0x20 && POLLRDNORM == 0x40 && POLLRDHUP == 0x2000,
               "host poll bits are not the asm-generic ones: translate them");
_Static_assert(EPOLLIN == 1 && EPOLLOUT == 4 && EPOLLET == (1u << 31) && EPOLLONESHOT == (1u << 30)
               && EPOLLEXCLUSIVE == (1u << 28) && EPOLLWAKEUP == (1u << 29),
               "host epoll bits are not the asm-generic ones: translate them");

/* The temporary signal mask of ppoll, pselect6 and epoll_pwait(2): the guest mask while the
 * call waits. The host call gets the host counterpart, so the host kernel swaps masks
 * atomically; until then every signal is blocked on the host, so one recorded just before
 * the wait cannot be missed by it. On EINTR with a signal to take, the old mask comes back
 * after the handler (as rt_sigsuspend's does, see signal.c). */
#define SIGBIT(n) (1ull << ((n) - 1))

struct tmpmask {
    int on;
    uint64_t old;
    sigset_t host;
};

static int64_t mask_begin(struct rv_cpu *cpu, uint64_t set, uint64_t size, struct tmpmask *t)
{
    t->on = 0;
    if (!set)
        return 0;
    if (size != 8)
        return -EINVAL;
    uint64_t m;
    if (sys_get64(cpu, set, &m))
        return -EFAULT;
    sigset_t all;
    rv_signal_host_mask(~0ull, &all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    t->on = 1;
    t->old = cpu->sig_blocked;
    cpu->sig_blocked = m & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    rv_signal_host_mask(cpu->sig_blocked, &t->host);
    return rv_signal_deliverable(cpu) ? -EINTR : 0;
}

static int64_t mask_end(struct rv_cpu *cpu, struct tmpmask *t, int64_t r)
{
    if (!t->on)
        return r;
    if (r == -EINTR && rv_signal_deliverable(cpu)) {
        cpu->saved_mask = t->old;
        cpu->saved_mask_valid = 1;
    } else {
        cpu->sig_blocked = t->old;
    }
    sigset_t h;
    rv_signal_host_mask(t->old, &h);
    pthread_sigmask(SIG_SETMASK, &h, NULL);
    return r;
}

SYS(ppoll)
{
    uint64_t nfds = a[1];
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && nfds > rl.rlim_cur)
        return -EINVAL;
    BUF_ARG(fds, a[0], nfds * 8);
    struct timespec ts;
    void *tmo = NULL;               /* the kernel writes back the time left */
    if (a[2] && !(tmo = sys_in(cpu, a[2], 16, &ts, L_TS)))
        return -EFAULT;
    void *be = NULL;
    if (RV_HOST_BE && nfds) {       /* struct pollfd { int fd; short events, revents; } */
        if (!(be = malloc(nfds * 8)))
            return -ENOMEM;
        if (rv_copy_from_guest(MEM, be, a[0], nfds * 8)) {
            free(be);
            return -EFAULT;
        }
        rv_le_fix(be, "422", 8, nfds);
        fds = be;
    }
    struct tmpmask t;
    int64_t r = mask_begin(cpu, a[3], a[4], &t);
    if (r == 0)
        r = sys_ret(syscall(HSYS_ppoll, fds, (unsigned long)nfds, tmo, t.on ? &t.host : NULL, (size_t)8));
    if (be) {
        rv_le_fix(be, "422", 8, nfds);
        if (r >= 0 && rv_copy_to_guest(MEM, a[0], be, nfds * 8))
            r = -EFAULT;
        free(be);
    }
    if ((r >= 0 || r == -EINTR) && sys_out(cpu, a[2], tmo, 16, L_TS))
        r = -EFAULT;
    return mask_end(cpu, &t, r);
}

SYS(pselect6)
{
    int64_t n = (int64_t)(int)a[0];
    if (n < 0)
        return -EINVAL;
    /* the kernel reads and writes (n + 63) / 64 longs of each set */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && (uint64_t)n > rl.rlim_cur)
        n = (int64_t)rl.rlim_cur;
    uint64_t bytes = ((uint64_t)n + 63) / 64 * 8;
    OPT_BUF(in, a[1], bytes);
    OPT_BUF(out, a[2], bytes);
    OPT_BUF(ex, a[3], bytes);
    struct timespec ts;
    void *tmo = NULL;
    if (a[4] && !(tmo = sys_in(cpu, a[4], 16, &ts, L_TS)))
        return -EFAULT;
    uint64_t sig[2] = { 0, 0 };     /* { const sigset_t *ss; size_t ss_len; } */
    if (a[5] && sys_get(cpu, sig, a[5], sizeof sig, "88"))
        return -EFAULT;
    /* the sets are arrays of longs: in place, swapped there and back on a big-endian host */
    void *sets[3] = { in, out, ex };
    for (int i = 0; i < 3; i++)
        if (sets[i])
            rv_le_fix(sets[i], "8", 8, bytes / 8);
    struct tmpmask t;
    int64_t r = mask_begin(cpu, sig[0], sig[1], &t);
    if (r == 0) {
        /* the host's sixth argument: { const sigset_t *ss; size_t ss_len; } too */
        struct { const sigset_t *ss; size_t len; } hs = { &t.host, 8 };
        r = sys_ret(syscall(HSYS_pselect6, (int)n, in, out, ex, tmo, t.on ? &hs : NULL));
    }
    for (int i = 0; i < 3; i++)
        if (sets[i])
            rv_le_fix(sets[i], "8", 8, bytes / 8);
    if ((r >= 0 || r == -EINTR) && sys_out(cpu, a[4], tmo, 16, L_TS))
        r = -EFAULT;
    return mask_end(cpu, &t, r);
}

/* ---- epoll: struct epoll_event is { u32 events; u32 pad; u64 data } on riscv64 ---------- */

SYS(epoll_create1)
{
    int f = sys_nb_cloexec(a[0], 0);
    if (f < 0 || (f & O_NONBLOCK))
        return -EINVAL;
    return sys_ret(epoll_create1(f & O_CLOEXEC ? EPOLL_CLOEXEC : 0));
}

SYS(epoll_ctl)
{
    int op = (int)a[1];
    struct epoll_event ev, *evp = NULL;
    memset(&ev, 0, sizeof ev);
    if (op != EPOLL_CTL_DEL || a[3]) {
        unsigned char g[16];
        if (rv_copy_from_guest(MEM, g, a[3], sizeof g))
            return -EFAULT;
        ev.events = rv_ld32(g);
        ev.data.u64 = rv_ld64(g + 8);
        evp = &ev;
    }
    return sys_ret(epoll_ctl((int)a[0], op, (int)a[2], evp));
}

#define EP_BATCH 256

static int64_t epoll_out(struct rv_cpu *cpu, uint64_t g, const struct epoll_event *ev, int n)
{
    for (int i = 0; i < n; i++) {
        unsigned char o[16];
        rv_st64(o, ev[i].events);           /* events, then zero padding */
        rv_st64(o + 8, ev[i].data.u64);
        if (rv_copy_to_guest(MEM, g + 16 * (uint64_t)i, o, sizeof o))
            return -EFAULT;
    }
    return n;
}

static int64_t epoll_wait_common(struct rv_cpu *cpu, const uint64_t *a, int timeout_ms,
                                 uint64_t ts)
{
    int maxev = (int)a[2];
    if (maxev <= 0 || (uint64_t)maxev > INT_MAX / 16)
        return -EINVAL;
    if (!rv_mem_check(MEM, a[1], (uint64_t)maxev * 16, PROT_WRITE))
        return -EFAULT;
    struct timespec tsb;
    void *t = NULL;
    if (ts && !(t = sys_in(cpu, ts, 16, &tsb, L_TS)))
        return -EFAULT;
    /* events not returned now stay ready in the kernel for the next wait */
    struct epoll_event ev[EP_BATCH];
    int n = maxev < EP_BATCH ? maxev : EP_BATCH;
    struct tmpmask tm;
    int64_t r = mask_begin(cpu, a[4], a[5], &tm);
    if (r == 0) {
        const sigset_t *hm = tm.on ? &tm.host : NULL;
        if (ts)
            r = sys_ret(syscall(SYS_epoll_pwait2, (int)a[0], ev, n, t, hm, (size_t)8));
        else
            r = sys_ret(syscall(SYS_epoll_pwait, (int)a[0], ev, n, timeout_ms, hm, (size_t)8));
    }
    r = mask_end(cpu, &tm, r);
    return r < 0 ? r : epoll_out(cpu, a[1], ev, (int)r);
}

SYS(epoll_pwait) { return epoll_wait_common(cpu, a, (int)a[3], 0); }
SYS(epoll_pwait2)
{
    if (!a[3])
        return epoll_wait_common(cpu, a, -1, 0);
    return epoll_wait_common(cpu, a, 0, a[3]);
}

/* ---- eventfd, timerfd, inotify ----------------------------------------------------------- */

#if RV_HOST_BE
/* the kind of each low descriptor; one closed and reused for something else keeps a stale
 * kind only until it is created again through these calls (the common case is covered) */
#define FD_KINDS 4096
static unsigned char fd_kinds[FD_KINDS];

void sys_fd_kind_set(int fd, int kind)
{
    if (fd >= 0 && fd < FD_KINDS)
        __atomic_store_n(&fd_kinds[fd], (unsigned char)kind, __ATOMIC_RELAXED);
}
static int fd_kind(int fd)
{
    return fd >= 0 && fd < FD_KINDS ? __atomic_load_n(&fd_kinds[fd], __ATOMIC_RELAXED) : 0;
}

void sys_fd_read_fix(int fd, void *p, size_t n)
{
    unsigned char *b = p;
    switch (fd_kind(fd)) {
    case SYS_FD_EVENT: case SYS_FD_TIMER:
        rv_le_fix(b, "8", 8, n / 8);
        break;
    case SYS_FD_SIGNAL:     /* struct signalfd_siginfo, 128 bytes each */
        rv_le_fix(b, "4{12}8{4}2", 128, n / 128);
        break;
    case SYS_FD_INOTIFY:    /* struct inotify_event: wd, mask, cookie, len, then the name */
        for (size_t off = 0; off + 16 <= n; ) {
            uint32_t len;
            memcpy(&len, b + off + 12, 4);
            rv_le_fix(b + off, "4444", 16, 1);
            off += 16 + (size_t)len;
        }
        break;
    }
}

const void *sys_fd_write_view(int fd, const void *p, size_t n, uint64_t *tmp)
{
    int k = fd_kind(fd);
    if ((k != SYS_FD_EVENT && k != SYS_FD_TIMER) || n != 8)
        return p;
    memcpy(tmp, p, 8);
    *tmp = rv_le64(*tmp);
    return tmp;
}
#endif

/* the new descriptor r of the given kind */
static int64_t fd_made(long r, int kind)
{
    if (r < 0)
        return -errno;
    sys_fd_kind_set((int)r, kind);
    return r;
}

SYS(eventfd2)
{
    int f = sys_nb_cloexec(a[1], 1 /* EFD_SEMAPHORE */);
    if (f < 0)
        return -EINVAL;
    int hf = (f & 1 ? EFD_SEMAPHORE : 0) | (f & O_NONBLOCK ? EFD_NONBLOCK : 0) |
             (f & O_CLOEXEC ? EFD_CLOEXEC : 0);
    return fd_made(eventfd((unsigned)a[0], hf), SYS_FD_EVENT);
}

SYS(timerfd_create)
{
    int f = sys_nb_cloexec(a[1], 0);
    if (f < 0)
        return -EINVAL;
    int hf = (f & O_NONBLOCK ? TFD_NONBLOCK : 0) | (f & O_CLOEXEC ? TFD_CLOEXEC : 0);
    return fd_made(timerfd_create((int)a[0], hf), SYS_FD_TIMER);
}

SYS(timerfd_settime)
{
    if (a[1] & ~(uint64_t)3)
        return -EINVAL;
    int hf = (a[1] & 1 ? TFD_TIMER_ABSTIME : 0) | (a[1] & 2 ? TFD_TIMER_CANCEL_ON_SET : 0);
    struct itimerspec nt, ot;
    void *nv = sys_in(cpu, a[2], 32, &nt, L_ITS), *ov = NULL;
    if (!nv || (a[3] && !(ov = sys_outp(cpu, a[3], 32, &ot))))
        return -EFAULT;
    if (timerfd_settime((int)a[0], hf, nv, ov))
        return -errno;
    return sys_out(cpu, a[3], ov, 32, L_ITS) ? -EFAULT : 0;
}

SYS(timerfd_gettime)
{
    struct itimerspec ct;
    void *cv = sys_outp(cpu, a[1], 32, &ct);
    if (!cv)
        return -EFAULT;
    if (timerfd_gettime((int)a[0], cv))
        return -errno;
    return sys_out(cpu, a[1], cv, 32, L_ITS) ? -EFAULT : 0;
}

SYS(inotify_init1)
{
    int f = sys_nb_cloexec(a[0], 0);
    if (f < 0)
        return -EINVAL;
    return fd_made(inotify_init1((f & O_NONBLOCK ? IN_NONBLOCK : 0) | (f & O_CLOEXEC ? IN_CLOEXEC : 0)),
                   SYS_FD_INOTIFY);
}

/* IN_* event bits are generic */
SYS(inotify_add_watch)
{
    PATH_ARG(path, a[1]);
    return sys_ret(inotify_add_watch((int)a[0], path, (uint32_t)a[2]));
}
SYS(inotify_rm_watch) { return sys_ret(inotify_rm_watch((int)a[0], (int)a[1])); }
