/* Unit tests of the ELF loader (src/linux/elf.c): every rejected kind of file, through
 * rv_elf_check() on crafted buffers and rv_elf_load() on files, and valid images that load. */
#include <check.h>
#include <elf.h>
#include <errno.h>
#include <ftw.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "linux/elf.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

static char tmpdir[256];

/* ---- a minimal riscv64 executable, built in memory ------------------------------------ */

enum { MAXPH = 4, CODE_OFF = 64 + MAXPH * 56, VADDR = 0x10000 };
static const uint32_t code[] = {
    0x00000513,  /* li a0, 0 */
    0x05d00893,  /* li a7, 93 */
    0x00000073,  /* ecall */
};

struct image {
    Elf64_Ehdr eh;
    Elf64_Phdr ph[MAXPH];
    uint8_t rest[8192];     /* code, then whatever a case appends */
    size_t size;            /* bytes of the file */
};

static void valid_image(struct image *im)
{
    memset(im, 0, sizeof *im);
    Elf64_Ehdr *h = &im->eh;
    memcpy(h->e_ident, ELFMAG, SELFMAG);
    h->e_ident[EI_CLASS] = ELFCLASS64;
    h->e_ident[EI_DATA] = ELFDATA2LSB;
    h->e_ident[EI_VERSION] = EV_CURRENT;
    h->e_ident[EI_OSABI] = ELFOSABI_SYSV;
    h->e_type = ET_EXEC;
    h->e_machine = EM_RISCV;
    h->e_version = EV_CURRENT;
    h->e_entry = VADDR + CODE_OFF;
    h->e_phoff = sizeof(Elf64_Ehdr);
    h->e_flags = 0x5;  /* RVC, double-float ABI */
    h->e_ehsize = sizeof(Elf64_Ehdr);
    h->e_phentsize = sizeof(Elf64_Phdr);
    h->e_phnum = 1;
    h->e_shentsize = sizeof(Elf64_Shdr);
    memcpy(im->rest, code, sizeof code);
    im->size = CODE_OFF + sizeof code;
    Elf64_Phdr *p = &im->ph[0];
    p->p_type = PT_LOAD;
    p->p_flags = PF_R | PF_X;
    p->p_offset = 0;
    p->p_vaddr = p->p_paddr = VADDR;
    p->p_filesz = p->p_memsz = im->size;
    p->p_align = 0x1000;
}

/* The struct is the file's layout: no padding between the headers and the rest. */
_Static_assert(offsetof(struct image, ph) == sizeof(Elf64_Ehdr) &&
               offsetof(struct image, rest) == CODE_OFF, "struct image has padding");
static uint8_t *raw(struct image *im) { return (uint8_t *)im; }

/* the file's bytes, in a heap block of exactly its size (so that ASan sees overreads) */
static uint8_t *serialize(const struct image *im)
{
    ck_assert_uint_le(im->size, offsetof(struct image, size));
    uint8_t *b = malloc(im->size ? im->size : 1);
    ck_assert_ptr_nonnull(b);
    memcpy(b, im, im->size);
    return b;
}

