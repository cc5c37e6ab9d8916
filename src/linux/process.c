/* A guest process from start to end: reserve guest memory, load the program, build the
 * stack, run the main thread, and leave with its exit status or its fatal signal. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "config.h"
#include "linux/process.h"
#ifdef RV_JIT
#include "jit/jit.h"
#endif
#include "linux/elf.h"
#include "linux/stack.h"
#include "interp/block.h"
#include "interp/fault.h"
#include "interp/interp.h"
#include "debug/log.h"
#include "debug/symbols.h"
#include "debug/gdbstub.h"
#include "linux/syscall.h"
#include "linux/signal.h"
#include <linux/futex.h>
#include "linux/path.h"
#include <errno.h>

void rv_fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("rvemu: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* What a riscv64 program started by execve gets: rvemu itself with the options that shape
 * the guest's world (sysroot, stack, address space, engine, tracing). */
static int build_exec_opts(struct rv_machine *m)
{
    static char stack[32], space[32];
    m->self_path = realpath("/proc/self/exe", NULL);
    char **o = calloc(20 + RV_SBX_EXEC_OPTS_MAX, sizeof *o);
    if (!o || !m->self_path)
        return -1;
    int n = 0;
    if (m->ld_prefix) {
        o[n++] = "-L";
        o[n++] = m->ld_prefix;
    }
    snprintf(stack, sizeof stack, "%llu", (unsigned long long)m->opts.stack_size);
    snprintf(space, sizeof space, "%llu", 1ull << m->opts.mem_bits);
    o[n++] = "-s";
    o[n++] = stack;
    o[n++] = "-R";
    o[n++] = space;
    static char jit_thr[40], jit_size[40];
    if (m->opts.no_jit)
        o[n++] = "--no-jit";
    snprintf(jit_thr, sizeof jit_thr, "--jit-threshold=%u", m->opts.jit_threshold);
    snprintf(jit_size, sizeof jit_size, "--jit-cache-size=%llu",
             (unsigned long long)m->opts.jit_cache_size);
    o[n++] = jit_thr;
    o[n++] = jit_size;
    if (m->opts.strace)
        o[n++] = "-strace";
    if (m->opts.log_items) {
        o[n++] = "-d";
        o[n++] = (char *)m->opts.log_items;
    }
    rv_sandbox_exec_opts(m, o, &n, 15 + RV_SBX_EXEC_OPTS_MAX);
    m->exec_opts = o;
    return 0;
}

