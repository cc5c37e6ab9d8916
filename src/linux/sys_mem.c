/* Memory syscalls: every guest mapping is a host mapping inside the guest region, recorded in
 * the VMA list; code pages that change drop the decoded blocks (through mem->changed). */
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <inttypes.h>
#include "linux/syscall.h"
#include "debug/log.h"
#include "debug/symbols.h"
#include "linux/sys_util.h"
#include "interp/block.h"

/* What the guest mapped from files (and shared anonymous memory), for /proc/self/maps: the
 * VMA list knows kinds and permissions, not names. Kept in step with mmap, munmap, mremap
 * and brk; sorted by address, never overlapping. */
struct named {
    uint64_t start, end, off, dev, ino;
    int shared;
    char *name;
};
static struct named *names;
static int nnames, capnames;
static pthread_mutex_t names_lock = PTHREAD_MUTEX_INITIALIZER;

/* forgets [s, e), splitting entries that straddle it */
static void names_cut_locked(uint64_t s, uint64_t e)
{
    for (int i = 0; i < nnames; i++) {
        struct named *n = &names[i];
        if (n->end <= s || n->start >= e)
            continue;
        if (n->start < s && n->end > e) {           /* split in two */
            char *dup = strdup(n->name);
            if (!dup || nnames == capnames) {
                free(dup);
                n->end = s;                         /* out of memory: forget the upper part */
                continue;
            }
            memmove(n + 2, n + 1, (size_t)(nnames - i - 1) * sizeof *n);
            nnames++;
            n[1] = n[0];
            n[1].name = dup;
            n[1].off = n->off + (e - n->start);
            n[1].start = e;
            n[0].end = s;
            i++;
        } else if (n->start < s) {
            n->end = s;
        } else if (n->end > e) {
            n->off += e - n->start;
            n->start = e;
        } else {
            free(n->name);
            memmove(n, n + 1, (size_t)(nnames - i - 1) * sizeof *n);
            nnames--;
            i--;
        }
    }
}

static void names_cut(uint64_t s, uint64_t e)
{
    pthread_mutex_lock(&names_lock);
    names_cut_locked(s, e);
    pthread_mutex_unlock(&names_lock);
}

static void names_add(const struct named *add)
{
    pthread_mutex_lock(&names_lock);
    if (nnames + 2 > capnames) {
        int cap = capnames ? capnames * 2 : 32;
        struct named *nn = realloc(names, (size_t)cap * sizeof *nn);
        if (!nn) {
            pthread_mutex_unlock(&names_lock);
            return;
        }
        names = nn;
        capnames = cap;
    }
    names_cut_locked(add->start, add->end);
    char *name = strdup(add->name);
    if (name) {
        int i = 0;
        while (i < nnames && names[i].start < add->start)
            i++;
        memmove(&names[i + 1], &names[i], (size_t)(nnames - i) * sizeof *names);
        names[i] = *add;
        names[i].name = name;
        nnames++;
    }
    pthread_mutex_unlock(&names_lock);
}

int sys_mmap_name(uint64_t addr, char *name, size_t cap, uint64_t *off, uint64_t *dev,
                  uint64_t *ino, int *shared)
{
    int r = -1;
    pthread_mutex_lock(&names_lock);
    for (int i = 0; i < nnames; i++)
        if (names[i].start <= addr && addr < names[i].end) {
            snprintf(name, cap, "%s", names[i].name);
            *off = names[i].off + (addr - names[i].start);
            *dev = names[i].dev;
            *ino = names[i].ino;
            *shared = names[i].shared;
            r = 0;
            break;
        }
    pthread_mutex_unlock(&names_lock);
    return r;
}

