/* Expansion of the RV64C compressed encodings into their 32-bit twins, so that every later
 * stage sees one kind of instruction. Reserved encodings expand to 0 (illegal); HINTs expand
 * to the harmless instruction they are encoded as. */
#include "decode/decode.h"

#define BITS(v, hi, lo) (((uint32_t)(v) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))
#define BIT(v, n) (((uint32_t)(v) >> (n)) & 1u)

static uint32_t enc_r(uint32_t opc, int rd, int f3, int rs1, int rs2, uint32_t f7)
{
    return opc | (uint32_t)rd << 7 | (uint32_t)f3 << 12 | (uint32_t)rs1 << 15 |
           (uint32_t)rs2 << 20 | f7 << 25;
}

static uint32_t enc_i(uint32_t opc, int rd, int f3, int rs1, int32_t imm)
{
    return opc | (uint32_t)rd << 7 | (uint32_t)f3 << 12 | (uint32_t)rs1 << 15 |
           ((uint32_t)imm & 0xfff) << 20;
}

static uint32_t enc_s(uint32_t opc, int f3, int rs1, int rs2, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return opc | (u & 31) << 7 | (uint32_t)f3 << 12 | (uint32_t)rs1 << 15 |
           (uint32_t)rs2 << 20 | ((u >> 5) & 127) << 25;
}

static uint32_t enc_b(int f3, int rs1, int rs2, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return 0x63 | BIT(u, 11) << 7 | BITS(u, 4, 1) << 8 | (uint32_t)f3 << 12 |
           (uint32_t)rs1 << 15 | (uint32_t)rs2 << 20 | BITS(u, 10, 5) << 25 | BIT(u, 12) << 31;
}

static uint32_t enc_j(int rd, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return 0x6f | (uint32_t)rd << 7 | BITS(u, 19, 12) << 12 | BIT(u, 11) << 20 |
           BITS(u, 10, 1) << 21 | BIT(u, 20) << 31;
}

static int32_t sext(uint32_t v, int bits)
{
    return (int32_t)(v << (32 - bits)) >> (32 - bits);
}

enum { OPC_LOAD = 0x03, OPC_LOADFP = 0x07, OPC_OPIMM = 0x13, OPC_OPIMM32 = 0x1b,
       OPC_STORE = 0x23, OPC_STOREFP = 0x27, OPC_OP = 0x33, OPC_LUI = 0x37, OPC_OP32 = 0x3b,
       OPC_JALR = 0x67 };

static uint32_t quadrant0(uint16_t c)
{
    int rd = 8 + BITS(c, 4, 2), rs1 = 8 + BITS(c, 9, 7);
    uint32_t uw = BITS(c, 12, 10) << 3 | BIT(c, 6) << 2 | BIT(c, 5) << 6;  /* lw/sw offsets */
    uint32_t ud = BITS(c, 12, 10) << 3 | BITS(c, 6, 5) << 6;             /* ld/sd offsets */
    switch (BITS(c, 15, 13)) {
    case 0: {
        uint32_t imm = BITS(c, 12, 11) << 4 | BITS(c, 10, 7) << 6 | BIT(c, 6) << 2 | BIT(c, 5) << 3;
        return imm ? enc_i(OPC_OPIMM, rd, 0, 2, (int32_t)imm) : 0;       /* c.addi4spn */
    }
    case 1: return enc_i(OPC_LOADFP, rd, 3, rs1, (int32_t)ud);            /* c.fld */
    case 2: return enc_i(OPC_LOAD, rd, 2, rs1, (int32_t)uw);              /* c.lw */
    case 3: return enc_i(OPC_LOAD, rd, 3, rs1, (int32_t)ud);              /* c.ld */
    case 5: return enc_s(OPC_STOREFP, 3, rs1, rd, (int32_t)ud);           /* c.fsd */
    case 6: return enc_s(OPC_STORE, 2, rs1, rd, (int32_t)uw);             /* c.sw */
    case 7: return enc_s(OPC_STORE, 3, rs1, rd, (int32_t)ud);             /* c.sd */
    default: return 0;
    }
}

