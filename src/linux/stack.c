/* The initial stack of a new program, laid out as Linux's create_elf_tables does: argc, argv,
 * envp, auxv, then the strings and AT_RANDOM bytes above them; sp 16-byte aligned. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>
#include "linux/stack.h"

enum { AT_NULL_ = 0, AT_PHDR_ = 3, AT_PHENT_ = 4, AT_PHNUM_ = 5, AT_PAGESZ_ = 6, AT_BASE_ = 7,
       AT_FLAGS_ = 8, AT_ENTRY_ = 9, AT_UID_ = 11, AT_EUID_ = 12, AT_GID_ = 13, AT_EGID_ = 14,
       AT_HWCAP_ = 16, AT_CLKTCK_ = 17, AT_SECURE_ = 23, AT_RANDOM_ = 25, AT_EXECFN_ = 31 };

/* one bit per single-letter extension: I, M, A, F, D, C */
#define HWCAP_IMAFDC ((1u << ('I' - 'A')) | (1u << ('M' - 'A')) | (1u << ('A' - 'A')) | \
                      (1u << ('F' - 'A')) | (1u << ('D' - 'A')) | (1u << ('C' - 'A')))

static uint64_t push_str(struct rv_mem *m, uint64_t *sp, const char *s)
{
    size_t n = strlen(s) + 1;
    *sp -= n;
    memcpy(rv_g2h(m, *sp), s, n);
    return *sp;
}

int rv_stack_setup(struct rv_machine *m, struct rv_cpu *cpu, const struct rv_image *exe,
                   uint64_t interp_base, char *const argv[], char *const envp[],
                   const char *execfn)
{
    struct rv_mem *mem = &m->mem;
    uint64_t size = RV_PAGE_UP(m->opts.stack_size), top = mem->size;
    int argc = 0, envc = 0;
    size_t strings = strlen(execfn) + 1 + 16 + 64;
    while (argv[argc])
        strings += strlen(argv[argc++]) + 1;
    while (envp[envc])
        strings += strlen(envp[envc++]) + 1;
    size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + 2 * 18;
    if (strings + words * 8 + 256 > size / 2)
        return -E2BIG;
    int64_t r = rv_mem_map(mem, top - size, size, PROT_READ | PROT_WRITE,
                           MAP_FIXED | MAP_PRIVATE | MAP_NORESERVE, -1, 0, RV_VMA_STACK);
    if (r < 0)
        return (int)r;

    uint64_t sp = top;
    uint64_t execfn_at = push_str(mem, &sp, execfn);
    uint64_t envs[envc + 1], args[argc + 1];
    for (int i = envc - 1; i >= 0; i--)
        envs[i] = push_str(mem, &sp, envp[i]);
    for (int i = argc - 1; i >= 0; i--)
        args[i] = push_str(mem, &sp, argv[i]);
    sp &= ~(uint64_t)15;
    sp -= 16;
    uint64_t random_at = sp;
    if (getrandom(rv_g2h(mem, sp), 16, 0) != 16)
        memset(rv_g2h(mem, sp), 0x5a, 16);

    uint64_t aux[][2] = {
        { AT_PHDR_, exe->phdr }, { AT_PHENT_, exe->phent }, { AT_PHNUM_, exe->phnum },
        { AT_PAGESZ_, RV_PAGE_SIZE }, { AT_BASE_, interp_base }, { AT_FLAGS_, 0 },
        { AT_ENTRY_, exe->entry }, { AT_UID_, getuid() }, { AT_EUID_, geteuid() },
        { AT_GID_, getgid() }, { AT_EGID_, getegid() }, { AT_SECURE_, 0 },
        { AT_CLKTCK_, (uint64_t)sysconf(_SC_CLK_TCK) }, { AT_RANDOM_, random_at },
        { AT_HWCAP_, HWCAP_IMAFDC }, { AT_EXECFN_, execfn_at }, { AT_NULL_, 0 },
    };
    size_t naux = sizeof aux / sizeof aux[0];
    size_t n = 1 + (size_t)argc + 1 + (size_t)envc + 1 + 2 * naux;
    sp = (sp - n * 8) & ~(uint64_t)15;
    /* the words are little-endian guest memory */
    unsigned char *w = rv_g2h(mem, sp);
    rv_st64(w, (uint64_t)argc), w += 8;
    for (int i = 0; i < argc; i++)
        rv_st64(w, args[i]), w += 8;
    rv_st64(w, 0), w += 8;
    for (int i = 0; i < envc; i++)
        rv_st64(w, envs[i]), w += 8;
    rv_st64(w, 0), w += 8;
    for (size_t i = 0; i < naux; i++, w += 16)
        rv_st64(w, aux[i][0]), rv_st64(w + 8, aux[i][1]);
    m->start_stack = sp;
    m->arg_start = argc ? args[0] : envc ? envs[0] : execfn_at;
    m->arg_end = m->env_start = envc ? envs[0] : execfn_at;
    m->env_end = execfn_at;
    m->auxv = sp + 8 * (3 + (uint64_t)argc + (uint64_t)envc);
    m->auxv_len = sizeof aux;

    memset(cpu->x, 0, sizeof cpu->x);
    cpu->x[2] = sp;
    cpu->x[10] = 0;     /* rtld_fini: none */
    return 0;
}
