/* Guest threads and processes: clone (a host thread with its own cpu and block cache, or a
 * host fork), exit and exit_group, futex on checked guest addresses, wait4/waitid, and execve
 * (riscv64 programs run under rvemu again, anything else natively, as under qemu-riscv64). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "linux/syscall.h"
#include "linux/sys_util.h"
#include "linux/signal.h"
#include "linux/compat.h"
#include "linux/process.h"
#include "linux/path.h"
#include "interp/block.h"
#include "interp/fault.h"

#define G_CSIGNAL 0xff
#define G_CLONE_VM 0x100
#define G_CLONE_FS 0x200
#define G_CLONE_FILES 0x400
#define G_CLONE_SIGHAND 0x800
#define G_CLONE_VFORK 0x4000
#define G_CLONE_THREAD 0x10000
#define G_CLONE_SYSVSEM 0x40000
#define G_CLONE_SETTLS 0x80000
#define G_CLONE_PARENT_SETTID 0x100000
#define G_CLONE_CHILD_CLEARTID 0x200000
#define G_CLONE_CHILD_SETTID 0x1000000
#define THREAD_FLAGS (G_CLONE_VM | G_CLONE_FS | G_CLONE_FILES | G_CLONE_SIGHAND | G_CLONE_THREAD | \
                      G_CLONE_SYSVSEM)
#define THREAD_OPTIONAL (G_CLONE_SETTLS | G_CLONE_PARENT_SETTID | G_CLONE_CHILD_CLEARTID | \
                         G_CLONE_CHILD_SETTID)

struct start {
    struct rv_cpu *cpu;
    uint64_t ctid, ptid;
    int flags;
    int tid;                /* published by the child */
    pthread_mutex_t lock;
    pthread_cond_t cond;
};

static void *thread_main(void *arg)
{
    struct start *st = arg;
    struct rv_cpu *cpu = st->cpu;
    cpu->tid = (int)syscall(SYS_gettid);
    rv_current_cpu = cpu;
    /* both tid words are written before either thread runs guest code, as Linux does */
    uint32_t t = rv_le32((uint32_t)cpu->tid);
    if (st->flags & G_CLONE_CHILD_SETTID)
        rv_copy_to_guest(&cpu->m->mem, st->ctid, &t, 4);
    if (st->flags & G_CLONE_PARENT_SETTID)
        rv_copy_to_guest(&cpu->m->mem, st->ptid, &t, 4);
    pthread_mutex_lock(&st->lock);
    st->tid = cpu->tid;
    pthread_cond_signal(&st->cond);
    pthread_mutex_unlock(&st->lock);      /* st belongs to the parent from here on */
    rv_thread_run(cpu);
    rv_thread_exit(cpu);
    return NULL;
}

