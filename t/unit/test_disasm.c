/* Tests of the disassembler: every instruction of the built t/ programs and of a generated file
 * (random instances of every insn.def row, all 16-bit encodings) against `$GUEST_OBJDUMP -d`,
 * plus fixed expectations. By hand: test_disasm [prog.elf...]; exit 77 without objdump. */
#include <check.h>
#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "debug/disasm.h"

static char **elf_args;     /* ELF files named on the command line */
static int nelf_args;

/* ---- tools ------------------------------------------------------------------------- */

static const char *tool(const char *var, const char *dflt)
{
    const char *s = getenv(var);
    return s && *s ? s : dflt;
}
static const char *objdump(void) { return tool("GUEST_OBJDUMP", "riscv64-linux-gnu-objdump"); }
static const char *guest_cc(void) { return tool("GUEST_CC", "riscv64-linux-gnu-gcc"); }

static int have_tool(const char *t)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "command -v '%s' >/dev/null 2>&1", t);
    return system(cmd) == 0;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd64(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* ---- comparison with objdump -d ---------------------------------------------------- */

struct stats {
    long compared, agreed, imm_alias, known, failed, skipped;
    int seen[RV_OP_COUNT];  /* compared instances per row */
    int seen_illegal;
};

/* "mnemonic   operands" split into the two (trailing blanks dropped) */
static void split(const char *text, char *mn, size_t nmn, char *ops, size_t nops)
{
    size_t i = 0;
    while (text[i] && text[i] != ' ' && text[i] != '\t')
        i++;
    snprintf(mn, nmn, "%.*s", (int)i, text);
    while (text[i] == ' ' || text[i] == '\t')
        i++;
    snprintf(ops, nops, "%s", text + i);
    size_t k = strlen(ops);
    while (k > 0 && (ops[k - 1] == ' ' || ops[k - 1] == '\t' || ops[k - 1] == '\n'))
        ops[--k] = 0;
}

/* One line of objdump -d: "   10420:\t7131                \tadd\tsp,sp,-192 # comment".
 * Returns 0 for lines that are not instructions. */
static int parse_line(char *line, uint64_t *addr, uint32_t *raw, int *len, char *mn, size_t nmn,
                      char *ops, size_t nops)
{
    char *p = line, *end;
    line[strcspn(line, "\n")] = 0;
    while (*p == ' ')
        p++;
    *addr = strtoull(p, &end, 16);
    if (end == p || end[0] != ':' || end[1] != '\t')
        return 0;
    p = end + 2;
    int nd = 0;
    uint32_t v = 0;
    for (; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++, nd++)
        v = v << 4 | (uint32_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
    while (*p == ' ')
        p++;
    if (*p != '\t' || (nd != 4 && nd != 8))
        return 0;
    *raw = v;
    *len = nd / 2;
    p++;
    /* objdump's decorations are not ours: " <sym+off>" after targets, " # value" comments */
    char *cut = strstr(p, " <");
    if (cut)
        *cut = 0;
    if ((cut = strstr(p, " #")) != NULL)
        *cut = 0;
    split(p, mn, nmn, ops, nops);
    /* binutils 2.41 on write unknown words as `.insn 4, 0x...` where 2.40 wrote `.4byte 0x...` */
    if (strcmp(mn, ".insn") == 0 && (ops[0] == '2' || ops[0] == '4') &&
        strncmp(ops + 1, ", ", 2) == 0) {
        snprintf(mn, nmn, ".%cbyte", ops[0]);
        memmove(ops, ops + 3, strlen(ops + 3) + 1);
    }
    return mn[0] != 0;
}

static int nshown;
static void mismatch(const char *what, const char *fmt, ...)
{
    if (nshown++ < 60 || getenv("RVEMU_TEST_VERBOSE")) {
        va_list ap;
        va_start(ap, fmt);
        fprintf(stderr, "test_disasm: %s: ", what);
        vfprintf(stderr, fmt, ap);
        fprintf(stderr, "\n");
        va_end(ap);
    } else if (nshown == 61) {
        fprintf(stderr, "test_disasm: (further mismatches not shown)\n");
    }
}

/* Is objdump's mnemonic `theirs` ours, `mine`, less one 'i', on an immediate-operand row? */
static int imm_spelling(const struct rv_insn *d, const char *theirs, const char *mine)
{
    int fmt = d->op != RV_OP_ILLEGAL ? rv_insns[d->op].fmt : -1;
    if (fmt != FMT_I && fmt != FMT_SH && fmt != FMT_SHW)
        return 0;
    size_t k = strlen(mine);
    if (strlen(theirs) + 1 != k)
        return 0;
    for (size_t j = 0; j < k; j++)
        if (mine[j] == 'i' && strncmp(theirs, mine, j) == 0 &&
            strcmp(theirs + j, mine + j + 1) == 0)
            return 1;
    return 0;
}

/* Where objdump 2.40 and we differ on purpose. */
static int known_difference(const struct rv_insn *d, const char *theirs)
{
    /* pause (Zihintpause) is fence w,0: objdump prints `fence w,unknown` without Zihintpause */
    if (d->len == 4 && d->raw == 0x0100000fu)
        return strcmp(theirs, "fence") == 0;
    /* c.addi16sp with nzimm=0 is reserved (the decoder's illegal); objdump: addi sp,sp,0 */
    if (d->len == 2 && d->raw == 0x6101u)
        return d->op == RV_OP_ILLEGAL &&
               (strcmp(theirs, "add") == 0 || strcmp(theirs, "addi") == 0);
    return 0;
}

/* Disassembles `file` with objdump and compares every instruction line with ours. */
static void compare_file(const char *file, const char *what, struct stats *st)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' -d '%s' 2>&1", objdump(), file);
    FILE *f = popen(cmd, "r");
    ck_assert_msg(f != NULL, "%s: %s", cmd, strerror(errno));
    char line[4096], mn[64], ops[512], text[RV_DISASM_LINE_MAX + 256], omn[64], oops[512];
    long before = st->compared;
    while (fgets(line, sizeof line, f)) {
        uint64_t addr;
        uint32_t raw;
        int len;
        if (!parse_line(line, &addr, &raw, &len, mn, sizeof mn, ops, sizeof ops))
            continue;
        /* data in the text section (objdump's .word/.short/.byte), not instructions */
        if (mn[0] == '.' && strcmp(mn, ".4byte") != 0 && strcmp(mn, ".2byte") != 0) {
            st->skipped++;
            continue;
        }
        struct rv_insn d;
        rv_decode(raw, &d);
        if (d.len != len) {
            st->failed++;
            mismatch(what, "%" PRIx64 ": %0*" PRIx32 " is %d bytes long for objdump, %d for"
                     " rv_decode", addr, len * 2, raw, len, d.len);
            continue;
        }
        rv_disasm(&d, addr, text, sizeof text);
        split(text, omn, sizeof omn, oops, sizeof oops);
        st->compared++;
        if (d.op == RV_OP_ILLEGAL)
            st->seen_illegal++;
        else
            st->seen[d.op]++;
        if (strcmp(mn, omn) == 0 && strcmp(ops, oops) == 0) {
            st->agreed++;
            continue;
        }
        /* binutils 2.40 prints immediate forms under the register form's name (add a0,a1,5
         * for addi, sllw for slliw, bset/ror/... likewise); 2.41 on and QEMU do not */
        if (imm_spelling(&d, mn, omn) && strcmp(ops, oops) == 0) {
            st->agreed++;
            st->imm_alias++;
            continue;
        }
        if (known_difference(&d, mn)) {
            st->agreed++;
            st->known++;
            continue;
        }
        st->failed++;
        mismatch(what, "%" PRIx64 ": %0*" PRIx32 ": objdump `%s %s`, rv_disasm `%s %s`", addr,
                 len * 2, raw, mn, ops, omn, oops);
    }
    int status = pclose(f);
    ck_assert_msg(status == 0, "`%s` failed (status %d)", cmd, status);
    ck_assert_msg(st->compared > before, "%s: objdump showed no instructions", file);
}

/* ---- the built t/ programs --------------------------------------------------------- */

START_TEST(test_programs)
{
    glob_t g;
    memset(&g, 0, sizeof g);
    const char *top = tool("top_builddir", ".");
    char pat[1024];
    char **files = elf_args;
    size_t nfiles = (size_t)nelf_args;
    if (!nfiles) {
        snprintf(pat, sizeof pat, "%s/t/guest/*.elf", top);
        glob(pat, 0, NULL, &g);
        snprintf(pat, sizeof pat, "%s/t/isa/*.elf", top);
        glob(pat, g.gl_pathc ? GLOB_APPEND : 0, NULL, &g);
        files = g.gl_pathv;
        nfiles = g.gl_pathc;
    }
    if (!nfiles) {
        fprintf(stderr, "test_disasm: no programs under %s/t/{guest,isa}: nothing to compare\n",
                top);
        globfree(&g);
        return;
    }
    static struct stats st;
    nshown = 0;
    for (size_t i = 0; i < nfiles; i++) {
        const char *base = strrchr(files[i], '/');
        compare_file(files[i], base ? base + 1 : files[i], &st);
    }
    fprintf(stderr, "test_disasm: %zu programs: %ld instructions compared with objdump, %ld agree"
            " (%ld by binutils 2.40's immediate spelling, %ld known differences), %ld differ;"
            " %ld data words skipped\n", nfiles, st.compared, st.agreed, st.imm_alias, st.known,
            st.failed, st.skipped);
    globfree(&g);
    ck_assert_msg(st.failed == 0, "%ld of %ld instructions differ from objdump (see stderr)",
                  st.failed, st.compared);
}
END_TEST

/* ---- every row, and every 16-bit encoding, through the assembler ---------------------- */

static char tmpdir[256];

static void rm_tmpdir(void)
{
    if (!tmpdir[0])
        return;
    if (getenv("RVEMU_TEST_KEEP")) {
        fprintf(stderr, "test_disasm: files kept in %s\n", tmpdir);
        return;
    }
    const char *names[] = { "t.S", "t.o", "t.log" };
    char p[512];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(p, sizeof p, "%s/%s", tmpdir, names[i]);
        unlink(p);
    }
    rmdir(tmpdir);
    tmpdir[0] = 0;
}

