/* The interpreter's handlers for what needs the run loop: illegal records, the fall-through
 * terminal, fence.i, ecall, ebreak and the CSRs. The JIT has its own stencils for these
 * (jit-templates/stencils.c); both call the same helpers. */

OP(ILLEGAL) goto illegal;
OP(X_FALLTHRU) JUMP(PC, 1);
/* fence.i orders this hart's fetches only: this thread's blocks go, at the loop's safe point */
OP(fence_i) {
    cpu->pc = PC + r->len;
    rv_cache_flush(cpu->cache);
    cpu->in_guest = 0;
    return RV_EXIT_NONE;
}
OP(ecall) {
    cpu->pc = PC + r->len;
    goto syscall;
}
OP(ebreak) {
    cpu->sig = SIGTRAP;
    cpu->sig_code = TRAP_BRKPT;
    cpu->sig_addr = PC;
    goto trap;
}

/* ---- Zicsr ---- */
OP(csrrw)  { RD = rv_csr_op(cpu, r); NEXT(); }
OP(csrrs)  { RD = rv_csr_op(cpu, r); NEXT(); }
OP(csrrc)  { RD = rv_csr_op(cpu, r); NEXT(); }
OP(csrrwi) { RD = rv_csr_op(cpu, r); NEXT(); }
OP(csrrsi) { RD = rv_csr_op(cpu, r); NEXT(); }
OP(csrrci) { RD = rv_csr_op(cpu, r); NEXT(); }
