/* Unit tests of guest memory (src/interp/mem.c): bounds, mapping, placement, unmapping,
 * protection changes and the VMA list, checked copies, and the `changed` callback.
 * Host page protections are probed with write()/read() on a pipe, which fail with EFAULT
 * instead of faulting. */
#include <check.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "interp/mem.h"

#define PG ((uint64_t)RV_PAGE_SIZE)

static struct rv_mem m;

static void setup(void)
{
    ck_assert_int_eq(rv_mem_init(&m, 30), 0);
}
static void teardown(void)
{
    rv_mem_destroy(&m);
}

/* ---- host page probes ---------------------------------------------------------------- */

static int pipefd[2] = { -1, -1 };

static void open_pipe(void)
{
    if (pipefd[0] < 0)
        ck_assert_int_eq(pipe(pipefd), 0);
}

/* 1 when the host can read the byte at guest address a */
static int host_readable(uint64_t a)
{
    open_pipe();
    char c;
    ssize_t r = write(pipefd[1], rv_g2h(&m, a), 1);
    if (r == 1) {
        ck_assert_int_eq(read(pipefd[0], &c, 1), 1);
        return 1;
    }
    ck_assert_int_eq(errno, EFAULT);
    return 0;
}

/* 1 when the host can write the byte at guest address a (which gets the value v) */
static int host_writable(uint64_t a, char v)
{
    open_pipe();
    char c;
    ck_assert_int_eq(write(pipefd[1], &v, 1), 1);
    ssize_t r = read(pipefd[0], rv_g2h(&m, a), 1);
    if (r == 1)
        return 1;
    ck_assert_int_eq(errno, EFAULT);
    ck_assert_int_eq(read(pipefd[0], &c, 1), 1);  /* drain */
    return 0;
}

/* the VMA list is sorted, without overlaps or empty entries, and adds up to m.mapped */
static void check_vma_list(void)
{
    uint64_t sum = 0;
    for (int i = 0; i < m.nvma; i++) {
        const struct rv_vma *v = &m.vma[i];
        ck_assert_msg(v->start < v->end, "VMA %d is empty or reversed [0x%" PRIx64 ", 0x%" PRIx64
                      ")", i, v->start, v->end);
        ck_assert_msg((v->start & RV_PAGE_MASK) == 0 && (v->end & RV_PAGE_MASK) == 0,
                      "VMA %d not page-aligned", i);
        ck_assert_msg(v->end <= m.size, "VMA %d past the guest's end", i);
        if (i)
            ck_assert_msg(m.vma[i - 1].end <= v->start, "VMAs %d and %d overlap or are unsorted",
                          i - 1, i);
        sum += v->end - v->start;
    }
    ck_assert_msg(sum == m.mapped, "VMAs hold %" PRIu64 " bytes, m.mapped says %" PRIu64, sum,
                  m.mapped);
}

/* ---- rv_mem_init and rv_mem_range_ok --------------------------------------------------- */

START_TEST(test_init)
{
    ck_assert_ptr_nonnull(m.base);
    ck_assert_uint_eq(m.size, (uint64_t)1 << 30);
    ck_assert_int_eq(m.bits, 30);
    ck_assert_int_eq(m.nvma, 0);
    ck_assert_uint_eq(m.mapped, 0);
    ck_assert_uint_gt(m.mmap_top, 16 * PG);
    ck_assert_uint_lt(m.mmap_top, m.size);
    ck_assert_uint_eq(m.mmap_top & RV_PAGE_MASK, 0);
    /* nothing is accessible yet */
    ck_assert(!host_readable(0));
    ck_assert(!host_readable(m.size / 2));
    ck_assert(!host_readable(m.size - 1));
    ck_assert(!rv_mem_check(&m, 0x10000, 1, 0));

    struct rv_mem o;
    ck_assert_int_eq(rv_mem_init(&o, 23), -EINVAL);
    ck_assert_int_eq(rv_mem_init(&o, 48), -EINVAL);
    ck_assert_int_eq(rv_mem_init(&o, -1), -EINVAL);
    ck_assert_int_eq(rv_mem_init(&o, 24), 0);
    ck_assert_uint_eq(o.size, 1u << 24);
    rv_mem_destroy(&o);
}
END_TEST

START_TEST(test_range_ok)
{
    const uint64_t S = m.size;
    static const struct { uint64_t a, n; int ok; } c[] = {
        { 0, 0, 1 },
        { 0, 1, 1 },
        { 0, (uint64_t)1 << 30, 1 },
        { 0, ((uint64_t)1 << 30) + 1, 0 },
        { ((uint64_t)1 << 30) - 1, 1, 1 },
        { ((uint64_t)1 << 30) - 1, 2, 0 },
        { (uint64_t)1 << 30, 0, 1 },
        { (uint64_t)1 << 30, 1, 0 },
        { ((uint64_t)1 << 30) + 1, 0, 0 },
        { UINT64_MAX, 0, 0 },
        { UINT64_MAX, 1, 0 },
        { UINT64_MAX, UINT64_MAX, 0 },
        { 1, UINT64_MAX, 0 },                         /* a + n wraps to 0 */
        { 0x1000, UINT64_MAX - 0xfff, 0 },            /* a + n wraps to 0 exactly */
        { 0x1000, UINT64_MAX - 0x0fff + 0x10, 0 },    /* a + n wraps to 0x10 */
        { (uint64_t)1 << 29, (uint64_t)1 << 29, 1 },
        { (uint64_t)1 << 29, ((uint64_t)1 << 29) + 1, 0 },
        { (uint64_t)1 << 63, (uint64_t)1 << 63, 0 },
        { 0, UINT64_MAX, 0 },
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++)
        ck_assert_msg(rv_mem_range_ok(&m, c[i].a, c[i].n) == c[i].ok,
                      "rv_mem_range_ok(0x%" PRIx64 ", 0x%" PRIx64 ") != %d", c[i].a, c[i].n,
                      c[i].ok);
    ck_assert_uint_eq(S, (uint64_t)1 << 30);
    /* rv_mem_check applies the same bounds before looking at the VMAs */
    ck_assert(!rv_mem_check(&m, UINT64_MAX, 1, 0));
    ck_assert(!rv_mem_check(&m, 1, UINT64_MAX, 0));
    ck_assert(!rv_mem_check(&m, S, 1, 0));
}
END_TEST

