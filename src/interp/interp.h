/* Running guest code. */
#ifndef RV_INTERP_H
#define RV_INTERP_H
#include "interp/cpu.h"

/* Runs cpu until a guest fault (RV_EXIT_FAULT, cpu->sig* and pc set), a stop request
 * (RV_EXIT_NONE, cpu->pending) or the thread's exit (RV_EXIT_HALT). rv_run(NULL) only
 * publishes the handler table; call it once before decoding any block. */
enum rv_exit rv_run(struct rv_cpu *cpu);

struct rv_rec;
/* Executes the CSR instruction of record r (any of the six forms); returns the value for rd. */
uint64_t rv_csr_op(struct rv_cpu *cpu, const struct rv_rec *r);

#endif