/* records a new mapping of fd (or shared anonymous memory when fd < 0) */
static void names_record(uint64_t addr, uint64_t len, int fd, uint64_t off, int shared)
{
    char path[PATH_MAX];
    struct named n = { addr, addr + len, off, 0, 0, shared, path };
    if (fd >= 0) {
        char link[64];
        struct stat st;
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t k = readlink(link, path, sizeof path - 1);
        if (k <= 0 || fstat(fd, &st) != 0) {
            names_cut(addr, addr + len);
            return;
        }
        path[k] = 0;
        n.dev = st.st_dev;
        n.ino = st.st_ino;
    } else {
        strcpy(path, "/dev/zero (deleted)");
        n.off = 0;
    }
    names_add(&n);
}

#define G_MAP_SHARED 0x01
#define G_MAP_PRIVATE 0x02
#define G_MAP_TYPE 0x0f
#define G_MAP_FIXED 0x10
#define G_MAP_ANONYMOUS 0x20
#define G_MAP_NORESERVE 0x4000
#define G_MAP_FIXED_NOREPLACE 0x100000
/* flags with no effect here (placement hints, locking, population) */
#define G_MAP_IGNORED (0x100 | 0x800 | 0x1000 | 0x2000 | 0x8000 | 0x10000 | 0x20000 | 0x40000)
#define G_PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)

/* The guest asked for more than its address space (-R, smaller by default on a 32-bit host or
 * under RLIMIT_AS) has room for: ENOMEM (brk: no growth), as on a machine with less memory.
 * -d guest_errors says so once, since the guest cannot know that the limit is rvemu's. */
static int64_t space_full(struct rv_cpu *cpu, const char *call, uint64_t len)
{
    static int said;
    struct rv_machine *m = cpu->m;
    if ((m->log_mask & LOG_GUEST_ERRORS) && !__atomic_exchange_n(&said, 1, __ATOMIC_RELAXED))
        fprintf(m->log, "guest error: %s at pc 0x%" PRIx64 ": no room for %" PRIu64 " bytes in "
                "the %" PRIu64 " MiB guest address space (a larger -R may help): %s\n", call,
                cpu->pc - 4, len, MEM->size >> 20, strerror(ENOMEM));
    return -ENOMEM;
}

SYS(brk)
{
    struct rv_machine *m = cpu->m;
    uint64_t want = a[0];
    if (want < m->brk_start)
        return (int64_t)m->brk_cur;
    if (want > m->brk_limit) {
        space_full(cpu, "brk", want - m->brk_cur);
        return (int64_t)m->brk_cur;
    }
    uint64_t have = RV_PAGE_UP(m->brk_cur), need = RV_PAGE_UP(want);
    if (need > have) {
        if (rv_mem_find_free(MEM, have, need - have) != have)
            return (int64_t)m->brk_cur;
        if (rv_mem_map(MEM, have, need - have, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE,
                       -1, 0, RV_VMA_HEAP) < 0)
            return (int64_t)m->brk_cur;
    } else if (need < have) {
        rv_mem_unmap(MEM, need, have - need);
        names_cut(need, have);
    }
    m->brk_cur = want;
    return (int64_t)want;
}

