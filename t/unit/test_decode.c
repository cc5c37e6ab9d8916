/* Unit tests of the decoder (src/decode): every row of insn.def and every compressed form,
 * round-tripped through the riscv64 cross assembler ($GUEST_CC), plus reserved and illegal
 * encodings and the consistency of the table itself.
 * The random operands come from a fixed seed; RVEMU_TEST_SEED=n picks another one, and
 * RVEMU_TEST_KEEP=1 keeps the generated assembly files. */
#include "config.h"
#include <check.h>
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "decode/decode.h"

/* ---- helpers ------------------------------------------------------------------------ */

static const char *const ids[RV_OP_COUNT] = {
    [RV_OP_ILLEGAL] = "illegal",
#define INSN(id, mask, match, fmt, ext, flags, args) [RV_OP_##id] = #id,
#include "decode/insn.def"
#undef INSN
};

/* the assembler mnemonic of a row: its C id with '.' for '_' */
static const char *mnemonic(int op)
{
    static char buf[RV_OP_COUNT][24];
    if (!buf[op][0]) {
        size_t i = 0;
        for (; ids[op][i] && i < sizeof buf[op] - 1; i++)
            buf[op][i] = ids[op][i] == '_' ? '.' : ids[op][i];
        buf[op][i] = 0;
    }
    return buf[op];
}

static uint64_t rng_state;
static void rng_seed(void)
{
    const char *s = getenv("RVEMU_TEST_SEED");
    rng_state = s && *s ? strtoull(s, NULL, 0) : 0x2545f4914f6cdd1dull;
    if (!rng_state)
        rng_state = 1;
}
static uint64_t rnd64(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static int64_t rnd(int64_t lo, int64_t hi)  /* inclusive */
{
    return lo + (int64_t)(rnd64() % (uint64_t)(hi - lo + 1));
}

static const char *const xabi[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3",
    "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
    "t3", "t4", "t5", "t6" };
static const char *const fabi[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1",
    "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11" };

/* a register name, ABI or numeric at random (8 rotating buffers) */
static const char *reg(int fp, int r)
{
    static char b[8][8];
    static int k;
    char *p = b[k++ & 7];
    if (rnd64() & 1)
        snprintf(p, 8, "%s", fp ? fabi[r] : xabi[r]);
    else
        snprintf(p, 8, "%c%d", fp ? 'f' : 'x', r);
    return p;
}

static int64_t sext(uint64_t v, int bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

/* a branch or jump target `off` bytes from the instruction */
static const char *target(int64_t off)
{
    static char b[4][32];
    static int k;
    char *p = b[k++ & 3];
    if (off < 0)
        snprintf(p, 32, ". - %" PRId64, -off);
    else
        snprintf(p, 32, ". + %" PRId64, off);
    return p;
}

/* ---- the instruction list handed to the assembler ---------------------------------- */

enum { C_RD = 1, C_RS1 = 2, C_RS2 = 4, C_RS3 = 8, C_RM = 16, C_IMM = 32 };

struct item {
    int op, len;            /* expected op; 2 or 4 bytes */
    unsigned check;         /* C_* fields to compare */
    int rd, rs1, rs2, rs3, rm;
    int64_t imm;
    int aqrl;               /* expected bits 26:25 or -1 */
    int twin;               /* compressed: index of its 32-bit twin, else -1 */
    int line;               /* line in the .S file */
    char text[96];
    uint32_t word;          /* what the assembler produced */
};

static struct item *items;
static int nitems, capitems;

static struct item *add_item(int len, int op, const char *fmt, ...)
{
    if (nitems == capitems) {
        capitems = capitems ? capitems * 2 : 1024;
        items = realloc(items, (size_t)capitems * sizeof *items);
        ck_assert_ptr_nonnull(items);
    }
    struct item *it = &items[nitems++];
    memset(it, 0, sizeof *it);
    it->len = len;
    it->op = op;
    it->aqrl = -1;
    it->twin = -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(it->text, sizeof it->text, fmt, ap);
    va_end(ap);
    return it;
}

/* a temporary directory with the assembler's files */
static char tmpdir[256];

static void rm_tmpdir(void)
{
    if (!tmpdir[0])
        return;
    if (getenv("RVEMU_TEST_KEEP")) {  /* for debugging: keep the assembler's files */
        fprintf(stderr, "test_decode: files kept in %s\n", tmpdir);
        return;
    }
    const char *names[] = { "t.S", "t.o", "t.log", "probe.S", "probe.o", "probe.log" };
    char p[512];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(p, sizeof p, "%s/%s", tmpdir, names[i]);
        unlink(p);
    }
    rmdir(tmpdir);
    tmpdir[0] = 0;
}

static void make_tmpdir(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/rvemu-decode-XXXXXX", t && *t ? t : "/tmp");
    ck_assert_msg(mkdtemp(tmpdir) != NULL, "mkdtemp: %s", strerror(errno));
}

/* Writes the items (from index `from`) to NAME.S and assembles it; returns the shell status.
 * Lines are numbered into items[].line. */
static int assemble(const char *name, int from)
{
    char path[512], cmd[2048];
    snprintf(path, sizeof path, "%s/%s.S", tmpdir, name);
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
    int line = 0, rvc = -1;
    fprintf(f, "\t.text\n\t.option norelax\n");
    line += 2;
    for (int i = from; i < nitems; i++) {
        int want = items[i].len == 2;
        if (want != rvc) {
            fprintf(f, "\t.option %s\n", want ? "rvc" : "norvc");
            line++;
            rvc = want;
        }
        fprintf(f, "\t%s\n", items[i].text);
        items[i].line = ++line;
    }
    ck_assert_int_eq(fclose(f), 0);
    snprintf(cmd, sizeof cmd,
             "%s -march=rv64gc_zba_zbb_zbs -mabi=lp64d -c -o '%s/%s.o' '%s' >'%s/%s.log' 2>&1",
             getenv("GUEST_CC"), tmpdir, name, path, tmpdir, name);
    return system(cmd);
}

static void dump_log(const char *name, int maxlines)
{
    char path[512], line[512];
    snprintf(path, sizeof path, "%s/%s.log", tmpdir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    for (int n = 0; n < maxlines && fgets(line, sizeof line, f); n++)
        fprintf(stderr, "  %s", line);
    fclose(f);
}

/* Lines of NAME.S the assembler rejected: marks bad[line]. */
static void rejected_lines(const char *name, char *bad, int nbad)
{
    char path[512], line[1024], pat[64];
    snprintf(path, sizeof path, "%s/%s.log", tmpdir, name);
    snprintf(pat, sizeof pat, "%s.S:", name);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        char *p = strstr(line, pat);
        int n;
        if (p && strstr(line, "Error") && sscanf(p + strlen(pat), "%d:", &n) == 1 && n >= 0 &&
            n < nbad)
            bad[n] = 1;
    }
    fclose(f);
}

/* Reads the .text section of the relocatable NAME.o. */
static uint8_t *read_text(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.o", tmpdir, name);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    ck_assert_int_gt(size, (long)sizeof(Elf64_Ehdr));
    rewind(f);
    uint8_t *buf = malloc((size_t)size);
    ck_assert_ptr_nonnull(buf);
    ck_assert_int_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    Elf64_Ehdr eh;
    memcpy(&eh, buf, sizeof eh);
    ck_assert(eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_machine == EM_RISCV);
    ck_assert(eh.e_shoff + (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr) <= (uint64_t)size);
    ck_assert_int_lt(eh.e_shstrndx, eh.e_shnum);
    Elf64_Shdr *sh = calloc(eh.e_shnum, sizeof *sh);
    ck_assert_ptr_nonnull(sh);
    memcpy(sh, buf + eh.e_shoff, eh.e_shnum * sizeof *sh);
    const Elf64_Shdr *str = &sh[eh.e_shstrndx];
    uint8_t *text = NULL;
    for (int i = 0; i < eh.e_shnum; i++) {
        if (sh[i].sh_name >= str->sh_size)
            continue;
        const char *n = (const char *)buf + str->sh_offset + sh[i].sh_name;
        if (strcmp(n, ".text") == 0) {
            ck_assert(sh[i].sh_offset + sh[i].sh_size <= (uint64_t)size);
            text = malloc(sh[i].sh_size + 1);
            ck_assert_ptr_nonnull(text);
            memcpy(text, buf + sh[i].sh_offset, sh[i].sh_size);
            *len = sh[i].sh_size;
        }
    }
    free(sh);
    free(buf);
    ck_assert_msg(text != NULL, "%s has no .text", path);
    return text;
}

/* Fills items[from..].word from the assembled object. */
static void collect_words(const char *name, int from)
{
    size_t len = 0, off = 0;
    uint8_t *text = read_text(name, &len);
    for (int i = from; i < nitems; i++) {
        ck_assert_msg(off + (size_t)items[i].len <= len, ".text too short at item %d (%s)", i,
                      items[i].text);
        uint32_t w = 0;
        for (int b = 0; b < items[i].len; b++)
            w |= (uint32_t)text[off + (size_t)b] << (8 * b);
        items[i].word = w;
        off += (size_t)items[i].len;
    }
    ck_assert_msg(off == len, ".text has %zu bytes, expected %zu", len, off);
    free(text);
}

static int nfail;
static void failure(const char *fmt, ...)
{
    if (nfail++ < 60) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(stderr, "test_decode: ");
        vfprintf(stderr, fmt, ap);
        fprintf(stderr, "\n");
        va_end(ap);
    } else if (nfail == 61) {
        fprintf(stderr, "test_decode: (further failures not shown)\n");
    }
}

