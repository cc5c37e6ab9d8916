/* Command-line options, QEMU's names where they exist. */
#ifndef RV_OPTIONS_H
#define RV_OPTIONS_H
#include "rv.h"

struct rv_cmdline {
    struct rv_opts opts;
    char **env_set;     /* -E var=value, in order */
    char **env_unset;   /* -U var */
    int nset, nunset;
    int prog;           /* index in argv of the program */
};

/* Parses argv. Returns 0 to run argv[prog], 1 when --help/--version was handled (exit 0),
 * or -1 after printing a one-line error (exit 1). */
int rv_parse_cmdline(int argc, char **argv, struct rv_cmdline *c);
void rv_free_cmdline(struct rv_cmdline *c);
/* The guest environment: the host's, with -U and -E applied. */
char **rv_guest_env(const struct rv_cmdline *c, char **host);
/* Parses a size such as 8M, 1G, 65536; -1 when malformed. */
int64_t rv_parse_size(const char *s);

#endif
