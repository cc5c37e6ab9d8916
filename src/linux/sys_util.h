/* Helpers shared by the sys_*.c handler files: argument checking macros, guest iovec and
 * flag conversion, and the hooks between areas (/proc emulation, mmap file names). */
#ifndef RV_SYS_UTIL_H
#define RV_SYS_UTIL_H
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>
#include "linux/syscall.h"

/* host pointer for a guest buffer of n bytes that is mapped (any protection: the host mapping
 * enforces it), or NULL; unlike sys_buf(), unmapped guest pages give NULL (-EFAULT) too */
static inline void *sys_ubuf(struct rv_cpu *cpu, uint64_t a, uint64_t n)
{
    return rv_mem_check(MEM, a, n ? n : 1, 0) || (n == 0 && rv_mem_range_ok(MEM, a, 0))
               ? rv_g2h(MEM, a) : NULL;
}

/* Guest structures that a host call reads or writes through a pointer are little-endian; the
 * host's may not be. With layout as for rv_le_fix():
 * sys_in: what to pass for n bytes the call reads (and maybe writes) at guest ga: on a
 *   little-endian host the guest memory itself (sys_ubuf); on a big-endian host a host-order
 *   copy in tmp. NULL when out of range or unreadable (-EFAULT).
 * sys_outp: what to pass for n bytes the call only writes: the guest memory (little-endian
 *   host) or tmp.
 * sys_out: after the call wrote through p (from sys_in or sys_outp), the guest gets the
 *   bytes in its order: 0 or -EFAULT; nothing to do on a little-endian host. */
static inline void *sys_in(struct rv_cpu *cpu, uint64_t ga, size_t n, void *tmp,
                           const char *layout)
{
    if (!RV_HOST_BE)
        return sys_ubuf(cpu, ga, n);
    if (rv_copy_from_guest(MEM, tmp, ga, n))
        return NULL;
    rv_le_fix(tmp, layout, n, 1);
    return tmp;
}
static inline void *sys_outp(struct rv_cpu *cpu, uint64_t ga, size_t n, void *tmp)
{
    if (!RV_HOST_BE)
        return sys_ubuf(cpu, ga, n);
    return sys_ubuf(cpu, ga, n) ? tmp : NULL;
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

/* a guest path argument copied and mapped into a local buffer, or return its errno */
#define PATH_ARG(var, a) char var[PATH_MAX]; do { int e_ = sys_path(cpu, (a), var, sizeof var); \
        if (e_) return e_; } while (0)
/* a host pointer for a guest buffer of n bytes (NULL allowed only when n is 0) */
#define BUF_ARG(var, a, n) void *var = sys_ubuf(cpu, (a), (n)); if (!var && (n) != 0) return -EFAULT
/* the same, NULL when the guest passes NULL */
#define OPT_BUF(var, a, n) void *var = NULL; if (a) { var = sys_ubuf(cpu, (a), (n)); if (!var) return -EFAULT; }

/* riscv64 (asm-generic) values of O_NONBLOCK and O_CLOEXEC, which SOCK_*, EFD_*, TFD_*,
 * IN_*, EPOLL_CLOEXEC and MFD-style flags reuse */
#define G_O_NONBLOCK 04000
#define G_O_CLOEXEC 02000000

/* a guest iovec array of cnt entries at g to host iovecs (each base checked): 0 or -errno */
int64_t sys_iov_in(struct rv_cpu *cpu, uint64_t g, uint64_t cnt, struct iovec *out);
/* sockets (sys_net.c, sys_msg.c): the largest socket address (sizeof(struct
 * sockaddr_storage)) and control buffer rvemu passes */
#define SYS_ADDR_MAX 128
#define SYS_CTL_MAX 65536
/* a guest socket address of len bytes at g into buf (SYS_ADDR_MAX bytes): its length, or
 * -errno */
int64_t sys_sockaddr_in(struct rv_cpu *cpu, uint64_t g, uint64_t len, void *buf);
/* a socket address of len bytes from the guest's order to the host's (to_host) or back: the
 * family and the other host-order fields; nothing on a little-endian host */
void sys_sockaddr_fix(void *sa, size_t len, int to_host);

/* host open flags to the riscv64 values (for F_GETFL) */
uint64_t sys_guest_open_flags(int h);
/* guest SOCK_NONBLOCK/SOCK_CLOEXEC-style bits (from G_O_*) to host O_ bits, or -1 when other
 * bits than allowed are set */
int sys_nb_cloexec(uint64_t g, uint64_t allowed_other);

/* Descriptors whose read and write data are host-order integers (sys_poll.c): on a
 * big-endian host, read and write swap them for the guest. Nothing on a little-endian host. */
enum { SYS_FD_PLAIN, SYS_FD_EVENT, SYS_FD_TIMER, SYS_FD_SIGNAL, SYS_FD_INOTIFY };
#if RV_HOST_BE
void sys_fd_kind_set(int fd, int kind);
/* after a read of n bytes into p (host memory of the guest's buffer) */
void sys_fd_read_fix(int fd, void *p, size_t n);
/* a write of n bytes from the guest at p: a host-order copy in tmp (8 bytes) or p itself */
const void *sys_fd_write_view(int fd, const void *p, size_t n, uint64_t *tmp);
#else
static inline void sys_fd_kind_set(int fd, int kind) { (void)fd, (void)kind; }
#endif

/* /proc (sys_proc_fs.c): after the host opened fd for the guest, swap in the guest's view of
 * /proc files that must show the guest (maps, auxv, cmdline, cpuinfo, ...), refuse the ones
 * that would expose the emulator (mem). Returns the guest's fd or a negative errno; fd is
 * consumed either way. */
int64_t sys_proc_fixup(struct rv_cpu *cpu, int fd, int hflags);
/* /proc/<our pid>/exe, /proc/<our pid>/task/<tid>/exe and /proc/thread-self/exe name the guest
 * program (path.c maps /proc/self/exe): rewrites path in place; 0 or -ENAMETOOLONG */
int sys_proc_exe_rewrite(struct rv_cpu *cpu, char *path, size_t cap);
/* readlink of /proc/self/exe and /proc/<our pid>/exe: the length copied, or -1 when path is
 * another file */
int64_t sys_proc_readlink(struct rv_cpu *cpu, const char *path, uint64_t buf, uint64_t len);

/* Mappings made by the guest's mmap (sys_mem.c), file-backed or shared: the host path, file
 * offset, device, inode and sharing of the mapping holding addr; 0 when found, -1 otherwise. */
int sys_mmap_name(uint64_t addr, char *name, size_t cap, uint64_t *off, uint64_t *dev,
                  uint64_t *ino, int *shared);
/* PR_GET_AUXV: copies up to len bytes of the guest's auxv to buf; its full size or -errno */
int64_t sys_guest_auxv(struct rv_cpu *cpu, uint64_t buf, uint64_t len);

#endif
