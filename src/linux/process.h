/* Starting a guest process and running it to its end. */
#ifndef RV_PROCESS_H
#define RV_PROCESS_H
#include "rv.h"

/* Loads path into a fresh machine and builds its stack; on failure prints one line naming the
 * file and the reason and returns -1. */
int rv_process_load(struct rv_machine *m, struct rv_cpu *cpu, const char *path,
                    char *const argv[], char *const envp[]);
/* Runs the loaded program on this thread; returns its exit status or, for a guest killed by
 * a signal, dies of that signal after a one-line message. */
int rv_process_run(struct rv_machine *m, struct rv_cpu *cpu);

/* Releases what rv_process_load() allocated. */
void rv_process_free(struct rv_machine *m);

#endif
