/* The guest address space: reservation of the region, guest mappings as host mappings inside
 * it, and the VMA list that remembers guest permissions. Unmapped guest pages are PROT_NONE
 * host pages of the reservation, so a stray access faults instead of reaching other memory. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include "interp/mem.h"

void rv_mem_lost(uint64_t addr, uint64_t len)
{
    fprintf(stderr, "rvemu: cannot keep guest memory 0x%llx-0x%llx reserved; stopping rather "
            "than let the guest reach host memory\n", (unsigned long long)addr,
            (unsigned long long)(addr + len));
    _exit(70);
}

int rv_mem_init(struct rv_mem *m, int bits)
{
    memset(m, 0, sizeof *m);
    if (bits < 24 || bits > 47)
        return -EINVAL;
    m->bits = bits;
    m->size = (uint64_t)1 << bits;
    if ((size_t)m->size != m->size)
        return -ENOMEM;         /* a 32-bit host: not in its address space */
    void *p = mmap(NULL, (size_t)m->size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    m->base = p;
    /* leave room above the mmap area for the stack, as Linux does */
    m->mmap_top = m->size - ((uint64_t)1 << (bits - 3));
    pthread_mutex_init(&m->lock, NULL);
    return 0;
}

void rv_mem_destroy(struct rv_mem *m)
{
    if (m->base)
        munmap(m->base, m->size);
    free(m->vma);
    m->base = NULL;
    m->vma = NULL;
}

static int check_locked(struct rv_mem *m, uint64_t a, uint64_t n, int prot);

static int host_prot(int prot)
{
    /* guest code is never executable on the host; exec-only pages must be readable by the
     * decoder */
    int p = prot & (PROT_READ | PROT_WRITE);
    if (prot & PROT_EXEC)
        p |= PROT_READ;
    return p;
}

/* Removes [s, e) from the VMA list, splitting VMAs that straddle its ends. */
static int vma_cut(struct rv_mem *m, uint64_t s, uint64_t e)
{
    for (int i = 0; i < m->nvma; i++) {
        struct rv_vma *v = &m->vma[i];
        if (v->end <= s || v->start >= e)
            continue;
        if (v->start < s && v->end > e) {            /* split in two */
            if (m->nvma == m->capvma) {
                int cap = m->capvma ? m->capvma * 2 : 32;
                struct rv_vma *nv = realloc(m->vma, (size_t)cap * sizeof *nv);
                if (!nv)
                    return -ENOMEM;
                m->vma = nv;
                m->capvma = cap;
                v = &m->vma[i];
            }
            memmove(v + 1, v, (size_t)(m->nvma - i) * sizeof *v);
            m->nvma++;
            v[0].end = s;
            v[1].start = e;
            m->mapped -= e - s;
            return 0;
        }
        if (v->start < s) {
            m->mapped -= v->end - s;
            v->end = s;
        } else if (v->end > e) {
            m->mapped -= e - v->start;
            v->start = e;
        } else {
            m->mapped -= v->end - v->start;
            memmove(v, v + 1, (size_t)(m->nvma - i - 1) * sizeof *v);
            m->nvma--;
            i--;
        }
    }
    return 0;
}

static int vma_insert(struct rv_mem *m, uint64_t s, uint64_t e, int prot, int kind)
{
    int r = vma_cut(m, s, e);
    if (r)
        return r;
    if (m->nvma == m->capvma) {
        int cap = m->capvma ? m->capvma * 2 : 32;
        struct rv_vma *nv = realloc(m->vma, (size_t)cap * sizeof *nv);
        if (!nv)
            return -ENOMEM;
        m->vma = nv;
        m->capvma = cap;
    }
    int i = 0;
    while (i < m->nvma && m->vma[i].start < s)
        i++;
    memmove(&m->vma[i + 1], &m->vma[i], (size_t)(m->nvma - i) * sizeof *m->vma);
    m->vma[i] = (struct rv_vma){ s, e, prot, kind };
    m->nvma++;
    m->mapped += e - s;
    return 0;
}

static int range_free(const struct rv_mem *m, uint64_t s, uint64_t e)
{
    for (int i = 0; i < m->nvma; i++)
        if (m->vma[i].start < e && m->vma[i].end > s)
            return 0;
    return 1;
}

static uint64_t find_free_locked(struct rv_mem *m, uint64_t hint, uint64_t len)
{
    if (hint && rv_mem_range_ok(m, hint, len) && range_free(m, hint, hint + len))
        return hint;
    /* walk the gaps from the top of the mmap area downwards */
    uint64_t top = m->mmap_top;
    for (int i = m->nvma - 1; i >= -1; i--) {
        uint64_t lo = i >= 0 ? m->vma[i].end : RV_PAGE_SIZE * 16;
        if (lo < top && top - lo >= len)
            return top - len;
        if (i >= 0 && m->vma[i].start < top)
            top = m->vma[i].start;
    }
    return 0;
}