/* Checks the decoded record against what the item says was written. */
static void check_item(const struct item *it, const struct rv_insn *d)
{
    char where[200];
    snprintf(where, sizeof where, "`%s` (0x%0*" PRIx32 ", line %d, seed %s)", it->text,
             it->len * 2, it->word, it->line,
             getenv("RVEMU_TEST_SEED") ? getenv("RVEMU_TEST_SEED") : "default");
    if (d->op != it->op) {
        failure("%s: op %s, expected %s", where, mnemonic(d->op), mnemonic(it->op));
        return;
    }
    if (d->len != it->len)
        failure("%s: len %d, expected %d", where, d->len, it->len);
    if (d->raw != it->word)
        failure("%s: raw 0x%" PRIx32, where, d->raw);
    if (it->len == 4 && d->expanded != it->word)
        failure("%s: expanded 0x%08" PRIx32, where, d->expanded);
    if ((it->check & C_RD) && d->rd != it->rd)
        failure("%s: rd %d, expected %d", where, d->rd, it->rd);
    if ((it->check & C_RS1) && d->rs1 != it->rs1)
        failure("%s: rs1 %d, expected %d", where, d->rs1, it->rs1);
    if ((it->check & C_RS2) && d->rs2 != it->rs2)
        failure("%s: rs2 %d, expected %d", where, d->rs2, it->rs2);
    if ((it->check & C_RS3) && d->rs3 != it->rs3)
        failure("%s: rs3 %d, expected %d", where, d->rs3, it->rs3);
    if ((it->check & C_RM) && d->rm != it->rm)
        failure("%s: rm %d, expected %d", where, d->rm, it->rm);
    if ((it->check & C_IMM) && d->imm != it->imm)
        failure("%s: imm %" PRId64 ", expected %" PRId64, where, d->imm, it->imm);
    if (it->aqrl >= 0 && (int)((d->expanded >> 25) & 3) != it->aqrl)
        failure("%s: aq/rl bits %d, expected %d", where, (int)((d->expanded >> 25) & 3),
                it->aqrl);
}

/* ---- 32-bit rows ---------------------------------------------------------------------- */

static const struct { const char *name; int rm; } rms[] = {
    { "rne", 0 }, { "rtz", 1 }, { "rdn", 2 }, { "rup", 3 }, { "rmm", 4 }, { "dyn", 7 } };
static const struct { const char *name; unsigned num; int ro; } csrs[] = {
    { "fflags", 0x001, 0 }, { "frm", 0x002, 0 }, { "fcsr", 0x003, 0 },
    { "cycle", 0xc00, 1 }, { "time", 0xc01, 1 }, { "instret", 0xc02, 1 } };
static const char *const aqrl_sfx[4] = { "", ".rl", ".aq", ".aqrl" };  /* by bits 26:25 */

static int is_amo(int op) { return (rv_insns[op].flags & F_ATOMIC) != 0; }

/* One instance of row `op`; k = 0 and 1 are the extreme operands, others random.
 * no_rm: the assembler takes no rounding mode for this row. */
