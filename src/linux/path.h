/* Mapping guest paths to host paths (the -L prefix, /proc/self/exe). */
#ifndef RV_PATH_H
#define RV_PATH_H
#include <stddef.h>
#include "rv.h"

/* The sysroot to use: the given one, or the first of the usual cross sysroots that exists;
 * an absolute path (malloc'ed) or NULL. */
char *rv_prefix_resolve(const char *given);
/* Maps a guest path to the host path to use: 0 or a negative errno. */
int rv_path_map(const struct rv_machine *m, const char *in, char *out, size_t cap);

#endif
