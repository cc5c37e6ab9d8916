/* trap_bad_rm.S - a dynamic rounding mode of 5 (reserved) makes an FP op raise SIGILL
 * Prints "before" then traps: rvemu must die of the same signal as the program would
 * (status 132 in sh), as qemu-riscv64 does. */
        .option norvc
        .text
        .globl _start
_start:
        li      a0, 1
        lla     a1, msg
        li      a2, 7
        li      a7, 64
        ecall
        li      t0, 5
        fsrm    t0
        fadd.d  f0, f1, f2
        /* not reached */
        li      a0, 0
        li      a7, 94
        ecall
        .section .rodata
msg:    .ascii "before\n"
ro:     .dword 1
        .data
        .balign 8
buf:    .dword 0, 0