/* ---- rv_mem_map ------------------------------------------------------------------------ */

START_TEST(test_map_fixed)
{
    const uint64_t A = 0x100000;
    ck_assert_int_eq(rv_mem_map(&m, A, 3 * PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE,
                                -1, 0, RV_VMA_ANON), (int64_t)A);
    check_vma_list();
    ck_assert_uint_eq(m.mapped, 3 * PG);
    ck_assert(rv_mem_check(&m, A, 3 * PG, PROT_READ | PROT_WRITE));
    ck_assert(rv_mem_check(&m, A + 3 * PG - 1, 1, PROT_READ));
    ck_assert(!rv_mem_check(&m, A, 3 * PG, PROT_EXEC));
    ck_assert(!rv_mem_check(&m, A, 3 * PG + 1, 0));
    ck_assert(!rv_mem_check(&m, A - 1, 2, 0));
    struct rv_vma v;
    ck_assert(rv_mem_find(&m, A + PG, &v));
    ck_assert_uint_eq(v.start, A);
    ck_assert_uint_eq(v.end, A + 3 * PG);
    ck_assert_int_eq(v.prot, PROT_READ | PROT_WRITE);
    ck_assert_int_eq(v.kind, RV_VMA_ANON);
    ck_assert(!rv_mem_find(&m, A + 3 * PG, &v));
    ck_assert(!rv_mem_find(&m, A - 1, &v));
    /* zeroed, and the host memory is there */
    uint8_t *h = rv_g2h(&m, A);
    for (uint64_t i = 0; i < 3 * PG; i += 512)
        ck_assert_uint_eq(h[i], 0);
    memset(h, 0x5a, 3 * PG);
    ck_assert(host_readable(A) && host_writable(A + 2 * PG, 0x5a));
    ck_assert(!host_readable(A - 1) && !host_readable(A + 3 * PG));

    /* a length that is not a page multiple is rounded up */
    ck_assert_int_eq(rv_mem_map(&m, A + 8 * PG, 100, PROT_READ, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), (int64_t)(A + 8 * PG));
    ck_assert(rv_mem_check(&m, A + 8 * PG, PG, PROT_READ));
    ck_assert(!rv_mem_check(&m, A + 9 * PG, 1, 0));
    ck_assert_uint_eq(m.mapped, 4 * PG);

    /* refused: unaligned, empty, outside the guest; nothing changes */
    int nvma = m.nvma;
    ck_assert_int_eq(rv_mem_map(&m, A + 1, PG, PROT_READ, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), -EINVAL);
    ck_assert_int_eq(rv_mem_map(&m, A, 0, PROT_READ, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), -EINVAL);
    ck_assert_int_lt(rv_mem_map(&m, m.size - PG, 2 * PG, PROT_READ, MAP_FIXED | MAP_PRIVATE, -1,
                                0, RV_VMA_ANON), 0);
    ck_assert_int_lt(rv_mem_map(&m, m.size, PG, PROT_READ, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), 0);
    ck_assert_int_lt(rv_mem_map(&m, (uint64_t)1 << 40, PG, PROT_READ, MAP_FIXED | MAP_PRIVATE,
                                -1, 0, RV_VMA_ANON), 0);
    ck_assert_int_lt(rv_mem_map(&m, A, UINT64_MAX - 100, PROT_READ, MAP_FIXED | MAP_PRIVATE, -1,
                                0, RV_VMA_ANON), 0);
    ck_assert_int_eq(m.nvma, nvma);
    ck_assert_uint_eq(m.mapped, 4 * PG);
    ck_assert_uint_eq(h[0], 0x5a);

    /* the last page of the guest can be mapped */
    ck_assert_int_eq(rv_mem_map(&m, m.size - PG, PG, PROT_READ | PROT_WRITE,
                                MAP_FIXED | MAP_PRIVATE, -1, 0, RV_VMA_STACK),
                     (int64_t)(m.size - PG));
    ck_assert(rv_mem_check(&m, m.size - PG, PG, PROT_WRITE));
    ck_assert(host_writable(m.size - 1, 7));

    /* a fixed map over the middle page replaces it: fresh zeroes, new prot, split VMA */
    ck_assert_int_eq(rv_mem_map(&m, A + PG, PG, PROT_READ, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_FILE), (int64_t)(A + PG));
    check_vma_list();
    ck_assert_uint_eq(h[PG], 0);
    ck_assert_uint_eq(h[0], 0x5a);
    ck_assert_uint_eq(h[2 * PG], 0x5a);
    ck_assert(rv_mem_check(&m, A, PG, PROT_READ | PROT_WRITE));
    ck_assert(rv_mem_check(&m, A + PG, PG, PROT_READ));
    ck_assert(!rv_mem_check(&m, A + PG, PG, PROT_WRITE));
    ck_assert(rv_mem_check(&m, A + 2 * PG, PG, PROT_READ | PROT_WRITE));
    ck_assert(rv_mem_check(&m, A, 3 * PG, PROT_READ));
    ck_assert(!host_writable(A + PG, 1));
    ck_assert(rv_mem_find(&m, A + PG, &v));
    ck_assert_int_eq(v.kind, RV_VMA_FILE);
    ck_assert_uint_eq(v.start, A + PG);
    ck_assert_uint_eq(v.end, A + 2 * PG);
    ck_assert_uint_eq(m.mapped, 5 * PG);
}
END_TEST

