/* Process attributes: rusage and times, priorities, process groups and sessions, the set*id
 * family (to the ids already held), supplementary groups, prctl (name, parent-death signal,
 * dumpable, no_new_privs, timer slack), capget, the sched_* queries and affinity, getcpu,
 * membarrier, mlock/mincore, and EFAULT for bad pointers. Answers that depend on the host
 * (root or not, the number of CPUs) are printed as checks. */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static void *volatile bad = (void *)32;

static const char *en(long r)
{
    if (r >= 0)
        return "ok";
    switch (errno) {
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    case ESRCH: return "ESRCH";
    case ENOMEM: return "ENOMEM";
    default: return strerror(errno);
    }
}

static void spin(void)
{
    volatile unsigned x = 0;
    for (unsigned i = 0; i < 3000000; i++)
        x += i;
}

int main(void)
{
    int r;
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* spin until some user time is accounted: a JIT runs the loop in a tick or less */
    struct rusage ru;
    for (int i = 0; i < 1000; i++) {
        spin();
        getrusage(RUSAGE_SELF, &ru);
        if (ru.ru_utime.tv_sec > 0 || ru.ru_utime.tv_usec > 0)
            break;
    }
    printf("getrusage self: %s, user time > 0 %d, maxrss > 0 %d\n", en(getrusage(RUSAGE_SELF, &ru)),
           ru.ru_utime.tv_sec > 0 || ru.ru_utime.tv_usec > 0, ru.ru_maxrss > 0);
    printf("getrusage children: %s\n", en(getrusage(RUSAGE_CHILDREN, &ru)));
    printf("getrusage bad who: %s\n", en(getrusage(7, &ru)));
    printf("getrusage bad pointer: %s\n", en(getrusage(RUSAGE_SELF, bad)));
    struct tms t;
    clock_t c = times(&t);
    printf("times: %d, utime+stime >= 0 %d\n", c != (clock_t)-1, t.tms_utime + t.tms_stime >= 0);
    printf("times(NULL): %d\n", times(NULL) != (clock_t)-1);

    errno = 0;
    int prio = getpriority(PRIO_PROCESS, 0);
    printf("getpriority: %d errno %d\n", prio > -21 && prio < 20, errno);
    int want = prio < 19 ? prio + 1 : 19;
    printf("setpriority +1: %s now %d\n", en(setpriority(PRIO_PROCESS, 0, want)),
           getpriority(PRIO_PROCESS, 0) == want);
    /* getsid is 0 when the session leader lives outside our pid namespace (containers) */
    printf("getpgid(0)==getpgrp(): %d getsid ok %d\n", getpgid(0) == getpgrp(), getsid(0) >= 0);
    errno = 0;
    printf("getpgid of no process: %s\n", en(getpgid(0x3fffffff)));
    pid_t s = setsid();
    printf("setsid: new session or already a leader %d\n", s == getpid() || errno == EPERM);
    r = setpgid(0, 0);
    printf("setpgid(0, 0): ok, or EPERM as a session leader %d\n", r == 0 || (errno == EPERM && getsid(0) == getpid()));

    uid_t uid = getuid();
    gid_t gid = getgid();
    printf("setuid(self) %s setgid(self) %s\n", en(setuid(uid)), en(setgid(gid)));
    printf("setreuid(-1,-1) %s setregid(-1,-1) %s\n", en(setreuid(-1, -1)), en(setregid(-1, -1)));
    printf("setresuid(-1,-1,-1) %s setresgid(-1,-1,-1) %s\n", en(setresuid(-1, -1, -1)), en(setresgid(-1, -1, -1)));
    printf("setfsuid returns the old fsuid %d\n", (uid_t)syscall(SYS_setfsuid, uid) == uid);
    printf("setfsgid returns the old fsgid %d\n", (gid_t)syscall(SYS_setfsgid, gid) == gid);
    gid_t groups[64];
    int ng = getgroups(64, groups);
    r = setgroups((size_t)(ng > 0 ? ng : 0), groups);
    printf("getgroups %d setgroups(same): ok or EPERM %d\n", ng >= 0, r == 0 || errno == EPERM);
    printf("getgroups bad pointer: %s\n", en(getgroups(4, bad)));

    char name[17] = { 0 };
    printf("PR_SET_NAME: %s\n", en(prctl(PR_SET_NAME, "shim-sysproc-long-name")));
    printf("PR_GET_NAME: %s %s\n", en(prctl(PR_GET_NAME, name)), name);
    int sig = -1;
    printf("PR_SET_PDEATHSIG: %s\n", en(prctl(PR_SET_PDEATHSIG, SIGUSR1)));
    printf("PR_GET_PDEATHSIG: %s %d\n", en(prctl(PR_GET_PDEATHSIG, &sig)), sig);
    prctl(PR_SET_PDEATHSIG, 0);
    printf("PR_GET_DUMPABLE: %ld\n", (long)prctl(PR_GET_DUMPABLE));
    printf("PR_SET_NO_NEW_PRIVS: %s now %ld\n", en(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)), (long)prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    printf("PR_SET_TIMERSLACK: %s now %ld\n", en(prctl(PR_SET_TIMERSLACK, 100000)), (long)prctl(PR_GET_TIMERSLACK));
    printf("PR_CAPBSET_READ CAP_CHOWN: %d\n", prctl(PR_CAPBSET_READ, 0) >= 0);
    printf("prctl unknown option: %s\n", en(prctl(0x7fff1234, 0, 0, 0, 0)));
    printf("PR_GET_NAME bad pointer: %s\n", en(prctl(PR_GET_NAME, bad)));

    struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    printf("capget v3: %s\n", en(syscall(SYS_capget, &hdr, data)));
    hdr.version = 0x12345678;
    r = (int)syscall(SYS_capget, &hdr, NULL);
    printf("capget unknown version: %s, preferred %#x\n", en(r), hdr.version);

    struct sched_param sp = { 0 };
    printf("sched_getscheduler: %d\n", sched_getscheduler(0));
    printf("sched_getparam: %s priority %d\n", en(sched_getparam(0, &sp)), sp.sched_priority);
    printf("sched_setscheduler(OTHER): %s\n", en(sched_setscheduler(0, SCHED_OTHER, &sp)));
    printf("sched_setparam: %s\n", en(sched_setparam(0, &sp)));
    printf("priority max/min FIFO %d %d, OTHER %d %d\n", sched_get_priority_max(SCHED_FIFO),
           sched_get_priority_min(SCHED_FIFO), sched_get_priority_max(SCHED_OTHER), sched_get_priority_min(SCHED_OTHER));
    struct timespec rr;
    printf("sched_rr_get_interval: %s\n", en(sched_rr_get_interval(0, &rr)));
    cpu_set_t set;
    CPU_ZERO(&set);
    sched_getaffinity(0, sizeof set, &set);
    int ncpu = CPU_COUNT(&set);
    printf("sched_setaffinity(same): %s\n", en(sched_setaffinity(0, sizeof set, &set)));
    unsigned cpu = 9999, node = 9999;
    printf("getcpu: %s, cpu in the affinity mask %d, node ok %d\n", en(syscall(SYS_getcpu, &cpu, &node, NULL)),
           cpu < CPU_SETSIZE && CPU_ISSET(cpu, &set), node < 1024);
    printf("sched_getcpu agrees: %d\n", sched_getcpu() >= 0);
    printf("cpus >= 1: %d\n", ncpu >= 1);
    long mb = syscall(SYS_membarrier, 0 /* QUERY */, 0, 0);
    /* container seccomp profiles may refuse membarrier: then the host answer must be EPERM/ENOSYS */
    printf("membarrier query: %s\n", mb >= 0 || errno == EPERM || errno == ENOSYS ? "ok" : en(mb));
    if (mb > 0 && (mb & 1))
        printf("membarrier global: %s\n", en(syscall(SYS_membarrier, 1, 0, 0)));

    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    unsigned char vec[3];
    printf("mincore: %s first page resident %d\n", en(mincore(p, 3 * 4096, vec)), vec[0] & 1);
    printf("mincore unaligned: %s\n", en(mincore(p + 1, 4096, vec)));
    munmap(p + 4096, 4096);
    printf("mincore over a hole: %s\n", en(mincore(p, 3 * 4096, vec)));
    printf("mlock: %s munlock: %s\n", en(mlock(p, 4096)), en(munlock(p, 4096)));
    printf("mlock over a hole: %s\n", en(mlock(p, 3 * 4096)));
    munmap(p, 3 * 4096);
    struct utsname u;
    printf("uname to a bad pointer: %s\n", en(uname(bad)));
    printf("uname machine: %s\n", uname(&u) == 0 ? u.machine : "?");
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("setrlimit(NOFILE, same): %s\n", en(setrlimit(RLIMIT_NOFILE, &rl)));
    printf("clock_gettime bad pointer: %s\n", en(clock_gettime(CLOCK_MONOTONIC, bad)));
    return 0;
}