static void gen_row(int op, int k, int no_rm)
{
    const struct rv_insn_info *in = &rv_insns[op];
    int rd = (int)rnd(0, 31), rs1 = (int)rnd(0, 31), rs2 = (int)rnd(0, 31), rs3 = (int)rnd(0, 31);
    if (k < 2)
        rd = rs1 = rs2 = rs3 = k ? 31 : 0;
    int rmi = (int)rnd(0, 5);
    int64_t ilo = -2048, ihi = 2047;
    if (in->fmt == FMT_SH)
        ilo = 0, ihi = 63;
    else if (in->fmt == FMT_SHW)
        ilo = 0, ihi = 31;
    int64_t imm = k == 0 ? ilo : k == 1 ? ihi : k == 2 ? 0 : k == 3 ? -1 : rnd(ilo, ihi);
    if (imm < ilo)
        imm = ilo + 1;
    int64_t boff = k == 0 ? -4096 : k == 1 ? 4094 : rnd(-2048, 2047) * 2;
    int64_t joff = k == 0 ? -1048576 : k == 1 ? 1048574 : rnd(-524288, 524287) * 2;
    uint32_t u = k == 0 ? 0 : k == 1 ? 0xfffff : (uint32_t)rnd(0, 0xfffff);
    int zimm = k == 0 ? 0 : k == 1 ? 31 : (int)rnd(0, 31);
    /* a CSR the decoder accepts: read-only counters only when nothing is written */
    int writes = op == RV_OP_csrrw || op == RV_OP_csrrwi ||
                 (in->fmt == FMT_CSRI ? zimm != 0 : rs1 != 0);
    int ci = (int)rnd(0, writes ? 2 : 5);
    int aqrl = is_amo(op) ? (int)rnd(0, 3) : -1;
    if (is_amo(op) && k < 4)
        aqrl = k;

    char text[96];
    size_t n = (size_t)snprintf(text, sizeof text, "%s%s", mnemonic(op),
                                aqrl >= 0 ? aqrl_sfx[aqrl] : "");
    unsigned check = 0;
    int64_t eimm = 0;
    for (const char *a = in->args; *a; a++) {
        if (*a == ',')
            continue;
        if (*a == 'm' && no_rm)
            continue;
        char opnd[48];
        switch (*a) {
        case 'd': snprintf(opnd, sizeof opnd, "%s", reg(0, rd)); check |= C_RD; break;
        case 'D': snprintf(opnd, sizeof opnd, "%s", reg(1, rd)); check |= C_RD; break;
        case 's': snprintf(opnd, sizeof opnd, "%s", reg(0, rs1)); check |= C_RS1; break;
        case 'S': snprintf(opnd, sizeof opnd, "%s", reg(1, rs1)); check |= C_RS1; break;
        case 't': snprintf(opnd, sizeof opnd, "%s", reg(0, rs2)); check |= C_RS2; break;
        case 'T': snprintf(opnd, sizeof opnd, "%s", reg(1, rs2)); check |= C_RS2; break;
        case 'R': snprintf(opnd, sizeof opnd, "%s", reg(1, rs3)); check |= C_RS3; break;
        case 'i':
            snprintf(opnd, sizeof opnd, (rnd64() & 1) && imm >= 0 ? "0x%" PRIx64 : "%" PRId64,
                     imm);
            eimm = imm, check |= C_IMM;
            break;
        case 'o':
            snprintf(opnd, sizeof opnd, "%" PRId64 "(%s)", imm, reg(0, rs1));
            eimm = imm, check |= C_IMM | C_RS1;
            break;
        case 'A': snprintf(opnd, sizeof opnd, "(%s)", reg(0, rs1)); check |= C_RS1; break;
        case 'b': snprintf(opnd, sizeof opnd, "%s", target(boff)); eimm = boff, check |= C_IMM; break;
        case 'j': snprintf(opnd, sizeof opnd, "%s", target(joff)); eimm = joff, check |= C_IMM; break;
        case 'u':
            snprintf(opnd, sizeof opnd, "0x%" PRIx32, u);
            eimm = sext((uint64_t)u << 12, 32), check |= C_IMM;
            break;
        case 'c':
            if (rnd64() & 1)
                snprintf(opnd, sizeof opnd, "%s", csrs[ci].name);
            else
                snprintf(opnd, sizeof opnd, "0x%03x", csrs[ci].num);
            eimm = csrs[ci].num, check |= C_IMM;
            break;
        case 'z': snprintf(opnd, sizeof opnd, "%d", zimm); rs1 = zimm, check |= C_RS1; break;
        case 'm': snprintf(opnd, sizeof opnd, "%s", rms[rmi].name); check |= C_RM; break;
        default: ck_abort_msg("row %s: unknown operand letter '%c'", ids[op], *a);
        }
        n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", n > 0 && a == in->args ? " " : ", ",
                              opnd);
        ck_assert_uint_lt(n, sizeof text);
    }
    struct item *it = add_item(4, op, "%s", text);
    it->check = check;
    it->rd = rd, it->rs1 = rs1, it->rs2 = rs2, it->rs3 = rs3, it->rm = rms[rmi].rm;
    it->imm = eimm;
    it->aqrl = aqrl;
}

/* rows the assembler writes with extra syntax variants */
static void gen_extra(void)
{
    add_item(4, RV_OP_fence, "fence iorw, iorw");
    add_item(4, RV_OP_fence, "fence r, w");
    add_item(4, RV_OP_fence, "fence rw, io");
    add_item(4, RV_OP_fence, "fence.tso");
}

enum { NVAR = 8 };

START_TEST(test_asm_rows)
{
    if (!getenv("GUEST_CC") || !*getenv("GUEST_CC"))
        return;
    struct rv_insn d;
    rv_decode(0x13, &d);  /* the decoder's lazy initialisation */
    rng_seed();
    make_tmpdir();
    nitems = 0;
    nfail = 0;

    /* Which F_RM rows does this assembler write with a rounding mode? (binutils 2.40 takes
     * none on the exact conversions fcvt.d.w, fcvt.d.wu, fcvt.d.s.) */
    char no_rm[RV_OP_COUNT] = { 0 };
    int first = nitems;
    for (int op = 1; op < RV_OP_COUNT; op++)
        if (rv_insns[op].flags & F_RM)
            gen_row(op, 2, 0);
    assemble("probe", first);
    char bad[4096] = { 0 };
    rejected_lines("probe", bad, (int)sizeof bad);
    int nno = 0;
    for (int i = first; i < nitems; i++)
        if (bad[items[i].line]) {
            no_rm[items[i].op] = 1;
            nno++;
            fprintf(stderr, "test_decode: note: the assembler takes no rounding mode on %s\n",
                    mnemonic(items[i].op));
        }
    ck_assert_msg(nno <= 6, "the assembler rejected %d of the rounding-mode probes:", nno);
    nitems = 0;

    for (int op = 1; op < RV_OP_COUNT; op++) {
        int nv = rv_insns[op].args[0] || is_amo(op) ? NVAR : 1;
        for (int k = 0; k < nv; k++)
            gen_row(op, k, no_rm[op]);
    }
    gen_extra();
    int st = assemble("t", 0);
    if (st != 0) {
        fprintf(stderr, "test_decode: the assembler failed (status %d):\n", st);
        dump_log("t", 40);
        ck_abort_msg("cannot assemble the instruction list (%d lines)", nitems);
    }
    collect_words("t", 0);
    int seen[RV_OP_COUNT] = { 0 };
    for (int i = 0; i < nitems; i++) {
        rv_decode(items[i].word, &d);
        check_item(&items[i], &d);
        seen[items[i].op]++;
    }
    for (int op = 1; op < RV_OP_COUNT; op++)
        if (!seen[op])
            failure("row %s has no test instance", ids[op]);
    fprintf(stderr, "test_decode: %d instructions over %d rows checked\n", nitems,
            RV_OP_COUNT - 1);
    rm_tmpdir();
    ck_assert_msg(nfail == 0, "%d decoder mismatches (see stderr)", nfail);
}
END_TEST

