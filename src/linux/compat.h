/* The host's structures where a 32-bit host's differ from riscv64's: siginfo, rusage, sysinfo,
 * tms, sigevent, and the raw syscalls whose time arguments must be 64-bit. On a 64-bit host
 * the layouts are riscv64's and these are plain copies. */
#ifndef RV_COMPAT_H
#define RV_COMPAT_H
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>

/* Raw syscalls with a struct timespec (riscv64's: 64-bit fields): a 32-bit host's plain ones
 * take 32-bit fields, its _time64 ones (Linux 5.1) riscv64's layout. */
#if __SIZEOF_LONG__ == 4
#define RV_HOST_32 1
#define HSYS_futex SYS_futex_time64
#define HSYS_ppoll SYS_ppoll_time64
#define HSYS_pselect6 SYS_pselect6_time64
#define HSYS_utimensat SYS_utimensat_time64
#define HSYS_timer_settime SYS_timer_settime64
#define HSYS_timer_gettime SYS_timer_gettime64
#define HSYS_clock_adjtime SYS_clock_adjtime64      /* its __kernel_timex is riscv64's timex */
#else
#define RV_HOST_32 0
#define HSYS_futex SYS_futex
#define HSYS_ppoll SYS_ppoll
#define HSYS_pselect6 SYS_pselect6
#define HSYS_utimensat SYS_utimensat
#define HSYS_timer_settime SYS_timer_settime
#define HSYS_timer_gettime SYS_timer_gettime
#define HSYS_clock_adjtime SYS_clock_adjtime
#endif

/* A host siginfo as riscv64 lays it out (128 bytes), and a guest one for the host (only the
 * kinds a guest may queue: si_code < 0, pid, uid and the value's low 32 bits on a 32-bit host) */
void rv_compat_siginfo_to_guest(unsigned char *g, const siginfo_t *h);
void rv_compat_siginfo_to_host(siginfo_t *h, const unsigned char *g);
/* The raw wait4/waitid rusage a 32-bit kernel writes: 18 longs (two old timevals first) */
struct rv_kernel_rusage { long w[18]; };
/* riscv64's struct rusage (144 bytes) from the C library's or the kernel's */
void rv_compat_rusage(unsigned char *g, const struct rusage *r);
void rv_compat_kernel_rusage(unsigned char *g, const struct rv_kernel_rusage *r);
/* riscv64's struct sysinfo (112 bytes) and struct tms (32 bytes) */
void rv_compat_sysinfo(unsigned char *g, const struct sysinfo *s);
void rv_compat_tms(unsigned char *g, const struct tms *t);
/* riscv64's struct sigevent (64 bytes) for the host kernel: value, signal, notify, thread id
 * (SIGEV_THREAD's function is the guest C library's business, not the kernel's) */
void rv_compat_sigevent(struct sigevent *h, const unsigned char *g);

#endif