static int64_t new_thread(struct rv_cpu *cpu, uint64_t flags, uint64_t sp, uint64_t ptid,
                          uint64_t tls, uint64_t ctid)
{
    struct rv_machine *m = cpu->m;
    if ((flags & G_CLONE_PARENT_SETTID) && !rv_mem_check(MEM, ptid, 4, PROT_WRITE))
        return -EFAULT;
    if ((flags & (G_CLONE_CHILD_SETTID | G_CLONE_CHILD_CLEARTID)) && !rv_mem_range_ok(MEM, ctid, 4))
        return -EFAULT;
    struct rv_cpu *c = calloc(1, sizeof *c);
    if (!c)
        return -ENOMEM;
    memcpy(c->x, cpu->x, sizeof c->x);
    memcpy(c->f, cpu->f, sizeof c->f);
    c->fflags = cpu->fflags;
    c->frm = cpu->frm;
    c->pc = cpu->pc;
    c->m = m;
    c->x[10] = 0;
    if (sp)
        c->x[2] = sp;
    if (flags & G_CLONE_SETTLS)
        c->x[4] = tls;
    c->sig_blocked = cpu->sig_blocked;
    c->clear_child_tid = flags & G_CLONE_CHILD_CLEARTID ? ctid : 0;
    c->cache = rv_cache_new(c);
    if (!c->cache) {
        free(c);
        return -ENOMEM;
    }
    struct start st = { .cpu = c, .ctid = ctid, .ptid = ptid, .flags = (int)flags, .tid = 0 };
    pthread_mutex_init(&st.lock, NULL);
    pthread_cond_init(&st.cond, NULL);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1u << 20);
    pthread_t t;
    pthread_mutex_lock(&m->threads_lock);
    c->next = m->threads;
    m->threads = c;
    m->nthreads++;
    pthread_mutex_unlock(&m->threads_lock);
    /* the new host thread starts with this thread's host mask: the guest's inherited mask */
    int e = pthread_create(&t, &attr, thread_main, &st);
    pthread_attr_destroy(&attr);
    if (e) {
        rv_thread_unlink(c);
        rv_cache_free(c->cache);
        free(c);
        return -EAGAIN;
    }
    pthread_mutex_lock(&st.lock);
    while (!st.tid)
        pthread_cond_wait(&st.cond, &st.lock);
    pthread_mutex_unlock(&st.lock);
    pthread_mutex_destroy(&st.lock);
    pthread_cond_destroy(&st.cond);
    return st.tid;
}

/* fork and vfork: a host fork (vfork's shared memory is not needed by correct programs,
 * which only exec or _exit in the child). */
static int64_t new_process(struct rv_cpu *cpu, uint64_t flags, uint64_t ptid, uint64_t ctid)
{
    struct rv_machine *m = cpu->m;
    fflush(NULL);
    /* no other thread may hold these across the fork */
    pthread_mutex_lock(&m->threads_lock);
    pthread_mutex_lock(&m->mem.lock);
    pthread_mutex_lock(&m->sig_lock);
    pid_t pid = fork();
    pthread_mutex_unlock(&m->sig_lock);
    pthread_mutex_unlock(&m->mem.lock);
    pthread_mutex_unlock(&m->threads_lock);
    if (pid < 0)
        return -errno;
    if (pid == 0) {
        /* the child is this thread alone */
        cpu->tid = (int)syscall(SYS_gettid);
        pthread_mutex_lock(&m->threads_lock);
        m->threads = cpu;
        cpu->next = NULL;
        m->nthreads = 1;
        pthread_mutex_unlock(&m->threads_lock);
        if (flags & G_CLONE_CHILD_SETTID) {
            sys_put32(cpu, ctid, (uint32_t)cpu->tid);
        }
        cpu->clear_child_tid = flags & G_CLONE_CHILD_CLEARTID ? ctid : 0;
        return 0;
    }
    if (flags & G_CLONE_PARENT_SETTID) {
        sys_put32(cpu, ptid, (uint32_t)pid);
    }
    return pid;
}

/* riscv uses CLONE_BACKWARDS: clone(flags, newsp, parent_tid, tls, child_tid) */
SYS(clone)
{
    uint64_t flags = a[0];
    if ((flags & THREAD_FLAGS) == THREAD_FLAGS && !(flags & ~(THREAD_FLAGS | THREAD_OPTIONAL)))
        return new_thread(cpu, flags, a[1], a[2], a[3], a[4]);
    uint64_t proc = flags & ~(uint64_t)(G_CSIGNAL | G_CLONE_PARENT_SETTID | G_CLONE_CHILD_SETTID |
                                        G_CLONE_CHILD_CLEARTID);
    if ((proc == 0 || proc == (G_CLONE_VM | G_CLONE_VFORK)) && (flags & G_CSIGNAL) <= 64 && a[1] == 0)
        return new_process(cpu, flags, a[2], a[4]);
    if (proc == (G_CLONE_VM | G_CLONE_VFORK))
        return new_process(cpu, flags, a[2], a[4]);     /* vfork with a child stack */
    return -EINVAL;
}