static void write_file(const char *path, const void *buf, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
    if (n)
        ck_assert_uint_eq(fwrite(buf, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
}

static const char *tmp_path(const char *name)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    return p;
}

static void check_message(const char *err, const char *want, const char *what)
{
    ck_assert_msg(err[0] != 0, "%s: empty error message", what);
    ck_assert_msg(strchr(err, '\n') == NULL, "%s: message is not one line: \"%s\"", what, err);
    ck_assert_msg(strstr(err, want) != NULL, "%s: message \"%s\" does not say \"%s\"", what, err,
                  want);
}

/* ---- the rejected files ----------------------------------------------------------------- */

enum { BOTH, LOAD_ONLY };  /* LOAD_ONLY: headers are fine, the load must still fail */

struct bad_case {
    const char *name, *want;
    int mode;
    void (*make)(struct image *);
};

static void m_empty(struct image *im) { im->size = 0; }
static void m_text(struct image *im)
{
    static const char t[] = "#!/bin/sh\necho hello\n";
    memcpy(raw(im), t, sizeof t - 1);
    im->size = sizeof t - 1;
}
static void m_magic3(struct image *im) { im->size = 3; }
static void m_trunc20(struct image *im) { im->size = 20; }
static void m_trunc63(struct image *im) { im->size = 63; }
static void m_x86_64(struct image *im) { im->eh.e_machine = EM_X86_64; }
static void m_aarch64(struct image *im) { im->eh.e_machine = EM_AARCH64; }
static void m_unknown_machine(struct image *im) { im->eh.e_machine = 0x1234; }
static void m_rv32(struct image *im)
{
    Elf32_Ehdr h;
    memset(&h, 0, sizeof h);
    memcpy(h.e_ident, im->eh.e_ident, EI_NIDENT);
    h.e_ident[EI_CLASS] = ELFCLASS32;
    h.e_type = ET_EXEC;
    h.e_machine = EM_RISCV;
    h.e_version = EV_CURRENT;
    h.e_entry = 0x10054;
    h.e_phoff = sizeof h;
    h.e_ehsize = sizeof h;
    h.e_phentsize = sizeof(Elf32_Phdr);
    h.e_phnum = 1;
    Elf32_Phdr p = { PT_LOAD, 0, 0x10000, 0x10000, 0x60, 0x60, PF_R | PF_X, 0x1000 };
    uint8_t b[sizeof h + sizeof p + 12] = { 0 };
    memcpy(b, &h, sizeof h);
    memcpy(b + sizeof h, &p, sizeof p);
    memcpy(raw(im), b, sizeof b);
    im->size = sizeof b;
}
static void m_i386(struct image *im)
{
    m_rv32(im);
    Elf32_Ehdr h;
    memcpy(&h, raw(im), sizeof h);
    h.e_machine = EM_386;
    memcpy(raw(im), &h, sizeof h);
}
static void m_rv32_trunc(struct image *im) { m_rv32(im); im->size = 40; }
static void m_bigendian(struct image *im)
{
    im->eh.e_ident[EI_DATA] = ELFDATA2MSB;
    im->eh.e_machine = (uint16_t)((EM_RISCV >> 8) | ((EM_RISCV & 0xff) << 8));
}
static void m_badclass(struct image *im) { im->eh.e_ident[EI_CLASS] = 3; }
static void m_nodata(struct image *im) { im->eh.e_ident[EI_DATA] = ELFDATANONE; }
static void m_rel(struct image *im) { im->eh.e_type = ET_REL; }
static void m_core(struct image *im) { im->eh.e_type = ET_CORE; }
static void m_phentsize(struct image *im) { im->eh.e_phentsize = 32; }
static void m_phentsize_big(struct image *im) { im->eh.e_phentsize = 64; }
static void m_phnum0(struct image *im) { im->eh.e_phnum = 0; }
static void m_phnum_many(struct image *im) { im->eh.e_phnum = 0xffff; }
static void m_phoff_far(struct image *im) { im->eh.e_phoff = 100000; }
static void m_phoff_partial(struct image *im) { im->eh.e_phoff = im->size - 20; }
static void m_phoff_wrap(struct image *im) { im->eh.e_phoff = UINT64_MAX - 8; }
static void m_phnum_past_end(struct image *im) { im->eh.e_phnum = 6; }  /* 64 + 6*56 > 300 */
static void m_seg_past_end(struct image *im)
{
    im->ph[0].p_filesz = im->ph[0].p_memsz = im->size + 4096;
}
static void m_seg_off_past_end(struct image *im)
{
    im->ph[0].p_offset = 0x10000;
    im->ph[0].p_filesz = 16;
}
static void m_seg_off_wrap(struct image *im)
{
    im->ph[0].p_offset = UINT64_MAX - 0xfff;  /* still == vaddr modulo the page size */
    im->ph[0].p_filesz = 0x2000;
    im->ph[0].p_memsz = 0x2000;
}
static void m_filesz_gt_memsz(struct image *im) { im->ph[0].p_memsz = im->ph[0].p_filesz - 1; }
static void m_overlap(struct image *im)
{
    im->eh.e_phnum = 2;
    im->ph[1] = im->ph[0];
    im->ph[1].p_flags = PF_R | PF_W;
    im->ph[1].p_vaddr = im->ph[1].p_paddr = VADDR + 0x100;
    im->ph[1].p_offset = 0x100;
    im->ph[1].p_filesz = 0;
    im->ph[1].p_memsz = 0x1000;
    im->ph[0].p_memsz = 0x1000;  /* [0x10000, 0x11000) and [0x10100, 0x11100) */
}
static void m_overlap_same(struct image *im)
{
    im->eh.e_phnum = 2;
    im->ph[1] = im->ph[0];
}
static void m_huge(struct image *im) { im->ph[0].p_memsz = (uint64_t)1 << 41; }
static void m_huge_max(struct image *im) { im->ph[0].p_memsz = UINT64_MAX; }
static void m_high(struct image *im)
{
    im->ph[0].p_vaddr = UINT64_MAX - 0xfff;
    im->eh.e_entry = UINT64_MAX - 0xfff + CODE_OFF;
}
static void m_noload(struct image *im) { im->ph[0].p_type = PT_NOTE; }
static void m_entry_out(struct image *im) { im->eh.e_entry = 0x20000; }
static void m_entry_end(struct image *im) { im->eh.e_entry = VADDR + im->ph[0].p_memsz; }
static void m_entry_noexec(struct image *im) { im->ph[0].p_flags = PF_R; }
static void m_entry_in_data(struct image *im)
{
    im->eh.e_phnum = 2;
    im->ph[1] = im->ph[0];
    im->ph[1].p_flags = PF_R | PF_W;
    im->ph[1].p_vaddr = im->ph[1].p_paddr = 0x20000;
    im->eh.e_entry = 0x20000 + CODE_OFF;
}
static void m_misaligned(struct image *im)
{
    im->ph[0].p_vaddr += 0x10;
    im->eh.e_entry += 0x10;
}
static void m_interp_unterminated(struct image *im)
{
    im->eh.e_phnum = 2;
    im->ph[1] = im->ph[0];
    im->ph[0].p_type = PT_INTERP;
    im->ph[0].p_flags = PF_R;
    im->ph[0].p_offset = im->size;
    im->ph[0].p_filesz = im->ph[0].p_memsz = 8;
    memcpy(im->rest + (im->size - CODE_OFF), "/lib/ld-", 8);
    im->size += 8;
    im->ph[1].p_filesz = im->ph[1].p_memsz = im->size;
}
static void m_interp_outside(struct image *im)
{
    m_interp_unterminated(im);
    im->ph[0].p_offset = 0x100000;
}
static void m_below_first_page(struct image *im)
{
    im->ph[0].p_vaddr = 0;
    im->eh.e_entry = CODE_OFF;
}
static void m_above_guest(struct image *im)
{
    im->ph[0].p_vaddr = (uint64_t)1 << 31;  /* the guest has 2^30 bytes */
    im->eh.e_entry = ((uint64_t)1 << 31) + CODE_OFF;
}
static void m_straddles_guest_top(struct image *im)
{
    im->ph[0].p_vaddr = ((uint64_t)1 << 30) - 0x1000;
    im->ph[0].p_memsz = 0x2000;
    im->eh.e_entry = ((uint64_t)1 << 30) - 0x1000 + CODE_OFF;
}

static void m_dyn_too_big(struct image *im)
{
    im->eh.e_type = ET_DYN;
    im->ph[0].p_memsz = (uint64_t)1 << 39;  /* plausible, but the guest has 2^30 bytes */
}

static const struct bad_case bad_cases[] = {
    { "empty file", "not an ELF", BOTH, m_empty },
    { "text file", "not an ELF", BOTH, m_text },
    { "3 bytes of magic", "not an ELF", BOTH, m_magic3 },
    { "20 bytes of an ELF header", "truncated", BOTH, m_trunc20 },
    { "63 bytes of an ELF header", "truncated", BOTH, m_trunc63 },
    { "x86-64 ELF", "x86-64", BOTH, m_x86_64 },
    { "AArch64 ELF", "AArch64", BOTH, m_aarch64 },
    { "unknown machine", "riscv64", BOTH, m_unknown_machine },
    { "32-bit RISC-V ELF", "RV32", BOTH, m_rv32 },
    { "32-bit i386 ELF", "i386", BOTH, m_i386 },
    { "truncated 32-bit header", "truncated", BOTH, m_rv32_trunc },
    { "big-endian ELF", "big-endian", BOTH, m_bigendian },
    { "bad ELF class", "class", BOTH, m_badclass },
    { "no data encoding", "data encoding", BOTH, m_nodata },
    { "ET_REL", "not an executable", BOTH, m_rel },
    { "ET_CORE", "not an executable", BOTH, m_core },
    { "phentsize 32", "program header size", BOTH, m_phentsize },
    { "phentsize 64", "program header size", BOTH, m_phentsize_big },
    { "phnum 0", "no program headers", BOTH, m_phnum0 },
    { "phnum 65535", "too many program headers", BOTH, m_phnum_many },
    { "phoff past the end", "program headers outside", BOTH, m_phoff_far },
    { "phdr across the end", "program headers outside", BOTH, m_phoff_partial },
    { "phoff wraps around", "program headers outside", BOTH, m_phoff_wrap },
    { "phnum past the end", "program headers outside", BOTH, m_phnum_past_end },
    { "segment past the end", "outside the file", BOTH, m_seg_past_end },
    { "segment offset past the end", "outside the file", BOTH, m_seg_off_past_end },
    { "segment offset wraps around", "outside the file", BOTH, m_seg_off_wrap },
    { "filesz > memsz", "file size larger than memory size", BOTH, m_filesz_gt_memsz },
    { "overlapping segments", "overlap", BOTH, m_overlap },
    { "identical segments", "overlap", BOTH, m_overlap_same },
    { "segment of 2 TiB", "absurdly large", BOTH, m_huge },
    { "segment of 2^64-1 bytes", "absurdly large", BOTH, m_huge_max },
    { "segment at the top of 64 bits", "absurdly large or high", BOTH, m_high },
    { "no PT_LOAD", "no loadable segment", BOTH, m_noload },
    { "entry outside every segment", "entry point", BOTH, m_entry_out },
    { "entry just past the segment", "entry point", BOTH, m_entry_end },
    { "entry in a non-executable segment", "entry point", BOTH, m_entry_noexec },
    { "entry in the data segment", "entry point", BOTH, m_entry_in_data },
    { "address and offset disagree", "modulo the page size", BOTH, m_misaligned },
    { "unterminated PT_INTERP", "PT_INTERP", BOTH, m_interp_unterminated },
    { "PT_INTERP outside the file", "PT_INTERP", BOTH, m_interp_outside },
    { "ET_EXEC in the first page", "outside the guest address space", LOAD_ONLY,
      m_below_first_page },
    { "ET_EXEC above the guest", "outside the guest address space", LOAD_ONLY, m_above_guest },
    { "ET_EXEC across the guest's top", "outside the guest address space", LOAD_ONLY,
      m_straddles_guest_top },
    { "ET_DYN larger than the guest", "no room", LOAD_ONLY, m_dyn_too_big },
};
enum { NBAD = sizeof bad_cases / sizeof *bad_cases };

START_TEST(test_bad_file)
{
    const struct bad_case *c = &bad_cases[_i];
    struct image im;
    valid_image(&im);
    c->make(&im);
    uint8_t *buf = serialize(&im);
    char err[256], what[128];
    snprintf(what, sizeof what, "%s (check)", c->name);
    memset(err, 0, sizeof err);
    int r = rv_elf_check(buf, im.size, im.size, err, sizeof err);
    if (c->mode == BOTH) {
        ck_assert_msg(r == -1, "%s: rv_elf_check returned %d, expected -1", what, r);
        check_message(err, c->want, what);
    } else {
        ck_assert_msg(r == 0, "%s: rv_elf_check returned %d (%s), expected 0", what, r, err);
    }

    char name[32];
    snprintf(name, sizeof name, "bad%d", _i);
    write_file(tmp_path(name), buf, im.size);
    free(buf);
    struct rv_mem m;
    ck_assert_int_eq(rv_mem_init(&m, 30), 0);
    struct rv_image img;
    memset(err, 0, sizeof err);
    snprintf(what, sizeof what, "%s (load)", c->name);
    r = rv_elf_load(&m, tmp_path(name), 0, &img, err, sizeof err);
    ck_assert_msg(r == -1, "%s: rv_elf_load returned %d, expected -1", what, r);
    check_message(err, c->want, what);
    ck_assert_msg(m.nvma == 0 && m.mapped == 0, "%s: %d VMAs (%" PRIu64 " bytes) stay mapped",
                  what, m.nvma, m.mapped);
    rv_mem_destroy(&m);
    unlink(tmp_path(name));
}
END_TEST

/* files that are no ELF at all, or cannot be read */
static void expect_load_error(const char *path, const char *want, const char *what)
{
    struct rv_mem m;
    ck_assert_int_eq(rv_mem_init(&m, 30), 0);
    struct rv_image img;
    char err[256] = "";
    int r = rv_elf_load(&m, path, 0, &img, err, sizeof err);
    ck_assert_msg(r == -1, "%s: rv_elf_load returned %d, expected -1", what, r);
    check_message(err, want, what);
    ck_assert_msg(m.nvma == 0 && m.mapped == 0, "%s: something stays mapped", what);
    rv_mem_destroy(&m);
}

START_TEST(test_missing_file)
{
    expect_load_error(tmp_path("no-such-file"), strerror(ENOENT), "missing file");
}
END_TEST

START_TEST(test_directory)
{
    expect_load_error(tmpdir, "directory", "a directory");
}
END_TEST

START_TEST(test_device)
{
    expect_load_error("/dev/null", "not a regular file", "/dev/null");
}
END_TEST

/* A FIFO is refused at once (like execve's EACCES), not waited on for a writer: the load
 * runs in a child that gets 2 seconds. */
START_TEST(test_fifo)
{
    const char *p = tmp_path("fifo");
    ck_assert_int_eq(mkfifo(p, 0600), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        struct rv_mem m;
        if (rv_mem_init(&m, 30) != 0)
            _exit(2);
        struct rv_image img;
        char err[256] = "";
        int r = rv_elf_load(&m, p, 0, &img, err, sizeof err);
        _exit(r == -1 && err[0] && !strchr(err, '\n') ? 0 : 1);
    }
    int status = 0, done = 0;
    for (int i = 0; i < 200 && !done; i++) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        ck_assert_int_ge(w, 0);
        if (w == pid)
            done = 1;
        else
            usleep(10000);
    }
    if (!done) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        unlink(p);
        ck_abort_msg("rv_elf_load(a FIFO) still blocks after 2 s (open() without O_NONBLOCK "
                     "waits for a writer)");
    }
    unlink(p);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "rv_elf_load(a FIFO): no one-line error (status 0x%x)", status);
}
END_TEST

