/* Loading riscv64 ELF programs (and their ELF interpreter) into guest memory. */
#ifndef RV_ELF_H
#define RV_ELF_H
#include <stddef.h>
#include <stdint.h>
#include "interp/mem.h"

/* Elf64_Ehdr and Elf64_Phdr fields for rv_le_fix(): ELF files of riscv64 are little-endian */
#define RV_ELF_EHDR_LAYOUT "p22488842{6}"
#define RV_ELF_PHDR_LAYOUT "448{6}"

struct rv_image {
    uint64_t entry;         /* entry point, bias applied */
    uint64_t phdr;          /* guest address of the program headers (for AT_PHDR) */
    uint64_t phnum, phent;
    uint64_t bias;          /* load bias (0 for ET_EXEC) */
    uint64_t lo, hi;        /* lowest and highest guest address of the image */
    char interp[4096];      /* PT_INTERP path, or "" */
};

/* Checks and maps the ELF file at path. base_hint is where an ET_DYN image goes (0: the
 * default for programs). On failure returns -1 with a one-line reason in err (without the
 * file name); nothing stays mapped. */
int rv_elf_load(struct rv_mem *m, const char *path, uint64_t base_hint, struct rv_image *img,
                char *err, size_t errlen);
/* Only the checks, on the first size bytes of an ELF file of fsize bytes (for tests and the
 * loader): 0, or -1 with the reason in err. */
int rv_elf_check(const void *buf, size_t size, uint64_t fsize, char *err, size_t errlen);

#endif