uint64_t rv_mem_find_free(struct rv_mem *m, uint64_t hint, uint64_t len)
{
    pthread_mutex_lock(&m->lock);
    uint64_t a = find_free_locked(m, RV_PAGE_DOWN(hint), RV_PAGE_UP(len));
    pthread_mutex_unlock(&m->lock);
    return a;
}

/* bytes of [s, e) already mapped (a MAP_FIXED over them does not grow the total) */
static uint64_t mapped_in(const struct rv_mem *m, uint64_t s, uint64_t e)
{
    uint64_t n = 0;
    for (int i = 0; i < m->nvma; i++) {
        uint64_t lo = m->vma[i].start > s ? m->vma[i].start : s;
        uint64_t hi = m->vma[i].end < e ? m->vma[i].end : e;
        if (lo < hi)
            n += hi - lo;
    }
    return n;
}

int64_t rv_mem_map(struct rv_mem *m, uint64_t addr, uint64_t len, int prot, int flags,
                   int fd, uint64_t off, int kind)
{
    if (len > m->size)
        return -ENOMEM;
    len = RV_PAGE_UP(len);
    if (len == 0 || (addr & RV_PAGE_MASK))
        return -EINVAL;
    pthread_mutex_lock(&m->lock);
    int fixed = flags & MAP_FIXED;
    if (!fixed) {
        addr = find_free_locked(m, addr, len);
        if (!addr) {
            pthread_mutex_unlock(&m->lock);
            return -ENOMEM;
        }
    } else if (!rv_mem_range_ok(m, addr, len)) {
        pthread_mutex_unlock(&m->lock);
        return -ENOMEM;
    }
    if (m->limit && rv_mem_over_limit(m, len - mapped_in(m, addr, addr + len))) {
        pthread_mutex_unlock(&m->lock);
        return -ENOMEM;         /* --max-memory */
    }
    int hflags = MAP_FIXED | (flags & (MAP_SHARED | MAP_PRIVATE | MAP_NORESERVE));
    if (fd < 0)
        hflags |= MAP_ANONYMOUS;
    void *p = mmap(m->base + addr, len, host_prot(prot), hflags, fd, (off_t)off);
    if (p == MAP_FAILED) {
        /* A failed MAP_FIXED may already have unmapped the range: the reservation must be
         * whole again before anything of rvemu's (a thread stack, malloc) can land there.
         * What was mapped is gone, as Linux's own mmap documents. */
        int e = errno;
        if (mmap(m->base + addr, len, PROT_NONE,
                 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0) == MAP_FAILED)
            rv_mem_lost(addr, len);
        int cut = vma_cut(m, addr, addr + len);
        pthread_mutex_unlock(&m->lock);
        if (!cut && fixed && m->changed)
            m->changed(m->changed_arg, addr, addr + len);
        return -e;
    }
    int r = vma_insert(m, addr, addr + len, prot, kind);
    pthread_mutex_unlock(&m->lock);
    if (r)
        return r;
    if (fixed && m->changed)
        m->changed(m->changed_arg, addr, addr + len);
    return (int64_t)addr;
}

int rv_mem_adopt(struct rv_mem *m, uint64_t addr, uint64_t len, int prot, int kind)
{
    pthread_mutex_lock(&m->lock);
    int r = vma_insert(m, addr, addr + RV_PAGE_UP(len), prot, kind);
    pthread_mutex_unlock(&m->lock);
    if (!r && m->changed)
        m->changed(m->changed_arg, addr, addr + RV_PAGE_UP(len));
    return r;
}