START_TEST(test_unreadable)
{
    if (geteuid() == 0) {
        fprintf(stderr, "test_elf: running as root: the unreadable-file case is skipped\n");
        return;
    }
    struct image im;
    valid_image(&im);
    uint8_t *buf = serialize(&im);
    const char *p = tmp_path("unreadable");
    write_file(p, buf, im.size);
    free(buf);
    ck_assert_int_eq(chmod(p, 0), 0);
    expect_load_error(p, strerror(EACCES), "unreadable file");
    unlink(p);
}
END_TEST

/* ---- messages ---------------------------------------------------------------------- */

/* A short buffer gets a truncated, terminated message; with errlen 0 nothing is written. */
START_TEST(test_short_err_buffer)
{
    struct image im;
    valid_image(&im);
    m_x86_64(&im);
    uint8_t *buf = serialize(&im);
    char err[8];
    memset(err, 'x', sizeof err);
    ck_assert_int_eq(rv_elf_check(buf, im.size, im.size, err, sizeof err), -1);
    ck_assert_int_eq(strnlen(err, sizeof err), sizeof err - 1);
    memset(err, 'x', sizeof err);
    ck_assert_int_eq(rv_elf_check(buf, im.size, im.size, err, 0), -1);
    for (size_t i = 0; i < sizeof err; i++)
        ck_assert_int_eq(err[i], 'x');
    free(buf);
}
END_TEST