/* ---- compressed forms -------------------------------------------------------------- */

enum { NCVAR = 16 };

/* Adds a compressed instruction and its 32-bit twin with the expected decoding. */
static void add_pair(const char *ctext, int op, unsigned check, int rd, int rs1, int rs2,
                     int64_t imm, const char *fmt, ...)
{
    char twin[96];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(twin, sizeof twin, fmt, ap);
    va_end(ap);
    struct item *c = add_item(2, op, "%s", ctext);
    c->check = check, c->rd = rd, c->rs1 = rs1, c->rs2 = rs2, c->imm = imm;
    c->twin = nitems;
    struct item *t = add_item(4, op, "%s", twin);
    t->check = check, t->rd = rd, t->rs1 = rs1, t->rs2 = rs2, t->imm = imm;
}

static const char *const cforms[] = {
    "c.addi4spn", "c.fld", "c.lw", "c.ld", "c.fsd", "c.sw", "c.sd", "c.nop", "c.addi",
    "c.addiw", "c.li", "c.addi16sp", "c.lui", "c.srli", "c.srai", "c.andi", "c.sub", "c.xor",
    "c.or", "c.and", "c.subw", "c.addw", "c.j", "c.beqz", "c.bnez", "c.slli", "c.fldsp",
    "c.lwsp", "c.ldsp", "c.jr", "c.mv", "c.ebreak", "c.jalr", "c.add", "c.fsdsp", "c.swsp",
    "c.sdsp" };
enum { NCFORMS = sizeof cforms / sizeof *cforms };

/* value in [lo, hi] (multiple of step), extreme for k < 2 */
static int64_t pick(int k, int64_t lo, int64_t hi, int64_t step)
{
    if (k == 0)
        return lo;
    if (k == 1)
        return hi;
    return lo + rnd(0, (hi - lo) / step) * step;
}
static int64_t pick_nz(int k, int64_t lo, int64_t hi, int64_t step)
{
    int64_t v;
    do
        v = pick(k, lo, hi, step);
    while (v == 0);
    return v;
}
static int pick_reg(int k, int avoid1, int avoid2)
{
    int r;
    if (k == 1 && avoid1 != 31 && avoid2 != 31)
        return 31;
    do
        r = (int)rnd(1, 31);
    while (r == avoid1 || r == avoid2);
    return r;
}

