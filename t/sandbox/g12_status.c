/* Cases 12 and 25: executable guest memory (an RWX mapping, mprotect to RX, code written and
 * run... by the interpreter) must not become executable host memory; and the state of the
 * rvemu process seen from outside. Prints "ready", then waits to be looked at. */
#include "hostile.h"
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>

int main(void)
{
    /* addi a0, a0, 1; ret */
    static const uint32_t code[] = { 0x00150513, 0x00008067 };
    unsigned char *p = (unsigned char *)syscall(SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap rwx: %s\n", p == MAP_FAILED ? ename(errno) : "ok");
    if (p != MAP_FAILED) {
        memcpy(p, code, sizeof code);
        __builtin___clear_cache((char *)p, (char *)p + sizeof code);
        int (*f)(int) = (int (*)(int))(uintptr_t)p;
        printf("generated code runs: %d\n", f(41));
        TRY("mprotect rx", syscall(SYS_mprotect, p, 8192, PROT_READ | PROT_EXEC));
        TRY("mprotect rwx", syscall(SYS_mprotect, p, 8192, PROT_READ | PROT_WRITE | PROT_EXEC));
    }
    puts("ready");
    fflush(stdout);
    struct timespec t = { 10, 0 };
    nanosleep(&t, NULL);
    return 0;
}
