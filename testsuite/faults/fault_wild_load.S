/* testsuite/faults/fault_wild_load.S — loads from an address the guest never mapped,
 * far outside the guest space (it would be a valid host address): must die with SIGSEGV. */
    .globl _start
_start:
    li t0, 0x7ffff7dd0000
    ld a0, 0(t0)
    li a7, 93
    ecall