/* Every prefix of a valid image: a prefix without all the headers is refused with a
 * one-line reason; with the headers and the whole file's size, it passes. Under ASan, the
 * exactly-sized buffers catch any read past `size`. */
START_TEST(test_prefixes)
{
    struct image im;
    valid_image(&im);
    uint8_t *full = serialize(&im);
    size_t hdrs = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
    for (size_t len = 0; len <= im.size; len++) {
        uint8_t *b = malloc(len ? len : 1);
        ck_assert_ptr_nonnull(b);
        memcpy(b, full, len);
        char err[256] = "";
        int r = rv_elf_check(b, len, len, err, sizeof err);
        if (len < im.size) {
            ck_assert_msg(r == -1, "prefix of %zu bytes accepted", len);
            ck_assert_msg(err[0] && !strchr(err, '\n'), "prefix of %zu: bad message \"%s\"",
                          len, err);
        } else {
            ck_assert_msg(r == 0, "the whole file refused: %s", err);
        }
        err[0] = 0;
        r = rv_elf_check(b, len, im.size, err, sizeof err);
        if (len >= hdrs)
            ck_assert_msg(r == 0, "headers (%zu bytes) of a %zu-byte file refused: %s", len,
                          im.size, err);
        else
            ck_assert_msg(r == -1 && err[0], "prefix of %zu bytes accepted", len);
        free(b);
    }
    free(full);
}
END_TEST