static uint32_t quadrant1(uint16_t c)
{
    int rd = BITS(c, 11, 7), rdp = 8 + BITS(c, 9, 7), rs2p = 8 + BITS(c, 4, 2);
    int32_t imm6 = sext(BIT(c, 12) << 5 | BITS(c, 6, 2), 6);
    switch (BITS(c, 15, 13)) {
    case 0: return enc_i(OPC_OPIMM, rd, 0, rd, imm6);                     /* c.addi, c.nop */
    case 1: return rd ? enc_i(OPC_OPIMM32, rd, 0, rd, imm6) : 0;          /* c.addiw */
    case 2: return enc_i(OPC_OPIMM, rd, 0, 0, imm6);                      /* c.li */
    case 3:
        if (rd == 2) {                                                    /* c.addi16sp */
            int32_t imm = sext(BIT(c, 12) << 9 | BIT(c, 6) << 4 | BIT(c, 5) << 6 |
                               BITS(c, 4, 3) << 7 | BIT(c, 2) << 5, 10);
            return imm ? enc_i(OPC_OPIMM, 2, 0, 2, imm) : 0;
        }
        if (imm6 == 0)
            return 0;                                                     /* c.lui */
        return OPC_LUI | (uint32_t)rd << 7 | ((uint32_t)imm6 & 0xfffff) << 12;
    case 4: {
        uint32_t shamt = BIT(c, 12) << 5 | BITS(c, 6, 2);
        switch (BITS(c, 11, 10)) {
        case 0: return enc_i(OPC_OPIMM, rdp, 5, rdp, (int32_t)shamt);     /* c.srli */
        case 1: return enc_i(OPC_OPIMM, rdp, 5, rdp, (int32_t)(shamt | 0x400)); /* c.srai */
        case 2: return enc_i(OPC_OPIMM, rdp, 7, rdp, imm6);               /* c.andi */
        default: {
            static const uint8_t f3[4] = { 0, 4, 6, 7 };                  /* sub xor or and */
            int sel = BITS(c, 6, 5);
            if (!BIT(c, 12))
                return enc_r(OPC_OP, rdp, f3[sel], rdp, rs2p, sel == 0 ? 0x20 : 0);
            if (sel >= 2)
                return 0;
            return enc_r(OPC_OP32, rdp, 0, rdp, rs2p, sel == 0 ? 0x20 : 0); /* c.subw, c.addw */
        }
        }
    }
    case 5: {                                                             /* c.j */
        int32_t off = sext(BIT(c, 12) << 11 | BIT(c, 11) << 4 | BITS(c, 10, 9) << 8 |
                           BIT(c, 8) << 10 | BIT(c, 7) << 6 | BIT(c, 6) << 7 |
                           BITS(c, 5, 3) << 1 | BIT(c, 2) << 5, 12);
        return enc_j(0, off);
    }
    default: {                                                            /* c.beqz, c.bnez */
        int32_t off = sext(BIT(c, 12) << 8 | BITS(c, 11, 10) << 3 | BITS(c, 6, 5) << 6 |
                           BITS(c, 4, 3) << 1 | BIT(c, 2) << 5, 9);
        return enc_b(BITS(c, 15, 13) == 6 ? 0 : 1, rdp, 0, off);
    }
    }
}

static uint32_t quadrant2(uint16_t c)
{
    int rd = BITS(c, 11, 7), rs2 = BITS(c, 6, 2);
    uint32_t lw = BIT(c, 12) << 5 | BITS(c, 6, 4) << 2 | BITS(c, 3, 2) << 6;
    uint32_t ld = BIT(c, 12) << 5 | BITS(c, 6, 5) << 3 | BITS(c, 4, 2) << 6;
    uint32_t sw = BITS(c, 12, 9) << 2 | BITS(c, 8, 7) << 6;
    uint32_t sd = BITS(c, 12, 10) << 3 | BITS(c, 9, 7) << 6;
    switch (BITS(c, 15, 13)) {
    case 0: return enc_i(OPC_OPIMM, rd, 1, rd, (int32_t)(BIT(c, 12) << 5 | BITS(c, 6, 2))); /* c.slli */
    case 1: return enc_i(OPC_LOADFP, rd, 3, 2, (int32_t)ld);              /* c.fldsp */
    case 2: return rd ? enc_i(OPC_LOAD, rd, 2, 2, (int32_t)lw) : 0;       /* c.lwsp */
    case 3: return rd ? enc_i(OPC_LOAD, rd, 3, 2, (int32_t)ld) : 0;       /* c.ldsp */
    case 4:
        if (!BIT(c, 12)) {
            if (rs2)
                return enc_r(OPC_OP, rd, 0, 0, rs2, 0);                   /* c.mv */
            return rd ? enc_i(OPC_JALR, 0, 0, rd, 0) : 0;                 /* c.jr */
        }
        if (rs2)
            return enc_r(OPC_OP, rd, 0, rd, rs2, 0);                      /* c.add */
        if (rd)
            return enc_i(OPC_JALR, 1, 0, rd, 0);                          /* c.jalr */
        return 0x00100073;                                                /* c.ebreak */
    case 5: return enc_s(OPC_STOREFP, 3, 2, rs2, (int32_t)sd);            /* c.fsdsp */
    case 6: return enc_s(OPC_STORE, 2, 2, rs2, (int32_t)sw);              /* c.swsp */
    default: return enc_s(OPC_STORE, 3, 2, rs2, (int32_t)sd);             /* c.sdsp */
    }
}

uint32_t rv_expand_rvc(uint16_t c)
{
    switch (c & 3) {
    case 0: return c == 0 ? 0 : quadrant0(c);
    case 1: return quadrant1(c);
    case 2: return quadrant2(c);
    default: return 0;
    }
}
