/* The sandbox (issue 6, design §8, sandbox.md): options, the confinement rvemu applies to
 * itself after loading (seccomp, Landlock), the shim's policy gate (paths, network, exec,
 * signals, descriptors) and the limits (memory, threads, time, instructions).
 * Included by rv.h, so it depends on nothing of the emulator's own headers. */
#ifndef RV_SANDBOX_H
#define RV_SANDBOX_H
#include <stddef.h>
#include <stdint.h>

enum rv_sbx_policy { RV_SBX_BASIC, RV_SBX_OFF, RV_SBX_STRICT };  /* zero is the default */

#define RV_SBX_MAX_PATHS 32
/* exit statuses of a guest stopped by a limit (documented in rvemu(1)) */
#define RV_SBX_EXIT_TIMEOUT 124     /* as timeout(1) */
#define RV_SBX_EXIT_INSNS 125
/* slots rv_sandbox_exec_opts() may fill */
#define RV_SBX_EXEC_OPTS_MAX (8 + 2 * RV_SBX_MAX_PATHS)

struct rv_sandbox_opts {
    int policy;                 /* RV_SBX_* */
    int policy_given;           /* --sandbox was on the command line */
    int allow_net;
    const char *allow_read[RV_SBX_MAX_PATHS];
    const char *allow_write[RV_SBX_MAX_PATHS];
    int nread, nwrite;
    uint64_t max_memory;        /* bytes; 0: no limit */
    int max_threads;            /* 0: no limit */
    double timeout;             /* seconds; 0: no limit */
    uint64_t max_insns;         /* 0: no limit */
};

struct rv_machine;
struct rv_cpu;
struct rv_sandbox;

/* The options' paragraph of rvemu --help. */
extern const char rv_sandbox_usage[];
/* One command-line option: name without its dashes, next the following argument (or NULL).
 * 0: not a sandbox option; 1: consumed name (with its "=value"); 2: consumed next too;
 * -1: malformed (a one-line message was printed). */
int rv_sandbox_parse_opt(struct rv_sandbox_opts *o, const char *name, const char *next);
/* Appends the options a re-executed rvemu needs (same policy, allowances and limits) to
 * o[*n..cap): the strings stay valid for the life of the process. */
void rv_sandbox_exec_opts(struct rv_machine *m, char **o, int *n, int cap);

/* After loading, before the first guest instruction: applies the policy. 0, or -1 after a
 * message (rvemu must then not run the guest). */
int rv_sandbox_start(struct rv_machine *m);

/* ---- hooks of the shim (all no-ops unless m->sbx) ---------------------------------- */
/* Before a syscall handler: 1 when the call is refused or answered here (*ret set). */
int rv_sandbox_sys_enter(struct rv_cpu *cpu, uint64_t nr, int64_t *ret);
/* After the handler (also when sys_enter answered). */
void rv_sandbox_sys_exit(struct rv_cpu *cpu, uint64_t nr, int64_t ret);
/* A guest path, already copied once and mapped (rv_path_map), checked against the policy and
 * possibly rewritten to a race-free /proc/self/fd form: 0 or a negative errno. */
int rv_sandbox_path(const struct rv_machine *m, char *path, size_t cap);
/* do_exec: a program that is not riscv64 was asked for; returns the errno to answer. */
int rv_sandbox_native_exec(struct rv_cpu *cpu, const char *path);
/* do_exec: just before rvemu re-executes itself (refreshes the remaining limits). */
void rv_sandbox_before_exec(struct rv_machine *m);
/* The run loop, each time rv_run returns: counts instructions against --max-insns. */
void rv_sandbox_tick(struct rv_cpu *cpu);
/* 1 when rvemu owns the host SIGSYS handler (guest SIGSYS dispositions are only recorded). */
int rv_sandbox_owns_sigsys(void);

#endif
