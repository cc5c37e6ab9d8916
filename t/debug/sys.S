/* sys.S - syscalls with successes and errors for the golden -strace test: no libc, so every
 * argument and result is the same on every run (the pid is masked by the test). */
        .option norvc
        .text
        .globl _start
_start:
        li      a0, -100                /* openat(AT_FDCWD, "missing", O_RDONLY) = ENOENT */
        lla     a1, missing
        li      a2, 0
        li      a7, 56
        ecall
        li      a0, -100                /* openat(AT_FDCWD, "out.txt", O_RDWR|O_CREAT|O_TRUNC, 0644) */
        lla     a1, name
        li      a2, 01102
        li      a3, 0644
        li      a7, 56
        ecall
        mv      s0, a0
        mv      a0, s0                  /* write(fd, msg, 6) */
        lla     a1, msg
        li      a2, 6
        li      a7, 64
        ecall
        mv      a0, s0                  /* lseek(fd, 0, SEEK_SET) */
        li      a1, 0
        li      a2, 0
        li      a7, 62
        ecall
        mv      a0, s0                  /* read(fd, buf, 64) = 6 */
        lla     a1, buf
        li      a2, 64
        li      a7, 63
        ecall
        mv      a0, s0                  /* write(fd, 0x10, 4) = EFAULT */
        li      a1, 16
        li      a2, 4
        li      a7, 64
        ecall
        li      a0, 0                   /* mmap(NULL, 8192, RW, PRIVATE|ANONYMOUS, -1, 0) */
        li      a1, 8192
        li      a2, 3
        li      a3, 0x22
        li      a4, -1
        li      a5, 0
        li      a7, 222
        ecall
        li      a1, 8192                /* munmap(it, 8192) */
        li      a7, 215
        ecall
        mv      a0, s0                  /* close(fd), then close(fd) again = EBADF */
        li      a7, 57
        ecall
        mv      a0, s0
        li      a7, 57
        ecall
        li      a0, -100                /* unlinkat(AT_FDCWD, "out.txt", 0) */
        lla     a1, name
        li      a2, 0
        li      a7, 35
        ecall
        li      a7, 9999                /* an unknown syscall = ENOSYS */
        ecall
        li      a0, 3                   /* exit_group(3) */
        li      a7, 94
        ecall
        .section .rodata
missing: .asciz "missing"
name:   .asciz  "out.txt"
msg:    .ascii  "hello\n"
        .bss
buf:    .space  64