static void gen_compressed(int form, int k)
{
    const char *m = cforms[form];
    char c[96];
    int rdp = 8 + (k == 0 ? 0 : k == 1 ? 7 : (int)rnd(0, 7));
    int rs2p = 8 + (k == 0 ? 0 : k == 1 ? 7 : (int)rnd(0, 7));
    const char *rdn = reg(0, rdp), *rs2n = reg(0, rs2p), *frdn = reg(1, rdp), *frs2n = reg(1, rs2p);
    const unsigned RIS = C_RD | C_RS1 | C_IMM, SIS = C_RS1 | C_RS2 | C_IMM, RRR = C_RD | C_RS1 | C_RS2;
    switch (form) {
    case 0: {  /* c.addi4spn */
        int64_t v = pick(k, 4, 1020, 4);
        snprintf(c, sizeof c, "%s %s, sp, %" PRId64, m, rdn, v);
        add_pair(c, RV_OP_addi, RIS, rdp, 2, 0, v, "addi %s, sp, %" PRId64, rdn, v);
        break;
    }
    case 1: case 2: case 3: {  /* c.fld c.lw c.ld */
        int64_t v = form == 2 ? pick(k, 0, 124, 4) : pick(k, 0, 248, 8);
        const char *r = form == 1 ? frdn : rdn, *b = reg(0, rs2p);
        int op = form == 1 ? RV_OP_fld : form == 2 ? RV_OP_lw : RV_OP_ld;
        snprintf(c, sizeof c, "%s %s, %" PRId64 "(%s)", m, r, v, b);
        add_pair(c, op, RIS, rdp, rs2p, 0, v, "%s %s, %" PRId64 "(%s)", m + 2, r, v, b);
        break;
    }
    case 4: case 5: case 6: {  /* c.fsd c.sw c.sd */
        int64_t v = form == 5 ? pick(k, 0, 124, 4) : pick(k, 0, 248, 8);
        const char *r = form == 4 ? frs2n : rs2n, *b = reg(0, rdp);
        int op = form == 4 ? RV_OP_fsd : form == 5 ? RV_OP_sw : RV_OP_sd;
        snprintf(c, sizeof c, "%s %s, %" PRId64 "(%s)", m, r, v, b);
        add_pair(c, op, SIS, 0, rdp, rs2p, v, "%s %s, %" PRId64 "(%s)", m + 2, r, v, b);
        break;
    }
    case 7:
        add_pair("c.nop", RV_OP_addi, RIS, 0, 0, 0, 0, "addi x0, x0, 0");
        break;
    case 8: case 9: case 10: {  /* c.addi c.addiw c.li */
        int r = pick_reg(k, 0, 0);
        int64_t v = form == 8 ? pick_nz(k, -32, 31, 1) : pick(k, -32, 31, 1);
        const char *rn = reg(0, r);
        snprintf(c, sizeof c, "%s %s, %" PRId64, m, rn, v);
        if (form == 10)
            add_pair(c, RV_OP_addi, RIS, r, 0, 0, v, "addi %s, x0, %" PRId64, rn, v);
        else
            add_pair(c, form == 8 ? RV_OP_addi : RV_OP_addiw, RIS, r, r, 0, v,
                     "%s %s, %s, %" PRId64, form == 8 ? "addi" : "addiw", rn, rn, v);
        break;
    }
    case 11: {  /* c.addi16sp */
        int64_t v = pick_nz(k, -512, 496, 16);
        snprintf(c, sizeof c, "%s sp, %" PRId64, m, v);
        add_pair(c, RV_OP_addi, RIS, 2, 2, 0, v, "addi sp, sp, %" PRId64, v);
        break;
    }
    case 12: {  /* c.lui */
        int r = pick_reg(k, 2, 2);
        int64_t v = k == 0 ? 1 : k == 1 ? 0xfffe0 : k == 2 ? 31 : k == 3 ? 0xfffff :
                    (rnd64() & 1) ? rnd(1, 31) : rnd(0xfffe0, 0xfffff);
        const char *rn = reg(0, r);
        snprintf(c, sizeof c, "%s %s, 0x%" PRIx64, m, rn, v);
        add_pair(c, RV_OP_lui, C_RD | C_IMM, r, 0, 0, sext((uint64_t)v << 12, 32),
                 "lui %s, 0x%" PRIx64, rn, v);
        break;
    }
    case 13: case 14: case 15: {  /* c.srli c.srai c.andi */
        int64_t v = form == 15 ? pick(k, -32, 31, 1) : pick(k, 1, 63, 1);
        int op = form == 13 ? RV_OP_srli : form == 14 ? RV_OP_srai : RV_OP_andi;
        snprintf(c, sizeof c, "%s %s, %" PRId64, m, rdn, v);
        add_pair(c, op, RIS, rdp, rdp, 0, v, "%s %s, %s, %" PRId64, m + 2, rdn, rdn, v);
        break;
    }
    case 16: case 17: case 18: case 19: case 20: case 21: {  /* c.sub .. c.addw */
        static const int ops[] = { RV_OP_sub, RV_OP_xor, RV_OP_or, RV_OP_and, RV_OP_subw,
                                   RV_OP_addw };
        snprintf(c, sizeof c, "%s %s, %s", m, rdn, rs2n);
        add_pair(c, ops[form - 16], RRR, rdp, rdp, rs2p, 0, "%s %s, %s, %s", m + 2, rdn, rdn,
                 rs2n);
        break;
    }
    case 22: {  /* c.j */
        int64_t v = pick(k, -2048, 2046, 2);
        snprintf(c, sizeof c, "c.j %s", target(v));
        add_pair(c, RV_OP_jal, C_RD | C_IMM, 0, 0, 0, v, "jal x0, %s", target(v));
        break;
    }
    case 23: case 24: {  /* c.beqz c.bnez */
        int64_t v = pick(k, -256, 254, 2);
        snprintf(c, sizeof c, "%s %s, %s", m, rdn, target(v));
        add_pair(c, form == 23 ? RV_OP_beq : RV_OP_bne, SIS, 0, rdp, 0, v, "%s %s, x0, %s",
                 form == 23 ? "beq" : "bne", rdn, target(v));
        break;
    }
    case 25: {  /* c.slli */
        int r = pick_reg(k, 0, 0);
        int64_t v = pick(k, 1, 63, 1);
        const char *rn = reg(0, r);
        snprintf(c, sizeof c, "%s %s, %" PRId64, m, rn, v);
        add_pair(c, RV_OP_slli, RIS, r, r, 0, v, "slli %s, %s, %" PRId64, rn, rn, v);
        break;
    }
    case 26: case 27: case 28: {  /* c.fldsp c.lwsp c.ldsp */
        int r = form == 26 ? (k == 0 ? 0 : k == 1 ? 31 : (int)rnd(0, 31)) : pick_reg(k, 0, 0);
        int64_t v = form == 27 ? pick(k, 0, 252, 4) : pick(k, 0, 504, 8);
        const char *rn = reg(form == 26, r);
        int op = form == 26 ? RV_OP_fld : form == 27 ? RV_OP_lw : RV_OP_ld;
        snprintf(c, sizeof c, "%s %s, %" PRId64 "(sp)", m, rn, v);
        add_pair(c, op, RIS, r, 2, 0, v, "%s %s, %" PRId64 "(sp)", mnemonic(op), rn, v);
        break;
    }
    case 29: case 32: {  /* c.jr c.jalr */
        int r = pick_reg(k, 0, 0);
        const char *rn = reg(0, r);
        snprintf(c, sizeof c, "%s %s", m, rn);
        add_pair(c, RV_OP_jalr, RIS, form == 29 ? 0 : 1, r, 0, 0, "jalr %s, 0(%s)",
                 form == 29 ? "x0" : "ra", rn);
        break;
    }
    case 30: case 33: {  /* c.mv c.add */
        int r = pick_reg(k, 0, 0), s = pick_reg(k, 0, 0);
        const char *rn = reg(0, r), *sn = reg(0, s);
        snprintf(c, sizeof c, "%s %s, %s", m, rn, sn);
        add_pair(c, RV_OP_add, RRR, r, form == 30 ? 0 : r, s, 0, "add %s, %s, %s", rn,
                 form == 30 ? "x0" : rn, sn);
        break;
    }
    case 31:
        add_pair("c.ebreak", RV_OP_ebreak, 0, 0, 0, 0, 0, "ebreak");
        break;
    case 34: case 35: case 36: {  /* c.fsdsp c.swsp c.sdsp */
        int r = k == 0 ? 0 : k == 1 ? 31 : (int)rnd(0, 31);
        int64_t v = form == 35 ? pick(k, 0, 252, 4) : pick(k, 0, 504, 8);
        const char *rn = reg(form == 34, r);
        int op = form == 34 ? RV_OP_fsd : form == 35 ? RV_OP_sw : RV_OP_sd;
        snprintf(c, sizeof c, "%s %s, %" PRId64 "(sp)", m, rn, v);
        add_pair(c, op, SIS, 0, 2, r, v, "%s %s, %" PRId64 "(sp)", mnemonic(op), rn, v);
        break;
    }
    default:
        ck_abort_msg("compressed form %d", form);
    }
}

