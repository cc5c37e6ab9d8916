/* Table-driven decoder: the rows of insn.def, bucketed by major opcode, most specific mask
 * first; operands extracted by format. Illegal encodings decode to RV_OP_ILLEGAL so that they
 * trap only if executed. */
#include "config.h"
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "decode/decode.h"

#define MNEMONIC(id) #id
static char names[RV_OP_COUNT][16];

const struct rv_insn_info rv_insns[RV_OP_COUNT] = {
    [RV_OP_ILLEGAL] = { "illegal", 0, 0, FMT_NONE, EXT_I, F_END | F_TRAP, "" },
#define INSN(id, mask, match, fmt, ext, flags, args) \
    [RV_OP_##id] = { names[RV_OP_##id], mask, match, FMT_##fmt, EXT_##ext, flags, args },
#include "decode/insn.def"
#undef INSN
};

#ifndef RV_SMALL      /* the names are for the logs and the disassembler */
static const char *const ids[RV_OP_COUNT] = {
#define INSN(id, mask, match, fmt, ext, flags, args) [RV_OP_##id] = MNEMONIC(id),
#include "decode/insn.def"
#undef INSN
};
#endif

/* Rows by major opcode (bits 6:2) and funct3 (bits 14:12), sorted so that narrower matches
 * come first; a row whose mask leaves funct3 free sits in all eight of its opcode's buckets. */
#define BUCKET(w) ((((w) >> 2) & 31) | (((w) >> 7) & 0xe0))
/* packed: bucket b's rows are rows[start[b] .. start[b] + bucket_len[b]) (1.5 KiB where a
 * 256 x 48 array took 24 KiB of every process's memory) */
static uint16_t rows[RV_OP_COUNT * 8];
static uint16_t start[256], bucket_len[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int popcount32(uint32_t v)
{
#if defined(__GNUC__)
    return __builtin_popcount(v);
#else
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
#endif
}

static void decode_init(void)
{
    /* runs at every start: the mask widths are counted once, not at each comparison */
    static uint8_t width[RV_OP_COUNT];
    for (int op = 1; op < RV_OP_COUNT; op++)
        width[op] = (uint8_t)popcount32(rv_insns[op].mask);
    /* where each bucket starts: the rows each one will hold, counted first */
    static uint16_t count[256];
    for (int op = 1; op < RV_OP_COUNT; op++)
        for (uint32_t f3 = 0; f3 < 8; f3++) {
            uint32_t m = rv_insns[op].match, mask = rv_insns[op].mask;
            if (!(mask & 0x7000) || ((m >> 12) & 7) == f3)
                count[BUCKET((m & ~0x7000u) | f3 << 12)]++;
        }
    for (int b = 1; b < 256; b++)
        start[b] = (uint16_t)(start[b - 1] + count[b - 1]);
    strcpy(names[RV_OP_ILLEGAL], "illegal");
    for (int op = 1; op < RV_OP_COUNT; op++) {
#ifndef RV_SMALL
        /* the mnemonic is the C id with '_' for '.' */
        size_t i = 0;
        for (; ids[op][i] && i < sizeof names[op] - 1; i++)
            names[op][i] = ids[op][i] == '_' ? '.' : ids[op][i];
        names[op][i] = 0;
#endif
        for (uint32_t f3 = 0; f3 < 8; f3++) {
            uint32_t m = rv_insns[op].match, mask = rv_insns[op].mask;
            if ((mask & 0x7000) && ((m >> 12) & 7) != f3)
                continue;
            int b = BUCKET((m & ~0x7000u) | f3 << 12);
            uint16_t *row = rows + start[b];
            int n = bucket_len[b]++;
            while (n > 0 && width[row[n - 1]] < width[op]) {
                row[n] = row[n - 1];
                n--;
            }
            row[n] = (uint16_t)op;
        }
    }
}

/* The names must be there before anyone reads the table, decoding or not. */
__attribute__((constructor)) static void decode_ready(void)
{
    pthread_once(&once, decode_init);
}

static inline int64_t sext(uint64_t v, int bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static bool csr_ok(int op, uint32_t csr, int rs1)
{
    bool writes = op == RV_OP_csrrw || op == RV_OP_csrrwi || rs1 != 0;
    switch (csr) {
    case CSR_FFLAGS: case CSR_FRM: case CSR_FCSR: return true;
    case CSR_CYCLE: case CSR_TIME: case CSR_INSTRET: return !writes;
    default: return false;
    }
}

static int decode32(uint32_t w, struct rv_insn *d)
{
    int b = BUCKET(w), op = RV_OP_ILLEGAL;
    if ((w & 3) != 3)
        return RV_OP_ILLEGAL;
    const uint16_t *row = rows + start[b];
    for (int i = 0; i < bucket_len[b]; i++) {
        const struct rv_insn_info *in = &rv_insns[row[i]];
        if ((w & in->mask) == in->match) { op = row[i]; break; }
    }
    if (op == RV_OP_ILLEGAL)
        return op;
    const struct rv_insn_info *in = &rv_insns[op];
    d->rd = (w >> 7) & 31;
    d->rs1 = (w >> 15) & 31;
    d->rs2 = (w >> 20) & 31;
    d->rs3 = (w >> 27) & 31;
    d->rm = (w >> 12) & 7;
    switch (in->fmt) {
    case FMT_I: case FMT_CSR: case FMT_CSRI: d->imm = sext(w >> 20, 12); break;
    case FMT_SH: d->imm = (w >> 20) & 63; break;
    case FMT_SHW: d->imm = (w >> 20) & 31; break;
    case FMT_S: d->imm = sext(((w >> 25) << 5) | ((w >> 7) & 31), 12); break;
    case FMT_B:
        d->imm = sext(((w >> 31) << 12) | (((w >> 7) & 1) << 11) | (((w >> 25) & 63) << 5) |
                      (((w >> 8) & 15) << 1), 13);
        break;
    case FMT_U: d->imm = (int32_t)(w & 0xfffff000u); break;
    case FMT_J:
        d->imm = sext(((w >> 31) << 20) | (((w >> 12) & 255) << 12) | (((w >> 20) & 1) << 11) |
                      (((w >> 21) & 1023) << 1), 21);
        break;
    default: d->imm = 0; break;
    }
    if (in->fmt == FMT_CSR || in->fmt == FMT_CSRI) {
        d->imm = (w >> 20) & 0xfff;
        if (!csr_ok(op, (uint32_t)d->imm, d->rs1))
            return RV_OP_ILLEGAL;
    }
    /* rounding modes 5 and 6 are reserved: illegal whatever the instruction */
    if ((in->flags & F_RM) && (d->rm == 5 || d->rm == 6))
        return RV_OP_ILLEGAL;
    return op;
}

int rv_decode(uint32_t raw, struct rv_insn *d)
{
    pthread_once(&once, decode_init);
    memset(d, 0, sizeof *d);
    if ((raw & 3) != 3) {
        d->len = 2;
        d->raw = raw & 0xffff;
        d->expanded = rv_expand_rvc((uint16_t)raw);
    } else {
        d->len = 4;
        d->raw = d->expanded = raw;
    }
    d->op = d->expanded ? (uint16_t)decode32(d->expanded, d) : RV_OP_ILLEGAL;
    return d->op;
}
