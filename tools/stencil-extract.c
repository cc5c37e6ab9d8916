/* stencil-extract: turns an ELF64 relocatable object of copy-and-patch JIT stencils (x86-64 or
 * aarch64, compiled with -ffunction-sections) into a C header of code bytes and hole tables, and
 * refuses stencils the runtime could not patch. Built with CC_FOR_BUILD: only <elf.h> and libc. */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { K_HOLE, K_CONT, K_HELPER, K_COLD, K_HOT };

struct hole {
    uint32_t off, type;
    enum kind kind;
    const char *sym;
    int64_t addend;
    size_t helper;
};

struct stencil {
    const char *sym;
    const unsigned char *code;
    uint32_t size;
    struct hole *holes;
    size_t nholes;
    int falls;          /* its trailing jump to J_next was stripped: it falls through */
    size_t sec;         /* its section */
    uint64_t value;     /* where it starts in its section */
    size_t cold_sym;    /* the symbol of its cold part (gcc's hot/cold partitioning), or 0 */
    struct stencil *cold;           /* the cold part, extracted as a stencil of its own */
    const struct stencil *hot;      /* for a cold part: the stencil it belongs to */
};

struct obj {
    unsigned char *buf;
    size_t size;
    unsigned machine;
    Elf64_Shdr *sh;
    size_t shnum, symtab, nsyms;
};

static const char *in_path;
static const char *prefix = "st_";
static int nproblems;
static const char **helpers;
static size_t nhelpers;

/* One line per problem, and keep going, so a broken stencil file is fixed in one round.
 * Returns 0 so that a check can fail with "return problem(...);". */
static int problem(const char *stencil, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "stencil-extract: %s: ", in_path);
    if (stencil)
        fprintf(stderr, "%s: ", stencil);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    nproblems++;
    return 0;
}

static void *xrealloc(void *p, size_t size)
{
    if (!(p = realloc(p, size ? size : 1))) {
        fprintf(stderr, "stencil-extract: out of memory\n");
        exit(1);
    }
    return p;
}

/* The object is little-endian whatever the host is, and its fields need not be aligned. */
static uint64_t le(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    while (n--)
        v = v << 8 | p[n];
    return v;
}

/* <elf.h>'s structs have the file's layout, so offsetof gives each field's position. */
#define RD(p, T, f) le((p) + offsetof(T, f), sizeof ((T *)0)->f)

static Elf64_Sym get_sym(const struct obj *o, size_t i)
{
    const unsigned char *p = o->buf + o->sh[o->symtab].sh_offset + i * sizeof(Elf64_Sym);
    Elf64_Sym s;
    s.st_name = RD(p, Elf64_Sym, st_name);
    s.st_info = RD(p, Elf64_Sym, st_info);
    s.st_other = RD(p, Elf64_Sym, st_other);
    s.st_shndx = RD(p, Elf64_Sym, st_shndx);
    s.st_value = RD(p, Elf64_Sym, st_value);
    s.st_size = RD(p, Elf64_Sym, st_size);
    return s;
}

/* Offsets were checked by load(), so every name is a NUL-terminated string inside the file. */
static const char *sec_name(const struct obj *o, size_t sec)
{
    size_t shstrndx = RD(o->buf, Elf64_Ehdr, e_shstrndx);
    return (const char *)o->buf + o->sh[shstrndx].sh_offset + o->sh[sec].sh_name;
}

static const char *sym_name(const struct obj *o, const Elf64_Sym *s)
{
    if (ELF64_ST_TYPE(s->st_info) == STT_SECTION && s->st_shndx < o->shnum)
        return sec_name(o, s->st_shndx);
    return (const char *)o->buf + o->sh[o->sh[o->symtab].sh_link].sh_offset + s->st_name;
}

static int in_file(const struct obj *o, uint64_t off, uint64_t len)
{
    return off <= o->size && len <= o->size - off;
}

static int strtab_ok(const struct obj *o, size_t sec)
{
    const Elf64_Shdr *s = &o->sh[sec];
    return s->sh_type == SHT_STRTAB && s->sh_size > 0 && o->buf[s->sh_offset + s->sh_size - 1] == 0;
}