/* Random corruption of the headers: never a crash, always 0 or -1 with one line. */
START_TEST(test_corrupted_headers)
{
    uint64_t s = 0x9e3779b97f4a7c15ull;
    int accepted = 0;
    for (int k = 0; k < 20000; k++) {
        struct image im;
        valid_image(&im);
        uint8_t *b = serialize(&im);
        int nflip = 1 + (int)(k % 4);
        for (int f = 0; f < nflip; f++) {
            s ^= s << 13, s ^= s >> 7, s ^= s << 17;
            size_t at = (size_t)(s % (sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr)));
            b[at] = (k & 1) ? (uint8_t)(s >> 32) : b[at] ^ (uint8_t)(1u << ((s >> 40) & 7));
        }
        char err[256] = "";
        int r = rv_elf_check(b, im.size, im.size, err, sizeof err);
        ck_assert(r == 0 || r == -1);
        if (r)
            ck_assert_msg(err[0] && !strchr(err, '\n'), "bad message \"%s\"", err);
        else
            accepted++;
        free(b);
    }
    ck_assert_int_gt(accepted, 0);  /* some flips (e_flags, p_align ...) are harmless */
}
END_TEST

/* Corrupted files through the whole loader: an error leaves nothing mapped. */
START_TEST(test_corrupted_loads)
{
    uint64_t s = 0x243f6a8885a308d3ull;
    const char *p = tmp_path("corrupt");
    int loaded = 0;
    for (int k = 0; k < 300; k++) {
        struct image im;
        valid_image(&im);
        uint8_t *b = serialize(&im);
        for (int f = 0; f < 2; f++) {
            s ^= s << 13, s ^= s >> 7, s ^= s << 17;
            size_t at = (size_t)(s % (sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr)));
            b[at] = (uint8_t)(s >> 32);
        }
        write_file(p, b, im.size);
        free(b);
        struct rv_mem m;
        ck_assert_int_eq(rv_mem_init(&m, 30), 0);
        struct rv_image img;
        char err[256] = "";
        int r = rv_elf_load(&m, p, 0, &img, err, sizeof err);
        if (r) {
            ck_assert_msg(err[0] && !strchr(err, '\n'), "bad message \"%s\"", err);
            ck_assert_msg(m.nvma == 0 && m.mapped == 0, "\"%s\" left %d VMAs mapped", err,
                          m.nvma);
        } else {
            loaded++;
            ck_assert(rv_mem_check(&m, img.entry, 1, PROT_EXEC));
        }
        rv_mem_destroy(&m);
    }
    unlink(p);
    ck_assert_int_gt(loaded, 0);
}
END_TEST