/* clone3 takes a struct we would have to mirror exactly; glibc falls back to clone */
SYS(clone3) { (void)cpu; (void)a; return -ENOSYS; }

SYS(set_tid_address)
{
    cpu->clear_child_tid = a[0];
    return cpu->tid;
}

SYS(set_robust_list)
{
    if (a[1] != 24)
        return -EINVAL;
    cpu->robust_list = a[0];
    cpu->robust_len = a[1];
    return 0;
}

SYS(get_robust_list)
{
    if (a[0] != 0 && (int64_t)a[0] != cpu->tid)
        return -EPERM;
    if (sys_put64(cpu, a[1], cpu->robust_list) || sys_put64(cpu, a[2], 24))
        return -EFAULT;
    return 0;
}

SYS(exit)
{
    __atomic_store_n(&cpu->m->exit_status, (int)(a[0] & 0xff), __ATOMIC_RELAXED);
    cpu->halt = 1;
    return 0;
}

SYS(exit_group)
{
    struct rv_machine *m = cpu->m;
    __atomic_store_n(&m->exit_status, (int)(a[0] & 0xff), __ATOMIC_RELAXED);
    __atomic_store_n(&m->exiting, 1, __ATOMIC_RELEASE);
    cpu->halt = 1;
    return 0;
}

#if RV_HOST_BE
/* FUTEX_WAKE_OP's operation on *ua2, done here: the host kernel would do it on the word in
 * host order, and guest words are little-endian. Then the two wakes, as the kernel does. */
static int64_t futex_wake_op(uint32_t *w1, uint32_t *w2, uint32_t n1, uint32_t n2,
                             uint32_t op3)
{
    unsigned op = op3 >> 28 & 7, cmp = op3 >> 24 & 15;
    uint32_t arg = op3 >> 12 & 0xfff, carg = op3 & 0xfff;
    if (op3 >> 31)
        arg = arg < 32 ? 1u << arg : 0;     /* FUTEX_OP_OPARG_SHIFT */
    if (op > 4 || cmp > 5)
        return -ENOSYS;
    arg = (uint32_t)((int32_t)(arg << 20) >> 20);  /* sign-extended 12 bits */
    carg = (uint32_t)((int32_t)(carg << 20) >> 20);
    uint32_t raw = __atomic_load_n(w2, __ATOMIC_RELAXED), old, nv;
    do {
        old = rv_le32(raw);
        nv = op == 0 ? arg : op == 1 ? old + arg : op == 2 ? old | arg : op == 3 ? old & ~arg
                                                                             : old ^ arg;
    } while (!__atomic_compare_exchange_n(w2, &raw, rv_le32(nv), 1, __ATOMIC_SEQ_CST,
                                          __ATOMIC_RELAXED));
    int32_t o = (int32_t)old, c = (int32_t)carg;
    int hit = cmp == 0 ? o == c : cmp == 1 ? o != c : cmp == 2 ? o < c : cmp == 3 ? o <= c
              : cmp == 4 ? o > c : o >= c;
    long r = syscall(HSYS_futex, w1, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, n1, NULL, NULL, 0);
    if (r < 0)
        return -errno;
    if (hit) {
        long r2 = syscall(HSYS_futex, w2, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, n2, NULL, NULL, 0);
        if (r2 > 0)
            r += r2;
    }
    return r;
}
#endif