SYS(mmap)
{
    uint64_t addr = a[0], len = a[1], off = a[5];
    int prot = (int)a[2], flags = (int)a[3], fd = (int)a[4];
    int type = flags & G_MAP_TYPE;
    if (len == 0 || (off & RV_PAGE_MASK) || (prot & ~G_PROT_ALL))
        return -EINVAL;
    if (type != G_MAP_SHARED && type != G_MAP_PRIVATE && type != 3 /* SHARED_VALIDATE */)
        return -EINVAL;
    if (flags & ~(G_MAP_TYPE | G_MAP_FIXED | G_MAP_ANONYMOUS | G_MAP_NORESERVE |
                  G_MAP_FIXED_NOREPLACE | G_MAP_IGNORED))
        return type == 3 ? -EOPNOTSUPP : -EINVAL;
    if (len > MEM->size)
        return space_full(cpu, "mmap", len);
    len = RV_PAGE_UP(len);
    int hflags = (type == G_MAP_PRIVATE ? MAP_PRIVATE : MAP_SHARED) |
                 (flags & G_MAP_NORESERVE ? MAP_NORESERVE : 0);
    if (flags & (G_MAP_FIXED | G_MAP_FIXED_NOREPLACE)) {
        if (addr & RV_PAGE_MASK)
            return -EINVAL;
        if (!rv_mem_range_ok(MEM, addr, len))
            return space_full(cpu, "mmap", len);
        if ((flags & G_MAP_FIXED_NOREPLACE) && !(flags & G_MAP_FIXED) &&
            rv_mem_find_free(MEM, addr, len) != addr)
            return -EEXIST;
        hflags |= MAP_FIXED;
    } else {
        addr = RV_PAGE_DOWN(addr);
    }
    if (flags & G_MAP_ANONYMOUS)
        fd = -1;
    else if (fd < 0)
        return -EBADF;
    int64_t r = rv_mem_map(MEM, addr, len, prot, hflags, fd, off,
                           fd < 0 ? RV_VMA_ANON : RV_VMA_FILE);
    if (r == -ENOMEM && !(hflags & MAP_FIXED) && !rv_mem_over_limit(MEM, len))
        space_full(cpu, "mmap", len);
    if (r >= 0 && fd >= 0 && (prot & PROT_EXEC))
        rv_syms_note_mapping(cpu->m, fd, (uint64_t)r, off);   /* library names for the logs */
    if (r >= 0) {
        if (fd >= 0 || type != G_MAP_PRIVATE)
            names_record((uint64_t)r, len, fd, off, type != G_MAP_PRIVATE);
        else
            names_cut((uint64_t)r, (uint64_t)r + len);
    }
    return r;
}

SYS(munmap)
{
    if ((a[0] & RV_PAGE_MASK) || a[1] == 0)
        return -EINVAL;
    if (!rv_mem_range_ok(MEM, a[0], RV_PAGE_UP(a[1])))
        return -EINVAL;
    int r = rv_mem_unmap(MEM, a[0], a[1]);
    if (r == 0)
        names_cut(a[0], a[0] + RV_PAGE_UP(a[1]));
    return r;
}

SYS(mprotect)
{
    if ((a[0] & RV_PAGE_MASK) || ((int)a[2] & ~G_PROT_ALL))
        return -EINVAL;
    return rv_mem_protect(MEM, a[0], a[1], (int)a[2]);
}

SYS(mremap)
{
    uint64_t old = a[0], olen = RV_PAGE_UP(a[1]), nlen = RV_PAGE_UP(a[2]), flags = a[3];
    if ((old & RV_PAGE_MASK) || nlen == 0 || (flags & ~(uint64_t)3) ||
        ((flags & 2) && !(flags & 1)))
        return -EINVAL;
    struct rv_vma v;
    if (!rv_mem_find(MEM, old, &v) || !rv_mem_check(MEM, old, olen ? olen : 1, 0))
        return -EFAULT;
    /* shrinking stays in place, unless MREMAP_FIXED asks for a move */
    if (nlen <= olen && !(flags & 2)) {
        if (nlen < olen) {
            rv_mem_unmap(MEM, old + nlen, olen - nlen);
            names_cut(old + nlen, old + olen);
        }
        return (int64_t)old;
    }
    /* grow in place when the pages after it are free (anonymous memory only) */
    if (!(flags & 2) && v.kind != RV_VMA_FILE &&
        rv_mem_find_free(MEM, old + olen, nlen - olen) == old + olen) {
        int64_t r = rv_mem_map(MEM, old + olen, nlen - olen, v.prot, MAP_FIXED | MAP_PRIVATE,
                               -1, 0, v.kind);
        return r < 0 ? r : (int64_t)old;
    }
    if (!(flags & 1))
        return -ENOMEM;
    if (nlen > olen && rv_mem_over_limit(MEM, nlen - olen))
        return -ENOMEM;         /* --max-memory */
    uint64_t dst = flags & 2 ? a[4] : rv_mem_find_free(MEM, 0, nlen);
    if (!dst || (dst & RV_PAGE_MASK) || !rv_mem_range_ok(MEM, dst, nlen))
        return flags & 2 ? -EINVAL : space_full(cpu, "mremap", nlen);
    /* the host moves the pages (file-backed or not); then both ranges are re-recorded */
    void *p = mremap(rv_g2h(MEM, old), olen, nlen, MREMAP_MAYMOVE | MREMAP_FIXED, rv_g2h(MEM, dst));
    if (p == MAP_FAILED)
        return -errno;
    /* the old range left a hole in the reservation: put PROT_NONE back, or stop */
    if (mmap(rv_g2h(MEM, old), olen, PROT_NONE,
             MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0) == MAP_FAILED)
        rv_mem_lost(old, olen);
    rv_mem_unmap(MEM, old, olen);
    /* the name moves with the pages */
    char path[PATH_MAX];
    struct named n = { dst, dst + nlen, 0, 0, 0, 0, path };
    int named = sys_mmap_name(old, path, sizeof path, &n.off, &n.dev, &n.ino, &n.shared) == 0;
    names_cut(old, old + olen);
    if (named)
        names_add(&n);
    else
        names_cut(dst, dst + nlen);
    return rv_mem_adopt(MEM, dst, nlen, v.prot, v.kind) < 0 ? -ENOMEM : (int64_t)dst;
}

