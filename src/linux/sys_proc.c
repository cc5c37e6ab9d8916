/* Process, identity, time and system-information syscalls. Structures here (timespec,
 * timeval, rlimit, sysinfo, rusage, tms, utsname) have the same layout on riscv64 and every
 * 64-bit Linux host, so they are passed through after the guest range is checked; on a 32-bit
 * host (64-bit time_t and rlim_t) sysinfo, rusage and tms are converted (compat.c), and on a
 * big-endian host every integer field goes through a host-order copy (sys_in, sys_out). */
#include <grp.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/times.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "linux/syscall.h"
#include "linux/sys_util.h"
#include "linux/compat.h"

/* exit, exit_group, set_tid_address and set_robust_list live with the threads (thread.c). */
SYS(rseq) { (void)a; return -ENOSYS; }
SYS(sched_yield) { (void)a; return sys_ret(sched_yield()); }

SYS(getpid) { (void)a; return getpid(); }
SYS(getppid) { (void)a; return getppid(); }
SYS(gettid) { (void)a; return cpu->tid; }
SYS(getuid) { (void)a; return getuid(); }
SYS(geteuid) { (void)a; return geteuid(); }
SYS(getgid) { (void)a; return getgid(); }
SYS(getegid) { (void)a; return getegid(); }

/* These are answered by the vDSO in user space, where a guest buffer rvemu may not write
 * would fault rvemu itself, not return EFAULT: the answer goes through a checked copy. */
/* riscv64's timespec: two 64-bit fields (a 32-bit host's tv_nsec has 4 bytes and padding) */
static int64_t put_timespec(struct rv_cpu *cpu, uint64_t g, const struct timespec *t)
{
    int64_t v[2] = { (int64_t)t->tv_sec, (int64_t)t->tv_nsec };
    return sys_put(cpu, g, v, sizeof v, L_TS);
}
SYS(clock_gettime)
{
    struct timespec t;
    int r = clock_gettime((clockid_t)a[0], &t);
    if (r)
        return -errno;
    return put_timespec(cpu, a[1], &t);
}
SYS(clock_getres)
{
    struct timespec t;
    int r = clock_getres((clockid_t)a[0], &t);
    if (r)
        return -errno;
    return a[1] ? put_timespec(cpu, a[1], &t) : 0;
}
SYS(gettimeofday)
{
    struct timeval tv;
    struct timezone tz;
    /* a 32-bit host's raw call has 32-bit fields; its C library's, riscv64's */
    if (RV_HOST_32 ? gettimeofday(&tv, &tz) : syscall(SYS_gettimeofday, &tv, &tz))
        return -errno;
    if (a[0] && sys_put(cpu, a[0], &tv, sizeof tv, L_TS))
        return -EFAULT;
    return a[1] ? sys_put(cpu, a[1], &tz, sizeof tz, "44") : 0;
}
SYS(nanosleep)
{
    struct timespec t, rt;
    void *req = sys_in(cpu, a[0], 16, &t, L_TS), *rem = NULL;
    if (!req || (a[1] && !(rem = sys_outp(cpu, a[1], 16, &rt))))
        return -EFAULT;
    int r = nanosleep(req, rem) ? -errno : 0;
    if (r == -EINTR && sys_out(cpu, a[1], rem, 16, L_TS))
        return -EFAULT;
    return r;
}
SYS(clock_nanosleep)
{
    struct timespec t, rt;
    void *req = sys_in(cpu, a[2], 16, &t, L_TS), *rem = NULL;
    if (!req || (a[3] && !(rem = sys_outp(cpu, a[3], 16, &rt))))
        return -EFAULT;
    int r = -clock_nanosleep((clockid_t)a[0], (int)a[1], req, rem);
    if (r == -EINTR && sys_out(cpu, a[3], rem, 16, L_TS))
        return -EFAULT;
    return r;
}

SYS(uname)
{
    struct utsname u;
    if (uname(&u) != 0)
        return -errno;
    snprintf(u.machine, sizeof u.machine, "riscv64");
    return rv_copy_to_guest(MEM, a[0], &u, sizeof u) ? -EFAULT : 0;
}