SYS(futex)
{
    int op = (int)a[1], cmd = op & FUTEX_CMD_MASK;
    uint64_t ua = a[0], ua2 = a[4];
    void *timeout = NULL;
    /* the words the kernel compares are guest memory (little-endian): so are the values */
    uint32_t val = (uint32_t)a[2], val3 = (uint32_t)a[5];
    uint64_t ts[2];                 /* riscv64's struct timespec */
    if ((ua & 3) || !rv_mem_range_ok(MEM, ua, 4))
        return -EINVAL;
    switch (cmd) {
    case FUTEX_WAIT: case FUTEX_WAIT_BITSET:
        if (a[3] && !(timeout = sys_in(cpu, a[3], 16, ts, L_TS)))
            return -EFAULT;
        val = rv_le32(val);
        break;
    case FUTEX_WAKE: case FUTEX_WAKE_BITSET:
        break;
    case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP:
        if ((ua2 & 3) || !rv_mem_range_ok(MEM, ua2, 4))
            return -EINVAL;
        timeout = (void *)(uintptr_t)a[3];      /* val2, not a pointer */
        if (cmd == FUTEX_CMP_REQUEUE)
            val3 = rv_le32(val3);
#if RV_HOST_BE
        if (cmd == FUTEX_WAKE_OP && !rv_mem_check(MEM, ua2, 4, PROT_READ | PROT_WRITE))
            return -EFAULT;
        if (cmd == FUTEX_WAKE_OP)
            return futex_wake_op(rv_g2h(MEM, ua), rv_g2h(MEM, ua2), val, (uint32_t)a[3], val3);
#endif
        break;
    default:
        return -ENOSYS;
    }
    /* guest memory is never shared with another host process: always private */
    int hop = cmd | FUTEX_PRIVATE_FLAG | (op & FUTEX_CLOCK_REALTIME);
    return sys_ret(syscall(HSYS_futex, rv_g2h(MEM, ua), hop, val, timeout,
                           ua2 ? rv_g2h(MEM, ua2) : NULL, val3));
}

/* struct rusage: two timevals and fourteen longs */
#define L_RUSAGE "8{18}"

/* the rusage a 32-bit host's kernel wrote (32-bit fields) to the guest as riscv64's */
static int put_kernel_rusage(struct rv_cpu *cpu, uint64_t g, const struct rv_kernel_rusage *kr)
{
    unsigned char b[144];
    rv_compat_kernel_rusage(b, kr);
    return sys_put(cpu, g, b, sizeof b, L_RUSAGE);
}

SYS(wait4)
{
    void *st = NULL, *ru = NULL;
    int32_t st_tmp;
    unsigned char ru_tmp[144];
    struct rv_kernel_rusage kr;     /* a 32-bit host's kernel writes this one instead */
    if (a[1] && !(st = sys_outp(cpu, a[1], 4, &st_tmp)))
        return -EFAULT;
    if (a[3] && !(ru = sys_outp(cpu, a[3], 144, ru_tmp)))
        return -EFAULT;
    long r = syscall(SYS_wait4, (pid_t)a[0], st, (int)a[2], RV_HOST_32 && ru ? (void *)&kr : ru);
    if (r > 0 && (sys_out(cpu, a[1], st, 4, "4") ||
                  (RV_HOST_32 && ru ? put_kernel_rusage(cpu, a[3], &kr)
                                    : sys_out(cpu, a[3], ru, 144, L_RUSAGE))))
        return -EFAULT;
    return sys_ret(r);
}

SYS(waitid)
{
    void *info = NULL, *ru = NULL;
    unsigned char ru_tmp[144];
    if (a[2] && !(info = sys_ubuf(cpu, a[2], 128)))
        return -EFAULT;
    if (a[4] && !(ru = sys_outp(cpu, a[4], 144, ru_tmp)))
        return -EFAULT;
    if (!RV_HOST_32 && !RV_HOST_BE)
        return sys_ret(syscall(SYS_waitid, (int)a[0], (id_t)a[1], info, (int)a[3], ru));
    /* A 32-bit host's siginfo and rusage have 32-bit longs and pointers (converted), a
     * big-endian host's integers are in its order. The kernel writes signo, errno, code, pid,
     * uid and status, so those go back; the rusage only when a child was reaped (si_signo). */
    siginfo_t si;
    struct rv_kernel_rusage kr;
    memset(&si, 0, sizeof si);
    long r = syscall(SYS_waitid, (int)a[0], (id_t)a[1], &si, (int)a[3],
                     RV_HOST_32 && ru ? (void *)&kr : ru);
    if (r < 0)
        return -errno;
    if (info) {
        unsigned char g[128];
        rv_siginfo_to_guest(g, &si);
        if (rv_copy_to_guest(MEM, a[2], g, 28))
            return -EFAULT;
    }
    if (si.si_signo && ru && (RV_HOST_32 ? put_kernel_rusage(cpu, a[4], &kr)
                                         : sys_out(cpu, a[4], ru, 144, L_RUSAGE)))
        return -EFAULT;
    return 0;
}

