/* trap.h - the frame of the trap tests: print "before", run the trapping body, and fail
 * (exit 0 with nothing more printed would look like a pass, so the status file says which
 * signal must end the program). */
        .option norvc
        .macro TRAP_BEGIN
        .text
        .globl _start
_start:
        li      a0, 1
        lla     a1, msg
        li      a2, 7
        li      a7, 64
        ecall
        .endm

        .macro TRAP_END
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
        .endm
