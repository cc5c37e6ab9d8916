/* The disassembler: prints a decoded instruction the way GNU objdump -d does (same aliases,
 * ABI register names, absolute targets), the operands driven by each row's `args` string in
 * insn.def, so a new row needs no code here unless objdump has an alias for it. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "debug/disasm.h"

static const char *const ids[RV_OP_COUNT] = {
    [RV_OP_ILLEGAL] = "illegal",
#define INSN(id, mask, match, fmt, ext, flags, args) [RV_OP_##id] = #id,
#include "decode/insn.def"
#undef INSN
};

const char *const rv_xreg_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3",
    "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
    "t3", "t4", "t5", "t6" };
const char *const rv_freg_names[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1",
    "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11" };
/* 5 and 6 are reserved (the decoder rejects them); the names only keep the table total */
static const char *const rm_name[8] = { "rne", "rtz", "rdn", "rup", "rmm", "rm5", "rm6", "dyn" };

/* ---- output into a bounded buffer, counting what did not fit, as snprintf does ---------- */

struct out {
    char *buf;
    size_t n, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = o->len < o->n ? vsnprintf(o->buf + o->len, o->n - o->len, fmt, ap)
                          : vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k > 0)
        o->len += (size_t)k;
}

static void pad_to(struct out *o, size_t from, size_t width)
{
    do
        put(o, " ");
    while (o->len - from < width);
}

/* ---- objdump's aliases ------------------------------------------------------------------ */

static const char *csr_name(unsigned csr)
{
    switch (csr) {
    case CSR_FFLAGS: return "fflags";
    case CSR_FRM: return "frm";
    case CSR_FCSR: return "fcsr";
    case CSR_CYCLE: return "cycle";
    case CSR_TIME: return "time";
    case CSR_INSTRET: return "instret";
    default: return NULL;
    }
}

/* An alias chooses another mnemonic and operand list (same letters as insn.def, plus
 * P/Q = fence predecessor/successor sets, M = rounding mode printed unless rne). */
#define AS(mn, a) return (*args = (a), (mn))

/* objdump's Zicsr aliases, in the order its opcode table tries them */
static const char *csr_alias(const struct rv_insn *d, const char **args)
{
    static const char *const fwrite[4] = { NULL, "fsflags", "fsrm", "fscsr" };
    static const char *const fread[4] = { NULL, "frflags", "frrm", "frcsr" };
    unsigned csr = (unsigned)d->imm;
    int rd = d->rd, rs1 = d->rs1, fcsr = csr >= CSR_FFLAGS && csr <= CSR_FCSR;
    switch (d->op) {
    case RV_OP_csrrw:
        if (fcsr)
            AS(fwrite[csr], rd ? "d,s" : "s");
        if (!rd)
            AS("csrw", "c,s");
        break;
    case RV_OP_csrrs:
        if (!rs1) {
            if (fcsr)
                AS(fread[csr], "d");
            if (csr == CSR_CYCLE)
                AS("rdcycle", "d");
            if (csr == CSR_TIME)
                AS("rdtime", "d");
            if (csr == CSR_INSTRET)
                AS("rdinstret", "d");
            AS("csrr", "d,c");
        }
        if (!rd)
            AS("csrs", "c,s");
        break;
    case RV_OP_csrrc:
        if (!rd)
            AS("csrc", "c,s");
        break;
    /* the immediate forms print with the register forms' names (csrrs a0,frm,5) */
    case RV_OP_csrrwi:
        if (csr == CSR_FFLAGS)
            AS("fsflagsi", "d,z");
        if (csr == CSR_FRM)
            AS("fsrmi", "d,z");
        AS(rd ? "csrrw" : "csrw", rd ? "d,c,z" : "c,z");
    case RV_OP_csrrsi: AS(rd ? "csrrs" : "csrs", rd ? "d,c,z" : "c,z");
    case RV_OP_csrrci: AS(rd ? "csrrc" : "csrc", rd ? "d,c,z" : "c,z");
    default: break;
    }
    return NULL;
}

