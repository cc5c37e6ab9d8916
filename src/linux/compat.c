/* Structures whose layout differs on a 32-bit host (longs and pointers of 4 bytes, so unions
 * start earlier): converted field by field there, copied on a 64-bit host. */
#include <stddef.h>
#include <string.h>
#include "linux/compat.h"

static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); }
static uint32_t get32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }

/* riscv64's siginfo: signo, errno, code, 4 bytes of padding, then the union at 16; a 32-bit
 * host's union is at 12, its longs and pointers 4 bytes */
#define G_UNION 16
#define H_UNION 12

void rv_compat_siginfo_to_guest(unsigned char *g, const siginfo_t *h)
{
    if (!RV_HOST_32) {
        memcpy(g, h, 128);
        return;
    }
    const unsigned char *s = (const unsigned char *)h;
    uint32_t w[6];
    memcpy(w, s + H_UNION, sizeof w);
    memset(g, 0, 128);
    memcpy(g, s, 12);
    int sig = h->si_signo, code = h->si_code;
    unsigned char *u = g + G_UNION;
    if (code > 0 && sig == SIGCHLD) {
        put32(u, w[0]);                         /* pid, uid, status, utime, stime */
        put32(u + 4, w[1]);
        put32(u + 8, w[2]);
        put64(u + 16, (uint64_t)(int64_t)(int32_t)w[3]);
        put64(u + 24, (uint64_t)(int64_t)(int32_t)w[4]);
    } else if (code > 0 && (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
                            sig == SIGTRAP)) {
        put64(u, w[0]);                         /* the address */
    } else if (code > 0 && sig == SIGIO) {
        put64(u, (uint64_t)(int64_t)(int32_t)w[0]);     /* band, fd */
        put32(u + 8, w[1]);
    } else if (code > 0 && sig == SIGSYS) {
        put64(u, w[0]);                         /* call address, syscall, arch */
        put32(u + 8, w[1]);
        put32(u + 12, w[2]);
    } else {
        put32(u, w[0]);                         /* pid/uid or timer id/overrun, then the value */
        put32(u + 4, w[1]);
        put64(u + 8, w[2]);
    }
}

void rv_compat_siginfo_to_host(siginfo_t *h, const unsigned char *g)
{
    if (!RV_HOST_32) {
        memcpy(h, g, 128);
        return;
    }
    unsigned char *s = (unsigned char *)h;
    memset(s, 0, sizeof *h);
    memcpy(s, g, 12);
    uint32_t w[3] = { get32(g + G_UNION), get32(g + G_UNION + 4), get32(g + G_UNION + 8) };
    memcpy(s + H_UNION, w, sizeof w);
}

/* riscv64's rusage: two timevals (16 bytes each), then 14 longs */
void rv_compat_rusage(unsigned char *g, const struct rusage *r)
{
    if (!RV_HOST_32) {
        memcpy(g, r, 144);
        return;
    }
    put64(g, (uint64_t)r->ru_utime.tv_sec);
    put64(g + 8, (uint64_t)r->ru_utime.tv_usec);
    put64(g + 16, (uint64_t)r->ru_stime.tv_sec);
    put64(g + 24, (uint64_t)r->ru_stime.tv_usec);
    const long v[14] = { r->ru_maxrss, r->ru_ixrss, r->ru_idrss, r->ru_isrss, r->ru_minflt,
                         r->ru_majflt, r->ru_nswap, r->ru_inblock, r->ru_oublock, r->ru_msgsnd,
                         r->ru_msgrcv, r->ru_nsignals, r->ru_nvcsw, r->ru_nivcsw };
    for (int i = 0; i < 14; i++)
        put64(g + 32 + 8 * i, (uint64_t)(int64_t)v[i]);
}

void rv_compat_kernel_rusage(unsigned char *g, const struct rv_kernel_rusage *r)
{
    for (int i = 0; i < 18; i++)
        put64(g + 8 * i, (uint64_t)(int64_t)r->w[i]);
}

void rv_compat_sysinfo(unsigned char *g, const struct sysinfo *s)
{
    if (!RV_HOST_32) {
        memcpy(g, s, 112);
        return;
    }
    memset(g, 0, 112);
    put64(g, (uint64_t)(int64_t)s->uptime);
    const unsigned long v[9] = { s->loads[0], s->loads[1], s->loads[2], s->totalram, s->freeram,
                                 s->sharedram, s->bufferram, s->totalswap, s->freeswap };
    for (int i = 0; i < 9; i++)
        put64(g + 8 + 8 * i, v[i]);
    memcpy(g + 80, &s->procs, 2);
    put64(g + 88, s->totalhigh);
    put64(g + 96, s->freehigh);
    put32(g + 104, s->mem_unit);
}

void rv_compat_tms(unsigned char *g, const struct tms *t)
{
    put64(g, (uint64_t)(int64_t)t->tms_utime);
    put64(g + 8, (uint64_t)(int64_t)t->tms_stime);
    put64(g + 16, (uint64_t)(int64_t)t->tms_cutime);
    put64(g + 24, (uint64_t)(int64_t)t->tms_cstime);
}

/* riscv64's sigevent: value (8), signo, notify, then the union at 16 (a thread id for
 * SIGEV_THREAD_ID) */
void rv_compat_sigevent(struct sigevent *h, const unsigned char *g)
{
    if (!RV_HOST_32) {
        memcpy(h, g, 64);
        return;
    }
    memset(h, 0, sizeof *h);
    uint64_t value;
    memcpy(&value, g, 8);
    h->sigev_value.sival_ptr = (void *)(uintptr_t)value;    /* guest addresses fit */
    h->sigev_signo = (int)get32(g + 8);
    h->sigev_notify = (int)get32(g + 12);
    /* the union's first word: the thread id of SIGEV_THREAD_ID, where glibc has no name */
    unsigned char *s = (unsigned char *)h;
    put32(s + offsetof(struct sigevent, sigev_notify) + 4, get32(g + 16));
}
