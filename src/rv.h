/* The emulated machine: one guest process. Holds what the threads of a guest share (memory,
 * block cache, options, process facts); per-thread state is struct rv_cpu. */
#ifndef RV_H
#define RV_H
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <pthread.h>
#include "interp/cpu.h"
#include "interp/mem.h"
#include "sandbox/sandbox.h"

struct rv_cache;
struct rv_symtab;
struct rv_gdb;

/* JIT defaults (--jit-threshold, --jit-cache-size) */
#define RV_JIT_THRESHOLD 50
#define RV_JIT_CACHE_SIZE ((uint64_t)64 << 20)

struct rv_opts {
    const char *ld_prefix;      /* -L */
    const char *argv0;          /* -0 */
    uint64_t stack_size;        /* -s */
    int mem_bits;               /* -R, as log2 of the guest address space; 0: the default */
    int no_jit;
    uint32_t jit_threshold;     /* --jit-threshold */
    uint64_t jit_cache_size;    /* --jit-cache-size; 0: the default */
    uint64_t block_cache_size;  /* --block-cache-size: decoded blocks per thread */
    int perfmap;                /* -perfmap */
    uint64_t jit_region;        /* --jit-region: where a re-executed rvemu's JIT must be */
    const char *log_items;      /* -d */
    const char *log_file;       /* -D */
    const char *log_filter;     /* -dfilter */
    int singlestep;
    int strace;                 /* -strace */
    int stats;                  /* --stats */
    const char *gdb_port;       /* -g */
    struct rv_sandbox_opts sandbox;  /* --sandbox, --allow-*, --max-*, --timeout */
};

/* A guest signal disposition, as rt_sigaction passes it (riscv has no sa_restorer). */
struct rv_sigact { uint64_t handler, flags, mask; };

struct rv_machine {
    struct rv_mem mem;
    pthread_mutex_t threads_lock;
    struct rv_cpu *threads;     /* every live guest thread */
    struct rv_cpu *threads_main; /* the first one (not heap-allocated) */
    int nthreads;
    uint64_t code_lo, code_hi;  /* guest range of every instruction ever decoded */
    pthread_mutex_t sig_lock;
    struct rv_sigact sigact[64];  /* guest dispositions, shared by all threads */
    uint64_t sigtramp;          /* guest address of the rt_sigreturn trampoline */
    char *self_path;            /* the rvemu binary, for execve of riscv64 programs */
    char **exec_opts;           /* options a re-executed rvemu gets */
    struct rv_opts opts;
    char *exe_path;             /* host path of the program, for /proc/self/exe */
    char *ld_prefix;            /* resolved -L sysroot, or NULL */
    uint64_t brk_start, brk_cur, brk_limit;
    uint64_t entry, phdr, phnum, load_bias, interp_base;
    /* the initial stack, as Linux's mm records it (for /proc/self/cmdline, environ, auxv) */
    uint64_t start_stack, arg_start, arg_end, env_start, env_end, auxv, auxv_len;
    volatile int exiting;
    int exit_status;
    /* debugging: all off the hot path (see debug/log.h) */
    FILE *log;
    unsigned log_mask;          /* LOG_* items */
    int jit_on;                 /* blocks are compiled (jit/jit.h) */
    int per_block;              /* every block entry goes through rv_debug_block_entry() */
    struct rv_gdb *gdb;         /* the gdb connection, or NULL */
    struct { uint64_t lo, hi; } *filter;
    int nfilter;
    struct rv_symtab *syms;
    uint64_t *sys_counts;       /* --stats: calls per syscall number */
    uint64_t blocks_decoded;
    struct timespec t_start;
    struct rv_sandbox *sbx;     /* the sandbox in force, or NULL (off, no limits) */
};

void rv_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
