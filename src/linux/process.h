/* Starting a guest process and running it to its end. */
#ifndef RV_PROCESS_H
#define RV_PROCESS_H
#include "rv.h"

/* Loads path into a fresh machine and builds its stack; on failure prints one line naming the
 * file and the reason and returns -1. */
int rv_process_load(struct rv_machine *m, struct rv_cpu *cpu, const char *path,
                    char *const argv[], char *const envp[]);
/* Runs the loaded program's main thread on this host thread; never returns: the process
 * ends with the guest's exit status, or dies of the guest's fatal signal. */
int rv_process_run(struct rv_machine *m, struct rv_cpu *cpu) __attribute__((noreturn));
/* The run loop of one guest thread, until it exits (signals delivered on the way). */
void rv_thread_run(struct rv_cpu *cpu);
/* Ends the calling guest thread (and the process with its last thread or exit_group). */
void rv_thread_exit(struct rv_cpu *cpu) __attribute__((noreturn));
void rv_thread_unlink(struct rv_cpu *cpu);

/* Releases what rv_process_load() allocated. */
void rv_process_free(struct rv_machine *m, struct rv_cpu *cpu);

#endif