START_TEST(test_asm_compressed)
{
    if (!getenv("GUEST_CC") || !*getenv("GUEST_CC"))
        return;
    rng_seed();
    make_tmpdir();
    nitems = 0;
    nfail = 0;
    for (int f = 0; f < NCFORMS; f++) {
        int nv = f == 7 || f == 31 ? 1 : NCVAR;  /* c.nop, c.ebreak */
        for (int k = 0; k < nv; k++)
            gen_compressed(f, k);
    }
    int st = assemble("t", 0);
    if (st != 0) {
        fprintf(stderr, "test_decode: the assembler failed (status %d):\n", st);
        dump_log("t", 40);
        ck_abort_msg("cannot assemble the compressed list (%d lines)", nitems);
    }
    collect_words("t", 0);
    int npairs = 0;
    for (int i = 0; i < nitems; i++) {
        struct item *c = &items[i];
        if (c->twin < 0)
            continue;
        struct item *t = &items[c->twin];
        struct rv_insn dc, dt;
        npairs++;
        rv_decode(t->word, &dt);
        check_item(t, &dt);              /* the twin as written */
        if ((c->word & 3) == 3) {
            failure("`%s` assembled to a 32-bit word 0x%08" PRIx32, c->text, c->word);
            continue;
        }
        rv_decode(c->word, &dc);
        check_item(c, &dc);              /* the compressed form as written */
        /* and field by field the same record as the twin */
        if (dc.op != dt.op || dc.rd != dt.rd || dc.rs1 != dt.rs1 || dc.rs2 != dt.rs2 ||
            dc.imm != dt.imm || dc.expanded != t->word || dc.len != 2)
            failure("`%s` (0x%04" PRIx32 ") decodes as %s rd=%d rs1=%d rs2=%d imm=%" PRId64
                    " exp=0x%08" PRIx32 " len=%d; twin `%s` (0x%08" PRIx32 ") as %s rd=%d rs1=%d"
                    " rs2=%d imm=%" PRId64, c->text, c->word, mnemonic(dc.op), dc.rd, dc.rs1,
                    dc.rs2, dc.imm, dc.expanded, dc.len, t->text, t->word, mnemonic(dt.op),
                    dt.rd, dt.rs1, dt.rs2, dt.imm);
        if (rv_expand_rvc((uint16_t)c->word) != t->word)
            failure("rv_expand_rvc(0x%04" PRIx32 ") = 0x%08" PRIx32 ", expected 0x%08" PRIx32
                    " (`%s`)", c->word, rv_expand_rvc((uint16_t)c->word), t->word, t->text);
    }
    fprintf(stderr, "test_decode: %d compressed instructions (%d forms) checked\n", npairs,
            NCFORMS);
    rm_tmpdir();
    ck_assert_msg(nfail == 0, "%d compressed mismatches (see stderr)", nfail);
}
END_TEST

/* ---- without the assembler ------------------------------------------------------- */

/* The names in rv_insns[] are the assembler mnemonics, even before anything was decoded.
 * (Check forks each test, so this process has not decoded anything yet.) */
#ifndef RV_SMALL     /* a small build keeps no mnemonics (decode.c) */
START_TEST(test_names)
{
    for (int op = 1; op < RV_OP_COUNT; op++)
        ck_assert_msg(rv_insns[op].name && strcmp(rv_insns[op].name, mnemonic(op)) == 0,
                      "rv_insns[%d].name is \"%s\" before the first rv_decode(), expected \"%s\"",
                      op, rv_insns[op].name ? rv_insns[op].name : "(null)", mnemonic(op));
    struct rv_insn d;
    rv_decode(0x13, &d);
    for (int op = 1; op < RV_OP_COUNT; op++)
        ck_assert_str_eq(rv_insns[op].name, mnemonic(op));
    ck_assert_str_eq(rv_insns[RV_OP_ILLEGAL].name, "illegal");
}
END_TEST
#endif

/* a word of row op with legal values in the fields the decoder checks */
static uint32_t legalize(int op, uint32_t w)
{
    const struct rv_insn_info *in = &rv_insns[op];
    if (in->flags & F_RM) {
        int rm = (w >> 12) & 7;
        if (rm == 5 || rm == 6)
            w = (w & ~0x7000u) | 7u << 12;
    }
    if (in->fmt == FMT_CSR || in->fmt == FMT_CSRI)
        w = (w & 0x000fffffu) | (uint32_t)(1 + rnd(0, 2)) << 20;  /* fflags, frm, fcsr */
    return (w & ~in->mask) | in->match;
}

/* Each row's own match word decodes back to that row. */
START_TEST(test_rows_match)
{
    for (int op = 1; op < RV_OP_COUNT; op++) {
        const struct rv_insn_info *in = &rv_insns[op];
        ck_assert_msg((in->match & ~in->mask) == 0, "row %s: match has bits outside the mask",
                      ids[op]);
        ck_assert_msg((in->match & 3) == 3, "row %s: not a 32-bit encoding", ids[op]);
        uint32_t w = in->match;
        if (in->fmt == FMT_CSR || in->fmt == FMT_CSRI)
            w |= 1u << 20;  /* csr 0 is not a user CSR */
        struct rv_insn d;
        int r = rv_decode(w, &d);
        ck_assert_msg(r == op && d.op == op, "match word 0x%08" PRIx32 " of %s decodes as %s",
                      w, ids[op], mnemonic(d.op));
        ck_assert_int_eq(d.len, 4);
        ck_assert_uint_eq(d.raw, w);
    }
}
END_TEST

/* Any filling of a row's free bits decodes to that row (or to a row whose mask is strictly
 * more specific and agrees on the row's fixed bits): the table has no ambiguous overlaps. */
START_TEST(test_rows_no_overlap)
{
    rng_seed();
    int bad = 0;
    for (int op = 1; op < RV_OP_COUNT; op++) {
        const struct rv_insn_info *in = &rv_insns[op];
        for (int k = 0; k < 2000; k++) {
            uint32_t w = legalize(op, k == 0 ? 0 : k == 1 ? 0xffffffffu : (uint32_t)rnd64());
            struct rv_insn d;
            rv_decode(w, &d);
            if (d.op == op)
                continue;
            const struct rv_insn_info *o = &rv_insns[d.op];
            int special = d.op != RV_OP_ILLEGAL && (o->mask & in->mask) == in->mask &&
                          o->mask != in->mask && (o->match & in->mask) == in->match;
            if (!special && bad++ < 20)
                fprintf(stderr, "test_decode: 0x%08" PRIx32 " (row %s) decodes as %s\n", w,
                        ids[op], mnemonic(d.op));
        }
        /* and pairwise: two rows with the same mask must differ in their match */
        for (int j = 1; j < op; j++) {
            const struct rv_insn_info *o = &rv_insns[j];
            uint32_t both = in->mask & o->mask;
            if ((in->match & both) == (o->match & both) && in->mask == o->mask && bad++ < 20)
                fprintf(stderr, "test_decode: rows %s and %s have the same encoding\n",
                        ids[j], ids[op]);
        }
    }
    ck_assert_msg(bad == 0, "%d ambiguous encodings", bad);
}
END_TEST