/* ---- valid images ---------------------------------------------------------------------- */

static void load_ok(const struct image *im, const char *name, struct rv_mem *m, uint64_t hint,
                    struct rv_image *img)
{
    uint8_t *buf = serialize(im);
    char err[256] = "";
    ck_assert_msg(rv_elf_check(buf, im->size, im->size, err, sizeof err) == 0,
                  "%s: rv_elf_check: %s", name, err);
    write_file(tmp_path(name), buf, im->size);
    free(buf);
    ck_assert_int_eq(rv_mem_init(m, 30), 0);
    int r = rv_elf_load(m, tmp_path(name), hint, img, err, sizeof err);
    ck_assert_msg(r == 0, "%s: rv_elf_load: %s", name, err);
    unlink(tmp_path(name));
}

START_TEST(test_valid_exec)
{
    struct image im;
    valid_image(&im);
    struct rv_mem m;
    struct rv_image img;
    load_ok(&im, "valid", &m, 0, &img);
    ck_assert_uint_eq(img.entry, VADDR + CODE_OFF);
    ck_assert_uint_eq(img.bias, 0);
    ck_assert_uint_eq(img.lo, VADDR);
    ck_assert_uint_eq(img.hi, VADDR + RV_PAGE_SIZE);
    ck_assert_uint_eq(img.phdr, VADDR + sizeof(Elf64_Ehdr));
    ck_assert_uint_eq(img.phnum, 1);
    ck_assert_uint_eq(img.phent, sizeof(Elf64_Phdr));
    ck_assert_str_eq(img.interp, "");
    /* mapped read+exec, not writable, and nothing around it */
    ck_assert(rv_mem_check(&m, VADDR, im.size, PROT_EXEC));
    ck_assert(rv_mem_check(&m, VADDR, im.size, PROT_READ | PROT_EXEC));
    ck_assert(rv_mem_check(&m, VADDR, RV_PAGE_SIZE, PROT_READ | PROT_EXEC));
    ck_assert(!rv_mem_check(&m, VADDR, 1, PROT_WRITE));
    ck_assert(!rv_mem_check(&m, VADDR - 1, 1, 0));
    ck_assert(!rv_mem_check(&m, VADDR + RV_PAGE_SIZE, 1, 0));
    /* the file's bytes, zeros after them */
    uint8_t page[RV_PAGE_SIZE];
    ck_assert_int_eq(rv_copy_from_guest(&m, page, VADDR, sizeof page), 0);
    uint8_t *file = serialize(&im);
    ck_assert(memcmp(page, file, im.size) == 0);
    free(file);
    ck_assert(memcmp(page + CODE_OFF, code, sizeof code) == 0);
    for (size_t i = im.size; i < sizeof page; i++)
        ck_assert_msg(page[i] == 0, "byte %zu after the segment is %u", i, page[i]);
    struct rv_vma v;
    ck_assert(rv_mem_find(&m, img.entry, &v));
    ck_assert_int_eq(v.kind, RV_VMA_IMAGE);
    ck_assert_int_eq(v.prot, PROT_READ | PROT_EXEC);
    ck_assert_int_eq(rv_copy_to_guest(&m, VADDR, "x", 1), -EFAULT);
    rv_mem_destroy(&m);
}
END_TEST

