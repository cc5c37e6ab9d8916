/* The ELF loader: validates every header field it relies on before mapping anything (a
 * hostile or broken file gets a one-line reason, never a crash), then maps PT_LOAD segments
 * at their guest addresses with guest permissions. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "linux/elf.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif
#define MAX_PHNUM 128

/* the headers in host order (the file is little-endian) */
static void ehdr_in(Elf64_Ehdr *h, const void *buf)
{
    memcpy(h, buf, sizeof *h);
    rv_le_fix(h, RV_ELF_EHDR_LAYOUT, sizeof *h, 1);
}
static void phdrs_in(Elf64_Phdr *ph, const void *buf, int n)
{
    memcpy(ph, buf, (size_t)n * sizeof *ph);
    rv_le_fix(ph, RV_ELF_PHDR_LAYOUT, sizeof *ph, (size_t)n);
}

static int fail(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *machine_name(unsigned m)
{
    switch (m) {
    case EM_386: return "i386";
    case EM_X86_64: return "x86-64";
    case EM_ARM: return "ARM";
    case EM_AARCH64: return "AArch64";
    case EM_PPC: return "PowerPC";
    case EM_PPC64: return "PowerPC64";
    case EM_S390: return "IBM S/390";
    case EM_MIPS: return "MIPS";
    case EM_SPARC: case EM_SPARCV9: return "SPARC";
    case 258: return "LoongArch";
    case EM_IA_64: return "IA-64";
    case EM_ALPHA: return "Alpha";
    case EM_SH: return "SuperH";
    case EM_68K: return "m68k";
    default: return NULL;
    }
}

int rv_elf_check(const void *buf, size_t size, uint64_t fsize, char *err, size_t n)
{
    const unsigned char *id = buf;
    if (size < 4 || memcmp(id, ELFMAG, SELFMAG) != 0)
        return fail(err, n, "not an ELF file");
    if (size < EI_NIDENT)
        return fail(err, n, "truncated ELF header");
    if (id[EI_DATA] == ELFDATA2MSB)
        return fail(err, n, "big-endian ELF files are not supported");
    if (id[EI_DATA] != ELFDATA2LSB)
        return fail(err, n, "invalid ELF data encoding %u", id[EI_DATA]);
    if (id[EI_CLASS] == ELFCLASS32) {
        Elf32_Ehdr h;
        if (size < sizeof h)
            return fail(err, n, "truncated ELF header");
        memcpy(&h, buf, sizeof h);
        rv_le_fix(&h, "p22", sizeof h, 1);
        if (h.e_machine == EM_RISCV)
            return fail(err, n, "RV32 programs are not supported (only riscv64)");
        const char *name = machine_name(h.e_machine);
        return name ? fail(err, n, "32-bit ELF for %s, not riscv64", name)
                    : fail(err, n, "32-bit ELF for machine %u, not riscv64", h.e_machine);
    }
    if (id[EI_CLASS] != ELFCLASS64)
        return fail(err, n, "invalid ELF class %u", id[EI_CLASS]);
    Elf64_Ehdr h;
    if (size < sizeof h)
        return fail(err, n, "truncated ELF header");
    ehdr_in(&h, buf);
    if (h.e_machine != EM_RISCV) {
        const char *name = machine_name(h.e_machine);
        return name ? fail(err, n, "ELF for %s, not riscv64", name)
                    : fail(err, n, "ELF for machine %u, not riscv64", h.e_machine);
    }
    if (h.e_type != ET_EXEC && h.e_type != ET_DYN)
        return fail(err, n, "not an executable (ELF type %u)", h.e_type);
    if (h.e_phentsize != sizeof(Elf64_Phdr))
        return fail(err, n, "bad program header size %u", h.e_phentsize);
    if (h.e_phnum == 0)
        return fail(err, n, "no program headers");
    if (h.e_phnum > MAX_PHNUM)
        return fail(err, n, "too many program headers (%u)", h.e_phnum);
    if (h.e_phoff > size || (size - h.e_phoff) / sizeof(Elf64_Phdr) < h.e_phnum)
        return fail(err, n, "program headers outside the file (truncated?)");

    Elf64_Phdr ph[MAX_PHNUM];
    phdrs_in(ph, (const char *)buf + h.e_phoff, h.e_phnum);
    int loads = 0, entry_ok = 0;
    for (int i = 0; i < h.e_phnum; i++) {
        const Elf64_Phdr *p = &ph[i];
        if (p->p_type == PT_INTERP) {
            if (p->p_offset > size || p->p_filesz > size - p->p_offset || p->p_filesz < 2 ||
                p->p_filesz > 4095)
                return fail(err, n, "bad PT_INTERP segment");
            if (((const char *)buf)[p->p_offset + p->p_filesz - 1] != 0)
                return fail(err, n, "PT_INTERP path not terminated");
        }
        if (p->p_type != PT_LOAD)
            continue;
        loads++;
        if (p->p_offset > fsize || p->p_filesz > fsize - p->p_offset)
            return fail(err, n, "segment %d lies outside the file (truncated?)", i);
        if (p->p_filesz > p->p_memsz)
            return fail(err, n, "segment %d: file size larger than memory size", i);
        if (p->p_memsz > ((uint64_t)1 << 40) || p->p_vaddr > ((uint64_t)1 << 47))
            return fail(err, n, "segment %d is absurdly large or high", i);
        if ((p->p_vaddr & 4095) != (p->p_offset & 4095))
            return fail(err, n, "segment %d: address and offset disagree modulo the page size", i);
        for (int j = 0; j < i; j++) {
            const Elf64_Phdr *q = &ph[j];
            if (q->p_type == PT_LOAD && p->p_vaddr < q->p_vaddr + q->p_memsz &&
                q->p_vaddr < p->p_vaddr + p->p_memsz)
                return fail(err, n, "segments %d and %d overlap", j, i);
        }
        if ((p->p_flags & PF_X) && h.e_entry >= p->p_vaddr && h.e_entry < p->p_vaddr + p->p_memsz)
            entry_ok = 1;
    }
    if (!loads)
        return fail(err, n, "no loadable segment");
    if (!entry_ok)
        return fail(err, n, "entry point 0x%llx is not in an executable segment",
                    (unsigned long long)h.e_entry);
    return 0;
}

static int prot_of(uint32_t f)
{
    return (f & PF_R ? PROT_READ : 0) | (f & PF_W ? PROT_WRITE : 0) | (f & PF_X ? PROT_EXEC : 0);
}

static int map_segments(struct rv_mem *m, int fd, const Elf64_Phdr *ph, int phnum,
                        uint64_t bias, char *err, size_t n)
{
    for (int i = 0; i < phnum; i++) {
        const Elf64_Phdr *p = &ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        uint64_t va = p->p_vaddr + bias, start = RV_PAGE_DOWN(va);
        uint64_t file_end = va + p->p_filesz, mem_end = va + p->p_memsz;
        int prot = prot_of(p->p_flags);
        if (!rv_mem_range_ok(m, start, RV_PAGE_UP(mem_end) - start))
            return fail(err, n, "segment %d does not fit in the guest address space", i);
        /* a segment with a bss: like Linux, the rest of its last file page is zeroed even
         * past p_memsz (ld.so's early allocator takes the memory after its bss for zeroed
         * memory), so it is writable while that is done; one without (text) is mapped as it
         * is, the file's next bytes showing after it as under Linux */
        int bss = p->p_memsz > p->p_filesz;
        if (p->p_filesz) {
            int64_t r = rv_mem_map(m, start, file_end - start, bss ? prot | PROT_WRITE : prot,
                                   MAP_FIXED | MAP_PRIVATE, fd, RV_PAGE_DOWN(p->p_offset),
                                   RV_VMA_IMAGE);
            if (r < 0)
                return fail(err, n, "cannot map segment %d: %s", i, strerror((int)-r));
            uint64_t tail = RV_PAGE_UP(file_end);
            if (bss && tail > file_end)
                memset(rv_g2h(m, file_end), 0, tail - file_end);
        }
        uint64_t anon = p->p_filesz ? RV_PAGE_UP(file_end) : start;
        if (RV_PAGE_UP(mem_end) > anon) {
            int64_t r = rv_mem_map(m, anon, RV_PAGE_UP(mem_end) - anon, prot,
                                   MAP_FIXED | MAP_PRIVATE, -1, 0, RV_VMA_IMAGE);
            if (r < 0)
                return fail(err, n, "cannot map segment %d: %s", i, strerror((int)-r));
        }
        if (p->p_filesz && bss && !(prot & PROT_WRITE))
            rv_mem_protect(m, start, RV_PAGE_UP(file_end) - start, prot);
    }
    return 0;
}

int rv_elf_load(struct rv_mem *m, const char *path, uint64_t base_hint, struct rv_image *img,
                char *err, size_t n)
{
    memset(img, 0, sizeof *img);
    /* O_NONBLOCK: a FIFO must not block us waiting for a writer */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return fail(err, n, "%s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = S_ISDIR(st.st_mode) ? EISDIR : EACCES;
        close(fd);
        return fail(err, n, "%s", e == EISDIR ? "is a directory" : "not a regular file");
    }
    size_t size = (size_t)st.st_size;
    /* Headers are read, not mapped, so a file that shrinks under us cannot fault: the first
     * page, where linkers put them, or the first 64 KiB when they are not all there (reading
     * 64 KiB every time was a sixth of a small program's start). */
    unsigned char *buf = NULL;
    int r = -1;
    for (size_t want = size < 4096 ? size : 4096;; want = size < 65536 ? size : 65536) {
        free(buf);
        buf = malloc(want ? want : 1);
        ssize_t got = buf ? pread(fd, buf, want, 0) : -1;
        if (got < 0 || (size_t)got != want) {
            free(buf);
            close(fd);
            return fail(err, n, "cannot read: %s", got < 0 ? strerror(errno) : "short read");
        }
        /* headers are checked against what was read, segments against the file's size */
        r = rv_elf_check(buf, want, size, err, n);
        if (r == 0 || want >= size || want >= 65536)
            break;
    }
    if (r) {
        free(buf);
        close(fd);
        return -1;
    }
    Elf64_Ehdr h;
    Elf64_Phdr ph[MAX_PHNUM];
    ehdr_in(&h, buf);
    phdrs_in(ph, buf + h.e_phoff, h.e_phnum);

    uint64_t lo = UINT64_MAX, hi = 0;
    for (int i = 0; i < h.e_phnum; i++) {
        if (ph[i].p_type == PT_INTERP)
            memcpy(img->interp, buf + ph[i].p_offset, ph[i].p_filesz);
        if (ph[i].p_type != PT_LOAD)
            continue;
        if (ph[i].p_vaddr < lo)
            lo = ph[i].p_vaddr;
        if (ph[i].p_vaddr + ph[i].p_memsz > hi)
            hi = ph[i].p_vaddr + ph[i].p_memsz;
    }
    free(buf);
    uint64_t bias = 0;
    lo = RV_PAGE_DOWN(lo);
    hi = RV_PAGE_UP(hi);
    if (h.e_type == ET_DYN) {
        /* like Linux: PIE programs at 2/3 of the address space, interpreters where free */
        uint64_t want_at = base_hint ? base_hint : RV_PAGE_DOWN(m->size / 3 * 2);
        uint64_t at = rv_mem_find_free(m, want_at, hi - lo);
        if (!at) {
            close(fd);
            return fail(err, n, "no room for the program in the guest address space");
        }
        bias = at - lo;
    } else if (!rv_mem_range_ok(m, lo, hi - lo) || lo < RV_PAGE_SIZE) {
        close(fd);
        return fail(err, n, "segments outside the guest address space (see -R)");
    }
    if (map_segments(m, fd, ph, h.e_phnum, bias, err, n) != 0) {
        rv_mem_unmap(m, lo + bias, hi - lo);
        close(fd);
        return -1;
    }
    close(fd);
    img->entry = h.e_entry + bias;
    img->bias = bias;
    img->lo = lo + bias;
    img->hi = hi + bias;
    img->phnum = h.e_phnum;
    img->phent = h.e_phentsize;
    /* AT_PHDR: the headers' guest address, from PT_PHDR or the segment holding them */
    for (int i = 0; i < h.e_phnum; i++)
        if (ph[i].p_type == PT_PHDR)
            img->phdr = ph[i].p_vaddr + bias;
    for (int i = 0; i < h.e_phnum && !img->phdr; i++)
        if (ph[i].p_type == PT_LOAD && h.e_phoff >= ph[i].p_offset &&
            h.e_phoff < ph[i].p_offset + ph[i].p_filesz)
            img->phdr = ph[i].p_vaddr + (h.e_phoff - ph[i].p_offset) + bias;
    return 0;
}
