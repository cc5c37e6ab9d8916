/* Syscall dispatch, generated from syscalls.def. */
#include "linux/syscall.h"

const struct rv_sys_info rv_sys_table[RV_SYS_MAX] = {
#define SYSCALL(nr, name, kinds) [nr] = { #name, sys_##name, kinds },
#include "linux/syscalls.def"
#undef SYSCALL
};

void rv_syscall(struct rv_cpu *cpu)
{
    uint64_t nr = cpu->x[17];
    const uint64_t *a = &cpu->x[10];
    int64_t r = -ENOSYS;
    if (nr < RV_SYS_MAX && rv_sys_table[nr].fn)
        r = rv_sys_table[nr].fn(cpu, a);
    if (!cpu->halt)
        cpu->x[10] = (uint64_t)r;
}