enum { NVAR = 48 };

static uint32_t set_field(uint32_t w, int lo, int bits, uint32_t v)
{
    uint32_t m = ((1u << bits) - 1) << lo;
    return (w & ~m) | ((v << lo) & m);
}

/* Instance k of row op: random free bits, biased to the values objdump's aliases test
 * (zero registers, ra, rs1 == rs2, immediates 0, 1, -1, 255), made legal for the decoder and
 * for objdump (which knows fence only with fm/rd/rs1 = 0, exact conversions only with rne). */
static uint32_t gen_word(int op, int k)
{
    const struct rv_insn_info *in = &rv_insns[op];
    uint32_t w = (uint32_t)rnd64();
    for (int tweak = 0; tweak < k % 4; tweak++) {
        switch (rnd64() % 9) {
        case 0: w = set_field(w, 7, 5, 0); break;                   /* rd = zero */
        case 1: w = set_field(w, 15, 5, 0); break;                  /* rs1 = zero */
        case 2: w = set_field(w, 20, 5, 0); break;                  /* rs2 = zero */
        case 3: w = set_field(w, 20, 5, (w >> 15) & 31); break;     /* rs2 = rs1 */
        case 4: w = set_field(w, 20, 12, 0); break;                 /* imm = 0 */
        case 5: w = set_field(w, 7, 5, 1); break;                   /* rd = ra */
        case 6: w = set_field(w, 15, 5, 1); break;                  /* rs1 = ra */
        case 7: w = set_field(w, 20, 12, 0xfff); break;             /* imm = -1 */
        default: w = set_field(w, 20, 12, rnd64() & 1 ? 1 : 255); break;
        }
    }
    if (in->flags & F_RM) {
        int rm = (w >> 12) & 7;
        if (rm == 5 || rm == 6)
            w = set_field(w, 12, 3, 7);
        if (op == RV_OP_fcvt_d_w || op == RV_OP_fcvt_d_wu || op == RV_OP_fcvt_d_s)
            w = set_field(w, 12, 3, 0);
    }
    if (in->fmt == FMT_CSR || in->fmt == FMT_CSRI) {
        static const uint32_t csrs[6] = { CSR_FFLAGS, CSR_FRM, CSR_FCSR, CSR_CYCLE, CSR_TIME,
                                          CSR_INSTRET };
        uint32_t csr = csrs[rnd64() % 6];
        int writes = op == RV_OP_csrrw || op == RV_OP_csrrwi || ((w >> 15) & 31) != 0;
        if (csr >= CSR_CYCLE && writes)
            csr = CSR_FFLAGS + (uint32_t)(rnd64() % 3);
        w = set_field(w, 20, 12, csr);
    }
    if (op == RV_OP_fence_i)
        w = 0;                                                      /* objdump: no hints */
    if (op == RV_OP_fence) {
        w &= 0x0ff00000u;                                           /* fm, rs1, rd = 0 */
        if (k == 1)
            w = 0x8330000fu;                                        /* fence.tso */
        if (k == 2)
            w = 0x0ff00000u;                                        /* fence (iorw,iorw) */
    }
    if (op == RV_OP_jalr && k < 4) {                                /* ret, jr, jalr a0 */
        static const uint8_t rd[4] = { 0, 0, 1, 5 }, rs1[4] = { 1, 10, 10, 10 };
        w = set_field(set_field(set_field(w, 20, 12, 0), 15, 5, rs1[k]), 7, 5, rd[k]);
    }
    return (w & ~in->mask) | in->match;
}

