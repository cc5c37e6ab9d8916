/* Turning host faults in guest memory into guest faults. */
#ifndef RV_FAULT_H
#define RV_FAULT_H
#include "interp/cpu.h"
#include "interp/mem.h"

/* The cpu running on this host thread, for the fault handler. */
extern __thread struct rv_cpu *rv_current_cpu;
void rv_fault_init(struct rv_mem *m);

#endif