/* struct sysinfo: longs, then procs and padding, two longs and mem_unit */
#define L_SYSINFO "8{10}22d884"
#define L_RLIMIT "88"
SYS(sysinfo)
{
    unsigned char g[112];           /* riscv64's struct sysinfo */
    struct sysinfo s;
    if (sysinfo(&s) != 0)
        return -errno;
    rv_compat_sysinfo(g, &s);
    return sys_put(cpu, a[0], g, sizeof g, L_SYSINFO) ? -EFAULT : 0;
}
SYS(getrlimit)
{
    struct rlimit t;
    void *p = sys_outp(cpu, a[1], 16, &t);
    if (!p)
        return -EFAULT;
    if (getrlimit((int)a[0], p))
        return -errno;
    return sys_out(cpu, a[1], p, 16, L_RLIMIT) ? -EFAULT : 0;
}
SYS(prlimit64)
{
    struct rlimit nt, ot;
    void *nl = NULL, *ol = NULL;
    if ((a[2] && !(nl = sys_in(cpu, a[2], 16, &nt, L_RLIMIT))) ||
        (a[3] && !(ol = sys_outp(cpu, a[3], 16, &ot))))
        return -EFAULT;
    /* only this process: other pids are outside what the guest may touch */
    if (a[0] != 0 && (int64_t)a[0] != getpid())
        return -EPERM;
    if (prlimit(0, (int)a[1], nl, ol))
        return -errno;
    return sys_out(cpu, a[3], ol, 16, L_RLIMIT) ? -EFAULT : 0;
}

SYS(sched_getaffinity)
{
    if (a[0] != 0 && (int64_t)a[0] != getpid() && (int64_t)a[0] != cpu->tid)
        return -ESRCH;
    BUF_ARG(p, a[2], a[1]);
    long r = syscall(SYS_sched_getaffinity, 0, (size_t)a[1], p);
    /* the mask is an array of longs; the kernel just wrote it (so it is writable) */
    if (r > 0)
        rv_le_fix(p, "8", 8, (size_t)r / 8);
    return sys_ret(r);
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
        if (sys_get(cpu, kv, pairs + 16 * i, sizeof kv, "88"))
            return -EFAULT;
        switch (kv[0]) {
        case HWP_MVENDORID: case HWP_MARCHID: case HWP_MIMPID: kv[1] = 0; break;
        case HWP_BASE_BEHAVIOR: kv[1] = 1; break;                 /* IMA */
        case HWP_IMA_EXT_0: kv[1] = 1 | 2 | 8 | 16 | 32; break;   /* FD, C, Zba, Zbb, Zbs */
        case HWP_CPUPERF_0: kv[1] = 3; break;                     /* misaligned access: fast */
        default: kv[0] = -1; kv[1] = 0; break;
        }
        if (sys_put(cpu, pairs + 16 * i, kv, sizeof kv, "88"))
            return -EFAULT;
    }
    return 0;
}

/* the kernel's calls, not the C library's: musl answers these with ENOSYS (their Linux
 * semantics are not POSIX's) */
SYS(sched_getscheduler) { return sys_ret(syscall(SYS_sched_getscheduler, (pid_t)a[0])); }
SYS(getpriority) { return sys_ret(syscall(SYS_getpriority, (int)a[0], (id_t)a[1])); }
SYS(getpgid) { return sys_ret(getpgid((pid_t)a[0])); }
SYS(getsid) { return sys_ret(getsid((pid_t)a[0])); }
/* struct rusage: two timevals and fourteen longs */
SYS(getrusage)
{
    unsigned char g[144];           /* riscv64's struct rusage */
    struct rusage r;
    if (getrusage((int)a[0], &r) != 0)
        return -errno;
    rv_compat_rusage(g, &r);
    return sys_put(cpu, a[1], g, sizeof g, "8{18}") ? -EFAULT : 0;
}
SYS(getgroups)
{
    int n = (int)a[0];
    if (n < 0)
        return -EINVAL;
    BUF_ARG(p, a[1], (uint64_t)n * 4);
    int r = getgroups(n, p);
    if (r > 0 && n > 0)
        rv_le_fix(p, "4", 4, (size_t)r);        /* written by the host just now */
    return sys_ret(r);
}