/* Compressed forms whose objdump text differs from their 32-bit twin's: c.mv, and the HINTs
 * (rd = zero, or a zero shift), which objdump names by their compressed mnemonics. */
static const char *rvc_alias(const struct rv_insn *d, const char **args)
{
    unsigned c = d->raw, f3 = c >> 13, bit12 = (c >> 12) & 1;
    int rd = d->rd;
    switch (d->op) {
    case RV_OP_addi:
        if ((c & 3) != 1)
            break;                                      /* c.addi4spn */
        if (f3 == 2 && !rd)
            AS("c.li", "d,i");
        if (f3 == 0 && !rd && d->imm)
            AS("c.nop", "i");
        if (f3 == 0 && rd && !d->imm)
            AS("addi", "d,s,i");                        /* not mv */
        break;
    case RV_OP_lui: if (!rd) AS("c.lui", "d,u"); break;
    case RV_OP_add:
        if (!rd)
            AS(bit12 ? "c.add" : "c.mv", "d,t");
        if (!bit12)
            AS("mv", "d,t");                            /* c.mv is add rd,zero,rs2 */
        break;
    case RV_OP_slli:
        if (!d->imm)
            AS("c.slli64", "d");
        if (!rd)
            AS("c.slli", "d,i");
        break;
    case RV_OP_srli: if (!d->imm) AS("c.srli64", "d"); break;
    case RV_OP_srai: if (!d->imm) AS("c.srai64", "d"); break;
    default: break;
    }
    return NULL;
}

/* The alias objdump prints for *d, or NULL for the row's own mnemonic and operands. */
static const char *alias(const struct rv_insn *d, const char **args)
{
    uint32_t w = d->expanded;
    int rd = d->rd, rs1 = d->rs1, rs2 = d->rs2;
    int64_t imm = d->imm;
    if (d->len == 2) {
        const char *m = rvc_alias(d, args);
        if (m)
            return m;
    }
    switch (d->op) {
    case RV_OP_addi:
        if (!rd && !rs1 && !imm)
            AS("nop", "");
        if (!rs1)
            AS("li", "d,i");
        if (!imm)
            AS("mv", "d,s");
        break;
    case RV_OP_addiw: if (!imm) AS("sext.w", "d,s"); break;
    case RV_OP_andi: if (imm == 255) AS("zext.b", "d,s"); break;
    case RV_OP_xori: if (imm == -1) AS("not", "d,s"); break;
    case RV_OP_sltiu: if (imm == 1) AS("seqz", "d,s"); break;
    case RV_OP_sub: if (!rs1) AS("neg", "d,t"); break;
    case RV_OP_subw: if (!rs1) AS("negw", "d,t"); break;
    case RV_OP_sltu: if (!rs1) AS("snez", "d,t"); break;
    case RV_OP_slt:
        if (!rs2)
            AS("sltz", "d,s");
        if (!rs1)
            AS("sgtz", "d,t");
        break;
    case RV_OP_add_uw: if (!rs2) AS("zext.w", "d,s"); break;
    case RV_OP_fsgnj_s: if (rs1 == rs2) AS("fmv.s", "D,S"); break;
    case RV_OP_fsgnjn_s: if (rs1 == rs2) AS("fneg.s", "D,S"); break;
    case RV_OP_fsgnjx_s: if (rs1 == rs2) AS("fabs.s", "D,S"); break;
    case RV_OP_fsgnj_d: if (rs1 == rs2) AS("fmv.d", "D,S"); break;
    case RV_OP_fsgnjn_d: if (rs1 == rs2) AS("fneg.d", "D,S"); break;
    case RV_OP_fsgnjx_d: if (rs1 == rs2) AS("fabs.d", "D,S"); break;
    /* exact conversions: objdump knows them only with rm=rne and prints no rounding mode */
    case RV_OP_fcvt_d_w: AS("fcvt.d.w", "D,s,M");
    case RV_OP_fcvt_d_wu: AS("fcvt.d.wu", "D,s,M");
    case RV_OP_fcvt_d_s: AS("fcvt.d.s", "D,S,M");
    case RV_OP_jal:
        if (rd == 0)
            AS("j", "j");
        if (rd == 1)
            AS("jal", "j");
        break;
    case RV_OP_jalr:
        if (rd == 0 && rs1 == 1 && !imm)
            AS("ret", "");
        if (rd == 0)
            AS("jr", imm ? "o" : "s");
        if (rd == 1)
            AS("jalr", imm ? "o" : "s");
        if (!imm)
            AS("jalr", "d,s");
        break;
    case RV_OP_beq: if (!rs2) AS("beqz", "s,b"); break;
    case RV_OP_bne: if (!rs2) AS("bnez", "s,b"); break;
    case RV_OP_bge:
        if (!rs1)
            AS("blez", "t,b");
        if (!rs2)
            AS("bgez", "s,b");
        break;
    case RV_OP_blt:
        if (!rs2)
            AS("bltz", "s,b");
        if (!rs1)
            AS("bgtz", "t,b");
        break;
    case RV_OP_fence:
        if (w == 0x8330000fu)
            AS("fence.tso", "");
        if (w == 0x0100000fu)
            AS("pause", "");                            /* Zihintpause: fence w,0 */
        if (((w >> 20) & 0xff) == 0xff)
            AS("fence", "");                            /* iorw,iorw */
        AS("fence", "P,Q");
    case RV_OP_csrrw: case RV_OP_csrrs: case RV_OP_csrrc:
    case RV_OP_csrrwi: case RV_OP_csrrsi: case RV_OP_csrrci:
        return csr_alias(d, args);
    default: break;
    }
    return NULL;
}

