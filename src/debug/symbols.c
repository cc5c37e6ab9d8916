/* Reads function symbols from ELF .symtab (or .dynsym) sections into one sorted array. The
 * file is read with bounds checks on every offset: a broken table only loses names. */
#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <pthread.h>
#include <stdio.h>
#include "rv.h"
#include "debug/log.h"
#include "debug/symbols.h"

struct sym { uint64_t addr, size; char *name; };
struct rv_symtab { struct sym *v; size_t n, cap; };
/* libraries are added while other threads may be logging */
static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;

static int cmp_sym(const void *a, const void *b)
{
    const struct sym *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void add(struct rv_symtab *t, uint64_t addr, uint64_t size, const char *name)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        struct sym *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return;
        t->v = v;
        t->cap = cap;
    }
    char *copy = strdup(name);
    if (copy)
        t->v[t->n++] = (struct sym){ addr, size, copy };
}

static void load(struct rv_symtab **tp, const char *path, uint64_t bias);

void rv_syms_load(struct rv_symtab **tp, const char *path, uint64_t bias)
{
    pthread_rwlock_wrlock(&lock);
    load(tp, path, bias);
    pthread_rwlock_unlock(&lock);
}

void rv_syms_note_mapping(struct rv_machine *m, int fd, uint64_t addr, uint64_t off)
{
    char link[64], path[4096];
    if (!(m->log_mask & (LOG_IN_ASM | LOG_EXEC | LOG_INT | LOG_CPU)))
        return;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return;
    path[n] = 0;
    /* shared objects put their code at file offset == virtual address */
    rv_syms_load(&m->syms, path, addr - off);
}

static void shdr_at(const unsigned char *shdrs, unsigned i, Elf64_Shdr *out)
{
    memcpy(out, shdrs + (size_t)i * sizeof *out, sizeof *out);
    rv_le_fix(out, "448{4}448{2}", sizeof *out, 1);
}

static void load(struct rv_symtab **tp, const char *path, uint64_t bias)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(Elf64_Ehdr)) {
        close(fd);
        return;
    }
    size_t size = (size_t)st.st_size;
    const unsigned char *f = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (f == MAP_FAILED)
        return;
    if (!*tp)
        *tp = calloc(1, sizeof **tp);
    struct rv_symtab *t = *tp;
    /* the file is little-endian: headers and symbols are read into host-order copies */
    Elf64_Ehdr eh;
    memcpy(&eh, f, sizeof eh);
    rv_le_fix(&eh, "p22488842{6}", sizeof eh, 1);
    const Elf64_Ehdr *h = &eh;
    if (!t || memcmp(h->e_ident, ELFMAG, SELFMAG) != 0 || h->e_ident[EI_CLASS] != ELFCLASS64 ||
        h->e_shentsize != sizeof(Elf64_Shdr) || h->e_shoff > size ||
        (size - h->e_shoff) / sizeof(Elf64_Shdr) < h->e_shnum)
        goto out;
    for (int pass = 0; pass < 2; pass++) {
        size_t before = t->n;
        for (unsigned i = 0; i < h->e_shnum; i++) {
            Elf64_Shdr ss_, st_;
            shdr_at(f + h->e_shoff, i, &ss_);
            /* .symtab first; .dynsym only when there is no .symtab */
            if (ss_.sh_type != (pass == 0 ? SHT_SYMTAB : SHT_DYNSYM) || ss_.sh_link >= h->e_shnum)
                continue;
            shdr_at(f + h->e_shoff, ss_.sh_link, &st_);
            const Elf64_Shdr *ss = &ss_, *st2 = &st_;
            if (ss->sh_offset > size || ss->sh_size > size - ss->sh_offset ||
                st2->sh_offset > size || st2->sh_size > size - st2->sh_offset || st2->sh_size == 0)
                continue;
            const char *str = (const char *)f + st2->sh_offset;
            size_t n = ss->sh_size / sizeof(Elf64_Sym);
            for (size_t k = 0; k < n; k++) {
                Elf64_Sym sym;
                memcpy(&sym, f + ss->sh_offset + k * sizeof sym, sizeof sym);
                rv_le_fix(&sym, "41128{2}", sizeof sym, 1);
                int type = ELF64_ST_TYPE(sym.st_info);
                if ((type != STT_FUNC && type != STT_NOTYPE) || sym.st_shndx == SHN_UNDEF ||
                    sym.st_name >= st2->sh_size || sym.st_value == 0)
                    continue;
                const char *name = str + sym.st_name;
                /* names must end inside the string table; local labels are noise */
                if (!memchr(name, 0, st2->sh_size - sym.st_name) || !name[0] ||
                    (name[0] == '.' && name[1] == 'L') || (type == STT_NOTYPE && name[0] == '$'))
                    continue;
                add(t, sym.st_value + bias, sym.st_size, name);
            }
        }
        if (t->n > before)
            break;
    }
    qsort(t->v, t->n, sizeof *t->v, cmp_sym);
out:
    munmap((void *)f, size);
}

static const char *find(const struct rv_symtab *t, uint64_t addr, uint64_t *off);

const char *rv_syms_find(const struct rv_symtab *t, uint64_t addr, uint64_t *off)
{
    pthread_rwlock_rdlock(&lock);
    const char *s = find(t, addr, off);
    pthread_rwlock_unlock(&lock);
    return s;
}

/* Names are never freed before exit, so the pointer stays valid after the lock. */
static const char *find(const struct rv_symtab *t, uint64_t addr, uint64_t *off)
{
    if (!t || !t->n || addr < t->v[0].addr)
        return NULL;
    size_t lo = 0, hi = t->n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->v[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    /* among symbols at the same address prefer a sized one (a function over a label) */
    size_t best = lo;
    while (best > 0 && t->v[best - 1].addr == t->v[lo].addr && t->v[best].size == 0)
        best--;
    const struct sym *s = &t->v[best];
    if (s->size && addr >= s->addr + s->size)
        return NULL;
    if (off)
        *off = addr - s->addr;
    return s->name;
}

void rv_syms_free(struct rv_symtab *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].name);
    free(t->v);
    free(t);
}