static int64_t put_ids(struct rv_cpu *cpu, const uint64_t *a, uint32_t r, uint32_t e, uint32_t s)
{
    uint32_t v[3] = { r, e, s };
    for (int i = 0; i < 3; i++)
        if (sys_put32(cpu, a[i], v[i]))
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

/* ---- more process state ------------------------------------------------------------------ */

/* pid arguments that name this process (or thread) */
static int is_self(struct rv_cpu *cpu, int64_t pid)
{
    return pid == 0 || pid == getpid() || pid == cpu->tid;
}

SYS(times)
{
    struct tms t;
    unsigned char g[32];            /* riscv64's struct tms: four longs */
    if (a[0] && !sys_ubuf(cpu, a[0], 32))
        return -EFAULT;
    int64_t r = sys_ret(syscall(SYS_times, a[0] ? &t : NULL));
    if (a[0] && r != -EFAULT) {
        rv_compat_tms(g, &t);
        if (sys_put(cpu, a[0], g, sizeof g, "8888"))
            return -EFAULT;
    }
    return r;
}

SYS(setpriority) { return sys_ret(setpriority((int)a[0], (id_t)a[1], (int)a[2])); }
SYS(setpgid) { return sys_ret(setpgid((pid_t)a[0], (pid_t)a[1])); }
SYS(setsid) { (void)a; return sys_ret(setsid()); }

/* the glibc wrappers change the ids of every host thread at once, as POSIX wants */
SYS(setuid) { return sys_ret(setuid((uid_t)a[0])); }
SYS(setgid) { return sys_ret(setgid((gid_t)a[0])); }
SYS(setreuid) { return sys_ret(setreuid((uid_t)a[0], (uid_t)a[1])); }
SYS(setregid) { return sys_ret(setregid((gid_t)a[0], (gid_t)a[1])); }
SYS(setresuid) { return sys_ret(setresuid((uid_t)a[0], (uid_t)a[1], (uid_t)a[2])); }
SYS(setresgid) { return sys_ret(setresgid((gid_t)a[0], (gid_t)a[1], (gid_t)a[2])); }
SYS(setfsuid) { return syscall(SYS_setfsuid, (uid_t)a[0]); }
SYS(setfsgid) { return syscall(SYS_setfsgid, (gid_t)a[0]); }
SYS(setgroups)
{
    int64_t n = (int64_t)(int)a[0];
    if (n < 0 || n > 65536)
        return -EINVAL;
    BUF_ARG(p, a[1], (uint64_t)n * 4);
    gid_t *be = NULL;
    if (RV_HOST_BE) {
        if (!(be = malloc((size_t)n * 4 + 1)))
            return -ENOMEM;
        if (sys_get(cpu, be, a[1], (size_t)n * 4, "4{65536}")) {
            free(be);
            return -EFAULT;
        }
        p = be;
    }
    int r = setgroups((size_t)n, p) ? -errno : 0;
    free(be);
    return r;
}
SYS(sethostname) { (void)cpu; (void)a; return -EPERM; }
SYS(setdomainname) { (void)cpu; (void)a; return -EPERM; }
SYS(setrlimit)
{
    struct rlimit t;
    void *p = sys_in(cpu, a[1], 16, &t, L_RLIMIT);
    if (!p)
        return -EFAULT;
    return sys_ret(prlimit(0, (int)a[0], p, NULL));
}

/* personality: recorded, the guest's own; PER_LINUX with no flags to start with */
static uint32_t persona;
SYS(personality)
{
    uint32_t old = persona;
    if ((uint32_t)a[0] != 0xffffffffu)
        persona = (uint32_t)a[0];
    return old;
}

SYS(getcpu)
{
    unsigned c = 0, n = 0;
    if (syscall(SYS_getcpu, &c, &n, NULL) != 0)
        return -errno;
    if ((a[0] && sys_put32(cpu, a[0], c)) || (a[1] && sys_put32(cpu, a[1], n)))
        return -EFAULT;
    return 0;
}

/* Host membarrier covers every host thread, which run the guest's threads. */
SYS(membarrier)
{
    int cmd = (int)a[0];
    /* QUERY, GLOBAL, GLOBAL_EXPEDITED, REGISTER_GLOBAL_EXPEDITED, PRIVATE_EXPEDITED,
     * REGISTER_PRIVATE_EXPEDITED, and the SYNC_CORE pair */
    const int ok = 1 | 2 | 4 | 8 | 16 | 32 | 64;
    if (cmd == 0) {
        long r = syscall(SYS_membarrier, 0, 0, 0);
        return r < 0 ? -errno : (r & ok);
    }
    if (cmd & (cmd - 1) || !(cmd & ok) || a[1])
        return -EINVAL;
    return sys_ret(syscall(SYS_membarrier, cmd, 0, 0));
}

SYS(ioprio_get) { return sys_ret(syscall(SYS_ioprio_get, (int)a[0], (int)a[1])); }
SYS(ioprio_set) { return sys_ret(syscall(SYS_ioprio_set, (int)a[0], (int)a[1], (int)a[2])); }

/* ---- scheduling: queries of any process, changes of this one only ---------------------- */

SYS(sched_getparam)
{
    struct sched_param t;
    void *p = sys_outp(cpu, a[1], 4, &t);
    if (!p)
        return -EFAULT;
    if (syscall(SYS_sched_getparam, (pid_t)a[0], p))
        return -errno;
    return sys_out(cpu, a[1], p, 4, "4") ? -EFAULT : 0;
}
SYS(sched_setparam)
{
    if (!is_self(cpu, (int64_t)a[0]))
        return -EPERM;
    struct sched_param t;
    void *p = sys_in(cpu, a[1], 4, &t, "4");
    if (!p)
        return -EFAULT;
    return sys_ret(syscall(SYS_sched_setparam, (pid_t)a[0], p));
}
SYS(sched_setscheduler)
{
    if (!is_self(cpu, (int64_t)a[0]))
        return -EPERM;
    struct sched_param t;
    void *p = sys_in(cpu, a[2], 4, &t, "4");
    if (!p)
        return -EFAULT;
    return sys_ret(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], p));
}
SYS(sched_get_priority_max) { return sys_ret(sched_get_priority_max((int)a[0])); }
SYS(sched_get_priority_min) { return sys_ret(sched_get_priority_min((int)a[0])); }
SYS(sched_rr_get_interval)
{
    struct timespec t;
    void *p = sys_outp(cpu, a[1], 16, &t);
    if (!p)
        return -EFAULT;
    if (sched_rr_get_interval((pid_t)a[0], p))
        return -errno;
    return sys_out(cpu, a[1], p, 16, L_TS) ? -EFAULT : 0;
}
SYS(sched_setaffinity)
{
    if (!is_self(cpu, (int64_t)a[0]))
        return -EPERM;
    BUF_ARG(p, a[2], a[1]);
    void *be = NULL;
    if (RV_HOST_BE) {       /* an array of longs */
        if (!(be = malloc(a[1] + 1)))
            return -ENOMEM;
        if (rv_copy_from_guest(MEM, be, a[2], a[1])) {
            free(be);
            return -EFAULT;
        }
        rv_le_fix(be, "8", 8, a[1] / 8);
        p = be;
    }
    long r = syscall(SYS_sched_setaffinity, 0, (size_t)a[1], p);
    r = r < 0 ? -errno : r;
    free(be);
    return r;
}

