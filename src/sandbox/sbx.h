/* Internals shared by the sandbox's files: the process-wide state behind m->sbx, and the
 * entry points of each part (seccomp.c, landlock.c, paths.c, limits.c, gate.c). */
#ifndef RV_SBX_H
#define RV_SBX_H
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include "rv.h"
#include "sandbox/sandbox.h"

/* classes of hostcalls.def rows */
enum { SBX_ANY, SBX_NET, SBX_BASIC, SBX_GDB };

/* an allowed file-system tree (or single file) of the strict policy */
struct sbx_root {
    char *path;         /* canonical, without a trailing slash ("/" stays "/") */
    size_t len;
    int fd;             /* O_PATH, reserved from the guest */
    int dir, write;
};

struct rv_sandbox {
    struct rv_machine *m;
    int policy;             /* RV_SBX_* */
    int allow_net;
    int seccomp_on, landlock_abi;
    int guest_dumpable;     /* what PR_GET_DUMPABLE tells the guest (rvemu itself is not) */
    /* strict: the allowed trees */
    struct sbx_root roots[2 * RV_SBX_MAX_PATHS + 4];
    int nroots;
    int have_openat2;
    /* limits */
    uint64_t max_insns, insns;      /* insns: counted so far (atomic) */
    struct timespec deadline;       /* CLOCK_MONOTONIC; tv_sec 0: none */
    int max_threads, clones_inflight;
    int stopping;                   /* a limit stopped the guest (atomic) */
};

/* ---- seccomp.c ---- */
struct sbx_filter_cfg {
    int policy, allow_net, gdb;
    int exec_maps;          /* allow file-backed, non-writable PROT_EXEC mmaps (a dynamic
                               rvemu's loader after a guest execve) */
};
/* Builds and loads the filter (no_new_privs, TSYNC, TRAP to a SIGSYS reporter): 0 or a
 * negative errno. Built without it, or on a host it has no audit arch for: -ENOSYS. */
int sbx_seccomp_load(const struct sbx_filter_cfg *cfg);
/* 1 when this process already runs under a seccomp filter (a re-executed rvemu). */
int sbx_seccomp_active(void);

/* ---- landlock.c ---- */
/* Restricts the file system (and TCP, signals, abstract sockets where the kernel can) to the
 * strict policy's trees: the ABI version used, 0 when the kernel has no Landlock, or a
 * negative errno. */
int sbx_landlock(struct rv_sandbox *s);

/* ---- paths.c ---- */
/* opens the allowed trees (rules.c); sbx_paths_start also probes openat2 */
int sbx_paths_init(struct rv_sandbox *s);
int sbx_paths_start(struct rv_sandbox *s);
/* a new syscall starts: its path arguments are counted from the first */
void sbx_paths_begin(void);
/* 1 when fd is one of the sandbox's own descriptors (never the guest's) */
int sbx_fd_reserved(int fd);
void sbx_fd_reserve(int fd, int on);
/* closes the descriptors this thread's path checks opened for the current syscall */
void sbx_paths_release(void);
/* the canonical path of an open descriptor (readlink of /proc/self/fd/N): length or -errno */
int sbx_fd_path(int fd, char *buf, size_t cap);
/* 1 when the canonical path may be opened with the intent (write: 1) */
int sbx_path_allowed(const struct rv_sandbox *s, const char *canon, int write);
/* moves fd to a high number, close-on-exec (away from the guest's lowest-free numbering) */
int sbx_fd_high(int fd);

/* ---- limits.c ---- */
int sbx_limits_start(struct rv_sandbox *s);
/* Stops the guest: one message, the exit status, every thread kicked. */
void sbx_stop(struct rv_sandbox *s, int status, const char *why);

/* ---- gate.c ---- */
/* -d guest_errors: one line naming the call and the rule; returns err */
int sbx_refuse(struct rv_cpu *cpu, const char *call, const char *what, const char *rule, int err);

extern struct rv_sandbox rv_sbx_state;

#endif
