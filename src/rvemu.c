/* rvemu: run a riscv64 Linux program on this host. main() only parses the command line and
 * hands over to the process layer. */
#include <stdlib.h>
#include "options.h"
#include "linux/process.h"

extern char **environ;

int main(int argc, char **argv)
{
    struct rv_cmdline c;
    int r = rv_parse_cmdline(argc, argv, &c);
    if (r != 0) {
        rv_free_cmdline(&c);
        return r > 0 ? 0 : 1;
    }
    static struct rv_machine m;
    static struct rv_cpu cpu;
    m.opts = c.opts;
    char **env = rv_guest_env(&c, environ);
    char **args = argv + c.prog;
    const char *path = args[0];
    if (c.opts.argv0)
        args[0] = (char *)c.opts.argv0;
    if (env && rv_process_load(&m, &cpu, path, args, env) == 0)
        rv_process_run(&m, &cpu);           /* ends the process */
    rv_process_free(&m, &cpu);
    free(env);
    rv_free_cmdline(&c);
    return 1;
}
