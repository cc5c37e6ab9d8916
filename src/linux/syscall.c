/* Syscall dispatch, generated from syscalls.def. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "linux/syscall.h"
#include "debug/log.h"
#include "linux/signal.h"

/* The rows, dense, and an index by number: half the size of rows indexed by number (most
 * numbers below RV_SYS_MAX are unused), which counts in a small build. */
enum {
#define SYSCALL(nr, name, kinds) SYS_ROW_##name,
#include "linux/syscalls.def"
#include "linux/syscalls-task.def"
#undef SYSCALL
    SYS_ROWS
};
static const struct rv_sys_info rows[SYS_ROWS] = {
#define SYSCALL(nr, name, kinds) { #name, sys_##name, kinds },
#include "linux/syscalls.def"
#include "linux/syscalls-task.def"
#undef SYSCALL
};
static const uint16_t row_of[RV_SYS_MAX] = {      /* row + 1; 0: unknown */
#define SYSCALL(nr, name, kinds) [nr] = SYS_ROW_##name + 1,
#include "linux/syscalls.def"
#include "linux/syscalls-task.def"
#undef SYSCALL
};

const struct rv_sys_info *rv_sys_info(uint64_t nr)
{
    return nr < RV_SYS_MAX && row_of[nr] ? &rows[row_of[nr] - 1] : NULL;
}

int sys_put(struct rv_cpu *cpu, uint64_t ga, const void *src, size_t n, const char *layout)
{
    if (!RV_HOST_BE)
        return rv_copy_to_guest(MEM, ga, src, n) ? -EFAULT : 0;
    unsigned char small[512], *tmp = n <= sizeof small ? small : malloc(n);
    if (!tmp)
        return -ENOMEM;
    memcpy(tmp, src, n);
    rv_le_fix(tmp, layout, n, 1);
    int r = rv_copy_to_guest(MEM, ga, tmp, n) ? -EFAULT : 0;
    if (tmp != small)
        free(tmp);
    return r;
}

/* Linux never restarts these after a handler ran (-ERESTARTNOHAND, restart blocks) */
static int never_restarted(uint64_t nr)
{
    switch (nr) {
    case 22: case 72: case 73: case 101: case 115: case 133: case 137: case 441:
        return 1;
    default:
        return 0;
    }
}

void rv_syscall(struct rv_cpu *cpu)
{
    struct rv_machine *m = cpu->m;
    uint64_t nr = cpu->x[17];
    const uint64_t *a = &cpu->x[10];
    int64_t r = -ENOSYS;
    const struct rv_sys_info *known = rv_sys_info(nr);
    cpu->orig_a0 = cpu->x[10];
    if (__builtin_expect(m->log_mask & (LOG_STRACE | LOG_UNIMP), 0) || m->sys_counts) {
        if (m->sys_counts)
            __atomic_fetch_add(&m->sys_counts[nr < RV_SYS_MAX ? nr : RV_SYS_MAX], 1,
                               __ATOMIC_RELAXED);
        if (!known && (m->log_mask & LOG_UNIMP))
            fprintf(m->log, "unimplemented syscall %" PRIu64 ": -ENOSYS\n", nr);
        if (m->log_mask & LOG_STRACE)
            rv_strace_enter(cpu, nr);
    }
    if (__builtin_expect(m->sbx != NULL, 0)) {
        /* the sandbox's gate may refuse the call; it releases what its checks held after */
        if (!rv_sandbox_sys_enter(cpu, nr, &r) && known)
            r = known->fn(cpu, a);
        rv_sandbox_sys_exit(cpu, nr, r);
    } else if (known) {
        r = known->fn(cpu, a);
    }
    if (cpu->halt || r == RV_RET_KEEP_A0)
        return;
    if (__builtin_expect(m->log_mask & (LOG_STRACE | LOG_GUEST_ERRORS), 0)) {
        if (m->log_mask & LOG_STRACE)
            rv_strace_exit(cpu, nr, r);
        /* the errors that mean the guest passed something invalid, not that the world said no */
        if ((m->log_mask & LOG_GUEST_ERRORS) && (r == -EFAULT || r == -EINVAL || r == -ENOTTY))
            fprintf(m->log, "guest error: %s at pc 0x%" PRIx64 ": %s\n",
                    known ? known->name : "syscall", cpu->pc - 4, strerror((int)-r));
    }
    cpu->x[10] = (uint64_t)r;
    if (r == -EINTR) {
        /* a signal interrupted the call: the run loop delivers it and then restarts the
         * call or lets EINTR stand, as Linux would (signal.c) */
        cpu->sys_intr = 1;
        cpu->sys_intr_norestart = never_restarted(nr);
        rv_cpu_kick(cpu);
    }
}
