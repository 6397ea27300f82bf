/* testsuite/faults/fault_below_zero.S — a load 16 bytes below guest address 0 (base 16,
 * offset -32).  rvdbt keeps its own data just below guest address 0 on the host, so
 * the address check must use base + offset, not the base alone: must die with SIGSEGV. */
    .globl _start
_start:
    li t0, 16
    ld a0, -32(t0)
    li a7, 93
    ecall
