/* tiny.S - a few instructions of each kind for the golden log test: no libc, so the
 * addresses and register values are the same on every build. */
        .option norvc
        .text
        .globl _start
_start:
        li      a0, 5
        li      a1, 0
loop:   add     a1, a1, a0
        addi    a0, a0, -1
        bnez    a0, loop
        .option rvc
        c.mv    a2, a1
        .option norvc
        lla     a1, msg
        li      a0, 1
        li      a2, 6
        li      a7, 64
        ecall
        li      a0, 0
        li      a7, 94
        ecall
        .section .rodata
msg:    .ascii  "tiny!\n"