/* ---- operands ---------------------------------------------------------------------------- */

static void fence_set(struct out *o, unsigned s)
{
    if (!s)
        put(o, "unknown");                              /* objdump's word for the empty set */
    else
        put(o, "%s%s%s%s", s & 8 ? "i" : "", s & 4 ? "o" : "", s & 2 ? "r" : "", s & 1 ? "w" : "");
}

static void target(struct out *o, uint64_t addr, rv_symbolizer *sym, void *arg)
{
    put(o, "%" PRIx64, addr);
    uint64_t off = 0;
    const char *name = sym ? sym(addr, &off, arg) : NULL;
    if (name && off)
        put(o, " <%s+0x%" PRIx64 ">", name, off);
    else if (name)
        put(o, " <%s>", name);
}

static void operands(struct out *o, const struct rv_insn *d, const char *args, uint64_t pc,
                     rv_symbolizer *sym, void *arg)
{
    int fmt = rv_insns[d->op].fmt, first = 1;
    for (const char *a = args; *a; a++) {
        if (*a == ',' || (*a == 'm' && d->rm == 7) || (*a == 'M' && d->rm == 0))
            continue;
        if (!first)
            put(o, ",");
        first = 0;
        switch (*a) {
        case 'd': put(o, "%s", rv_xreg_names[d->rd]); break;
        case 's': put(o, "%s", rv_xreg_names[d->rs1]); break;
        case 't': put(o, "%s", rv_xreg_names[d->rs2]); break;
        case 'D': put(o, "%s", rv_freg_names[d->rd]); break;
        case 'S': put(o, "%s", rv_freg_names[d->rs1]); break;
        case 'T': put(o, "%s", rv_freg_names[d->rs2]); break;
        case 'R': put(o, "%s", rv_freg_names[d->rs3]); break;
        case 'i':   /* shift amounts in hex, like objdump */
            if (fmt == FMT_SH || fmt == FMT_SHW)
                put(o, "0x%" PRIx64, (uint64_t)d->imm);
            else
                put(o, "%" PRId64, d->imm);
            break;
        case 'o': put(o, "%" PRId64 "(%s)", d->imm, rv_xreg_names[d->rs1]); break;
        case 'A': put(o, "(%s)", rv_xreg_names[d->rs1]); break;
        case 'b': case 'j': target(o, pc + (uint64_t)d->imm, sym, arg); break;
        case 'u': put(o, "0x%" PRIx32, (uint32_t)d->imm >> 12); break;
        case 'c': {
            const char *name = csr_name((unsigned)d->imm);
            if (name)
                put(o, "%s", name);
            else
                put(o, "0x%x", (unsigned)d->imm);
            break;
        }
        case 'z': put(o, "%d", d->rs1); break;
        case 'm': case 'M': put(o, "%s", rm_name[d->rm & 7]); break;
        case 'P': fence_set(o, (d->expanded >> 24) & 15); break;
        case 'Q': fence_set(o, (d->expanded >> 20) & 15); break;
        default: put(o, "?%c", *a); break;     /* a letter insn.def gained: teach it here */
        }
    }
}