/* Rounding modes: 0-4 and 7 are accepted on every F_RM row, 5 and 6 never. */
START_TEST(test_rounding_modes)
{
    for (int op = 1; op < RV_OP_COUNT; op++) {
        if (!(rv_insns[op].flags & F_RM))
            continue;
        for (int rm = 0; rm < 8; rm++) {
            uint32_t w = rv_insns[op].match | 0x00a5a580u;  /* some registers */
            w = (w & ~rv_insns[op].mask) | rv_insns[op].match;
            w = (w & ~0x7000u) | (uint32_t)rm << 12;
            struct rv_insn d;
            int r = rv_decode(w, &d);
            if (rm == 5 || rm == 6)
                ck_assert_msg(r == RV_OP_ILLEGAL, "%s with rm=%d (0x%08" PRIx32 ") decodes as %s",
                              ids[op], rm, w, mnemonic(r));
            else {
                ck_assert_msg(r == op, "%s with rm=%d (0x%08" PRIx32 ") decodes as %s", ids[op],
                              rm, w, mnemonic(r));
                ck_assert_int_eq(d.rm, rm);
            }
        }
    }
}
END_TEST

START_TEST(test_illegal32)
{
    static const struct { uint32_t w; const char *what; } cases[] = {
        { 0xffffffffu, "all ones" },
        { 0x0020d053u, "fadd.s f0,f1,f2 with rm=5" },
        { 0x0020e053u, "fadd.s f0,f1,f2 with rm=6" },
        { 0x2220d0c3u, "fmadd.d f1,f1,f2,f4 with rm=5" },
        { 0xc200e553u, "fcvt.w.d a0,f1 with rm=6" },
        { 0x5800d053u, "fsqrt.s f0,f1 with rm=5" },
        { 0xc0059573u, "csrrw a0,cycle,a1" },
        { 0xc0159573u, "csrrw a0,time,a1" },
        { 0xc0259573u, "csrrw a0,instret,a1" },
        { 0xc005a573u, "csrrs a0,cycle,a1 (writes)" },
        { 0xc005b573u, "csrrc a0,cycle,a1 (writes)" },
        { 0xc0015573u, "csrrwi a0,cycle,2" },
        { 0xc0016573u, "csrrsi a0,cycle,2" },
        { 0x30002573u, "csrr a0,mstatus (unknown CSR 0x300)" },
        { 0x00002573u, "csrr a0,0x000 (unknown CSR)" },
        { 0x00402573u, "csrr a0,0x004 (unknown CSR)" },
        { 0x7c002573u, "csrr a0,0x7c0 (unknown CSR)" },
        { 0x0000006bu, "reserved major opcode 0x6b" },
        { 0x00000077u, "reserved major opcode 0x77" },
        { 0x0000000bu, "custom-0 opcode" },
        { 0x0000007bu, "custom-3 opcode" },
        { 0x00000057u, "OP-V opcode" },
        { 0x0000001fu, "48-bit encoding" },
        { 0x0000003fu, "64-bit encoding" },
        { 0x0000702fu, "AMO with funct3=7" },
        { 0x1015a52fu, "lr.w with rs2 != 0" },
        { 0x20003053u, "fsgnj.s with funct3=3" },
        { 0x04000043u, "fmadd with fmt=2 (half)" },
        { 0x06000043u, "fmadd with fmt=3 (quad)" },
        { 0x04001013u, "slli with funct6=1" },
        { 0x00007003u, "load with funct3=7" },
        { 0x00004023u, "store with funct3=4" },
        { 0x00002063u, "branch with funct3=2" },
        { 0x00001067u, "jalr with funct3=1" },
        { 0x000000f3u, "ecall with rd != 0" },
        { 0x00200073u, "SYSTEM funct3=0 imm=2 (uret)" },
        { 0x10500073u, "wfi" },
        { 0x0000200fu, "MISC-MEM funct3=2" },
    };
    int n = (int)(sizeof cases / sizeof *cases);
    for (int i = 0; i < n; i++) {
        struct rv_insn d;
        int r = rv_decode(cases[i].w, &d);
        ck_assert_msg(r == RV_OP_ILLEGAL && d.op == RV_OP_ILLEGAL,
                      "0x%08" PRIx32 " (%s) decodes as %s, expected illegal", cases[i].w,
                      cases[i].what, mnemonic(r));
        ck_assert_int_eq(d.len, 4);
    }
    /* the legal neighbours of some of them */
    struct rv_insn d;
    ck_assert_int_eq(rv_decode(0xc0002573u, &d), RV_OP_csrrs);   /* rdcycle a0 */
    ck_assert_int_eq(d.imm, 0xc00);
    ck_assert_int_eq(rv_decode(0xc0202573u, &d), RV_OP_csrrs);   /* rdinstret a0 */
    ck_assert_int_eq(rv_decode(0xc0006573u, &d), RV_OP_csrrsi);  /* csrrsi a0,cycle,0 */
    ck_assert_int_eq(rv_decode(0x00159573u, &d), RV_OP_csrrw);   /* fsflags a0,a1 */
    ck_assert_int_eq(rv_decode(0x0020f053u, &d), RV_OP_fadd_s);  /* rm=dyn */
    ck_assert_int_eq(rv_decode(0x00000073u, &d), RV_OP_ecall);
    ck_assert_int_eq(rv_decode(0x00100073u, &d), RV_OP_ebreak);
}
END_TEST

/* Reserved compressed encodings decode to RV_OP_ILLEGAL, with len 2. */
static void expect_illegal16(uint32_t c, const char *what)
{
    struct rv_insn d;
    int r = rv_decode(c, &d);
    ck_assert_msg(r == RV_OP_ILLEGAL && d.op == RV_OP_ILLEGAL,
                  "0x%04" PRIx32 " (%s) decodes as %s (expanded 0x%08" PRIx32 "), expected illegal",
                  c, what, mnemonic(r), d.expanded);
    ck_assert_int_eq(d.len, 2);
    ck_assert_uint_eq(d.raw, c & 0xffff);
    ck_assert_uint_eq(rv_expand_rvc((uint16_t)c), 0);
}