int rv_process_load(struct rv_machine *m, struct rv_cpu *cpu, const char *path,
                    char *const argv[], char *const envp[])
{
    char err[256];
    clock_gettime(CLOCK_MONOTONIC, &m->t_start);
    m->log = stderr;
    if (m->opts.log_items && rv_log_parse(m->opts.log_items, &m->log_mask) != 0)
        return -1;
    if (m->opts.strace)
        m->log_mask |= LOG_STRACE;
    if (m->opts.log_filter && rv_log_parse_filter(m, m->opts.log_filter) != 0)
        return -1;
    if (m->opts.log_file && rv_log_open(m, m->opts.log_file) != 0)
        return -1;
    if (m->opts.stats && !(m->sys_counts = calloc(RV_SYS_MAX + 1, sizeof *m->sys_counts))) {
        fprintf(stderr, "rvemu: out of memory\n");
        return -1;
    }
    /* The default space is a wish, not a need: where the host's address space is smaller
     * (an rvemu inside an emulator's guest region, a low RLIMIT_AS) take the largest that
     * fits. A re-executed rvemu inherits the size had (-R from build_exec_opts). */
    int r;
    while ((r = rv_mem_init(&m->mem, m->opts.mem_bits)) == -ENOMEM && !m->opts.mem_bits_given &&
           m->opts.mem_bits > 24)
        m->opts.mem_bits--;
    if (r < 0) {
        fprintf(stderr, "rvemu: cannot reserve 2^%d bytes of guest address space: %s "
                "(try a smaller -R)\n", m->opts.mem_bits, strerror(-r));
        return -1;
    }
    pthread_mutex_init(&m->threads_lock, NULL);
    memset(cpu, 0, sizeof *cpu);
    cpu->m = m;
    cpu->cache = rv_cache_new(cpu);
    if (!cpu->cache) {
        fprintf(stderr, "rvemu: out of memory\n");
        return -1;
    }
    m->code_lo = UINT64_MAX;
    m->mem.changed = rv_code_changed;
    m->mem.changed_arg = m;
    rv_run(NULL);       /* publish the handler table before the first block is decoded */

    struct rv_image exe;
    if (rv_elf_load(&m->mem, path, 0, &exe, err, sizeof err) != 0) {
        fprintf(stderr, "rvemu: %s: %s\n", path, err);
        return -1;
    }
    m->exe_path = realpath(path, NULL);
    /* /proc/self/comm, ps and PR_GET_NAME show the program, not rvemu */
    const char *slash = strrchr(path, '/');
    prctl(PR_SET_NAME, slash ? slash + 1 : path, 0, 0, 0);
    m->ld_prefix = rv_prefix_resolve(m->opts.ld_prefix);
    if (m->opts.ld_prefix && !m->ld_prefix) {
        fprintf(stderr, "rvemu: -L %s: %s\n", m->opts.ld_prefix, strerror(errno));
        return -1;
    }
    if (build_exec_opts(m) != 0) {
        fprintf(stderr, "rvemu: out of memory\n");
        return -1;
    }
    uint64_t interp_base = 0, entry = exe.entry;
    if (exe.interp[0]) {
        /* a dynamic program starts in its ELF interpreter, found under the prefix */
        char ipath[4096 + 512];
        struct rv_image in;
        if (rv_path_map(m, exe.interp, ipath, sizeof ipath) != 0 || access(ipath, F_OK) != 0) {
            fprintf(stderr, "rvemu: %s: cannot find its ELF interpreter %s%s%s\n", path,
                    exe.interp, m->ld_prefix ? " under " : "",
                    m->ld_prefix ? m->ld_prefix : " (give the riscv64 sysroot with -L)");
            return -1;
        }
        if (rv_elf_load(&m->mem, ipath, RV_PAGE_DOWN(m->mem.mmap_top / 2), &in, err, sizeof err) != 0) {
            fprintf(stderr, "rvemu: %s: %s\n", ipath, err);
            return -1;
        }
        if (in.interp[0]) {
            fprintf(stderr, "rvemu: %s: an ELF interpreter may not have an interpreter\n", ipath);
            return -1;
        }
        interp_base = in.lo;
        entry = in.entry;
        if (m->log_mask & (LOG_IN_ASM | LOG_EXEC | LOG_INT | LOG_CPU))
            rv_syms_load(&m->syms, ipath, in.bias);
    }
    if (m->log_mask & (LOG_IN_ASM | LOG_EXEC | LOG_INT | LOG_CPU))
        rv_syms_load(&m->syms, path, exe.bias);
    m->entry = exe.entry;
    m->brk_start = m->brk_cur = exe.hi;
    m->brk_limit = m->mem.mmap_top;
    cpu->tid = (int)syscall(SYS_gettid);
    /* the guest starts with the signal mask rvemu was started with */
    sigset_t hm;
    pthread_sigmask(SIG_SETMASK, NULL, &hm);
    for (int sig = 1; sig <= RV_NSIG; sig++)
        if (rv_host_sig(sig) && sigismember(&hm, rv_host_sig(sig)) == 1)
            cpu->sig_blocked |= (uint64_t)1 << (sig - 1);
    if (rv_signal_init(m) != 0) {
        fprintf(stderr, "rvemu: cannot map the signal trampoline\n");
        return -1;
    }
    r = rv_stack_setup(m, cpu, &exe, interp_base, argv, envp, path);
    if (r < 0) {
        fprintf(stderr, "rvemu: %s: cannot build the initial stack: %s\n", path, strerror(-r));
        return -1;
    }
    cpu->pc = entry;
    if (m->log_mask & LOG_PAGE)
        rv_log_page(m);
    if (m->opts.gdb_port) {
        /* gdb sees every instruction: one per block, every block through the slow path */
        m->opts.singlestep = 1;
        if (rv_gdb_start(m, m->opts.gdb_port) != 0)
            return -1;
    }
    m->per_block = (m->log_mask & LOG_PER_BLOCK) || m->gdb;
#ifdef RV_JIT
    /* what must see every block (per-block logs, gdb) keeps to the interpreter */
    m->jit_on = !m->opts.no_jit && !m->per_block && !m->opts.singlestep && rv_jit_init(m) == 0;
    {
        /* a re-executed rvemu runs under this one's filter: it may have code only where ours is */
        static char region[48];
        uintptr_t lo, span;
        rv_jit_region(&lo, &span);
        int n = 0;
        while (m->exec_opts[n])
            n++;
        if (m->jit_on) {
            snprintf(region, sizeof region, "--jit-region=%#llx", (unsigned long long)lo);
            m->exec_opts[n] = region;
        } else if (!m->opts.no_jit) {
            m->exec_opts[n] = "--no-jit";
        }
    }
#endif
    /* the last step: from here on rvemu runs confined (sandbox/) */
    return rv_sandbox_start(m);
}