/* Validate everything later code indexes with, so that nothing after this can read out of bounds. */
static int load(struct obj *o)
{
    const unsigned char *e = o->buf;
    uint64_t shoff;
    size_t i, shstrndx, strtab;

    if (o->size < sizeof(Elf64_Ehdr) || memcmp(e, ELFMAG, SELFMAG) != 0)
        return problem(NULL, "not an ELF file");
    if (e[EI_CLASS] != ELFCLASS64 || e[EI_DATA] != ELFDATA2LSB)
        return problem(NULL, "not a little-endian ELF64 object");
    if (RD(e, Elf64_Ehdr, e_type) != ET_REL)
        return problem(NULL, "not a relocatable object (ET_REL)");
    o->machine = RD(e, Elf64_Ehdr, e_machine);
    if (o->machine != EM_X86_64 && o->machine != EM_AARCH64)
        return problem(NULL, "machine %u is neither EM_X86_64 nor EM_AARCH64", o->machine);
    shoff = RD(e, Elf64_Ehdr, e_shoff);
    o->shnum = RD(e, Elf64_Ehdr, e_shnum);
    shstrndx = RD(e, Elf64_Ehdr, e_shstrndx);
    if (RD(e, Elf64_Ehdr, e_shentsize) != sizeof(Elf64_Shdr) || o->shnum == 0 || shstrndx >= o->shnum)
        return problem(NULL, "bad or extended section header table");
    if (!in_file(o, shoff, o->shnum * sizeof(Elf64_Shdr)))
        return problem(NULL, "section header table lies outside the file (truncated?)");

    o->sh = xrealloc(NULL, o->shnum * sizeof *o->sh);
    for (i = 0; i < o->shnum; i++) {
        const unsigned char *p = e + shoff + i * sizeof(Elf64_Shdr);
        Elf64_Shdr *s = &o->sh[i];
        s->sh_name = RD(p, Elf64_Shdr, sh_name);
        s->sh_type = RD(p, Elf64_Shdr, sh_type);
        s->sh_flags = RD(p, Elf64_Shdr, sh_flags);
        s->sh_offset = RD(p, Elf64_Shdr, sh_offset);
        s->sh_size = RD(p, Elf64_Shdr, sh_size);
        s->sh_link = RD(p, Elf64_Shdr, sh_link);
        s->sh_info = RD(p, Elf64_Shdr, sh_info);
        s->sh_entsize = RD(p, Elf64_Shdr, sh_entsize);
        if (s->sh_type != SHT_NOBITS && !in_file(o, s->sh_offset, s->sh_size))
            return problem(NULL, "section %zu lies outside the file (truncated?)", i);
        if ((s->sh_type == SHT_RELA || s->sh_type == SHT_REL || s->sh_type == SHT_SYMTAB) &&
            (s->sh_entsize == 0 || s->sh_size % s->sh_entsize || s->sh_link >= o->shnum))
            return problem(NULL, "malformed table in section %zu", i);
        if (s->sh_type == SHT_SYMTAB)
            o->symtab = i;
    }
    if (!strtab_ok(o, shstrndx))
        return problem(NULL, "bad section name table");
    for (i = 0; i < o->shnum; i++)
        if (o->sh[i].sh_name >= o->sh[shstrndx].sh_size)
            return problem(NULL, "section %zu has a bad name", i);

    if (o->symtab == 0 || o->sh[o->symtab].sh_entsize != sizeof(Elf64_Sym))
        return problem(NULL, "no symbol table");
    strtab = o->sh[o->symtab].sh_link;
    if (!strtab_ok(o, strtab))
        return problem(NULL, "bad symbol name table");
    o->nsyms = o->sh[o->symtab].sh_size / sizeof(Elf64_Sym);
    for (i = 0; i < o->nsyms; i++) {
        Elf64_Sym s = get_sym(o, i);
        if (s.st_name >= o->sh[strtab].sh_size ||
            (s.st_shndx >= o->shnum && s.st_shndx < SHN_LORESERVE))
            return problem(NULL, "symbol %zu is malformed", i);
    }
    return 1;
}

