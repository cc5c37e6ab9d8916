/* Clocks and sleeping, printed only as checks (never raw times): realtime is after
 * 2020, monotonic never goes backwards, a 10 ms nanosleep takes at least 10 ms;
 * gmtime/localtime/strftime/mktime of fixed epochs in UTC. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static long long ns(const struct timespec *t) { return t->tv_sec * 1000000000LL + t->tv_nsec; }

int main(void)
{
    struct timespec rt, m0, m1, m2, res;
    printf("clock_gettime REALTIME rc=%d\n", clock_gettime(CLOCK_REALTIME, &rt));
    printf("realtime after 2020-01-01: %d, tv_nsec in range: %d\n", rt.tv_sec > 1577836800,
           rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000);
    printf("clock_gettime MONOTONIC rc=%d\n", clock_gettime(CLOCK_MONOTONIC, &m0));
    int nondecreasing = 1;
    m1 = m0;
    for (int i = 0; i < 1000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &m2);
        if (ns(&m2) < ns(&m1))
            nondecreasing = 0;
        m1 = m2;
    }
    printf("monotonic non-decreasing over 1000 reads: %d\n", nondecreasing);
    printf("clock_getres MONOTONIC rc=%d res<=1ms: %d\n", clock_getres(CLOCK_MONOTONIC, &res), ns(&res) <= 1000000);
    struct timespec cpu;
    printf("clock_gettime PROCESS_CPUTIME rc=%d\n", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu));
    printf("clock_gettime BOOTTIME rc=%d\n", clock_gettime(CLOCK_BOOTTIME, &m2));

    struct timeval tv;
    printf("gettimeofday rc=%d\n", gettimeofday(&tv, NULL));
    printf("gettimeofday after 2020: %d, usec in range: %d, agrees with realtime (+-100 s): %d\n",
           tv.tv_sec > 1577836800, tv.tv_usec >= 0 && tv.tv_usec < 1000000, llabs(tv.tv_sec - rt.tv_sec) < 100);
    time_t now = time(NULL);
    printf("time(NULL) > 1600000000: %d\n", now > 1600000000);
    time_t t2;
    printf("time(&t) consistent: %d\n", time(&t2) == t2);

    struct timespec before, after, req = {0, 10 * 1000 * 1000}, rem = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &before);
    int rc = nanosleep(&req, &rem);
    clock_gettime(CLOCK_MONOTONIC, &after);
    long long el = ns(&after) - ns(&before);
    printf("nanosleep 10ms rc=%d elapsed>=10ms: %d elapsed<5s: %d\n", rc, el >= 10000000, el < 5000000000LL);
    clock_gettime(CLOCK_MONOTONIC, &before);
    struct timespec abs_deadline = before;
    abs_deadline.tv_nsec += 5000000;
    if (abs_deadline.tv_nsec >= 1000000000) {
        abs_deadline.tv_sec++;
        abs_deadline.tv_nsec -= 1000000000;
    }
    rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs_deadline, NULL);
    clock_gettime(CLOCK_MONOTONIC, &after);
    printf("clock_nanosleep abs 5ms rc=%d reached deadline: %d\n", rc, ns(&after) >= ns(&abs_deadline));
    struct timespec bad = {0, 2000000000};
    errno = 0;
    rc = nanosleep(&bad, NULL);
    printf("nanosleep invalid rc=%d EINVAL=%d\n", rc, errno == EINVAL);

    /* Fixed epochs. With TZ unset glibc would read the host's /etc/localtime, so name UTC
     * explicitly with a POSIX TZ string (no zoneinfo file needed). */
    setenv("TZ", "UTC0", 1);
    tzset();
    const time_t epochs[] = {0, 86399, 951782400 /* 2000-02-29 */, 1234567890, 2147483647, 2147483648LL,
                             4102444800LL /* 2100-01-01 */, -1};
    char buf[128];
    for (size_t i = 0; i < sizeof epochs / sizeof epochs[0]; i++) {
        struct tm tm, *lt;
        gmtime_r(&epochs[i], &tm);
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %j", &tm);
        lt = localtime(&epochs[i]);
        printf("%lld: gmtime %s wday=%d yday=%d | localtime same: %d zone=%s\n", (long long)epochs[i], buf,
               tm.tm_wday, tm.tm_yday,
               lt && lt->tm_hour == tm.tm_hour && lt->tm_mday == tm.tm_mday && lt->tm_year == tm.tm_year,
               lt ? lt->tm_zone : "?");
    }
    struct tm mk = {.tm_year = 124, .tm_mon = 1, .tm_mday = 29, .tm_hour = 12, .tm_min = 34, .tm_sec = 56};
    time_t back = mktime(&mk);
    printf("mktime 2024-02-29 12:34:56 = %lld wday=%d yday=%d\n", (long long)back, mk.tm_wday, mk.tm_yday);
    struct tm norm = {.tm_year = 123, .tm_mon = 11, .tm_mday = 32, .tm_hour = 25};
    mktime(&norm);
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &norm);
    printf("mktime normalizes 2023-12-32 25:00 -> %s\n", buf);
    time_t fixed = 1700000000;
    printf("ctime: %s", ctime(&fixed));
    printf("asctime(gmtime): %s", asctime(gmtime(&fixed)));
    printf("difftime=%.1f\n", difftime(1700000100, 1700000000));
    return 0;
}