void rv_process_free(struct rv_machine *m, struct rv_cpu *cpu)
{
    rv_gdb_close(m);
    if (m->log && m->log != stderr)
        fclose(m->log);
    m->log = NULL;
    rv_syms_free(m->syms);
    m->syms = NULL;
    free(m->filter);
    free(m->sys_counts);
    m->sys_counts = NULL;
    rv_cache_free(cpu->cache);
    cpu->cache = NULL;
    rv_mem_destroy(&m->mem);
    free(m->exe_path);
    m->exe_path = NULL;
    free(m->ld_prefix);
    m->ld_prefix = NULL;
    free(m->self_path);
    m->self_path = NULL;
    free(m->exec_opts);
    m->exec_opts = NULL;
}

/* The end of the whole process: every thread goes with it. */
static void process_exit(struct rv_machine *m, struct rv_cpu *cpu) __attribute__((noreturn));
static void process_exit(struct rv_machine *m, struct rv_cpu *cpu)
{
    if (m->gdb)
        rv_gdb_exit(m, __atomic_load_n(&m->exit_status, __ATOMIC_RELAXED));
    if (m->opts.stats)
        rv_stats_print(m, cpu);
    fflush(NULL);
    _exit(__atomic_load_n(&m->exit_status, __ATOMIC_RELAXED));
}

void rv_thread_run(struct rv_cpu *cpu)
{
    struct rv_machine *m = cpu->m;
    for (;;) {
        enum rv_exit e = rv_run(cpu);
        if (e == RV_EXIT_HALT)
            return;
        if (m->sbx)
            rv_sandbox_tick(cpu);       /* --max-insns */
        if (__atomic_load_n(&m->exiting, __ATOMIC_ACQUIRE)) {
            /* another thread called exit_group: this one stops here */
            cpu->halt = 1;
            return;
        }
        if (e == RV_EXIT_FAULT)
            rv_signal_fault(cpu);
        /* clear the request first: a kick from here on is seen at the next boundary */
        __atomic_store_n(&cpu->pending, 0, __ATOMIC_RELEASE);
        rv_cache_sync(cpu->cache);
        rv_signal_deliver(cpu);
        if (__atomic_load_n(&m->exiting, __ATOMIC_ACQUIRE))
            cpu->halt = 1;
    }
}

void rv_thread_unlink(struct rv_cpu *cpu)
{
    struct rv_machine *m = cpu->m;
    pthread_mutex_lock(&m->threads_lock);
    for (struct rv_cpu **p = &m->threads; *p; p = &(*p)->next)
        if (*p == cpu) {
            *p = cpu->next;
            m->nthreads--;
            break;
        }
    pthread_mutex_unlock(&m->threads_lock);
}

void rv_thread_exit(struct rv_cpu *cpu)
{
    struct rv_machine *m = cpu->m;
    if (__atomic_load_n(&m->exiting, __ATOMIC_ACQUIRE))
        process_exit(m, cpu);
    /* CLONE_CHILD_CLEARTID: pthread_join waits on this word */
    if (cpu->clear_child_tid && rv_mem_range_ok(&m->mem, cpu->clear_child_tid, 4)) {
        uint32_t zero = 0;
        if (rv_copy_to_guest(&m->mem, cpu->clear_child_tid, &zero, 4) == 0)
            syscall(SYS_futex, rv_g2h(&m->mem, cpu->clear_child_tid),
                    FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);
    }
    rv_thread_unlink(cpu);
    pthread_mutex_lock(&m->threads_lock);
    int last = m->nthreads == 0;
    pthread_mutex_unlock(&m->threads_lock);
    if (last)
        process_exit(m, cpu);       /* the last thread's exit ends the process */
    rv_current_cpu = NULL;
    if (cpu != m->threads_main) {
        rv_cache_free(cpu->cache);
        free(cpu);
    }
    pthread_exit(NULL);
}

int rv_process_run(struct rv_machine *m, struct rv_cpu *cpu)
{
    rv_current_cpu = cpu;
    rv_fault_init(&m->mem);
    pthread_mutex_lock(&m->threads_lock);
    cpu->next = m->threads;
    m->threads = cpu;
    m->nthreads++;
    m->threads_main = cpu;
    pthread_mutex_unlock(&m->threads_lock);
    rv_thread_run(cpu);
    rv_thread_exit(cpu);
}