/* text + data with .bss: the bytes past p_filesz are zero even when the file has more */
START_TEST(test_valid_bss)
{
    struct image im;
    valid_image(&im);
    enum { DOFF = CODE_OFF + 0x40, DVA = 0x12000 + DOFF, DFILE = 16, DMEM = 0x2000 };
    im.eh.e_phnum = 2;
    Elf64_Phdr *d = &im.ph[1];
    d->p_type = PT_LOAD;
    d->p_flags = PF_R | PF_W;
    d->p_offset = DOFF;
    d->p_vaddr = d->p_paddr = DVA;
    d->p_filesz = DFILE;
    d->p_memsz = DMEM;
    d->p_align = 0x1000;
    for (int i = 0; i < DFILE; i++)
        im.rest[DOFF - CODE_OFF + i] = (uint8_t)(0x40 + i);
    memset(im.rest + DOFF - CODE_OFF + DFILE, 0xaa, 64);  /* not part of the segment */
    im.size = DOFF + DFILE + 64;
    im.ph[0].p_filesz = im.ph[0].p_memsz = DOFF;  /* text stops where data starts */
    struct rv_mem m;
    struct rv_image img;
    load_ok(&im, "bss", &m, 0, &img);
    ck_assert_uint_eq(img.lo, VADDR);
    ck_assert_uint_eq(img.hi, RV_PAGE_UP((uint64_t)DVA + DMEM));
    ck_assert(rv_mem_check(&m, DVA, DMEM, PROT_READ | PROT_WRITE));
    ck_assert(!rv_mem_check(&m, DVA, 1, PROT_EXEC));
    ck_assert(rv_mem_check(&m, VADDR, DOFF, PROT_READ | PROT_EXEC));
    ck_assert(!rv_mem_check(&m, VADDR + RV_PAGE_SIZE, 1, 0));  /* the gap between them */
    uint8_t *buf = malloc(DMEM);
    ck_assert_ptr_nonnull(buf);
    ck_assert_int_eq(rv_copy_from_guest(&m, buf, DVA, DMEM), 0);
    for (int i = 0; i < DFILE; i++)
        ck_assert_uint_eq(buf[i], 0x40 + i);
    for (int i = DFILE; i < DMEM; i++)
        ck_assert_msg(buf[i] == 0, ".bss byte %d is 0x%02x", i, buf[i]);
    free(buf);
    ck_assert_int_eq(rv_copy_to_guest(&m, DVA + DMEM - 4, "abcd", 4), 0);
    rv_mem_destroy(&m);
}
END_TEST