/* a file mapping shows the file's bytes at the right offset */
START_TEST(test_map_file)
{
    const char *t = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/rvemu-mem-XXXXXX", t && *t ? t : "/tmp");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    unlink(path);
    static uint8_t data[3 * RV_PAGE_SIZE];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 7 + i / RV_PAGE_SIZE);
    ck_assert_int_eq(write(fd, data, sizeof data), (ssize_t)sizeof data);
    const uint64_t A = 0x300000;
    ck_assert_int_eq(rv_mem_map(&m, A, 2 * PG, PROT_READ, MAP_FIXED | MAP_PRIVATE, fd, PG,
                                RV_VMA_FILE), (int64_t)A);
    ck_assert(memcmp(rv_g2h(&m, A), data + PG, 2 * PG) == 0);
    close(fd);
    ck_assert(rv_mem_check(&m, A, 2 * PG, PROT_READ));
    ck_assert(!rv_mem_check(&m, A, 1, PROT_WRITE));
    /* a bad descriptor fails and maps nothing */
    ck_assert_int_lt(rv_mem_map(&m, A + 4 * PG, PG, PROT_READ, MAP_FIXED | MAP_PRIVATE, 1000,
                                0, RV_VMA_FILE), 0);
    ck_assert(!rv_mem_check(&m, A + 4 * PG, 1, 0));
    check_vma_list();
}
END_TEST

static int overlaps(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
    return a < b + bn && b < a + an;
}

START_TEST(test_map_nonfixed)
{
    int64_t a1 = rv_mem_map(&m, 0, 5 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, -1, 0,
                            RV_VMA_ANON);
    ck_assert_int_gt(a1, 0);
    ck_assert_uint_eq((uint64_t)a1 & RV_PAGE_MASK, 0);
    ck_assert_uint_ge((uint64_t)a1, 16 * PG);
    ck_assert_uint_le((uint64_t)a1 + 5 * PG, m.mmap_top);
    ck_assert(rv_mem_check(&m, (uint64_t)a1, 5 * PG, PROT_READ | PROT_WRITE));

    int64_t a2 = rv_mem_map(&m, 0, 3 * PG + 1, PROT_READ, MAP_PRIVATE, -1, 0, RV_VMA_ANON);
    ck_assert_int_gt(a2, 0);
    ck_assert_uint_eq((uint64_t)a2 & RV_PAGE_MASK, 0);
    ck_assert_uint_le((uint64_t)a2 + 4 * PG, m.mmap_top);
    ck_assert(!overlaps((uint64_t)a1, 5 * PG, (uint64_t)a2, 4 * PG));
    ck_assert(rv_mem_check(&m, (uint64_t)a2, 4 * PG, PROT_READ));
    ck_assert(rv_mem_check(&m, (uint64_t)a1, 5 * PG, PROT_READ | PROT_WRITE));

    /* a free hint is taken as is */
    const uint64_t H = 0x2000000;
    ck_assert_int_eq(rv_mem_map(&m, H, 2 * PG, PROT_READ, MAP_PRIVATE, -1, 0, RV_VMA_ANON),
                     (int64_t)H);
    /* a busy hint is not: the new range overlaps nothing */
    int64_t a3 = rv_mem_map(&m, H + PG, 2 * PG, PROT_READ, MAP_PRIVATE, -1, 0, RV_VMA_ANON);
    ck_assert_int_gt(a3, 0);
    ck_assert(!overlaps((uint64_t)a3, 2 * PG, H, 2 * PG));
    ck_assert(!overlaps((uint64_t)a3, 2 * PG, (uint64_t)a1, 5 * PG));
    ck_assert(!overlaps((uint64_t)a3, 2 * PG, (uint64_t)a2, 4 * PG));
    check_vma_list();
    ck_assert_uint_eq(m.mapped, (5 + 4 + 2 + 2) * PG);

    /* no room */
    ck_assert_int_lt(rv_mem_map(&m, 0, m.size, PROT_READ, MAP_PRIVATE, -1, 0, RV_VMA_ANON), 0);
    ck_assert_int_lt(rv_mem_map(&m, 0, m.mmap_top, PROT_READ, MAP_PRIVATE, -1, 0, RV_VMA_ANON),
                     0);
    check_vma_list();

    /* many small maps never overlap */
    uint64_t got[200];
    for (int i = 0; i < 200; i++) {
        int64_t a = rv_mem_map(&m, 0, PG * (uint64_t)(1 + i % 3), PROT_READ, MAP_PRIVATE, -1, 0,
                               RV_VMA_ANON);
        ck_assert_int_gt(a, 0);
        got[i] = (uint64_t)a;
        ck_assert_uint_le(got[i] + PG * (uint64_t)(1 + i % 3), m.mmap_top);
        for (int j = 0; j < i; j++)
            ck_assert(!overlaps(got[i], PG * (uint64_t)(1 + i % 3), got[j],
                                PG * (uint64_t)(1 + j % 3)));
    }
    check_vma_list();
}
END_TEST

