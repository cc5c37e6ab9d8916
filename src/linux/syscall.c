/* Syscall dispatch, generated from syscalls.def. */
#include <inttypes.h>
#include <string.h>
#include "linux/syscall.h"
#include "debug/log.h"

const struct rv_sys_info rv_sys_table[RV_SYS_MAX] = {
#define SYSCALL(nr, name, kinds) [nr] = { #name, sys_##name, kinds },
#include "linux/syscalls.def"
#undef SYSCALL
};

void rv_syscall(struct rv_cpu *cpu)
{
    struct rv_machine *m = cpu->m;
    uint64_t nr = cpu->x[17];
    const uint64_t *a = &cpu->x[10];
    int64_t r = -ENOSYS;
    int known = nr < RV_SYS_MAX && rv_sys_table[nr].fn;
    if (__builtin_expect(m->log_mask & (LOG_STRACE | LOG_UNIMP), 0) || m->sys_counts) {
        if (m->sys_counts)
            m->sys_counts[nr < RV_SYS_MAX ? nr : RV_SYS_MAX]++;
        if (!known && (m->log_mask & LOG_UNIMP))
            fprintf(m->log, "unimplemented syscall %" PRIu64 " (%s): -ENOSYS\n", nr,
                    nr < RV_SYS_MAX && rv_sys_table[nr].name ? rv_sys_table[nr].name : "unknown");
        if (m->log_mask & LOG_STRACE)
            rv_strace_enter(cpu, nr);
    }
    if (known)
        r = rv_sys_table[nr].fn(cpu, a);
    if (__builtin_expect(m->log_mask & (LOG_STRACE | LOG_GUEST_ERRORS), 0) && !cpu->halt) {
        if (m->log_mask & LOG_STRACE)
            rv_strace_exit(cpu, nr, r);
        /* the errors that mean the guest passed something invalid, not that the world said no */
        if ((m->log_mask & LOG_GUEST_ERRORS) && (r == -EFAULT || r == -EINVAL || r == -ENOTTY))
            fprintf(m->log, "guest error: %s at pc 0x%" PRIx64 ": %s\n",
                    known ? rv_sys_table[nr].name : "syscall", cpu->pc - 4, strerror((int)-r));
    }
    if (!cpu->halt)
        cpu->x[10] = (uint64_t)r;
}
