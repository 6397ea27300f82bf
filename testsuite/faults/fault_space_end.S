/* testsuite/faults/fault_space_end.S — a 4-byte load whose first two bytes are the
 * last of the stack (the top of rvdbt's 32 GiB guest space) and whose last two lie
 * past the end: must die with SIGSEGV.  Under the translator's host-MMU path the
 * address passes the bounds check (it is below 32 GiB) and the host access runs into
 * the guard page after the guest space, whose fault must become the guest's. */
    .globl _start
_start:
    li t0, 0x7fffffffe
    lw a0, 0(t0)
    li a7, 93
    ecall
