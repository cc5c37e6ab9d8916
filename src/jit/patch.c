/* Patching one hole of a copied stencil: the relocation kinds gcc and clang emit for our
 * stencils on x86-64 and aarch64 (see tools/stencil-extract.c), each with its range check.
 * The value is S + A; P is the address the patched code runs at. */
#include <elf.h>
#include <string.h>
#include "jit/jit.h"

static int fits_signed(int64_t v, int bits)
{
    return v >= -((int64_t)1 << (bits - 1)) && v < ((int64_t)1 << (bits - 1));
}

static uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

static int patch_x86_64(uint8_t *p, uint64_t pc, unsigned type, uint64_t v)
{
    int64_t d;
    switch (type) {
    case R_X86_64_64:
        memcpy(p, &v, 8);
        return 0;
    case R_X86_64_PC32:
    case R_X86_64_PLT32:
        d = (int64_t)(v - pc);
        if (!fits_signed(d, 32))
            return -1;
        put32(p, (uint32_t)d);
        return 0;
    case R_X86_64_32:
        if (v > UINT32_MAX)
            return -1;
        put32(p, (uint32_t)v);
        return 0;
    case R_X86_64_32S:
        if (!fits_signed((int64_t)v, 32))
            return -1;
        put32(p, (uint32_t)v);
        return 0;
    }
    return -1;
}

/* instruction words in host order: both JIT hosts are little-endian */
static int patch_aarch64(uint8_t *p, uint64_t pc, unsigned type, uint64_t v)
{
    uint32_t insn = get32(p);
    int64_t d = (int64_t)(v - pc);
    int shift;
    switch (type) {
    case R_AARCH64_ABS64:
        memcpy(p, &v, 8);
        return 0;
    case R_AARCH64_JUMP26:
    case R_AARCH64_CALL26:
        if ((d & 3) || !fits_signed(d, 28))
            return -1;
        put32(p, (insn & 0xfc000000u) | ((uint32_t)(d >> 2) & 0x03ffffffu));
        return 0;
    case R_AARCH64_CONDBR19:
        if ((d & 3) || !fits_signed(d, 21))
            return -1;
        put32(p, (insn & ~(0x7ffffu << 5)) | (((uint32_t)(d >> 2) & 0x7ffffu) << 5));
        return 0;
    case R_AARCH64_MOVW_UABS_G0: if (v >> 16) return -1; shift = 0; break;
    case R_AARCH64_MOVW_UABS_G0_NC: shift = 0; break;
    case R_AARCH64_MOVW_UABS_G1: if (v >> 32) return -1; shift = 16; break;
    case R_AARCH64_MOVW_UABS_G1_NC: shift = 16; break;
    case R_AARCH64_MOVW_UABS_G2: if (v >> 48) return -1; shift = 32; break;
    case R_AARCH64_MOVW_UABS_G2_NC: shift = 32; break;
    case R_AARCH64_MOVW_UABS_G3: shift = 48; break;
    default:
        return -1;
    }
    put32(p, (insn & ~(0xffffu << 5)) | ((uint32_t)((v >> shift) & 0xffff) << 5));
    return 0;
}

int rv_jit_patch(int machine, uint8_t *p, uint64_t pc, unsigned type, uint64_t v)
{
    if (machine == EM_X86_64)
        return patch_x86_64(p, pc, type, v);
    if (machine == EM_AARCH64)
        return patch_aarch64(p, pc, type, v);
    return -1;
}

int rv_jit_is_branch(int machine, unsigned type)
{
    return machine == EM_X86_64 ? type == R_X86_64_PLT32 || type == R_X86_64_PC32
                                : type == R_AARCH64_JUMP26 || type == R_AARCH64_CALL26 ||
                                  type == R_AARCH64_CONDBR19;
}

/* An absolute jump to target in 16 bytes, for helpers out of branch range */
void rv_jit_veneer(int machine, uint8_t *p, uint64_t target)
{
    memset(p, 0, 16);
    if (machine == EM_X86_64) {
        static const uint8_t jmp_rip[6] = { 0xff, 0x25, 0, 0, 0, 0 };   /* jmp *0(%rip) */
        memcpy(p, jmp_rip, 6);
        memcpy(p + 6, &target, 8);
    } else {
        put32(p, 0x58000050u);          /* ldr x16, .+8 (x16: the veneer scratch register) */
        put32(p + 4, 0xd61f0200u);      /* br x16 */
        memcpy(p + 8, &target, 8);
    }
}