START_TEST(test_find_free)
{
    const uint64_t top = m.mmap_top;
    uint64_t a = rv_mem_find_free(&m, 0, PG);
    ck_assert_uint_eq(a, top - PG);
    ck_assert_uint_eq(rv_mem_find_free(&m, 0, 1), top - PG);  /* lengths round up */
    ck_assert_uint_eq(rv_mem_find_free(&m, 0x123456, PG), 0x123000);  /* hints round down */
    /* a stack above mmap_top is not in the way */
    ck_assert_int_eq(rv_mem_map(&m, m.size - 16 * PG, 16 * PG, PROT_READ | PROT_WRITE,
                                MAP_FIXED | MAP_PRIVATE, -1, 0, RV_VMA_STACK),
                     (int64_t)(m.size - 16 * PG));
    ck_assert_uint_eq(rv_mem_find_free(&m, 0, PG), top - PG);
    /* a mapping straddling mmap_top pushes the search below it */
    ck_assert_int_eq(rv_mem_map(&m, top - PG, 2 * PG, PROT_READ, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), (int64_t)(top - PG));
    ck_assert_uint_eq(rv_mem_find_free(&m, 0, PG), top - 2 * PG);
    ck_assert_uint_eq(rv_mem_find_free(&m, 0, 4 * PG), top - 5 * PG);
    /* a gap too small is skipped */
    ck_assert_int_eq(rv_mem_map(&m, top - 8 * PG, 4 * PG, PROT_READ, MAP_FIXED | MAP_PRIVATE,
                                -1, 0, RV_VMA_ANON), (int64_t)(top - 8 * PG));
    /* free now: [top-4P, top-P) (3 pages) and below top-8P */
    ck_assert_uint_eq(rv_mem_find_free(&m, 0, 3 * PG), top - 4 * PG);
    ck_assert_uint_eq(rv_mem_find_free(&m, 0, 4 * PG), top - 12 * PG);
    /* a busy hint falls back to the search */
    ck_assert_uint_eq(rv_mem_find_free(&m, top - 8 * PG, 3 * PG), top - 4 * PG);
    /* fill everything from 16 pages to top-8P: no room for a page any more */
    ck_assert_int_eq(rv_mem_map(&m, 16 * PG, top - 8 * PG - 16 * PG, PROT_NONE,
                                MAP_FIXED | MAP_PRIVATE, -1, 0, RV_VMA_ANON), (int64_t)(16 * PG));
    ck_assert_uint_eq(rv_mem_find_free(&m, 0, 4 * PG), 0);
    ck_assert_uint_eq(rv_mem_find_free(&m, 0, 3 * PG), top - 4 * PG);
    ck_assert_int_eq(rv_mem_map(&m, top - 4 * PG, 3 * PG, PROT_NONE, MAP_FIXED | MAP_PRIVATE,
                                -1, 0, RV_VMA_ANON), (int64_t)(top - 4 * PG));
    ck_assert_uint_eq(rv_mem_find_free(&m, 0, PG), 0);
    ck_assert_int_lt(rv_mem_map(&m, 0, PG, PROT_READ, MAP_PRIVATE, -1, 0, RV_VMA_ANON), 0);
    /* but a free hint (even low, or above mmap_top) still works */
    ck_assert_uint_eq(rv_mem_find_free(&m, 4 * PG, PG), 4 * PG);
    ck_assert_uint_eq(rv_mem_find_free(&m, top + 4 * PG, PG), top + 4 * PG);
    ck_assert_uint_eq(rv_mem_find_free(&m, m.size - PG, PG), 0);  /* stack: busy, no gap */
    ck_assert_uint_eq(rv_mem_find_free(&m, 0, m.size), 0);
    ck_assert_uint_eq(rv_mem_find_free(&m, 0, UINT64_MAX - PG), 0);
    check_vma_list();
}
END_TEST

/* ---- rv_mem_unmap ---------------------------------------------------------------------- */

START_TEST(test_unmap)
{
    const uint64_t A = 0x400000;
    ck_assert_int_eq(rv_mem_map(&m, A, 3 * PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE,
                                -1, 0, RV_VMA_ANON), (int64_t)A);
    memset(rv_g2h(&m, A), 0x77, 3 * PG);
    ck_assert_int_eq(rv_mem_unmap(&m, A + PG, PG), 0);
    check_vma_list();
    ck_assert_int_eq(m.nvma, 2);
    ck_assert_uint_eq(m.mapped, 2 * PG);
    /* a hole: no guest access, and the host page is PROT_NONE (probed without faulting) */
    ck_assert(!rv_mem_check(&m, A + PG, PG, 0));
    ck_assert(!rv_mem_check(&m, A + PG, 1, 0));
    ck_assert(!rv_mem_check(&m, A, 3 * PG, 0));
    ck_assert(!host_readable(A + PG));
    ck_assert(!host_readable(A + 2 * PG - 1));
    ck_assert(!host_writable(A + PG, 1));
    struct rv_vma v;
    ck_assert(!rv_mem_find(&m, A + PG, &v));
    /* the neighbours are untouched */
    ck_assert(rv_mem_check(&m, A, PG, PROT_READ | PROT_WRITE));
    ck_assert(rv_mem_check(&m, A + 2 * PG, PG, PROT_READ | PROT_WRITE));
    ck_assert_uint_eq(*(uint8_t *)rv_g2h(&m, A + PG - 1), 0x77);
    ck_assert_uint_eq(*(uint8_t *)rv_g2h(&m, A + 2 * PG), 0x77);
    ck_assert(host_readable(A) && host_readable(A + 2 * PG));
    /* mapping it again gives fresh zeroes */
    ck_assert_int_eq(rv_mem_map(&m, A + PG, PG, PROT_READ, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), (int64_t)(A + PG));
    ck_assert_uint_eq(*(uint8_t *)rv_g2h(&m, A + PG), 0);
    /* across two VMAs, with a length rounded up */
    ck_assert_int_eq(rv_mem_unmap(&m, A + PG, PG + 1), 0);
    ck_assert(rv_mem_check(&m, A, PG, PROT_READ));
    ck_assert(!rv_mem_check(&m, A + PG, 1, 0));
    ck_assert(!rv_mem_check(&m, A + 2 * PG, 1, 0));
    ck_assert(!host_readable(A + 2 * PG));
    ck_assert_int_eq(rv_mem_unmap(&m, A - 4 * PG, 8 * PG), 0);
    ck_assert_int_eq(m.nvma, 0);
    ck_assert_uint_eq(m.mapped, 0);
    ck_assert(!host_readable(A));
    /* unmapping nothing is fine; bad arguments are not */
    ck_assert_int_eq(rv_mem_unmap(&m, A, PG), 0);
    ck_assert_int_eq(rv_mem_unmap(&m, A + 1, PG), -EINVAL);
    ck_assert_int_eq(rv_mem_unmap(&m, A, 0), -EINVAL);
    ck_assert_int_eq(rv_mem_unmap(&m, m.size, PG), -EINVAL);
    ck_assert_int_eq(rv_mem_unmap(&m, m.size - PG, 2 * PG), -EINVAL);
    ck_assert_int_eq(rv_mem_unmap(&m, A, UINT64_MAX - 100), -EINVAL);
    ck_assert_int_eq(rv_mem_unmap(&m, UINT64_MAX & ~RV_PAGE_MASK, PG), -EINVAL);
    check_vma_list();
}
END_TEST