START_TEST(test_rows)
{
    struct rv_insn d;
    rv_decode(0x13, &d);
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/rvemu-disasm-XXXXXX", t && *t ? t : "/tmp");
    ck_assert_msg(mkdtemp(tmpdir) != NULL, "mkdtemp: %s", strerror(errno));
    char path[512], cmd[2048];
    snprintf(path, sizeof path, "%s/t.S", tmpdir);
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
    /* .insn: the words exactly, whatever their assembler syntax, marked as code */
    fprintf(f, "\t.text\n\t.option norelax\n");
    int nwords = 0;
    for (int op = 1; op < RV_OP_COUNT; op++)
        for (int k = 0; k < NVAR; k++, nwords++)
            fprintf(f, "\t.insn 0x%08" PRIx32 "\n", gen_word(op, k));
    for (uint32_t c = 0; c < 0x10000; c++)
        if ((c & 3) != 3) {
            fprintf(f, "\t.insn 0x%04" PRIx32 "\n", c);
            nwords++;
        }
    ck_assert_int_eq(fclose(f), 0);
    snprintf(cmd, sizeof cmd, "'%s' -march=rv64gc_zba_zbb_zbs -mabi=lp64d -c -o '%s/t.o' '%s' "
             ">'%s/t.log' 2>&1", guest_cc(), tmpdir, path, tmpdir);
    int status = system(cmd);
    if (status != 0) {
        snprintf(cmd, sizeof cmd, "head -20 '%s/t.log' >&2", tmpdir);
        if (system(cmd) != 0)
            fprintf(stderr, "test_disasm: cannot show %s/t.log\n", tmpdir);
        ck_abort_msg("the assembler failed on %s (status %d)", path, status);
    }
    static struct stats st;
    nshown = 0;
    snprintf(path, sizeof path, "%s/t.o", tmpdir);
    compare_file(path, "rows", &st);
    int missing = 0;
    for (int op = 1; op < RV_OP_COUNT; op++)
        if (!st.seen[op] && missing++ < 20)
            fprintf(stderr, "test_disasm: row %s was never compared\n", rv_insns[op].name);
    fprintf(stderr, "test_disasm: generated file: %ld of %d words compared with objdump, %ld"
            " agree (%ld by binutils 2.40's immediate spelling, %ld known differences), %ld"
            " differ\n", st.compared, nwords, st.agreed, st.imm_alias, st.known, st.failed);
    rm_tmpdir();
    ck_assert_msg(st.compared == nwords, "objdump showed %ld of %d words", st.compared, nwords);
    ck_assert_msg(missing == 0, "%d rows not covered", missing);
    ck_assert_msg(st.failed == 0, "%ld of %ld words differ from objdump (see stderr)",
                  st.failed, st.compared);
}
END_TEST

