/* Guest memory: one reserved host region holding the whole guest address space (design §2).
 * A guest address a is valid for n bytes iff a + n <= size; its host address is base + a.
 * The VMA list records guest mappings and their guest permissions (exec included, which the
 * host mapping never has). */
#ifndef RV_MEM_H
#define RV_MEM_H
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <pthread.h>
#include "interp/le.h"

#define RV_PAGE_SIZE 4096u
#define RV_PAGE_MASK ((uint64_t)RV_PAGE_SIZE - 1)
#define RV_PAGE_UP(x) (((x) + RV_PAGE_MASK) & ~RV_PAGE_MASK)
#define RV_PAGE_DOWN(x) ((x) & ~RV_PAGE_MASK)

/* guest protection bits are the PROT_* values */
struct rv_vma {
    uint64_t start, end;
    int prot;
    int kind;          /* RV_VMA_* */
};
enum { RV_VMA_ANON, RV_VMA_FILE, RV_VMA_STACK, RV_VMA_HEAP, RV_VMA_IMAGE, RV_VMA_TRAMP };

struct rv_mem {
    uint8_t *base;
    uint64_t size;          /* 2^bits */
    int bits;
    struct rv_vma *vma;
    int nvma, capvma;
    uint64_t mmap_top;      /* mmap without a hint searches downwards from here */
    uint64_t mapped;        /* bytes mapped, for limits */
    uint64_t limit;         /* --max-memory: mapped may not grow beyond it; 0: none */
    pthread_mutex_t lock;
    /* called after a range lost or changed its mapping (block cache invalidation) */
    void (*changed)(void *arg, uint64_t start, uint64_t end);
    void *changed_arg;
};

int rv_mem_init(struct rv_mem *m, int bits);
void rv_mem_destroy(struct rv_mem *m);

static inline int rv_mem_range_ok(const struct rv_mem *m, uint64_t a, uint64_t n)
{
    return a <= m->size && n <= m->size - a;
}
/* 1 when growing the mapped total by n bytes would pass --max-memory */
static inline int rv_mem_over_limit(const struct rv_mem *m, uint64_t n)
{
    return m->limit && (n > m->limit || m->mapped > m->limit - n);
}
static inline void *rv_g2h(const struct rv_mem *m, uint64_t a) { return m->base + a; }

/* Map [addr, addr+len) with guest prot; fd < 0 for anonymous memory. With fixed == 0, addr is a
 * hint and a free range is chosen. Returns the guest address or a negative errno. */
int64_t rv_mem_map(struct rv_mem *m, uint64_t addr, uint64_t len, int prot, int flags,
                   int fd, uint64_t off, int kind);
/* Records [addr, addr+len) as mapped when the host mapping was made by other means (mremap). */
int rv_mem_adopt(struct rv_mem *m, uint64_t addr, uint64_t len, int prot, int kind);
int rv_mem_unmap(struct rv_mem *m, uint64_t addr, uint64_t len);
int rv_mem_protect(struct rv_mem *m, uint64_t addr, uint64_t len, int prot);
/* A free range of len bytes, searching down from the top (or at hint if it is free), or 0. */
uint64_t rv_mem_find_free(struct rv_mem *m, uint64_t hint, uint64_t len);
/* 1 when every byte of [a, a+n) is mapped with at least prot. */
int rv_mem_check(struct rv_mem *m, uint64_t a, uint64_t n, int prot);
/* The VMA holding a, or NULL; the caller holds no lock, the result is a copy. */
int rv_mem_find(struct rv_mem *m, uint64_t a, struct rv_vma *out);

/* Checked copies between guest and emulator memory: 0 or -EFAULT. */
int rv_copy_from_guest(struct rv_mem *m, void *dst, uint64_t src, size_t n);
int rv_copy_to_guest(struct rv_mem *m, uint64_t dst, const void *src, size_t n);
/* Copies a NUL-terminated guest string into buf (at most cap bytes with the NUL):
 * its length, -EFAULT, or -ENAMETOOLONG. */
long rv_strcpy_from_guest(struct rv_mem *m, char *buf, uint64_t src, size_t cap);

/* The guest range [addr, addr + len) could not be put back into the reservation: rvemu stops
 * (the host could otherwise place its own memory where the guest reaches). */
void rv_mem_lost(uint64_t addr, uint64_t len) __attribute__((noreturn));

/* Set while rvemu copies guest memory: where a host fault in the copy returns (fault.c) */
extern __thread sigjmp_buf *volatile rv_copy_jmp;

#endif