/* struct sched_attr: size-versioned, the same on every architecture; copied through (its
 * integers swapped on a big-endian host) */
#define L_SCHED_ATTR "448448884{2}"
SYS(sched_setattr)
{
    if (!is_self(cpu, (int64_t)a[0]))
        return -EPERM;
    uint32_t size;
    uint8_t buf[RV_PAGE_SIZE];
    if (sys_get32(cpu, a[1], &size))
        return -EFAULT;
    if (size == 0)
        size = 48;
    if (size < 48 || size > sizeof buf)
        return -E2BIG;
    if (sys_get(cpu, buf, a[1], size, L_SCHED_ATTR))
        return -EFAULT;
    memcpy(buf, &size, 4);
    return sys_ret(syscall(SYS_sched_setattr, (pid_t)a[0], buf, (unsigned)a[2]));
}
SYS(sched_getattr)
{
    uint32_t size = (uint32_t)a[2];
    uint8_t buf[RV_PAGE_SIZE];
    if (size < 48 || size > sizeof buf)
        return -EINVAL;
    memset(buf, 0, size);
    if (syscall(SYS_sched_getattr, (pid_t)a[0], buf, size, (unsigned)a[3]) != 0)
        return -errno;
    uint32_t got;
    memcpy(&got, buf, 4);
    if (got > size)
        got = size;
    rv_le_fix(buf, L_SCHED_ATTR, got, 1);
    return rv_copy_to_guest(MEM, a[1], buf, got) ? -EFAULT : 0;
}

