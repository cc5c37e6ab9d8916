/* trap_fetch_nx.S - jumping into a non-executable data page raises SIGSEGV
 * Prints "before" then traps: rvemu must die of the same signal as the program would
 * (status 139 in sh), as qemu-riscv64 does. */
        .option norvc
        .text
        .globl _start
_start:
        li      a0, 1
        lla     a1, msg
        li      a2, 7
        li      a7, 64
        ecall
        lla     t0, buf
        jr      t0
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
