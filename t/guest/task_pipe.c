/* Helper of task_pipeline.sh (not a test by itself): one guest filter per mode, for
 * pipelines of several emulated processes.
 *   gen N       prints "line 1" .. "line N"
 *   filter K    keeps the lines whose number is a multiple of K, upper-cased
 *   sum         prints "count C sum S" of the numbers on its input lines
 *   head N      copies the first N lines and exits without reading the rest */
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    alarm(20);
    signal(SIGPIPE, SIG_DFL); /* even if the caller ignores it: writers die when head exits */
    if (argc < 2)
        return 2;
    char line[256];
    long n = argc > 2 ? atol(argv[2]) : 0;
    if (strcmp(argv[1], "gen") == 0) {
        for (long i = 1; i <= n; i++)
            if (printf("line %ld\n", i) < 0)
                return 1;
        return fflush(stdout) == 0 ? 0 : 1;
    }
    if (strcmp(argv[1], "filter") == 0) {
        while (fgets(line, sizeof line, stdin)) {
            long v = atol(line + 5);
            if (n > 0 && v % n == 0) {
                for (char *p = line; *p; p++)
                    *p = (char)toupper((unsigned char)*p);
                fputs(line, stdout);
            }
        }
        return 0;
    }
    if (strcmp(argv[1], "sum") == 0) {
        long count = 0, sum = 0;
        while (fgets(line, sizeof line, stdin)) {
            count++;
            sum += atol(line + 5);
        }
        printf("count %ld sum %ld\n", count, sum);
        return 0;
    }
    if (strcmp(argv[1], "head") == 0) {
        for (long i = 0; i < n && fgets(line, sizeof line, stdin); i++)
            fputs(line, stdout);
        return 0;
    }
    return 2;
}