/* ---- capabilities ------------------------------------------------------------------------ */

/* struct __user_cap_header_struct { u32 version; int pid; } and 1 or 2 data triples */
static int cap_words(uint32_t version)
{
    return version == 0x19980330 ? 1 : version == 0x20071026 || version == 0x20080522 ? 2 : 0;
}

SYS(capget)
{
    uint32_t hdr[2], data[6] = { 0 };
    if (sys_get(cpu, hdr, a[0], sizeof hdr, "44"))
        return -EFAULT;
    long r = syscall(SYS_capget, hdr, a[1] ? data : NULL);
    int e = errno;
    /* an unknown version: the kernel answers with the one it prefers */
    if (sys_put32(cpu, a[0], hdr[0]))
        return -EFAULT;
    if (r != 0)
        return -e;
    int n = cap_words(hdr[0]);
    if (a[1] && sys_put(cpu, a[1], data, (size_t)n * 12, "4{6}"))
        return -EFAULT;
    return 0;
}

SYS(capset)
{
    uint32_t hdr[2], data[6] = { 0 };
    if (sys_get(cpu, hdr, a[0], sizeof hdr, "44"))
        return -EFAULT;
    int n = cap_words(hdr[0]);
    if (!n)
        return sys_put32(cpu, a[0], 0x20080522) ? -EFAULT : -EINVAL;
    if (!is_self(cpu, (int32_t)hdr[1]))
        return -EPERM;
    if (sys_get(cpu, data, a[1], (size_t)n * 12, "4{6}"))
        return -EFAULT;
    return sys_ret(syscall(SYS_capset, hdr, data));
}

/* ---- prctl --------------------------------------------------------------------------------- */

