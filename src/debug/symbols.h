/* Guest symbol names from ELF symbol tables, for logs ("IN: main") and the disassembler. */
#ifndef RV_SYMBOLS_H
#define RV_SYMBOLS_H
#include <stdint.h>

struct rv_symtab;
/* Adds the function symbols of the ELF file at path, shifted by bias. Missing or stripped
 * tables are not an error: the log just has no names. */
void rv_syms_load(struct rv_symtab **t, const char *path, uint64_t bias);
/* The symbol holding addr (and addr's offset in it), or NULL. */
const char *rv_syms_find(const struct rv_symtab *t, uint64_t addr, uint64_t *off);
void rv_syms_free(struct rv_symtab *t);
struct rv_machine;
/* A file mapped executable at addr (file offset off): its symbols join the table when the
 * logs want names (ld.so maps the libraries this way). */
void rv_syms_note_mapping(struct rv_machine *m, int fd, uint64_t addr, uint64_t off);

#endif