/* ---- fixed expectations (no tools needed) ---------------------------------------------- */

static const char *text_of(uint32_t raw, uint64_t pc)
{
    static char buf[256];
    struct rv_insn d;
    rv_decode(raw, &d);
    rv_disasm(&d, pc, buf, sizeof buf);
    return buf;
}

START_TEST(test_fixed)
{
    static const struct { uint32_t raw; uint64_t pc; const char *text; } cases[] = {
        { 0x1101, 0x10430, "addi            sp,sp,-32" },           /* c.addi16sp */
        { 0x00113423, 0, "sd              ra,8(sp)" },
        { 0x4781, 0, "li              a5,0" },                      /* c.li */
        { 0x87aa, 0, "mv              a5,a0" },                     /* c.mv */
        { 0x00b00533, 0, "add             a0,zero,a1" },            /* no mv for add */
        { 0x8082, 0, "ret" },
        { 0x0001, 0, "nop" },
        { 0x0000, 0, "unimp" },
        { 0xc0001073, 0, "unimp" },
        { 0xffffffff, 0, ".4byte          0xffffffff" },
        { 0x9c41, 0, ".2byte          0x9c41" },
        { 0xa011, 0x10558, "j               1055c" },
        { 0xfef71ae3, 0x10570, "bne             a4,a5,10564" },
        { 0xfe079ae3, 0x10570, "bnez            a5,10564" },
        { 0x00a04063, 0x100, "bgtz            a0,100" },
        { 0x00a5c063, 0x100, "blt             a1,a0,100" },         /* no bgt */
        { 0x000000ef, 0x200, "jal             200" },
        { 0x0000056f, 0x200, "jal             a0,200" },
        { 0x004500e7, 0, "jalr            4(a0)" },
        { 0x00058567, 0, "jalr            a0,a1" },
        { 0xc2079553, 0, "fcvt.w.d        a0,fa5,rtz" },
        { 0xc2078553, 0, "fcvt.w.d        a0,fa5,rne" },
        { 0xc207f553, 0, "fcvt.w.d        a0,fa5" },                /* dyn: not printed */
        { 0xd2050553, 0, "fcvt.d.w        fa0,a0" },                /* exact: rne not printed */
        { 0xd2051553, 0, "fcvt.d.w        fa0,a0,rtz" },
        { 0x22b59553, 0, "fneg.d          fa0,fa1" },
        { 0x1405a52f, 0, "lr.w.aq         a0,(a1)" },
        { 0x1ac5a52f, 0, "sc.w.rl         a0,a2,(a1)" },
        { 0x06c5b52f, 0, "amoadd.d.aqrl   a0,a2,(a1)" },
        { 0x0330000f, 0, "fence           rw,rw" },
        { 0x0ff0000f, 0, "fence" },
        { 0x8330000f, 0, "fence.tso" },
        { 0x0100000f, 0, "pause" },
        { 0x00102573, 0, "frflags         a0" },
        { 0x00159073, 0, "fsflags         a1" },
        { 0x0022d073, 0, "fsrmi           zero,5" },
        { 0x0022e573, 0, "csrrs           a0,frm,5" },
        { 0x00186073, 0, "csrs            fflags,16" },
        { 0xc0102573, 0, "rdtime          a0" },
        { 0x0805853b, 0, "zext.w          a0,a1" },
        { 0x0ff5f513, 0, "zext.b          a0,a1" },
        { 0x40b0053b, 0, "negw            a0,a1" },
        { 0xfffff537, 0, "lui             a0,0xfffff" },
        { 0x03f59593, 0, "slli            a1,a1,0x3f" },
        { 0x6b855513, 0, "rev8            a0,a0" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        ck_assert_msg(strcmp(text_of(cases[i].raw, cases[i].pc), cases[i].text) == 0,
                      "0x%" PRIx32 ": `%s`, expected `%s`", cases[i].raw,
                      text_of(cases[i].raw, cases[i].pc), cases[i].text);

    /* QEMU's in_asm line */
    char buf[RV_DISASM_LINE_MAX];
    struct rv_insn d;
    rv_decode(0x1101, &d);
    int n = rv_disasm_line(0x10430, &d, buf, sizeof buf);
    ck_assert_str_eq(buf, "0x0000000000010430:  1101              addi            sp,sp,-32");
    ck_assert_int_eq(n, (int)strlen(buf));
    rv_decode(0x00113423, &d);
    rv_disasm_line(0x10432, &d, buf, sizeof buf);
    ck_assert_str_eq(buf, "0x0000000000010432:  00113423          sd              ra,8(sp)");

    /* truncation: snprintf's contract */
    char small[8];
    memset(small, 'x', sizeof small);
    rv_decode(0x1101, &d);
    n = rv_disasm(&d, 0, small, sizeof small);
    ck_assert_int_eq(n, (int)strlen("addi            sp,sp,-32"));
    ck_assert_str_eq(small, "addi   ");
    ck_assert_int_eq(rv_disasm(&d, 0, NULL, 0), n);
}
END_TEST

/* a symbolizer knowing one function, main at 0x10550 (0x40 bytes) */
static const char *sym_main(uint64_t addr, uint64_t *off, void *arg)
{
    ck_assert_ptr_eq(arg, (void *)&sym_main);
    if (addr < 0x10550 || addr >= 0x10590)
        return NULL;
    *off = addr - 0x10550;
    return "main";
}

START_TEST(test_symbols)
{
    char buf[128];
    struct rv_insn d;
    rv_decode(0xfe079ae3, &d);  /* bnez a5,.-12 */
    rv_disasm_sym(&d, 0x10570, sym_main, (void *)&sym_main, buf, sizeof buf);
    ck_assert_str_eq(buf, "bnez            a5,10564 <main+0x14>");
    rv_disasm_sym(&d, 0x1055c, sym_main, (void *)&sym_main, buf, sizeof buf);
    ck_assert_str_eq(buf, "bnez            a5,10550 <main>");
    rv_disasm_sym(&d, 0x20000, sym_main, (void *)&sym_main, buf, sizeof buf);
    ck_assert_str_eq(buf, "bnez            a5,1fff4");
    rv_disasm_line_sym(0x10570, &d, sym_main, (void *)&sym_main, buf, sizeof buf);
    ck_assert_str_eq(buf, "0x0000000000010570:  fe079ae3          "
                          "bnez            a5,10564 <main+0x14>");
}
END_TEST

int main(int argc, char **argv)
{
    elf_args = argv + 1;
    nelf_args = argc - 1;
    int tools = have_tool(objdump());
    int cc = tools && have_tool(guest_cc());
    if (!tools)
        fprintf(stderr, "test_disasm: no %s: the comparisons with objdump are skipped\n",
                objdump());
    else if (!cc)
        fprintf(stderr, "test_disasm: no %s: the generated-file comparison is skipped\n",
                guest_cc());
    Suite *s = suite_create("disasm");
    TCase *tc = tcase_create("fixed");
    tcase_add_test(tc, test_fixed);
    tcase_add_test(tc, test_symbols);
    suite_add_tcase(s, tc);
    if (tools) {
        TCase *o = tcase_create("objdump");
        if (cc)
            tcase_add_test(o, test_rows);
        tcase_add_test(o, test_programs);
        tcase_set_timeout(o, 600);
        suite_add_tcase(s, o);
    }
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    if (failed)
        return 1;
    return tools ? 0 : 77;
}
