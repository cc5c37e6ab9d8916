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
    if (exe.interp[0]) {
        fprintf(stderr, "rvemu: %s: dynamically linked programs (interpreter %s) are not "
                "supported yet; link with -static\n", path, exe.interp);
        return -1;
    }
    m->exe_path = realpath(path, NULL);
    m->entry = exe.entry;
    m->brk_start = m->brk_cur = exe.hi;
    m->brk_limit = m->mem.mmap_top;
    memset(cpu, 0, sizeof *cpu);
    cpu->m = m;
    cpu->tid = (int)syscall(SYS_gettid);
    r = rv_stack_setup(m, cpu, &exe, 0, argv, envp, path);
    if (r < 0) {
        fprintf(stderr, "rvemu: %s: cannot build the initial stack: %s\n", path, strerror(-r));
        return -1;
    }
    cpu->pc = exe.entry;
    return 0;
}

void rv_process_free(struct rv_machine *m)
{
    rv_cache_free(m->cache);
    m->cache = NULL;
    rv_mem_destroy(&m->mem);
    free(m->exe_path);
    m->exe_path = NULL;
}

/* Dies of the guest's fatal signal, as the program would have, without a host core dump of
 * the emulator (its address space is the whole guest reservation). */
static void die_of(struct rv_cpu *cpu)
{
    int sig = cpu->sig;
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
        if (e == RV_EXIT_HALT)
            return m->exit_status;
        if (e == RV_EXIT_FAULT)
            die_of(cpu);
        cpu->pending = 0;
    }
}
