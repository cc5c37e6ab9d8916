/* static_pie.S - a static position-independent program (ET_DYN, no PT_INTERP): the loader
 * must place it and enter it. It prints PASS when its code runs above its link address,
 * which shows it was relocated as a PIE. */
        .option norvc
        .text
        .globl _start
_start:
        auipc   t0, 0                   /* where we run */
        li      t1, 0x100000
        bltu    t0, t1, fail            /* linked near 0: a PIE is placed well above */
        li      a0, 1
        lla     a1, pass
        li      a2, 5
        li      a7, 64
        ecall
        li      a0, 0
        li      a7, 94
        ecall
fail:   li      a0, 1
        lla     a1, failmsg
        li      a2, 5
        li      a7, 64
        ecall
        li      a0, 1
        li      a7, 94
        ecall
        .section .rodata
pass:   .ascii  "PASS\n"
failmsg: .ascii "FAIL\n"
