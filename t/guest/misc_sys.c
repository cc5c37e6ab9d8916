/* Assorted process and system information calls, printed as checks only:
 * ids, umask, rlimits, sysinfo, CPU affinity, sched_yield, isatty, uname. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(void)
{
    pid_t pid = getpid(), ppid = getppid(), tid = gettid();
    printf("getpid>0: %d getppid>0: %d gettid==getpid: %d getpid stable: %d\n", pid > 0, ppid > 0, tid == pid,
           getpid() == pid);
    printf("getpgrp ok: %d getsid ok: %d\n", getpgrp() >= 0, getsid(0) >= 0); /* 0 is possible in a container */

    uid_t ruid, euid, suid;
    gid_t rgid, egid, sgid;
    int r1 = getresuid(&ruid, &euid, &suid), r2 = getresgid(&rgid, &egid, &sgid);
    printf("getresuid rc=%d getresgid rc=%d\n", r1, r2);
    printf("uid agree: %d euid agree: %d gid agree: %d egid agree: %d saved==effective: %d\n", getuid() == ruid,
           geteuid() == euid, getgid() == rgid, getegid() == egid, suid == euid && sgid == egid);
    int ng = getgroups(0, NULL);
    printf("getgroups count>=0: %d\n", ng >= 0);

    mode_t old = umask(027);
    mode_t mid = umask(0077);
    mode_t back = umask(old);
    printf("umask: set 027 then read back %03o, then %03o, restored: %d\n", (unsigned)mid, (unsigned)back,
           umask(old) == old);

    struct rlimit rl;
    int rc = getrlimit(RLIMIT_STACK, &rl);
    printf("getrlimit(RLIMIT_STACK) rc=%d cur<=max: %d cur>0: %d\n", rc,
           rl.rlim_max == RLIM_INFINITY || rl.rlim_cur <= rl.rlim_max, rl.rlim_cur > 0);
    rc = getrlimit(RLIMIT_NOFILE, &rl);
    printf("getrlimit(RLIMIT_NOFILE) rc=%d cur>=3: %d\n", rc, rl.rlim_cur >= 3);
    struct rlimit nr = rl;
    rc = setrlimit(RLIMIT_NOFILE, &nr);
    printf("setrlimit(RLIMIT_NOFILE, same) rc=%d\n", rc);
    errno = 0;
    rc = getrlimit(9999, &rl);
    printf("getrlimit(bad) rc=%d EINVAL=%d\n", rc, errno == EINVAL);
    struct rusage ru;
    rc = getrusage(RUSAGE_SELF, &ru);
    printf("getrusage rc=%d\n", rc);

    struct sysinfo si;
    rc = sysinfo(&si);
    printf("sysinfo rc=%d totalram>0: %d mem_unit>0: %d procs>0: %d\n", rc, si.totalram > 0, si.mem_unit > 0,
           si.procs > 0);

    cpu_set_t set;
    CPU_ZERO(&set);
    rc = sched_getaffinity(0, sizeof set, &set);
    printf("sched_getaffinity rc=%d count>=1: %d\n", rc, CPU_COUNT(&set) >= 1);
    printf("sched_yield=%d\n", sched_yield());
    printf("sched_getscheduler=%d (SCHED_OTHER=%d)\n", sched_getscheduler(0), SCHED_OTHER);
    long nproc = sysconf(_SC_NPROCESSORS_ONLN);
    printf("nprocs_onln>=1: %d\n", nproc >= 1);

    errno = 0;
    int t = isatty(0);
    printf("isatty(0)=%d errno ENOTTY=%d\n", t, errno == ENOTTY);

    struct utsname u;
    rc = uname(&u);
    printf("uname rc=%d sysname=%s machine=%s release nonempty: %d\n", rc, u.sysname, u.machine, u.release[0] != 0);

    char host[256];
    rc = gethostname(host, sizeof host);
    printf("gethostname rc=%d\n", rc);
    printf("getpriority errno-free: ");
    errno = 0;
    int prio = getpriority(PRIO_PROCESS, 0);
    printf("%d in range: %d\n", errno == 0, prio >= -20 && prio <= 19);
    return 0;
}