int rv_mem_unmap(struct rv_mem *m, uint64_t addr, uint64_t len)
{
    if (len > m->size)
        return -EINVAL;
    len = RV_PAGE_UP(len);
    if ((addr & RV_PAGE_MASK) || len == 0 || !rv_mem_range_ok(m, addr, len))
        return -EINVAL;
    pthread_mutex_lock(&m->lock);
    /* back to a reserved hole: never a real unmap, which would let the host reuse the range */
    void *p = mmap(m->base + addr, len, PROT_NONE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    int r = p == MAP_FAILED ? -errno : vma_cut(m, addr, addr + len);
    pthread_mutex_unlock(&m->lock);
    if (!r && m->changed)
        m->changed(m->changed_arg, addr, addr + len);
    return r;
}

int rv_mem_protect(struct rv_mem *m, uint64_t addr, uint64_t len, int prot)
{
    if (len > m->size)
        return -ENOMEM;
    len = RV_PAGE_UP(len);
    if ((addr & RV_PAGE_MASK) || !rv_mem_range_ok(m, addr, len))
        return -EINVAL;
    if (len == 0)
        return 0;
    pthread_mutex_lock(&m->lock);
    uint64_t e = addr + len;
    int r = check_locked(m, addr, len, 0) ? 0 : -ENOMEM;
    if (!r && mprotect(m->base + addr, len, host_prot(prot)) != 0)
        r = -errno;
    /* rewrite the covered VMAs piecewise, keeping their kinds */
    for (uint64_t a = addr; !r && a < e;) {
        int i = 0;
        while (i < m->nvma && !(m->vma[i].start <= a && a < m->vma[i].end))
            i++;
        uint64_t ve = m->vma[i].end < e ? m->vma[i].end : e;
        int kind = m->vma[i].kind;
        r = vma_insert(m, a, ve, prot, kind);
        a = ve;
    }
    pthread_mutex_unlock(&m->lock);
    if (!r && m->changed)
        m->changed(m->changed_arg, addr, e);
    return r;
}

static int check_locked(struct rv_mem *m, uint64_t a, uint64_t n, int prot)
{
    if (!rv_mem_range_ok(m, a, n))
        return 0;
    uint64_t e = a + n;
    for (int i = 0; i < m->nvma && a < e; i++) {
        const struct rv_vma *v = &m->vma[i];
        if (v->end <= a)
            continue;
        if (v->start > a || (v->prot & prot) != prot)
            return 0;
        a = v->end;
    }
    return a >= e;
}

int rv_mem_check(struct rv_mem *m, uint64_t a, uint64_t n, int prot)
{
    pthread_mutex_lock(&m->lock);
    int r = check_locked(m, a, n, prot);
    pthread_mutex_unlock(&m->lock);
    return r;
}

int rv_mem_find(struct rv_mem *m, uint64_t a, struct rv_vma *out)
{
    int found = 0;
    pthread_mutex_lock(&m->lock);
    for (int i = 0; i < m->nvma; i++)
        if (m->vma[i].start <= a && a < m->vma[i].end) {
            *out = m->vma[i];
            found = 1;
            break;
        }
    pthread_mutex_unlock(&m->lock);
    return found;
}

/* Copies to or from guest memory; under ThreadSanitizer byte-wise relaxed atomics, since
 * guest threads may legitimately touch the same bytes (see LD/ST in interp.c). */
static void guest_copy(void *dst, const void *src, size_t n)
{
#ifdef __SANITIZE_THREAD__
    unsigned char *d = dst;
    const unsigned char *s = src;
    for (size_t i = 0; i < n; i++)
        __atomic_store_n(d + i, __atomic_load_n(s + i, __ATOMIC_RELAXED), __ATOMIC_RELAXED);
#else
    memcpy(dst, src, n);
#endif
}

/* A host fault inside a copy of guest memory (a shared file truncated under it, a page
 * another guest thread unmapped after the check) is the guest's EFAULT, not rvemu's death:
 * the fault handler (fault.c) jumps back here while a copy is under way. */
__thread sigjmp_buf *volatile rv_copy_jmp;
static long strcpy_checked(struct rv_mem *m, char *buf, uint64_t src, size_t cap);

static int guarded_copy(void *dst, const void *src, size_t n)
{
    sigjmp_buf jb;
    if (sigsetjmp(jb, 0)) {
        rv_copy_jmp = NULL;
        return -EFAULT;
    }
    rv_copy_jmp = &jb;
    guest_copy(dst, src, n);
    rv_copy_jmp = NULL;
    return 0;
}

int rv_copy_from_guest(struct rv_mem *m, void *dst, uint64_t src, size_t n)
{
    if (n == 0)
        return 0;
    if (!rv_mem_check(m, src, n, PROT_READ))
        return -EFAULT;
    return guarded_copy(dst, m->base + src, n);
}

int rv_copy_to_guest(struct rv_mem *m, uint64_t dst, const void *src, size_t n)
{
    if (n == 0)
        return 0;
    if (!rv_mem_check(m, dst, n, PROT_WRITE))
        return -EFAULT;
    return guarded_copy(m->base + dst, src, n);
}

long rv_strcpy_from_guest(struct rv_mem *m, char *buf, uint64_t src, size_t cap)
{
    sigjmp_buf jb;
    if (sigsetjmp(jb, 0)) {
        rv_copy_jmp = NULL;
        return -EFAULT;
    }
    rv_copy_jmp = &jb;
    long r = strcpy_checked(m, buf, src, cap);
    rv_copy_jmp = NULL;
    return r;
}

static long strcpy_checked(struct rv_mem *m, char *buf, uint64_t src, size_t cap)
{
    for (size_t i = 0; i < cap; i++) {
        /* check page by page: strings may end just before an unmapped page */
        if (i == 0 || ((src + i) & RV_PAGE_MASK) == 0)
            if (!rv_mem_check(m, src + i, 1, PROT_READ))
                return -EFAULT;
        buf[i] = (char)__atomic_load_n(&m->base[src + i], __ATOMIC_RELAXED);
        if (!buf[i])
            return (long)i;
    }
    return -ENAMETOOLONG;
}
