/* Memory syscalls: every guest mapping is a host mapping inside the guest region, recorded in
 * the VMA list; code pages that change drop the decoded blocks (through mem->changed). */
#include <sys/mman.h>
#include "linux/syscall.h"
#include "interp/block.h"

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

SYS(brk)
{
    struct rv_machine *m = cpu->m;
    uint64_t want = a[0];
    if (want < m->brk_start || want > m->brk_limit)
        return (int64_t)m->brk_cur;
    uint64_t have = RV_PAGE_UP(m->brk_cur), need = RV_PAGE_UP(want);
    if (need > have) {
        if (rv_mem_find_free(MEM, have, need - have) != have)
            return (int64_t)m->brk_cur;
        if (rv_mem_map(MEM, have, need - have, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE,
                       -1, 0, RV_VMA_HEAP) < 0)
            return (int64_t)m->brk_cur;
    } else if (need < have) {
        rv_mem_unmap(MEM, need, have - need);
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
        return -ENOMEM;
    len = RV_PAGE_UP(len);
    int hflags = (type == G_MAP_PRIVATE ? MAP_PRIVATE : MAP_SHARED) |
                 (flags & G_MAP_NORESERVE ? MAP_NORESERVE : 0);
    if (flags & (G_MAP_FIXED | G_MAP_FIXED_NOREPLACE)) {
        if (addr & RV_PAGE_MASK)
            return -EINVAL;
        if (!rv_mem_range_ok(MEM, addr, len))
            return -ENOMEM;
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
    return rv_mem_map(MEM, addr, len, prot, hflags, fd, off,
                      fd < 0 ? RV_VMA_ANON : RV_VMA_FILE);
}

SYS(munmap)
{
    if ((a[0] & RV_PAGE_MASK) || a[1] == 0)
        return -EINVAL;
    if (!rv_mem_range_ok(MEM, a[0], RV_PAGE_UP(a[1])))
        return -EINVAL;
    return rv_mem_unmap(MEM, a[0], a[1]);
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
    if (nlen <= olen) {
        if (nlen < olen)
            rv_mem_unmap(MEM, old + nlen, olen - nlen);
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
    uint64_t dst = flags & 2 ? a[4] : rv_mem_find_free(MEM, 0, nlen);
    if (!dst || (dst & RV_PAGE_MASK) || !rv_mem_range_ok(MEM, dst, nlen))
        return flags & 2 ? -EINVAL : -ENOMEM;
    /* the host moves the pages (file-backed or not); then both ranges are re-recorded */
    void *p = mremap(rv_g2h(MEM, old), olen, nlen, MREMAP_MAYMOVE | MREMAP_FIXED, rv_g2h(MEM, dst));
    if (p == MAP_FAILED)
        return -errno;
    /* the old range left a hole in the reservation: put PROT_NONE back */
    mmap(rv_g2h(MEM, old), olen, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
         -1, 0);
    rv_mem_unmap(MEM, old, olen);
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

SYS(riscv_flush_icache)
{
    rv_cache_flush(cpu->m->cache);
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
