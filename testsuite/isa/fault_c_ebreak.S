/* testsuite/isa/fault_c_ebreak.S — a trap probe, not a PASS/FAIL test: executes
 * c.ebreak (0x9002), the compressed breakpoint (the 32-bit ebreak is probed by
 * testsuite/faults/fault_ebreak.S).  A breakpoint exception in a Linux process is
 * delivered as SIGTRAP.  Expected outcome: death by SIGTRAP (signal 5, status 133),
 * nothing printed; otherwise it exits with status 3.
 * EXPECT-SIGNAL: 5 */
    .option rvc
    .text
    .globl _start
_start:
    c.ebreak
    c.nop
    li a0, 3
    li a7, 93
    ecall