/* a position-independent image goes where it is put; PT_INTERP is reported */
START_TEST(test_valid_dyn)
{
    struct image im;
    valid_image(&im);
    im.eh.e_type = ET_DYN;
    im.ph[0].p_vaddr = im.ph[0].p_paddr = 0;
    im.eh.e_entry = CODE_OFF;
    /* a PT_INTERP naming the dynamic linker */
    static const char interp[] = "/lib/ld-linux-riscv64-lp64d.so.1";
    im.eh.e_phnum = 2;
    im.ph[1] = im.ph[0];
    im.ph[1].p_type = PT_INTERP;
    im.ph[1].p_flags = PF_R;
    im.ph[1].p_offset = im.ph[1].p_vaddr = im.size;
    im.ph[1].p_filesz = im.ph[1].p_memsz = sizeof interp;
    memcpy(im.rest + im.size - CODE_OFF, interp, sizeof interp);
    im.size += sizeof interp;
    im.ph[0].p_filesz = im.ph[0].p_memsz = im.size;

    struct rv_mem m;
    struct rv_image img;
    load_ok(&im, "dyn", &m, 0, &img);
    ck_assert_uint_ne(img.bias, 0);
    ck_assert_uint_eq(img.bias & RV_PAGE_MASK, 0);
    ck_assert_uint_eq(img.entry, img.bias + CODE_OFF);
    ck_assert_uint_eq(img.lo, img.bias);
    ck_assert_uint_eq(img.phdr, img.bias + sizeof(Elf64_Ehdr));
    ck_assert_str_eq(img.interp, interp);
    ck_assert(rv_mem_check(&m, img.bias, im.size, PROT_READ | PROT_EXEC));
    uint32_t w;
    ck_assert_int_eq(rv_copy_from_guest(&m, &w, img.entry, 4), 0);
    ck_assert_uint_eq(w, code[0]);
    rv_mem_destroy(&m);

    load_ok(&im, "dyn", &m, 0x400000, &img);
    ck_assert_uint_eq(img.bias, 0x400000);
    ck_assert_uint_eq(img.entry, 0x400000 + CODE_OFF);
    ck_assert(rv_mem_check(&m, 0x400000, im.size, PROT_EXEC));
    rv_mem_destroy(&m);
}
END_TEST

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st, (void)flag, (void)f;
    return remove(p);
}

static Suite *elf_suite(void)
{
    Suite *s = suite_create("elf");
    TCase *t = tcase_create("refused");
    tcase_add_loop_test(t, test_bad_file, 0, NBAD);
    tcase_add_test(t, test_missing_file);
    tcase_add_test(t, test_directory);
    tcase_add_test(t, test_device);
    tcase_add_test(t, test_fifo);
    tcase_add_test(t, test_unreadable);
    tcase_add_test(t, test_short_err_buffer);
    tcase_add_test(t, test_prefixes);
    tcase_add_test(t, test_corrupted_headers);
    tcase_add_test(t, test_corrupted_loads);
    tcase_set_timeout(t, 60);
    suite_add_tcase(s, t);
    TCase *v = tcase_create("valid");
    tcase_add_test(v, test_valid_exec);
    tcase_add_test(v, test_valid_bss);
    tcase_add_test(v, test_valid_dyn);
    suite_add_tcase(s, v);
    return s;
}

int main(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/rvemu-elf-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 99;
    }
    SRunner *sr = srunner_create(elf_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    nftw(tmpdir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    return failed ? 1 : 0;
}