SYS(madvise)
{
    if (a[0] & RV_PAGE_MASK)
        return -EINVAL;
    if (!rv_mem_range_ok(MEM, a[0], RV_PAGE_UP(a[1])))
        return -ENOMEM;
    switch ((int)a[2]) {
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
    case MADV_DONTNEED: case MADV_FREE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
    case MADV_DONTDUMP: case MADV_DODUMP:
        return sys_ret(madvise(rv_g2h(MEM, a[0]), RV_PAGE_UP(a[1]), (int)a[2]));
    default:
        return 0;   /* advice we do not pass on is harmless to ignore */
    }
}

/* other harts' instruction fetch too (glibc's __riscv_flush_icache is for all of them) */
SYS(riscv_flush_icache)
{
    rv_code_changed(cpu->m, 0, UINT64_MAX);
    return 0;
}

SYS(msync)
{
    if ((a[0] & RV_PAGE_MASK) || (a[2] & ~(uint64_t)7))
        return -EINVAL;
    if (!rv_mem_check(MEM, a[0], RV_PAGE_UP(a[1]) ? RV_PAGE_UP(a[1]) : 1, 0))
        return -ENOMEM;
    return sys_ret(msync(rv_g2h(MEM, a[0]), a[1], (int)a[2]));
}

/* Locking pages is a hint to the host here: the range must be mapped, nothing is pinned. */
static int64_t lock_range(struct rv_cpu *cpu, uint64_t a, uint64_t len)
{
    uint64_t s = RV_PAGE_DOWN(a), e = RV_PAGE_UP(a + len);
    if (len == 0)
        return 0;
    if (a + len < a || !rv_mem_check(MEM, s, e - s, 0))
        return -ENOMEM;
    return 0;
}
SYS(mlock) { return lock_range(cpu, a[0], a[1]); }
SYS(munlock) { return lock_range(cpu, a[0], a[1]); }
SYS(mlock2) { return a[2] & ~(uint64_t)1 ? -EINVAL : lock_range(cpu, a[0], a[1]); }
SYS(mlockall) { return a[0] == 0 || (a[0] & ~(uint64_t)7) ? -EINVAL : 0; }
SYS(munlockall) { (void)cpu; (void)a; return 0; }

SYS(mincore)
{
    uint64_t addr = a[0], len = RV_PAGE_UP(a[1]);
    if (addr & RV_PAGE_MASK)
        return -EINVAL;
    if (!rv_mem_range_ok(MEM, addr, len))
        return -ENOMEM;
    if (len == 0)
        return 0;
    if (!rv_mem_check(MEM, addr, len, 0))
        return -ENOMEM;
    void *vec = sys_ubuf(cpu, a[2], len / RV_PAGE_SIZE);
    if (!vec)
        return -EFAULT;
    return sys_ret(mincore(rv_g2h(MEM, addr), len, vec));
}