/* ---- execve ---- */

#define MAX_ARGS 4096

/* A NULL-terminated guest array of strings, copied; NULL and *err on failure. */
static char **copy_strv(struct rv_cpu *cpu, uint64_t g, int extra, int *err)
{
    size_t n = 0, cap = 16;
    char **v = calloc(cap + (size_t)extra + 1, sizeof *v);
    if (!v)
        goto nomem;
    for (; g; n++) {
        uint64_t p;
        if (n >= MAX_ARGS) {
            *err = -E2BIG;
            goto fail;
        }
        if (sys_get64(cpu, g + 8 * n, &p)) {
            *err = -EFAULT;
            goto fail;
        }
        if (!p)
            break;
        if (n + 1 >= cap) {
            cap *= 2;
            char **nv = realloc(v, (cap + (size_t)extra + 1) * sizeof *v);
            if (!nv)
                goto nomem;
            v = nv;
        }
        char buf[PATH_MAX * 4];
        long len = rv_strcpy_from_guest(MEM, buf, p, sizeof buf);
        if (len < 0) {
            *err = len == -ENAMETOOLONG ? -E2BIG : (int)len;
            goto fail;
        }
        if (!(v[n] = strdup(buf)))
            goto nomem;
        v[n + 1] = NULL;
    }
    v[n] = NULL;
    return v;
nomem:
    *err = -ENOMEM;
fail:
    if (v)
        for (size_t i = 0; i < n; i++)
            free(v[i]);
    free(v);
    return NULL;
}

static void free_strv(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

static int is_riscv64_elf(const char *path)
{
    unsigned char h[20];
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, h, sizeof h);
    close(fd);
    return n == (ssize_t)sizeof h && memcmp(h, "\177ELF", 4) == 0 && h[4] == 2 && h[5] == 1 &&
           h[18] == 243 && h[19] == 0;
}

/* "#!interp [arg]": the interpreter path and its optional argument, or 0 */
static int shebang(const char *path, char *interp, size_t n, char *arg, size_t an)
{
    char line[256];
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return 0;
    ssize_t r = read(fd, line, sizeof line - 1);
    close(fd);
    if (r < 3 || line[0] != '#' || line[1] != '!')
        return 0;
    line[r] = 0;
    char *p = line + 2, *e = strchr(p, '\n');
    if (e)
        *e = 0;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t len = strcspn(p, " \t");
    if (!len || len >= n)
        return 0;
    memcpy(interp, p, len);
    interp[len] = 0;
    p += len;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t al = strlen(p);
    while (al && (p[al - 1] == ' ' || p[al - 1] == '\t'))
        p[--al] = 0;
    if (al >= an)
        return 0;
    memcpy(arg, p, al + 1);
    return 1;
}

