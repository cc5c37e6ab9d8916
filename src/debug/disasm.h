/* The disassembler: a decoded instruction as text in GNU objdump's syntax (objdump's aliases,
 * ABI register names, absolute branch targets), and the whole line of QEMU's `-d in_asm` log.
 * Used by the logs (-d in_asm), the debugging options and the tests. */
#ifndef RV_DISASM_H
#define RV_DISASM_H
#include <stddef.h>
#include <stdint.h>
#include "decode/decode.h"

/* Optional symbolizer for branch and jump targets: the name of the symbol containing addr
 * (and *off = addr - its start), or NULL for none. The text then gets " <name+0xoff>". */
typedef const char *rv_symbolizer(uint64_t addr, uint64_t *off, void *arg);

/* ABI register names, as objdump prints them. */
extern const char *const rv_xreg_names[32];
extern const char *const rv_freg_names[32];

/* Width of the mnemonic field: "addi            sp,sp,-32". */
enum { RV_DISASM_MNEMONIC_WIDTH = 16 };
/* A buffer this large always holds rv_disasm_line()'s text without a symbol name. */
enum { RV_DISASM_LINE_MAX = 112 };

/* Writes the instruction decoded into *d, fetched at pc, to buf (at most n bytes, always
 * NUL-terminated when n > 0). Returns the length of the whole text, as snprintf does.
 * Illegal encodings print as objdump prints them: `.4byte 0x...`, `.2byte 0x...`, `unimp`. */
int rv_disasm(const struct rv_insn *d, uint64_t pc, char *buf, size_t n);
int rv_disasm_sym(const struct rv_insn *d, uint64_t pc, rv_symbolizer *sym, void *arg,
                  char *buf, size_t n);

/* The same as one line of QEMU's in_asm log (no newline):
 * "0x0000000000010430:  1101              addi            sp,sp,-32" */
int rv_disasm_line(uint64_t pc, const struct rv_insn *d, char *buf, size_t n);
int rv_disasm_line_sym(uint64_t pc, const struct rv_insn *d, rv_symbolizer *sym, void *arg,
                       char *buf, size_t n);

#endif
