/* The audit architecture the kernel reports for this host's own syscalls, where rvemu has a
 * seccomp filter for the host (64-bit hosts: their syscall names are hostcalls.def's; 32-bit
 * ones use others, mmap2, fstatat64, ...). configure includes it too: no HOST_AUDIT_ARCH, no
 * filter. */
#ifndef RV_SBX_AUDITARCH_H
#define RV_SBX_AUDITARCH_H
#include <linux/audit.h>

#if defined(__x86_64__) && !defined(__ILP32__)
#define HOST_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__) && !defined(__AARCH64EB__)
#define HOST_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__s390x__)
#define HOST_AUDIT_ARCH AUDIT_ARCH_S390X
#elif defined(__riscv) && __riscv_xlen == 64
#define HOST_AUDIT_ARCH AUDIT_ARCH_RISCV64
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#define HOST_AUDIT_ARCH AUDIT_ARCH_PPC64LE
#endif

#endif
