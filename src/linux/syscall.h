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
/* Guest structures that a host call reads or writes through a pointer are little-endian; the
 * host's may not be. With layout as for rv_le_fix():
 * sys_in: what to pass for n bytes the call reads (and maybe writes) at guest ga: on a
 *   little-endian host the guest memory itself (sys_buf); on a big-endian host a host-order
 *   copy in tmp. NULL when out of range or unreadable (-EFAULT).
 * sys_outp: what to pass for n bytes the call only writes: the guest memory (little-endian
 *   host) or tmp.
 * sys_out: after the call wrote through p (from sys_in or sys_outp), the guest gets the
 *   bytes in its order: 0 or -EFAULT; nothing to do on a little-endian host. */
static inline void *sys_in(struct rv_cpu *cpu, uint64_t ga, size_t n, void *tmp,
                           const char *layout)
{
    if (!RV_HOST_BE)
        return sys_buf(cpu, ga, n);
    if (rv_copy_from_guest(MEM, tmp, ga, n))
        return NULL;
    rv_le_fix(tmp, layout, n, 1);
    return tmp;
}
static inline void *sys_outp(struct rv_cpu *cpu, uint64_t ga, size_t n, void *tmp)
{
    if (!RV_HOST_BE)
        return sys_buf(cpu, ga, n);
    return rv_mem_range_ok(MEM, ga, n) ? tmp : NULL;
}
static inline int sys_out(struct rv_cpu *cpu, uint64_t ga, void *p, size_t n, const char *layout)
{
    if (!RV_HOST_BE || !p)
        return 0;
    rv_le_fix(p, layout, n, 1);
    return rv_copy_to_guest(MEM, ga, p, n);
}
/* copies of guest structures in host order: 0 or -EFAULT */
static inline int sys_get(struct rv_cpu *cpu, void *dst, uint64_t ga, size_t n, const char *layout)
{
    if (rv_copy_from_guest(MEM, dst, ga, n))
        return -EFAULT;
    rv_le_fix(dst, layout, n, 1);
    return 0;
}
int sys_put(struct rv_cpu *cpu, uint64_t ga, const void *src, size_t n, const char *layout);
/* a 32- or 64-bit guest integer */
static inline int sys_put32(struct rv_cpu *cpu, uint64_t ga, uint32_t v)
{
    v = rv_le32(v);
    return rv_copy_to_guest(MEM, ga, &v, 4);
}
static inline int sys_put64(struct rv_cpu *cpu, uint64_t ga, uint64_t v)
{
    v = rv_le64(v);
    return rv_copy_to_guest(MEM, ga, &v, 8);
}
static inline int sys_get64(struct rv_cpu *cpu, uint64_t ga, uint64_t *v)
{
    if (rv_copy_from_guest(MEM, v, ga, 8))
        return -EFAULT;
    *v = rv_le64(*v);
    return 0;
}
static inline int sys_get32(struct rv_cpu *cpu, uint64_t ga, uint32_t *v)
{
    if (rv_copy_from_guest(MEM, v, ga, 4))
        return -EFAULT;
    *v = rv_le32(*v);
    return 0;
}
/* common layouts: struct timespec, timeval, itimerspec, itimerval (64-bit fields) */
#define L_TS "88"
#define L_ITS "8888"

/* copies a guest path; returns 0 or a negative errno */
int sys_path(struct rv_cpu *cpu, uint64_t a, char *buf, size_t cap);
/* guest open flags (asm-generic values) to host open flags */
int sys_open_flags(uint64_t g);

#endif