static int is_ident(const char *s)
{
    if (!*s || (*s >= '0' && *s <= '9'))
        return 0;
    for (; *s; s++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

static int is_stencil(const Elf64_Sym *s, const char *name)
{
    return ELF64_ST_TYPE(s->st_info) == STT_FUNC && ELF64_ST_BIND(s->st_info) != STB_LOCAL &&
           strncmp(name, prefix, strlen(prefix)) == 0;
}

/* What each relocation type means for a stencil; the causes are the usual wrong-flag culprits. */
enum rclass { R_OK, R_PIC, R_TLS, R_SMALL, R_OTHER };
static const char *const rclass_cause[] = {
    NULL, "PIC code (-fno-pic)", "thread-local variable",
    "a data reference that needs the small code model; use the HOLE macros (movz/movk)",
    "unsupported relocation",
};
#define RT(m, t, c) { m, t, #t, c }
static const struct rtype { unsigned machine, type; const char *name; enum rclass cls; } rtypes[] = {
    RT(EM_X86_64, R_X86_64_64, R_OK), RT(EM_X86_64, R_X86_64_32, R_OK),
    RT(EM_X86_64, R_X86_64_32S, R_OK), RT(EM_X86_64, R_X86_64_PC32, R_OK),
    RT(EM_X86_64, R_X86_64_PLT32, R_OK),
    RT(EM_X86_64, R_X86_64_GOT32, R_PIC), RT(EM_X86_64, R_X86_64_GOTPCREL, R_PIC),
    RT(EM_X86_64, R_X86_64_GOTPCRELX, R_PIC), RT(EM_X86_64, R_X86_64_REX_GOTPCRELX, R_PIC),
    RT(EM_X86_64, R_X86_64_GOTOFF64, R_PIC), RT(EM_X86_64, R_X86_64_GOTPC32, R_PIC),
    RT(EM_X86_64, R_X86_64_GOT64, R_PIC), RT(EM_X86_64, R_X86_64_GOTPCREL64, R_PIC),
    RT(EM_X86_64, R_X86_64_GOTPC64, R_PIC), RT(EM_X86_64, R_X86_64_GOTPLT64, R_PIC),
    RT(EM_X86_64, R_X86_64_PLTOFF64, R_PIC),
    RT(EM_X86_64, R_X86_64_DTPMOD64, R_TLS), RT(EM_X86_64, R_X86_64_DTPOFF64, R_TLS),
    RT(EM_X86_64, R_X86_64_TPOFF64, R_TLS), RT(EM_X86_64, R_X86_64_TLSGD, R_TLS),
    RT(EM_X86_64, R_X86_64_TLSLD, R_TLS), RT(EM_X86_64, R_X86_64_DTPOFF32, R_TLS),
    RT(EM_X86_64, R_X86_64_GOTTPOFF, R_TLS), RT(EM_X86_64, R_X86_64_TPOFF32, R_TLS),
    RT(EM_X86_64, R_X86_64_GOTPC32_TLSDESC, R_TLS), RT(EM_X86_64, R_X86_64_TLSDESC_CALL, R_TLS),
    RT(EM_X86_64, R_X86_64_16, R_OTHER), RT(EM_X86_64, R_X86_64_PC16, R_OTHER),
    RT(EM_X86_64, R_X86_64_8, R_OTHER), RT(EM_X86_64, R_X86_64_PC8, R_OTHER),
    RT(EM_X86_64, R_X86_64_PC64, R_OTHER),
    RT(EM_AARCH64, R_AARCH64_ABS64, R_OK), RT(EM_AARCH64, R_AARCH64_JUMP26, R_OK),
    RT(EM_AARCH64, R_AARCH64_CALL26, R_OK), RT(EM_AARCH64, R_AARCH64_CONDBR19, R_OK),
    RT(EM_AARCH64, R_AARCH64_MOVW_UABS_G0, R_OK), RT(EM_AARCH64, R_AARCH64_MOVW_UABS_G0_NC, R_OK),
    RT(EM_AARCH64, R_AARCH64_MOVW_UABS_G1, R_OK), RT(EM_AARCH64, R_AARCH64_MOVW_UABS_G1_NC, R_OK),
    RT(EM_AARCH64, R_AARCH64_MOVW_UABS_G2, R_OK), RT(EM_AARCH64, R_AARCH64_MOVW_UABS_G2_NC, R_OK),
    RT(EM_AARCH64, R_AARCH64_MOVW_UABS_G3, R_OK),
    RT(EM_AARCH64, R_AARCH64_ADR_GOT_PAGE, R_PIC), RT(EM_AARCH64, R_AARCH64_LD64_GOT_LO12_NC, R_PIC),
    RT(EM_AARCH64, R_AARCH64_LD64_GOTPAGE_LO15, R_PIC),
    RT(EM_AARCH64, R_AARCH64_LD64_GOTOFF_LO15, R_PIC), RT(EM_AARCH64, R_AARCH64_GOT_LD_PREL19, R_PIC),
    RT(EM_AARCH64, R_AARCH64_ADR_PREL_PG_HI21, R_SMALL),
    RT(EM_AARCH64, R_AARCH64_ADR_PREL_PG_HI21_NC, R_SMALL),
    RT(EM_AARCH64, R_AARCH64_ADD_ABS_LO12_NC, R_SMALL), RT(EM_AARCH64, R_AARCH64_ADR_PREL_LO21, R_SMALL),
    RT(EM_AARCH64, R_AARCH64_LD_PREL_LO19, R_SMALL),
    RT(EM_AARCH64, R_AARCH64_LDST8_ABS_LO12_NC, R_SMALL),
    RT(EM_AARCH64, R_AARCH64_LDST16_ABS_LO12_NC, R_SMALL),
    RT(EM_AARCH64, R_AARCH64_LDST32_ABS_LO12_NC, R_SMALL),
    RT(EM_AARCH64, R_AARCH64_LDST64_ABS_LO12_NC, R_SMALL),
    RT(EM_AARCH64, R_AARCH64_LDST128_ABS_LO12_NC, R_SMALL),
    RT(EM_AARCH64, R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21, R_TLS),
    RT(EM_AARCH64, R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC, R_TLS),
    RT(EM_AARCH64, R_AARCH64_TLSLE_ADD_TPREL_HI12, R_TLS),
    RT(EM_AARCH64, R_AARCH64_TLSLE_ADD_TPREL_LO12_NC, R_TLS),
    RT(EM_AARCH64, R_AARCH64_TLSDESC_ADR_PAGE21, R_TLS), RT(EM_AARCH64, R_AARCH64_TLSDESC_LD64_LO12, R_TLS),
    RT(EM_AARCH64, R_AARCH64_TLSDESC_ADD_LO12, R_TLS), RT(EM_AARCH64, R_AARCH64_TLSDESC_CALL, R_TLS),
    RT(EM_AARCH64, R_AARCH64_PREL32, R_OTHER), RT(EM_AARCH64, R_AARCH64_PREL64, R_OTHER),
    RT(EM_AARCH64, R_AARCH64_ABS32, R_OTHER), RT(EM_AARCH64, R_AARCH64_TSTBR14, R_OTHER),
};

static const struct rtype *rtype(unsigned machine, unsigned type)
{
    static struct rtype unknown;
    size_t i;
    for (i = 0; i < sizeof rtypes / sizeof rtypes[0]; i++)
        if (rtypes[i].machine == machine && rtypes[i].type == type)
            return &rtypes[i];
    /* aarch64 numbers every TLS relocation in 512..573 and the dynamic ones from 1024 on */
    unknown.type = type;
    unknown.name = "unnamed type";
    unknown.cls = machine == EM_AARCH64 && type >= 512 && type <= 573 ? R_TLS : R_OTHER;
    return &unknown;
}

/* Why a stencil would refer to something its own object defines: the runtime copies only the
 * stencil's bytes, so anything else the code points at is left behind. */
static const char *defined_cause(const struct obj *o, const Elf64_Sym *s, const char *name,
                                 size_t own_sec)
{
    const char *sec = s->st_shndx < o->shnum ? sec_name(o, s->st_shndx) : "";
    if (strstr(sec, ".text.unlikely") || strstr(sec, ".cold") || strstr(name, ".cold"))
        return "hot/cold partitioning (-fno-reorder-blocks-and-partition)";
    if (strncmp(sec, ".rodata", 7) == 0 || strncmp(name, ".LC", 3) == 0)
        return "jump table, switch-conversion table, FP constant or string literal";
    if (is_stencil(s, name))
        return "a direct call to another stencil; go through a J_ continuation";
    if (ELF64_ST_TYPE(s->st_info) == STT_FUNC)
        return "a call to a non-inlined static function";
    if (s->st_shndx == own_sec)
        return "a literal pool after the function (gcc -mcmodel=large)";
    if (s->st_shndx < o->shnum && (o->sh[s->st_shndx].sh_flags & SHF_EXECINSTR))
        return "a call to a non-inlined static function";
    return "a variable defined in the stencil source; keep run-time state in the cpu struct";
}

/* A continuation must be entered by a jump: a call would push a return address per stencil. */
static int check_jump(const struct obj *o, const struct stencil *st, const struct hole *h)
{
    const unsigned char *c = st->code + h->off;
    int call, jump;
    if (o->machine == EM_X86_64) {
        int rel = h->type == R_X86_64_PLT32 || h->type == R_X86_64_PC32;
        jump = rel && ((h->off >= 1 && c[-1] == 0xe9) ||
                       (h->off >= 2 && c[-2] == 0x0f && (c[-1] & 0xf0) == 0x80));
        call = rel && h->off >= 1 && c[-1] == 0xe8;
    } else {
        jump = h->type == R_AARCH64_JUMP26 || h->type == R_AARCH64_CONDBR19;
        call = h->type == R_AARCH64_CALL26;
    }
    if (call)
        problem(st->sym, "continuation %s reached by a call (likely cause: no sibling-call "
                "optimisation: -O0/-O1, or the address of a local escapes)", h->sym);
    else if (!jump)
        problem(st->sym, "continuation %s at +0x%x is not the target of a jump (likely cause: its "
                "address is taken)", h->sym, (unsigned)h->off);
    return jump;
}

/* Fill in *h from one relocation, or report why the runtime could not patch it. */
static int classify(const struct obj *o, const struct stencil *st, size_t own_sec, uint64_t info,
                    struct hole *h)
{
    size_t symi = ELF64_R_SYM(info);
    const struct rtype *rt = rtype(o->machine, ELF64_R_TYPE(info));
    Elf64_Sym s;
    const char *name;
    unsigned width;

    h->type = ELF64_R_TYPE(info);
    if (symi == 0 || symi >= o->nsyms)
        return problem(st->sym, "relocation at +0x%x has no valid symbol", (unsigned)h->off);
    s = get_sym(o, symi);
    name = sym_name(o, &s);
    /* gcc's partitioning moves unlikely paths to .text.unlikely.<stencil> (symbol
     * <stencil>.cold), entered by a jump: the runtime places that part after the block's
     * exits, and the cold part may jump back into the hot one */
    if (s.st_shndx != SHN_UNDEF && s.st_shndx < o->shnum && rt->cls == R_OK) {
        const struct stencil *hot = st->hot ? st->hot : st;
        if (!st->hot && st->cold && s.st_shndx == st->cold->sec) {
            h->kind = K_COLD;
            h->sym = "J_cold";
            h->addend += (int64_t)s.st_value - (int64_t)st->cold->value;
            return check_jump(o, st, h);
        }
        if (st->hot && s.st_shndx == hot->sec) {
            h->kind = K_HOT;
            h->sym = "J_hot";
            h->addend += (int64_t)s.st_value - (int64_t)hot->value;
            return check_jump(o, st, h);
        }
    }
    if (s.st_shndx != SHN_UNDEF) {
        const char *sec = s.st_shndx < o->shnum ? sec_name(o, s.st_shndx) :
                          s.st_shndx == SHN_COMMON ? "COMMON" : "ABS";
        if (strcmp(sec, name) == 0)
            problem(st->sym, "relocation at +0x%x refers to section %s of the object (likely "
                    "cause: %s)", (unsigned)h->off, name, defined_cause(o, &s, name, own_sec));
        else
            problem(st->sym, "relocation at +0x%x refers to %s, defined in %s of the object "
                    "(likely cause: %s)", (unsigned)h->off, name, sec, defined_cause(o, &s, name, own_sec));
        return 0;
    }
    if (rt->cls != R_OK)
        return problem(st->sym, "relocation %s (%u) at +0x%x against %s (likely cause: %s)",
                       rt->name, (unsigned)h->type, (unsigned)h->off, name, rclass_cause[rt->cls]);
    width = h->type == R_X86_64_64 || (o->machine == EM_AARCH64 && h->type == R_AARCH64_ABS64) ? 8 : 4;
    if (width > st->size - h->off)
        return problem(st->sym, "relocation at +0x%x runs past the end of the function",
                       (unsigned)h->off);
    if (!is_ident(name))
        return problem(st->sym, "symbol '%s' is not a C identifier", name);
    h->sym = name;
    h->kind = strncmp(name, "H_", 2) == 0 ? K_HOLE : strncmp(name, "J_", 2) == 0 ? K_CONT : K_HELPER;
    return h->kind != K_CONT || check_jump(o, st, h);
}

/* The cold part of st: a function named <stencil>.cold, alone in its section */
static void find_cold(const struct obj *o, struct stencil *st)
{
    size_t n = strlen(st->sym), i;
    for (i = 1; i < o->nsyms; i++) {
        Elf64_Sym c = get_sym(o, i);
        const char *cn = sym_name(o, &c);
        if (ELF64_ST_TYPE(c.st_info) == STT_FUNC && strncmp(cn, st->sym, n) == 0 &&
            strcmp(cn + n, ".cold") == 0 && c.st_shndx < o->shnum && c.st_shndx != st->sec) {
            st->cold_sym = i;
            st->cold = xrealloc(NULL, sizeof *st->cold);
            memset(st->cold, 0, sizeof *st->cold);
            st->cold->hot = st;
            st->cold->sec = c.st_shndx;
            st->cold->value = c.st_value;
            return;
        }
    }
}

/* Another function in the same section means -ffunction-sections was missing: its relocations
 * would all be reported as out of range, which says less than this. */
static const char *section_mate(const struct obj *o, size_t self)
{
    Elf64_Sym me = get_sym(o, self);
    size_t i;
    for (i = 1; i < o->nsyms; i++) {
        Elf64_Sym s = get_sym(o, i);
        if (i != self && ELF64_ST_TYPE(s.st_info) == STT_FUNC && s.st_shndx == me.st_shndx)
            return sym_name(o, &s);
    }
    return NULL;
}

static int extract(const struct obj *o, size_t symi, struct stencil *st)
{
    Elf64_Sym s = get_sym(o, symi);
    const Elf64_Shdr *sec = s.st_shndx < o->shnum ? &o->sh[s.st_shndx] : NULL;
    const char *mate;
    size_t r, i, j;

    st->sym = sym_name(o, &s);
    if (!st->hot && !is_ident(st->sym + strlen(prefix)))
        return problem(st->sym, "the name after '%s' is not a C identifier", prefix);
    if (!sec || sec->sh_type != SHT_PROGBITS || !(sec->sh_flags & SHF_EXECINSTR))
        return problem(st->sym, "not in an executable section");
    if (s.st_value > sec->sh_size || s.st_size > sec->sh_size - s.st_value || s.st_size > UINT32_MAX)
        return problem(st->sym, "extends past the end of its section");
    if (s.st_size == 0)
        return problem(st->sym, "has size 0 (likely cause: an assembler function without .size)");
    if (!st->hot && (mate = section_mate(o, symi)))
        return problem(st->sym, "shares section %s with %s (likely cause: missing "
                       "-ffunction-sections)", sec_name(o, s.st_shndx), mate);
    st->code = o->buf + sec->sh_offset + s.st_value;
    st->size = s.st_size;
    st->sec = s.st_shndx;
    st->value = s.st_value;
    if (!st->hot)
        find_cold(o, st);

    for (r = 1; r < o->shnum; r++) {
        const Elf64_Shdr *rs = &o->sh[r];
        if ((rs->sh_type != SHT_RELA && rs->sh_type != SHT_REL) || rs->sh_info != s.st_shndx)
            continue;
        if (rs->sh_type == SHT_REL || rs->sh_entsize != sizeof(Elf64_Rela) || rs->sh_link != o->symtab) {
            problem(st->sym, "relocation section %s is not SHT_RELA against the symbol table",
                    sec_name(o, r));
            continue;
        }
        st->holes = xrealloc(st->holes, (st->nholes + rs->sh_size / sizeof(Elf64_Rela)) *
                                        sizeof *st->holes);
        for (i = 0; i < rs->sh_size / sizeof(Elf64_Rela); i++) {
            const unsigned char *p = o->buf + rs->sh_offset + i * sizeof(Elf64_Rela);
            uint64_t off = RD(p, Elf64_Rela, r_offset);
            struct hole *h = &st->holes[st->nholes];
            if (off < s.st_value || off - s.st_value >= s.st_size) {
                problem(st->sym, "relocation at section offset 0x%llx is outside the function "
                        "(likely cause: a literal pool after it: gcc -mcmodel=large on aarch64)",
                        (unsigned long long)off);
                continue;
            }
            h->off = off - s.st_value;
            h->addend = (int64_t)RD(p, Elf64_Rela, r_addend);
            st->nholes += classify(o, st, s.st_shndx, RD(p, Elf64_Rela, r_info), h);
        }
    }
    /* Insertion sort by offset: holes come out in code order whatever the RELA order was. */
    for (i = 1; i < st->nholes; i++)
        for (j = i; j > 0 && st->holes[j - 1].off > st->holes[j].off; j--) {
            struct hole t = st->holes[j];
            st->holes[j] = st->holes[j - 1];
            st->holes[j - 1] = t;
        }
    return 1;
}

/* The stencil placed next falls through instead of jumping to J_next. */
static void strip_tail_jump(const struct obj *o, struct stencil *st)
{
    const struct hole *h = st->nholes ? &st->holes[st->nholes - 1] : NULL;
    unsigned len = o->machine == EM_X86_64 ? 5 : 4;
    if (!h || st->size < len || h->off != st->size - 4 || h->kind != K_CONT || strcmp(h->sym, "J_next"))
        return;
    if (o->machine == EM_X86_64 ? st->code[st->size - 5] != 0xe9 : h->type != R_AARCH64_JUMP26)
        return;
    st->size -= len;
    st->nholes--;
    st->falls = 1;
}

static void number_helpers(struct stencil *st)
{
    size_t i, k;
    for (i = 0; i < st->nholes; i++) {
        struct hole *h = &st->holes[i];
        if (h->kind != K_HELPER)
            continue;
        for (k = 0; k < nhelpers && strcmp(helpers[k], h->sym); k++)
            ;
        if (k == nhelpers) {
            helpers = xrealloc(helpers, (nhelpers + 1) * sizeof *helpers);
            helpers[nhelpers++] = h->sym;
        }
        h->helper = k;
    }
}

/* Printed so that any int64_t compiles cleanly: INT64_MIN has no literal of its own. */
static void put_int64(FILE *f, int64_t v)
{
    if (v == INT64_MIN)
        fputs("(-9223372036854775807LL - 1)", f);
    else if (v < INT32_MIN || v > INT32_MAX)
        fprintf(f, "%lldLL", (long long)v);
    else
        fprintf(f, "%d", (int)v);
}

static void put_list(FILE *f, const char *macro, const char *const *names, size_t n, size_t skip)
{
    size_t i;
    fprintf(f, "#define %s(X)", macro);
    for (i = 0; i < n; i++)
        fprintf(f, " \\\n    X(%s)", names[i] + skip);
    fputc('\n', f);
}

/* One stencil's code, holes and descriptor; cold names the descriptor of its cold part */
static void emit_one(FILE *f, const struct obj *o, const struct stencil *st, const char *name,
                     const char *cold)
{
    size_t k;
    fputc('\n', f);
    if (st->size) {
        fprintf(f, "static const unsigned char jit_code_%s[] = {", name);
        for (k = 0; k < st->size; k++)
            fprintf(f, "%s0x%02x,", k % 12 ? " " : "\n    ", st->code[k]);
        fputs("\n};\n", f);
    }
    if (st->nholes) {
        fprintf(f, "static const struct jit_hole jit_holes_%s[] = {\n", name);
        fputs("    /* off, type, kind, helper, addend */\n", f);
        for (k = 0; k < st->nholes; k++) {
            const struct hole *h = &st->holes[k];
            fprintf(f, "    { %u, %u /* %s */, ", (unsigned)h->off, (unsigned)h->type,
                    rtype(o->machine, h->type)->name);
            if (h->kind == K_HELPER)
                fprintf(f, "JH_HELPER, %zu /* %s */, ", h->helper, h->sym);
            else
                fprintf(f, "JH_%s, 0, ", h->sym);
            put_int64(f, h->addend);
            fputs(" },\n", f);
        }
        fputs("};\n", f);
    }
    fprintf(f, "static const struct jit_stencil jit_st_%s = { \"%s\", ", name, name);
    if (st->size)
        fprintf(f, "jit_code_%s, sizeof jit_code_%s, ", name, name);
    else
        fputs("NULL, 0, ", f);
    if (st->nholes)
        fprintf(f, "jit_holes_%s, %zu, %d, ", name, st->nholes, st->falls);
    else
        fprintf(f, "NULL, 0, %d, ", st->falls);
    if (cold)
        fprintf(f, "&jit_st_%s };\n", cold);
    else
        fputs("NULL };\n", f);
}

static void emit(FILE *f, const struct obj *o, const struct stencil *sts, size_t n)
{
    const char *base = strrchr(in_path, '/') ? strrchr(in_path, '/') + 1 : in_path;
    size_t skip = strlen(prefix), i;
    const char **names = xrealloc(NULL, n * sizeof *names);

    /* Only the base name, so that the output does not depend on the build directory. */
    fputs("/* Generated by stencil-extract from ", f);
    for (; *base; base++)
        fputc((*base == '*' && base[1] == '/') || *base < ' ' || *base > '~' ? '?' : *base, f);
    fprintf(f, " (%s): do not edit. */\n", o->machine == EM_X86_64 ? "EM_X86_64" : "EM_AARCH64");
    fprintf(f, "#define JIT_STENCIL_MACHINE %u\n", o->machine);
    for (i = 0; i < n; i++) {
        const struct stencil *st = &sts[i];
        char cname[512];
        names[i] = st->sym;
        snprintf(cname, sizeof cname, "%s__cold", st->sym + skip);
        if (st->cold)
            emit_one(f, o, st->cold, cname, NULL);
        emit_one(f, o, st, st->sym + skip, st->cold ? cname : NULL);
    }
    fputc('\n', f);
    put_list(f, "JIT_STENCILS", names, n, skip);
    put_list(f, "JIT_HELPERS", helpers, nhelpers, 0);
    free(names);
}

static int read_file(const char *path, struct obj *o)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 0, got;
    if (!f)
        return 0;
    do {
        if (o->size == cap)
            o->buf = xrealloc(o->buf, cap = cap ? 2 * cap : 65536);
        got = fread(o->buf + o->size, 1, cap - o->size, f);
        o->size += got;
    } while (got > 0);
    got = ferror(f);
    fclose(f);
    return !got;
}

int main(int argc, char **argv)
{
    struct obj o = { 0 };
    struct stencil *sts;
    size_t i, n = 0;
    const char *out;
    FILE *f;

    if (argc == 5 && strcmp(argv[1], "--name-prefix") == 0) {
        prefix = argv[2];
        argv += 2;
        argc -= 2;
    }
    if (argc != 3 || argv[1][0] == '-') {
        fprintf(stderr, "usage: stencil-extract [--name-prefix PREFIX] INPUT.o OUTPUT.h\n");
        return 1;
    }
    in_path = argv[1];
    out = argv[2];
    if (!read_file(in_path, &o))
        problem(NULL, "%s", strerror(errno));
    else if (load(&o)) {
        sts = xrealloc(NULL, o.nsyms * sizeof *sts);
        memset(sts, 0, o.nsyms * sizeof *sts);
        for (i = 1; i < o.nsyms; i++) {
            Elf64_Sym s = get_sym(&o, i);
            if (is_stencil(&s, sym_name(&o, &s))) {
                extract(&o, i, &sts[n]);
                strip_tail_jump(&o, &sts[n]);
                number_helpers(&sts[n]);
                if (sts[n].cold) {
                    extract(&o, sts[n].cold_sym, sts[n].cold);
                    number_helpers(sts[n].cold);
                }
                n++;
            }
        }
        if (n == 0)
            problem(NULL, "no global functions named %s* (likely cause: wrong --name-prefix, or "
                    "static stencils)", prefix);
        if (nproblems == 0) {
            if (!(f = fopen(out, "w")))
                problem(NULL, "cannot create %s: %s", out, strerror(errno));
            else {
                emit(f, &o, sts, n);
                if ((ferror(f) | fclose(f)) != 0)
                    problem(NULL, "cannot write %s", out);
            }
        }
    }
    if (nproblems) {
        remove(out);
        return 1;
    }
    return 0;
}