/* ---- rv_mem_protect -------------------------------------------------------------------- */

static void expect_vma(int i, uint64_t s, uint64_t e, int prot, int kind)
{
    ck_assert_int_lt(i, m.nvma);
    ck_assert_msg(m.vma[i].start == s && m.vma[i].end == e && m.vma[i].prot == prot &&
                  m.vma[i].kind == kind,
                  "VMA %d is [0x%" PRIx64 ", 0x%" PRIx64 ") prot %d kind %d, expected [0x%" PRIx64
                  ", 0x%" PRIx64 ") prot %d kind %d", i, m.vma[i].start, m.vma[i].end,
                  m.vma[i].prot, m.vma[i].kind, s, e, prot, kind);
}

START_TEST(test_protect)
{
    const uint64_t A = 0x500000;
    const int RW = PROT_READ | PROT_WRITE;
    ck_assert_int_eq(rv_mem_map(&m, A, 3 * PG, RW, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_HEAP), (int64_t)A);
    memset(rv_g2h(&m, A), 0x33, 3 * PG);
    ck_assert_int_eq(rv_mem_protect(&m, A + PG, PG, PROT_READ), 0);
    check_vma_list();
    ck_assert_int_eq(m.nvma, 3);
    expect_vma(0, A, A + PG, RW, RV_VMA_HEAP);
    expect_vma(1, A + PG, A + 2 * PG, PROT_READ, RV_VMA_HEAP);
    expect_vma(2, A + 2 * PG, A + 3 * PG, RW, RV_VMA_HEAP);
    ck_assert_uint_eq(m.mapped, 3 * PG);
    /* rv_mem_check with each prot */
    ck_assert(rv_mem_check(&m, A, PG, RW));
    ck_assert(rv_mem_check(&m, A + PG, PG, PROT_READ));
    ck_assert(!rv_mem_check(&m, A + PG, PG, PROT_WRITE));
    ck_assert(!rv_mem_check(&m, A + PG, 1, PROT_EXEC));
    ck_assert(rv_mem_check(&m, A + 2 * PG, PG, RW));
    ck_assert(rv_mem_check(&m, A, 3 * PG, PROT_READ));
    ck_assert(rv_mem_check(&m, A, 3 * PG, 0));
    ck_assert(!rv_mem_check(&m, A, 3 * PG, PROT_WRITE));
    ck_assert(!rv_mem_check(&m, A + PG - 1, 2, PROT_WRITE));
    ck_assert(!rv_mem_check(&m, A + 2 * PG - 1, 2, PROT_WRITE));
    ck_assert(rv_mem_check(&m, A + 2 * PG, 1, PROT_WRITE));
    /* and the host agrees; the contents stay */
    ck_assert(host_readable(A + PG));
    ck_assert(!host_writable(A + PG, 1));
    ck_assert(host_writable(A + PG - 1, 0x33) && host_writable(A + 2 * PG, 0x33));
    ck_assert_uint_eq(*(uint8_t *)rv_g2h(&m, A + PG), 0x33);

    /* exec-only: the guest may not read it, the host (decoder) may */
    ck_assert_int_eq(rv_mem_protect(&m, A + 2 * PG, PG, PROT_EXEC), 0);
    expect_vma(2, A + 2 * PG, A + 3 * PG, PROT_EXEC, RV_VMA_HEAP);
    ck_assert(rv_mem_check(&m, A + 2 * PG, PG, PROT_EXEC));
    ck_assert(!rv_mem_check(&m, A + 2 * PG, PG, PROT_READ));
    ck_assert(host_readable(A + 2 * PG));
    ck_assert(!host_writable(A + 2 * PG, 1));
    /* PROT_NONE: mapped, but nothing allowed */
    ck_assert_int_eq(rv_mem_protect(&m, A, PG, PROT_NONE), 0);
    ck_assert(rv_mem_check(&m, A, PG, 0));
    ck_assert(!rv_mem_check(&m, A, 1, PROT_READ));
    ck_assert(!host_readable(A));

    /* across all three, back to RW: one range, kinds kept */
    ck_assert_int_eq(rv_mem_protect(&m, A, 3 * PG, RW), 0);
    check_vma_list();
    ck_assert(rv_mem_check(&m, A, 3 * PG, RW));
    for (int i = 0; i < m.nvma; i++)
        ck_assert_int_eq(m.vma[i].kind, RV_VMA_HEAP);
    ck_assert(host_writable(A, 1) && host_writable(A + PG, 1) && host_writable(A + 2 * PG, 1));
    ck_assert_uint_eq(m.mapped, 3 * PG);

    /* a range spanning two kinds keeps both */
    ck_assert_int_eq(rv_mem_map(&m, A + 3 * PG, 2 * PG, RW, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_FILE), (int64_t)(A + 3 * PG));
    ck_assert_int_eq(rv_mem_protect(&m, A + 2 * PG, 2 * PG, PROT_READ), 0);
    check_vma_list();
    struct rv_vma v;
    ck_assert(rv_mem_find(&m, A + 2 * PG, &v));
    ck_assert_int_eq(v.kind, RV_VMA_HEAP);
    ck_assert_int_eq(v.prot, PROT_READ);
    ck_assert(rv_mem_find(&m, A + 3 * PG, &v));
    ck_assert_int_eq(v.kind, RV_VMA_FILE);
    ck_assert_int_eq(v.prot, PROT_READ);
    ck_assert(rv_mem_find(&m, A + 4 * PG, &v));
    ck_assert_int_eq(v.kind, RV_VMA_FILE);
    ck_assert_int_eq(v.prot, RW);

    /* refused: not (fully) mapped, unaligned, outside; nothing changes */
    int nvma = m.nvma;
    ck_assert_int_eq(rv_mem_protect(&m, A + 5 * PG, PG, PROT_READ), -ENOMEM);
    ck_assert_int_eq(rv_mem_protect(&m, A + 4 * PG, 2 * PG, PROT_READ), -ENOMEM);
    ck_assert(rv_mem_check(&m, A + 4 * PG, PG, RW));
    ck_assert(host_writable(A + 4 * PG, 1));
    ck_assert_int_eq(rv_mem_protect(&m, A - PG, 2 * PG, PROT_NONE), -ENOMEM);
    ck_assert(rv_mem_check(&m, A, PG, RW));
    ck_assert_int_eq(rv_mem_protect(&m, A + 1, PG, PROT_READ), -EINVAL);
    ck_assert_int_lt(rv_mem_protect(&m, m.size, PG, PROT_READ), 0);
    ck_assert_int_lt(rv_mem_protect(&m, m.size - PG, 2 * PG, PROT_READ), 0);
    ck_assert_int_eq(m.nvma, nvma);
    ck_assert_int_eq(rv_mem_protect(&m, A, 0, PROT_NONE), 0);
    ck_assert(rv_mem_check(&m, A, PG, RW));
}
END_TEST

