/* testsuite/faults/fault_illegal_csr.S — reads mstatus, a machine-mode CSR, from
 * user mode: an illegal-instruction exception, SIGILL. */
    .globl _start
_start:
    csrr a0, mstatus
    li a7, 93
    ecall
