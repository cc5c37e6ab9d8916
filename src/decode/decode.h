/* Decoding riscv64 instructions into operation records, from the one instruction table
 * (insn.def). Compressed encodings are expanded to their 32-bit twins first. */
#ifndef RV_DECODE_H
#define RV_DECODE_H
#include <stdint.h>

enum rv_op {
    RV_OP_ILLEGAL = 0,
#define INSN(id, mask, match, fmt, ext, flags, args) RV_OP_##id,
#include "decode/insn.def"
#undef INSN
    RV_OP_COUNT
};

enum rv_fmt { FMT_R, FMT_R4, FMT_I, FMT_SH, FMT_SHW, FMT_S, FMT_B, FMT_U, FMT_J,
              FMT_CSR, FMT_CSRI, FMT_NONE };
enum rv_ext { EXT_I, EXT_M, EXT_A, EXT_F, EXT_D, EXT_ZICSR, EXT_ZIFENCEI,
              EXT_ZBA, EXT_ZBB, EXT_ZBS };
enum {
    F_BRANCH = 1 << 0,  /* conditional branch */
    F_JUMP = 1 << 1,    /* jal, jalr */
    F_END = 1 << 2,     /* ends a block */
    F_LOAD = 1 << 3,
    F_STORE = 1 << 4,
    F_ATOMIC = 1 << 5,
    F_FP = 1 << 6,
    F_RM = 1 << 7,      /* has a rounding-mode field */
    F_TRAP = 1 << 8,    /* ecall, ebreak */
    F_CSR = 1 << 9,
};

struct rv_insn_info {
    const char *name;   /* assembler mnemonic */
    uint32_t mask, match;
    uint8_t fmt, ext;
    uint16_t flags;
    const char *args;   /* operand syntax, see insn.def */
};

/* One decoded instruction. imm is sign-extended (csr number for Zicsr, shamt for shifts). */
struct rv_insn {
    uint16_t op;        /* enum rv_op; RV_OP_ILLEGAL for reserved or unknown encodings */
    uint8_t len;        /* 2 or 4 */
    uint8_t rd, rs1, rs2, rs3, rm;
    int64_t imm;
    uint32_t raw;       /* the encoding as fetched (16 bits for compressed) */
    uint32_t expanded;  /* the 32-bit encoding it was decoded as */
};

extern const struct rv_insn_info rv_insns[RV_OP_COUNT];

/* Decodes the instruction whose first bytes are `raw` (low 16 bits suffice for a compressed
 * one). Always fills *d; returns d->op. */
int rv_decode(uint32_t raw, struct rv_insn *d);
/* Length in bytes of the instruction starting with halfword `lo`. */
static inline int rv_insn_len(uint16_t lo) { return (lo & 3) == 3 ? 4 : 2; }
/* The 32-bit twin of a compressed instruction, or 0 when it is reserved or illegal. */
uint32_t rv_expand_rvc(uint16_t c);
/* CSRs a user program may touch. */
enum { CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003,
       CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02 };

#endif