/* A length that wraps around the address space when rounded up to pages is an error (as for
 * mprotect(2): ENOMEM), not a successful no-op. */
START_TEST(test_protect_wrapping_length)
{
    const uint64_t A = 0x500000;
    ck_assert_int_eq(rv_mem_map(&m, A, PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE, -1,
                                0, RV_VMA_ANON), (int64_t)A);
    int r = rv_mem_protect(&m, A, UINT64_MAX, PROT_NONE);
    ck_assert_msg(r < 0, "rv_mem_protect(0x%" PRIx64 ", UINT64_MAX, PROT_NONE) returned %d", A, r);
    r = rv_mem_protect(&m, A, UINT64_MAX - 0xffe, PROT_NONE);  /* rounds up to 2^64 */
    ck_assert_msg(r < 0, "rv_mem_protect(0x%" PRIx64 ", 2^64-4095, PROT_NONE) returned %d", A, r);
    ck_assert(rv_mem_check(&m, A, PG, PROT_READ | PROT_WRITE));
}
END_TEST

/* ---- the `changed` callback ------------------------------------------------------------ */

static struct { uint64_t s, e; } calls[64];
static int ncalls;
static void on_changed(void *arg, uint64_t s, uint64_t e)
{
    ck_assert_ptr_eq(arg, &ncalls);
    if (ncalls < 64)
        calls[ncalls].s = s, calls[ncalls].e = e;
    ncalls++;
}

static void expect_call(uint64_t s, uint64_t e)
{
    ck_assert_int_eq(ncalls, 1);
    ck_assert_msg(calls[0].s <= s && calls[0].e >= e,
                  "changed(0x%" PRIx64 ", 0x%" PRIx64 ") does not cover [0x%" PRIx64 ", 0x%" PRIx64
                  ")", calls[0].s, calls[0].e, s, e);
    ncalls = 0;
}

START_TEST(test_changed)
{
    const uint64_t A = 0x600000;
    m.changed = on_changed;
    m.changed_arg = &ncalls;
    ncalls = 0;
    ck_assert_int_eq(rv_mem_map(&m, A, 4 * PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE,
                                -1, 0, RV_VMA_ANON), (int64_t)A);
    expect_call(A, A + 4 * PG);  /* a fixed map may replace code */
    ck_assert_int_eq(rv_mem_protect(&m, A + PG, PG, PROT_READ | PROT_EXEC), 0);
    expect_call(A + PG, A + 2 * PG);
    ck_assert_int_eq(rv_mem_unmap(&m, A + 2 * PG, 2 * PG), 0);
    expect_call(A + 2 * PG, A + 4 * PG);
    ck_assert_int_eq(rv_mem_unmap(&m, A + 8 * PG, PG), 0);  /* nothing there: harmless */
    ck_assert_int_le(ncalls, 1);
    ncalls = 0;
    /* failures change nothing and call nothing */
    ck_assert_int_lt(rv_mem_protect(&m, A + 2 * PG, PG, PROT_READ), 0);
    ck_assert_int_lt(rv_mem_protect(&m, A + 1, PG, PROT_READ), 0);
    ck_assert_int_lt(rv_mem_unmap(&m, A + 1, PG), 0);
    ck_assert_int_lt(rv_mem_map(&m, A + 1, PG, PROT_READ, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), 0);
    ck_assert_int_eq(ncalls, 0);
    m.changed = NULL;
}
END_TEST

/* ---- checked copies ------------------------------------------------------------------ */