/* ---- entry points ------------------------------------------------------------------------ */

static void disasm(struct out *o, const struct rv_insn *d, uint64_t pc, rv_symbolizer *sym,
                   void *arg)
{
    size_t start = o->len;
    if (d->op == RV_OP_ILLEGAL || d->op >= RV_OP_COUNT) {
        /* objdump: unimp for the all-zero halfword and for csrw cycle,zero, else raw data */
        if ((d->len == 2 && d->raw == 0) || (d->len == 4 && d->raw == 0xc0001073u))
            put(o, "unimp");
        else {
            put(o, "%s", d->len == 2 ? ".2byte" : ".4byte");
            pad_to(o, start, RV_DISASM_MNEMONIC_WIDTH);
            put(o, "0x%" PRIx32, d->raw);
        }
        return;
    }
    const char *args = rv_insns[d->op].args;
    const char *mn = alias(d, &args);
    if (mn)
        put(o, "%s", mn);
    else {
        for (const char *p = ids[d->op]; *p; p++)   /* the C id with '.' for '_' */
            put(o, "%c", *p == '_' ? '.' : *p);
        if (rv_insns[d->op].flags & F_ATOMIC) {     /* aq = bit 26, rl = bit 25 */
            static const char *const aqrl[4] = { "", ".rl", ".aq", ".aqrl" };
            put(o, "%s", aqrl[(d->expanded >> 25) & 3]);
        }
    }
    if (*args) {
        pad_to(o, start, RV_DISASM_MNEMONIC_WIDTH);
        operands(o, d, args, pc, sym, arg);
    }
}

int rv_disasm_sym(const struct rv_insn *d, uint64_t pc, rv_symbolizer *sym, void *arg,
                  char *buf, size_t n)
{
    struct out o = { buf, n, 0 };
    if (n)
        buf[0] = 0;
    disasm(&o, d, pc, sym, arg);
    return (int)o.len;
}

int rv_disasm(const struct rv_insn *d, uint64_t pc, char *buf, size_t n)
{
    return rv_disasm_sym(d, pc, NULL, NULL, buf, n);
}

int rv_disasm_line_sym(uint64_t pc, const struct rv_insn *d, rv_symbolizer *sym, void *arg,
                       char *buf, size_t n)
{
    struct out o = { buf, n, 0 };
    if (n)
        buf[0] = 0;
    /* QEMU: the address, then the encoding as a number in a field of 18 characters */
    put(&o, "0x%016" PRIx64 ":  ", pc);
    size_t start = o.len;
    if (d->len == 2)
        put(&o, "%04" PRIx32, d->raw & 0xffff);
    else
        put(&o, "%08" PRIx32, d->raw);
    pad_to(&o, start, 18);
    disasm(&o, d, pc, sym, arg);
    return (int)o.len;
}

int rv_disasm_line(uint64_t pc, const struct rv_insn *d, char *buf, size_t n)
{
    return rv_disasm_line_sym(pc, d, NULL, NULL, buf, n);
}