SYS(prctl)
{
    int op = (int)a[0];
    switch (op) {
    case PR_SET_NAME: {
        char name[16];
        size_t i = 0;
        for (; i < sizeof name - 1; i++) {       /* the kernel takes up to 15 bytes */
            if (rv_copy_from_guest(MEM, &name[i], a[1] + i, 1))
                return -EFAULT;
            if (!name[i])
                break;
        }
        name[i] = 0;
        return sys_ret(prctl(PR_SET_NAME, name));
    }
    case PR_GET_NAME: {
        char name[16] = { 0 };
        if (prctl(PR_GET_NAME, name) != 0)
            return -errno;
        return rv_copy_to_guest(MEM, a[1], name, sizeof name) ? -EFAULT : 0;
    }
    case PR_SET_PDEATHSIG:
        if (a[1] > 64)
            return -EINVAL;
        return sys_ret(prctl(PR_SET_PDEATHSIG, (unsigned long)a[1]));
    case PR_GET_PDEATHSIG: case PR_GET_CHILD_SUBREAPER: {
        int v = 0;
        if (prctl(op, &v) != 0)
            return -errno;
        return sys_put32(cpu, a[1], (uint32_t)v) ? -EFAULT : 0;
    }
    case PR_GET_DUMPABLE: case PR_GET_KEEPCAPS: case PR_GET_SECUREBITS: case PR_GET_TIMERSLACK:
    case PR_GET_NO_NEW_PRIVS: case PR_GET_THP_DISABLE: case PR_GET_TIMING: case PR_MCE_KILL_GET:
    case PR_GET_IO_FLUSHER:
        return sys_ret(prctl(op, 0, 0, 0, 0));
    case PR_SET_DUMPABLE: case PR_SET_KEEPCAPS: case PR_SET_SECUREBITS: case PR_SET_TIMERSLACK:
    case PR_SET_NO_NEW_PRIVS: case PR_SET_THP_DISABLE: case PR_SET_TIMING: case PR_MCE_KILL:
    case PR_SET_CHILD_SUBREAPER: case PR_CAPBSET_READ: case PR_CAPBSET_DROP: case PR_CAP_AMBIENT:
    case PR_TASK_PERF_EVENTS_DISABLE: case PR_TASK_PERF_EVENTS_ENABLE: case PR_SET_IO_FLUSHER:
    case 0x59616d61 /* PR_SET_PTRACER */:
        return sys_ret(prctl(op, (unsigned long)a[1], (unsigned long)a[2], (unsigned long)a[3],
                             (unsigned long)a[4]));
    case PR_GET_SECCOMP:
        return 0;               /* the guest runs without a filter of its own */
    case 0x41555856:            /* PR_GET_AUXV */
        if (a[3] || a[4])
            return -EINVAL;
        return sys_guest_auxv(cpu, a[1], a[2]);
    case PR_SET_MM:
        return -EPERM;
    default:
        /* seccomp filters, syscall user dispatch and MDWE would act on the emulator itself;
         * the rest (unaligned access, FP mode, TSC, tagged addresses, vector state, ...) is not
         * available on this hart */
        return -EINVAL;
    }
}

/* ---- what a guest may not do to the host: refused as for an unprivileged process ---------- */

#define REFUSED(name) SYS(name) { (void)cpu; (void)a; return -EPERM; }
REFUSED(mount)
REFUSED(umount2)
REFUSED(pivot_root)
REFUSED(vhangup)
REFUSED(acct)
REFUSED(setns)
REFUSED(swapon)
REFUSED(swapoff)
REFUSED(reboot)
REFUSED(kexec_load)
REFUSED(kexec_file_load)
REFUSED(init_module)
REFUSED(finit_module)
REFUSED(delete_module)
REFUSED(syslog)
REFUSED(settimeofday)
REFUSED(clock_settime)
/* unshare: nothing to unshare with flags 0; new namespaces are refused */
SYS(unshare) { (void)cpu; return a[0] == 0 ? 0 : -EPERM; }

/* adjtimex and clock_adjtime: reading the clock state (modes 0) only; struct timex is 208
 * bytes of longs and ints, laid out alike on every 64-bit Linux and as a 32-bit host's
 * clock_adjtime64 takes it (adjtimex is clock_adjtime of CLOCK_REALTIME there) */
#define L_TIMEX "4d8{4}4d8{8}4d8{5}4"
static int64_t timex_query(struct rv_cpu *cpu, int clk, uint64_t g)
{
    unsigned char tx[208];
    if (sys_get(cpu, tx, g, sizeof tx, L_TIMEX))
        return -EFAULT;
    uint32_t modes;
    memcpy(&modes, tx, 4);
    if (modes != 0)
        return -EPERM;
    long r = clk >= 0 ? syscall(HSYS_clock_adjtime, clk, tx)
             : RV_HOST_32 ? syscall(HSYS_clock_adjtime, CLOCK_REALTIME, tx) : syscall(SYS_adjtimex, tx);
    if (r < 0)
        return -errno;
    return sys_put(cpu, g, tx, sizeof tx, L_TIMEX) ? -EFAULT : r;
}
SYS(adjtimex) { return timex_query(cpu, -1, a[0]); }
SYS(clock_adjtime) { return timex_query(cpu, (int)a[0], a[1]); }