START_TEST(test_copy)
{
    const uint64_t A = 0x700000;  /* RW | R | unmapped | X | W */
    ck_assert_int_eq(rv_mem_map(&m, A, PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE, -1,
                                0, RV_VMA_ANON), (int64_t)A);
    ck_assert_int_eq(rv_mem_map(&m, A + PG, PG, PROT_READ, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), (int64_t)(A + PG));
    ck_assert_int_eq(rv_mem_map(&m, A + 3 * PG, PG, PROT_EXEC, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), (int64_t)(A + 3 * PG));
    ck_assert_int_eq(rv_mem_map(&m, A + 4 * PG, PG, PROT_WRITE, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), (int64_t)(A + 4 * PG));
    char buf[64], out[64];
    for (int i = 0; i < 64; i++)
        buf[i] = (char)(i + 1);
    /* RW page */
    ck_assert_int_eq(rv_copy_to_guest(&m, A + 100, buf, sizeof buf), 0);
    ck_assert(memcmp(rv_g2h(&m, A + 100), buf, sizeof buf) == 0);
    memset(out, 0, sizeof out);
    ck_assert_int_eq(rv_copy_from_guest(&m, out, A + 100, sizeof out), 0);
    ck_assert(memcmp(out, buf, sizeof buf) == 0);
    ck_assert_int_eq(rv_copy_to_guest(&m, A + PG - 64, buf, 64), 0);  /* up to the end */
    /* read-only page: reads yes, writes no (and nothing is written) */
    ck_assert_int_eq(rv_copy_from_guest(&m, out, A + PG, 64), 0);
    ck_assert_int_eq(rv_copy_to_guest(&m, A + PG, buf, 64), -EFAULT);
    ck_assert_int_eq(rv_copy_to_guest(&m, A + PG - 32, buf, 64), -EFAULT);  /* straddles */
    ck_assert_uint_eq(*(uint8_t *)rv_g2h(&m, A + PG - 32), 33);  /* left as it was */
    ck_assert_int_eq(rv_copy_from_guest(&m, out, A + PG - 32, 64), 0);    /* RW then R */
    /* unmapped page */
    memset(out, 0x11, sizeof out);
    ck_assert_int_eq(rv_copy_from_guest(&m, out, A + 2 * PG, 1), -EFAULT);
    ck_assert_int_eq(rv_copy_from_guest(&m, out, A + 2 * PG - 8, 16), -EFAULT);
    ck_assert_int_eq(rv_copy_to_guest(&m, A + 2 * PG + 8, buf, 8), -EFAULT);
    ck_assert_int_eq(out[0], 0x11);
    /* exec-only and write-only pages */
    ck_assert_int_eq(rv_copy_from_guest(&m, out, A + 3 * PG, 4), -EFAULT);
    ck_assert_int_eq(rv_copy_to_guest(&m, A + 3 * PG, buf, 4), -EFAULT);
    ck_assert_int_eq(rv_copy_to_guest(&m, A + 4 * PG, buf, 4), 0);
    ck_assert_int_eq(rv_copy_from_guest(&m, out, A + 4 * PG, 4), -EFAULT);
    /* outside the guest, or wrapping around */
    ck_assert_int_eq(rv_copy_from_guest(&m, out, m.size - 2, 4), -EFAULT);
    ck_assert_int_eq(rv_copy_from_guest(&m, out, UINT64_MAX - 1, 4), -EFAULT);
    ck_assert_int_eq(rv_copy_to_guest(&m, UINT64_MAX - 1, buf, 4), -EFAULT);
    ck_assert_int_eq(rv_copy_from_guest(&m, out, A, SIZE_MAX), -EFAULT);
    /* nothing to copy is always fine */
    ck_assert_int_eq(rv_copy_from_guest(&m, out, A + 2 * PG, 0), 0);
    ck_assert_int_eq(rv_copy_to_guest(&m, A + 2 * PG, buf, 0), 0);
}
END_TEST

static void put(uint64_t a, const char *s, size_t n)
{
    memcpy(rv_g2h(&m, a), s, n);
}

START_TEST(test_strcpy)
{
    const uint64_t A = 0x800000;  /* R page, RW page, then unmapped */
    ck_assert_int_eq(rv_mem_map(&m, A, 2 * PG, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE,
                                -1, 0, RV_VMA_ANON), (int64_t)A);
    put(A, "hello", 6);
    put(A + PG - 3, "abcdef", 7);           /* crosses into the second page */
    put(A + 2 * PG - 4, "wxyz", 4);         /* runs into the unmapped page: no NUL */
    ck_assert_int_eq(rv_mem_protect(&m, A, PG, PROT_READ), 0);
    char buf[64];
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A, sizeof buf), 5);
    ck_assert_str_eq(buf, "hello");
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + 5, sizeof buf), 0);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + PG - 3, sizeof buf), 6);
    ck_assert_str_eq(buf, "abcdef");
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + 2 * PG - 4, sizeof buf), -EFAULT);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + 2 * PG - 4, 4), -ENAMETOOLONG);
    put(A + 2 * PG - 1, "", 1);             /* now the NUL is the last mapped byte */
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + 2 * PG - 4, sizeof buf), 3);
    ck_assert_str_eq(buf, "wxy");
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + 2 * PG - 1, sizeof buf), 0);
    /* cap counts the NUL */
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A, 6), 5);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A, 5), -ENAMETOOLONG);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A, 1), -ENAMETOOLONG);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + 2 * PG - 4, 3), -ENAMETOOLONG);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + PG - 3, 7), 6);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + PG - 3, 6), -ENAMETOOLONG);
    /* unmapped, outside, no read permission */
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + 2 * PG, sizeof buf), -EFAULT);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A - 1, sizeof buf), -EFAULT);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, m.size, sizeof buf), -EFAULT);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, UINT64_MAX, sizeof buf), -EFAULT);
    ck_assert_int_eq(rv_mem_map(&m, A + 3 * PG, PG, PROT_WRITE, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), (int64_t)(A + 3 * PG));
    ck_assert_int_eq(rv_mem_map(&m, A + 4 * PG, PG, PROT_EXEC, MAP_FIXED | MAP_PRIVATE, -1, 0,
                                RV_VMA_ANON), (int64_t)(A + 4 * PG));
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + 3 * PG, sizeof buf), -EFAULT);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, buf, A + 4 * PG, sizeof buf), -EFAULT);
    /* a long string: exactly cap-1 characters fit */
    static char big[3 * RV_PAGE_SIZE];
    ck_assert_int_eq(rv_mem_map(&m, A + 8 * PG, 3 * PG, PROT_READ | PROT_WRITE,
                                MAP_FIXED | MAP_PRIVATE, -1, 0, RV_VMA_ANON), (int64_t)(A + 8 * PG));
    memset(rv_g2h(&m, A + 8 * PG), 'q', 2 * PG + 100);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, big, A + 8 * PG, sizeof big), 2 * PG + 100);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, big, A + 8 * PG, 2 * PG + 101), 2 * PG + 100);
    ck_assert_int_eq(rv_strcpy_from_guest(&m, big, A + 8 * PG, 2 * PG + 100), -ENAMETOOLONG);
}
END_TEST