static int64_t do_exec(struct rv_cpu *cpu, const char *gpath, uint64_t gargv, uint64_t genvp)
{
    struct rv_machine *m = cpu->m;
    char path[PATH_MAX], interp[PATH_MAX], iarg[PATH_MAX], ipath[PATH_MAX];
    int err = 0;
    int e = rv_path_map(m, gpath, path, sizeof path);
    if (e)
        return e;
    if (access(path, F_OK) != 0)
        return -errno;
    char **argv = copy_strv(cpu, gargv, 0, &err);
    if (!argv)
        return err;
    char **envp = copy_strv(cpu, genvp, 0, &err);
    if (!envp) {
        free_strv(argv);
        return err;
    }
    const char *prog = path, *extra1 = NULL, *extra2 = NULL;
    int riscv = is_riscv64_elf(path);
    if (!riscv && shebang(path, interp, sizeof interp, iarg, sizeof iarg) &&
        rv_path_map(m, interp, ipath, sizeof ipath) == 0 && is_riscv64_elf(ipath)) {
        /* a script for a riscv64 interpreter: rvemu runs the interpreter on it */
        riscv = 1;
        prog = ipath;
        extra1 = iarg[0] ? iarg : NULL;
        extra2 = gpath;
    }
    if (!riscv && m->sbx && m->opts.sandbox.policy != RV_SBX_OFF) {
        /* under the sandbox only riscv64 programs run (under rvemu, confined again) */
        e = rv_sandbox_native_exec(cpu, path);
        free_strv(argv);
        free_strv(envp);
        return e;
    }
    if (!riscv) {
        /* a host program (or a script for one) runs natively, as under qemu-riscv64 */
        execve(path, argv, envp);
        e = -errno;
        free_strv(argv);
        free_strv(envp);
        return e;
    }
    /* a child rvemu must not wait for a debugger of its own on the same port */
    size_t w = 0;
    for (size_t r = 0; envp[r]; r++) {
        if (!strncmp(envp[r], "RVEMU_GDB=", 10) || !strncmp(envp[r], "QEMU_GDB=", 9))
            free(envp[r]);
        else
            envp[w++] = envp[r];
    }
    envp[w] = NULL;
    /* rvemu [same options] -0 argv0 prog [extra...] argv[1...] */
    size_t nopt = 0, nargs = 0;
    while (m->exec_opts && m->exec_opts[nopt])
        nopt++;
    while (argv[nargs])
        nargs++;
    char **hv = calloc(nopt + nargs + 8, sizeof *hv);
    if (!hv) {
        free_strv(argv);
        free_strv(envp);
        return -ENOMEM;
    }
    size_t k = 0;
    hv[k++] = m->self_path;
    for (size_t i = 0; i < nopt; i++)
        hv[k++] = m->exec_opts[i];
    hv[k++] = "-0";
    hv[k++] = extra2 ? (char *)interp : (nargs ? argv[0] : (char *)gpath);
    hv[k++] = (char *)prog;
    if (extra1)
        hv[k++] = (char *)extra1;
    if (extra2)
        hv[k++] = (char *)extra2;
    for (size_t i = 1; i < nargs; i++)
        hv[k++] = argv[i];
    hv[k] = NULL;
    fflush(NULL);
    if (m->sbx)
        rv_sandbox_before_exec(m);      /* what is left of --timeout and --max-insns */
    execve(m->self_path, hv, envp);
    e = -errno;
    free(hv);
    free_strv(argv);
    free_strv(envp);
    return e;
}

SYS(execve)
{
    char path[PATH_MAX];
    long n = rv_strcpy_from_guest(MEM, path, a[0], sizeof path);
    return n < 0 ? n : do_exec(cpu, path, a[1], a[2]);
}

SYS(execveat)
{
    char path[PATH_MAX], full[PATH_MAX * 2];
    long n = rv_strcpy_from_guest(MEM, path, a[1], sizeof path);
    if (n < 0)
        return n;
    if (path[0] != '/' && (int)a[0] != AT_FDCWD) {
        /* relative to a directory fd: name it through /proc */
        snprintf(full, sizeof full, "/proc/self/fd/%d/%s", (int)a[0], path);
        return do_exec(cpu, full, a[2], a[3]);
    }
    return do_exec(cpu, path, a[2], a[3]);
}
