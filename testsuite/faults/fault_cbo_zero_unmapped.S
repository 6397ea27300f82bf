/* testsuite/faults/fault_cbo_zero_unmapped.S — cbo.zero (Zicboz) on a page the guest never
 * mapped: the CMO specification makes cbo.zero a store for permission checks, so this is a
 * store page fault, which Linux reports as SIGSEGV, as for any store there.  Nothing else may
 * happen first: the block's other bytes are not written and the program does not get to exit.
 * QEMU 7.2 does not implement Zicboz (it dies with SIGILL), so the expected signal comes from
 * the specification; 30-faults.sh says so. */
    .option arch, +zicboz
    .globl _start
_start:
    li t0, 0x40000028   /* inside the 64-byte block at 0x40000000, far from anything mapped */
    cbo.zero (t0)
    li a0, 0
    li a7, 93           /* exit(0): reached only if cbo.zero did not fault */
    ecall
