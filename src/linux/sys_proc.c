/* Process, identity, time and system-information syscalls. Structures here (timespec,
 * timeval, rlimit, sysinfo, utsname) have the same layout on riscv64 and every 64-bit Linux
 * host, so they are passed through after the guest range is checked. */
#include <sched.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "linux/syscall.h"

#define BUF_ARG(var, a, n) void *var = sys_buf(cpu, (a), (n)); if (!var && (n) != 0) return -EFAULT
#define OPT_BUF(var, a, n) void *var = NULL; if (a) { var = sys_buf(cpu, (a), (n)); if (!var) return -EFAULT; }

SYS(exit_group)
{
    cpu->m->exit_status = (int)(a[0] & 0xff);
    cpu->m->exiting = 1;
    cpu->halt = 1;
    return 0;
}

/* One thread per process until threads arrive: exit ends the process. */
SYS(exit) { return sys_exit_group(cpu, a); }

SYS(set_tid_address) { (void)a; return cpu->tid; }
SYS(set_robust_list) { return a[1] == 24 ? 0 : -EINVAL; }
SYS(rseq) { (void)a; return -ENOSYS; }
SYS(sched_yield) { (void)a; return sys_ret(sched_yield()); }

SYS(getpid) { (void)a; return getpid(); }
SYS(getppid) { (void)a; return getppid(); }
SYS(gettid) { (void)a; return cpu->tid; }
SYS(getuid) { (void)a; return getuid(); }
SYS(geteuid) { (void)a; return geteuid(); }
SYS(getgid) { (void)a; return getgid(); }
SYS(getegid) { (void)a; return getegid(); }

SYS(clock_gettime) { BUF_ARG(p, a[1], 16); return sys_ret(clock_gettime((clockid_t)a[0], p)); }
SYS(clock_getres) { OPT_BUF(p, a[1], 16); return sys_ret(clock_getres((clockid_t)a[0], p)); }
SYS(gettimeofday)
{
    OPT_BUF(tv, a[0], 16);
    OPT_BUF(tz, a[1], 8);
    return sys_ret(syscall(SYS_gettimeofday, tv, tz));
}
SYS(nanosleep)
{
    BUF_ARG(req, a[0], 16);
    OPT_BUF(rem, a[1], 16);
    return sys_ret(nanosleep(req, rem));
}
SYS(clock_nanosleep)
{
    BUF_ARG(req, a[2], 16);
    OPT_BUF(rem, a[3], 16);
    int r = clock_nanosleep((clockid_t)a[0], (int)a[1], req, rem);
    return -r;
}

SYS(uname)
{
    struct utsname u;
    if (uname(&u) != 0)
        return -errno;
    snprintf(u.machine, sizeof u.machine, "riscv64");
    return rv_copy_to_guest(MEM, a[0], &u, sizeof u) ? -EFAULT : 0;
}

SYS(sysinfo) { BUF_ARG(p, a[0], sizeof(struct sysinfo)); return sys_ret(sysinfo(p)); }
SYS(getrlimit) { BUF_ARG(p, a[1], 16); return sys_ret(getrlimit((int)a[0], p)); }
SYS(prlimit64)
{
    OPT_BUF(nl, a[2], 16);
    OPT_BUF(ol, a[3], 16);
    /* only this process: other pids are outside what the guest may touch */
    if (a[0] != 0 && (int64_t)a[0] != getpid())
        return -EPERM;
    return sys_ret(prlimit(0, (int)a[1], nl, ol));
}

SYS(sched_getaffinity)
{
    if (a[0] != 0 && (int64_t)a[0] != getpid() && (int64_t)a[0] != cpu->tid)
        return -ESRCH;
    BUF_ARG(p, a[2], a[1]);
    return sys_ret(syscall(SYS_sched_getaffinity, 0, (size_t)a[1], p));
}

SYS(getrandom)
{
    BUF_ARG(p, a[0], a[1]);
    return sys_ret(getrandom(p, a[1], (unsigned)a[2] & (GRND_NONBLOCK | GRND_RANDOM)));
}

/* riscv_hwprobe keys and the values of the hart rvemu emulates */
enum { HWP_MVENDORID, HWP_MARCHID, HWP_MIMPID, HWP_BASE_BEHAVIOR, HWP_IMA_EXT_0, HWP_CPUPERF_0 };

SYS(riscv_hwprobe)
{
    uint64_t pairs = a[0], count = a[1];
    if (a[4] != 0)
        return -EINVAL;
    for (uint64_t i = 0; i < count; i++) {
        int64_t kv[2];
        if (rv_copy_from_guest(MEM, kv, pairs + 16 * i, sizeof kv))
            return -EFAULT;
        switch (kv[0]) {
        case HWP_MVENDORID: case HWP_MARCHID: case HWP_MIMPID: kv[1] = 0; break;
        case HWP_BASE_BEHAVIOR: kv[1] = 1; break;                 /* IMA */
        case HWP_IMA_EXT_0: kv[1] = 1 | 2 | 8 | 16 | 32; break;   /* FD, C, Zba, Zbb, Zbs */
        case HWP_CPUPERF_0: kv[1] = 3; break;                     /* misaligned access: fast */
        default: kv[0] = -1; kv[1] = 0; break;
        }
        if (rv_copy_to_guest(MEM, pairs + 16 * i, kv, sizeof kv))
            return -EFAULT;
    }
    return 0;
}

SYS(sched_getscheduler) { return sys_ret(sched_getscheduler((pid_t)a[0])); }
SYS(getpriority) { return sys_ret(syscall(SYS_getpriority, (int)a[0], (id_t)a[1])); }
SYS(getpgid) { return sys_ret(getpgid((pid_t)a[0])); }
SYS(getsid) { return sys_ret(getsid((pid_t)a[0])); }
SYS(getrusage) { BUF_ARG(p, a[1], sizeof(struct rusage)); return sys_ret(getrusage((int)a[0], p)); }
SYS(getgroups)
{
    int n = (int)a[0];
    if (n < 0)
        return -EINVAL;
    BUF_ARG(p, a[1], (uint64_t)n * 4);
    return sys_ret(getgroups(n, p));
}

static int64_t put_ids(struct rv_cpu *cpu, const uint64_t *a, uint32_t r, uint32_t e, uint32_t s)
{
    uint32_t v[3] = { r, e, s };
    for (int i = 0; i < 3; i++)
        if (rv_copy_to_guest(MEM, a[i], &v[i], 4))
            return -EFAULT;
    return 0;
}
SYS(getresuid)
{
    uid_t r, e, s;
    getresuid(&r, &e, &s);
    return put_ids(cpu, a, r, e, s);
}
SYS(getresgid)
{
    gid_t r, e, s;
    getresgid(&r, &e, &s);
    return put_ids(cpu, a, r, e, s);
}
