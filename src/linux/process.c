/* A guest process from start to end: reserve guest memory, load the program, build the
 * stack, run the main thread, and leave with its exit status or its fatal signal. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "linux/process.h"
#include "linux/elf.h"
#include "linux/stack.h"
#include "interp/block.h"
#include "interp/fault.h"
#include "interp/interp.h"
#include "debug/log.h"
#include "debug/symbols.h"
#include "debug/gdbstub.h"
#include "linux/syscall.h"
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
    int r = rv_mem_init(&m->mem, m->opts.mem_bits);
    if (r < 0) {
        fprintf(stderr, "rvemu: cannot reserve 2^%d bytes of guest address space: %s "
                "(try a smaller -R)\n", m->opts.mem_bits, strerror(-r));
        return -1;
    }
    m->cache = rv_cache_new();
    if (!m->cache) {
        fprintf(stderr, "rvemu: out of memory\n");
        return -1;
    }
    m->mem.changed = rv_cache_invalidate;
    m->mem.changed_arg = m->cache;
    rv_run(NULL);       /* publish the handler table before the first block is decoded */

    struct rv_image exe;
    if (rv_elf_load(&m->mem, path, 0, &exe, err, sizeof err) != 0) {
        fprintf(stderr, "rvemu: %s: %s\n", path, err);
        return -1;
    }
    m->exe_path = realpath(path, NULL);
    m->ld_prefix = rv_prefix_resolve(m->opts.ld_prefix);
    if (m->opts.ld_prefix && !m->ld_prefix) {
        fprintf(stderr, "rvemu: -L %s: %s\n", m->opts.ld_prefix, strerror(errno));
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
    memset(cpu, 0, sizeof *cpu);
    cpu->m = m;
    cpu->tid = (int)syscall(SYS_gettid);
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
    return 0;
}

void rv_process_free(struct rv_machine *m)
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
    rv_cache_free(m->cache);
    m->cache = NULL;
    rv_mem_destroy(&m->mem);
    free(m->exe_path);
    m->exe_path = NULL;
    free(m->ld_prefix);
    m->ld_prefix = NULL;
}

/* Dies of the guest's fatal signal, as the program would have, without a host core dump of
 * the emulator (its address space is the whole guest reservation). */
static void die_of(struct rv_cpu *cpu)
{
    int sig = cpu->sig;
    struct rv_machine *m = cpu->m;
    if (m->gdb)
        rv_gdb_fault(cpu);      /* gdb sees the signal first; the guest dies after */
    if (m->log_mask & LOG_INT)
        rv_log_signal(cpu, "fatal");
    if (m->opts.stats)
        rv_stats_print(m, cpu);
    fflush(NULL);
    fprintf(stderr, "rvemu: uncaught target signal %d (%s) at pc 0x%llx, address 0x%llx\n",
            sig, strsignal(sig), (unsigned long long)cpu->pc, (unsigned long long)cpu->sig_addr);
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

int rv_process_run(struct rv_machine *m, struct rv_cpu *cpu)
{
    rv_current_cpu = cpu;
    rv_fault_init(&m->mem);
    for (;;) {
        enum rv_exit e = rv_run(cpu);
        if (e == RV_EXIT_HALT) {
            if (m->gdb)
                rv_gdb_exit(m, m->exit_status);
            if (m->opts.stats)
                rv_stats_print(m, cpu);
            if (m->log)
                fflush(m->log);
            return m->exit_status;
        }
        if (e == RV_EXIT_FAULT)
            die_of(cpu);
        cpu->pending = 0;
    }
}