START_TEST(test_rvc_reserved)
{
    expect_illegal16(0x0000, "all zeros");
    for (uint32_t rd = 0; rd < 8; rd++)
        expect_illegal16(rd << 2, "c.addi4spn with nzuimm 0");
    for (uint32_t c = 0x8000; c < 0xa000; c += 4)
        expect_illegal16(c, "quadrant 0, funct3=100");
    for (uint32_t imm = 0; imm < 64; imm++) {
        uint32_t bits = (imm >> 5) << 12 | (imm & 31) << 2;
        expect_illegal16(0x4002 | bits, "c.lwsp with rd=0");
        expect_illegal16(0x6002 | bits, "c.ldsp with rd=0");
        expect_illegal16(0x2001 | bits, "c.addiw with rd=0");
    }
    for (uint32_t rd = 0; rd < 32; rd++)
        if (rd != 2)
            expect_illegal16(0x6001 | rd << 7, "c.lui with nzimm 0");
    expect_illegal16(0x6101, "c.addi16sp with nzimm 0");
    expect_illegal16(0x8002, "c.jr with rs1=0");
    for (uint32_t r = 0; r < 64; r++) {
        uint32_t regs = (r >> 3) << 7 | (r & 7) << 2;
        expect_illegal16(0x9c41 | regs, "quadrant 1, funct6=100111, funct2=10");
        expect_illegal16(0x9c61 | regs, "quadrant 1, funct6=100111, funct2=11");
    }
    /* the bits above a compressed instruction are ignored */
    struct rv_insn d;
    ck_assert_int_eq(rv_decode(0xdead0000u, &d), RV_OP_ILLEGAL);
    ck_assert_int_eq(d.len, 2);
    ck_assert_int_eq(rv_decode(0xdead0001u, &d), RV_OP_addi);   /* c.nop */
    ck_assert_int_eq(d.len, 2);
    ck_assert_uint_eq(d.raw, 0x0001);
}
END_TEST

/* Every 16-bit value: len 2, and the record is the 32-bit decoding of its expansion. */
START_TEST(test_rvc_exhaustive)
{
    int legal = 0;
    for (uint32_t c = 0; c < 0x10000; c++) {
        if ((c & 3) == 3)
            continue;
        struct rv_insn d, e;
        rv_decode(c | 0x55550000u, &d);
        ck_assert_int_eq(d.len, 2);
        ck_assert_uint_eq(d.raw, c);
        uint32_t x = rv_expand_rvc((uint16_t)c);
        ck_assert_uint_eq(d.expanded, x);
        if (!x) {
            ck_assert_msg(d.op == RV_OP_ILLEGAL, "0x%04" PRIx32 " expands to 0 but decodes as %s",
                          c, mnemonic(d.op));
            continue;
        }
        ck_assert_msg((x & 3) == 3, "0x%04" PRIx32 " expands to 0x%08" PRIx32, c, x);
        rv_decode(x, &e);
        ck_assert_msg(d.op == e.op && d.rd == e.rd && d.rs1 == e.rs1 && d.rs2 == e.rs2 &&
                      d.imm == e.imm && d.rm == e.rm,
                      "0x%04" PRIx32 " decodes unlike its expansion 0x%08" PRIx32, c, x);
        ck_assert_msg(e.op != RV_OP_ILLEGAL, "0x%04" PRIx32 " expands to illegal 0x%08" PRIx32,
                      c, x);
        legal++;
    }
    ck_assert_int_gt(legal, 40000);
}
END_TEST

/* The decoder initialises its tables lazily on the first rv_decode(); guest threads may
 * decode concurrently, so first calls from several threads at once must still leave correct
 * tables. Each trial is a fresh process (fork) whose 16 threads start decoding together. */
static pthread_barrier_t start_line;
static void *first_decode(void *arg)
{
    struct rv_insn d;
    pthread_barrier_wait(&start_line);
    rv_decode(0x00a50533, &d);  /* add a0, a0, a0 */
    return arg;
}

START_TEST(test_concurrent_init)
{
    enum { TRIALS = 200, THREADS = 16 };
    int bad = 0;
    for (int t = 0; t < TRIALS; t++) {
        pid_t pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0) {
            pthread_t th[THREADS];
            pthread_barrier_init(&start_line, NULL, THREADS);
            for (int i = 0; i < THREADS; i++)
                if (pthread_create(&th[i], NULL, first_decode, NULL) != 0)
                    _exit(2);
            for (int i = 0; i < THREADS; i++)
                pthread_join(th[i], NULL);
            for (int op = 1; op < RV_OP_COUNT; op++) {
                uint32_t w = rv_insns[op].match | (rv_insns[op].flags & F_CSR ? 1u << 20 : 0);
                struct rv_insn d;
                if (rv_decode(w, &d) != op)
                    _exit(1);
            }
            _exit(0);
        }
        int st = 0;
        ck_assert_int_eq(waitpid(pid, &st, 0), pid);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            bad++;
    }
    ck_assert_msg(bad == 0, "%d of %d processes whose first rv_decode() calls ran in %d threads "
                  "at once decode some rows' match words wrongly (racy lazy initialisation)",
                  bad, TRIALS, THREADS);
}
END_TEST

static Suite *decode_suite(int with_asm)
{
    Suite *s = suite_create("decode");
    TCase *t = tcase_create("table");
#ifndef RV_SMALL     /* a small build keeps no mnemonics (decode.c) */
    tcase_add_test(t, test_names);
#endif
    tcase_add_test(t, test_rows_match);
    tcase_add_test(t, test_rows_no_overlap);
    tcase_add_test(t, test_rounding_modes);
    tcase_add_test(t, test_illegal32);
    tcase_add_test(t, test_rvc_reserved);
    tcase_add_test(t, test_rvc_exhaustive);
    tcase_add_test(t, test_concurrent_init);
    tcase_set_timeout(t, 60);
    suite_add_tcase(s, t);
    if (with_asm) {
        TCase *a = tcase_create("assembler");
        tcase_add_test(a, test_asm_rows);
        tcase_add_test(a, test_asm_compressed);
        tcase_set_timeout(a, 120);
        suite_add_tcase(s, a);
    }
    return s;
}

int main(void)
{
    const char *cc = getenv("GUEST_CC");
    int with_asm = cc && *cc;
    if (!with_asm)
        fprintf(stderr, "test_decode: GUEST_CC is not set: the assembler round trips are skipped\n");
    SRunner *sr = srunner_create(decode_suite(with_asm));
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    if (failed)
        return 1;
    return with_asm ? 0 : 77;
}