/* ---- random operations against a page model ------------------------------------------- */

enum { NPAGES = 48 };
static const int prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE, PROT_READ | PROT_EXEC,
                             PROT_EXEC, PROT_WRITE, PROT_READ | PROT_WRITE | PROT_EXEC };

START_TEST(test_random_model)
{
    const uint64_t W = 0x1000000;  /* window of NPAGES pages, with a free page on each side */
    int model[NPAGES + 2];         /* prot, or -1 when unmapped; [0] and [NPAGES+1] margins */
    int kinds[NPAGES + 2];
    for (int i = 0; i < NPAGES + 2; i++)
        model[i] = kinds[i] = -1;
    uint64_t s = 0x853c49e6748fea9bull;
#define RND(n) (s ^= s << 13, s ^= s >> 7, s ^= s << 17, (int)(s % (uint64_t)(n)))
    for (int step = 0; step < 3000; step++) {
        int p0 = 1 + RND(NPAGES), np = 1 + RND(8);
        if (p0 + np > NPAGES + 1)
            np = NPAGES + 1 - p0;
        uint64_t a = W + (uint64_t)(p0 - 1) * PG, len = (uint64_t)np * PG;
        int prot = prots[RND(7)], kind = RND(5), op = RND(3);
        if (op == 0) {
            int64_t r = rv_mem_map(&m, a, len - (RND(2) ? 0 : 100), prot, MAP_FIXED | MAP_PRIVATE,
                                   -1, 0, kind);
            ck_assert_int_eq(r, (int64_t)a);
            for (int i = p0; i < p0 + np; i++)
                model[i] = prot, kinds[i] = kind;
        } else if (op == 1) {
            ck_assert_int_eq(rv_mem_unmap(&m, a, len), 0);
            for (int i = p0; i < p0 + np; i++)
                model[i] = kinds[i] = -1;
        } else {
            int all = 1;
            for (int i = p0; i < p0 + np; i++)
                all &= model[i] >= 0;
            int r = rv_mem_protect(&m, a, len, prot);
            ck_assert_msg(r == (all ? 0 : -ENOMEM), "step %d: protect returned %d", step, r);
            if (all)
                for (int i = p0; i < p0 + np; i++)
                    model[i] = prot;
        }
        check_vma_list();
        /* every page, as the guest and as the host sees it */
        uint64_t nmapped = 0;
        for (int i = 0; i < NPAGES + 2; i++) {
            uint64_t pa = W + (uint64_t)(i - 1) * PG;
            struct rv_vma v;
            int found = rv_mem_find(&m, pa + RND(PG), &v);
            ck_assert_msg(found == (model[i] >= 0), "step %d: page %d found=%d, model %d", step,
                          i, found, model[i]);
            if (model[i] < 0) {
                ck_assert(!rv_mem_check(&m, pa, PG, 0));
                if (step % 16 == 0)
                    ck_assert(!host_readable(pa));
                continue;
            }
            nmapped++;
            ck_assert_msg(v.prot == model[i] && v.kind == kinds[i],
                          "step %d: page %d prot %d kind %d, model %d %d", step, i, v.prot,
                          v.kind, model[i], kinds[i]);
            for (int q = 0; q < 8; q++)
                ck_assert_int_eq(rv_mem_check(&m, pa, PG, q), (model[i] & q) == q);
            if (step % 16 == 0) {
                ck_assert_int_eq(host_readable(pa + PG - 1), model[i] != PROT_NONE);
                ck_assert_int_eq(host_writable(pa, 0), (model[i] & PROT_WRITE) != 0);
            }
        }
        ck_assert_uint_eq(m.mapped, nmapped * PG);
        /* random byte ranges */
        for (int k = 0; k < 20; k++) {
            uint64_t ra = W - PG + (uint64_t)RND((NPAGES + 2) * PG);
            uint64_t rn = (uint64_t)RND(3 * PG);
            if (ra + rn > W + (NPAGES + 1) * PG)
                rn = W + (NPAGES + 1) * PG - ra;
            int q = RND(8), want = 1;
            for (uint64_t x = ra; x < ra + rn; x = RV_PAGE_DOWN(x) + PG) {
                int pm = model[(x - (W - PG)) / PG];
                want &= pm >= 0 && (pm & q) == q;
            }
            ck_assert_msg(rv_mem_check(&m, ra, rn, q) == want,
                          "step %d: rv_mem_check(0x%" PRIx64 ", %" PRIu64 ", %d) != %d", step, ra,
                          rn, q, want);
        }
    }
#undef RND
}
END_TEST

static Suite *mem_suite(void)
{
    Suite *s = suite_create("mem");
    TCase *t = tcase_create("mem");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_init);
    tcase_add_test(t, test_range_ok);
    tcase_add_test(t, test_map_fixed);
    tcase_add_test(t, test_map_file);
    tcase_add_test(t, test_map_nonfixed);
    tcase_add_test(t, test_find_free);
    tcase_add_test(t, test_unmap);
    tcase_add_test(t, test_protect);
    tcase_add_test(t, test_protect_wrapping_length);
    tcase_add_test(t, test_changed);
    tcase_add_test(t, test_copy);
    tcase_add_test(t, test_strcpy);
    tcase_add_test(t, test_random_model);
    tcase_set_timeout(t, 60);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(mem_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
