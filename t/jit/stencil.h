/* Shared by the stencil-extract fixtures sample.c and bad.c: the stencil prototype, the hole
 * declarations and the HOLE31/HOLE64 macros of the JIT design. */
#include <stdint.h>

struct cpu { uint64_t x[33]; uint64_t pc; int pending; };
typedef uintptr_t stfn(struct cpu *, unsigned char *);
extern stfn J_next, J_taken;
extern char H_rd[1], H_rs1[1], H_rs2[1], H_imm[1], H_msize[1], H_pc[1];
extern uintptr_t helper_fault(struct cpu *, uint64_t);
extern void helper_note(uint64_t *);

#if defined(__x86_64__)
#define HOLE31(s) ((uintptr_t)(s))
#define HOLE64(s) ({ uint64_t v_; __asm__("movabsq $" #s ", %0" : "=r"(v_)); v_; })
#elif defined(__aarch64__)
#define HOLE31(s) ({ uint64_t v_; __asm__("movz %0, #:abs_g1:" #s "\n\tmovk %0, #:abs_g0_nc:" #s : "=r"(v_)); v_; })
#define HOLE64(s) ({ uint64_t v_; __asm__("movz %0, #:abs_g3:" #s "\n\tmovk %0, #:abs_g2_nc:" #s \
                     "\n\tmovk %0, #:abs_g1_nc:" #s "\n\tmovk %0, #:abs_g0_nc:" #s : "=r"(v_)); v_; })
#endif
#define X(h) (*(uint64_t *)((char *)cpu + HOLE31(h)))
