/* The syscall shim: one handler per riscv64 syscall, listed once in syscalls.def. Handlers
 * take the six argument registers and return the guest result: a value, or a negative guest
 * errno. Guest pointers are checked before any use. */
#ifndef RV_SYSCALL_H
#define RV_SYSCALL_H
#include <errno.h>
#include <stdint.h>
#include "rv.h"

#define SYS(name) int64_t sys_##name(struct rv_cpu *cpu, const uint64_t *a)
typedef int64_t (*rv_sys_fn)(struct rv_cpu *cpu, const uint64_t *a);

#define SYSCALL(nr, name, kinds) SYS(name);
#include "linux/syscalls.def"
#include "linux/syscalls-task.def"
#undef SYSCALL

struct rv_sys_info {
    const char *name;
    rv_sys_fn fn;
    const char *kinds;
};
#define RV_SYS_MAX 512
extern const struct rv_sys_info rv_sys_table[RV_SYS_MAX];

/* Runs the syscall in a7 with a0..a5, writes the result to a0. */
void rv_syscall(struct rv_cpu *cpu);

/* Host result to guest result: host errno values equal the guest's on Linux hosts of the
 * asm-generic family and x86-64, so only the sign convention changes. */
static inline int64_t sys_ret(long r) { return r < 0 ? -(int64_t)errno : r; }

#define MEM (&cpu->m->mem)
/* host pointer for a guest buffer of n bytes, or NULL if it is outside the guest space */
static inline void *sys_buf(struct rv_cpu *cpu, uint64_t a, uint64_t n)
{
    return rv_mem_range_ok(MEM, a, n) ? rv_g2h(MEM, a) : NULL;
}
/* copies a guest path; returns 0 or a negative errno */
int sys_path(struct rv_cpu *cpu, uint64_t a, char *buf, size_t cap);
/* guest open flags (asm-generic values) to host open flags */
int sys_open_flags(uint64_t g);

#endif
